/**
 * Shared by the signing integration tests: a tiny RFC 3161 timestamp
 * authority on 127.0.0.1 (pkijs), the independent judges (pdfsig, qpdf,
 * pdftotext, openssl) and a workspace with settings.
 */
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, sign as cryptoSign } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { signingCertificateV2 } from '../../core/adapters/signing/cades';
import { readNode } from '../../core/adapters/signing/der';
import { readCertificates } from '../../core/adapters/signing/trust';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { inProcessClient } from '../../core/app/in-process';
import { createServices } from '../../core/app/services';
import type { BerkasApi } from '../../core/api/contract';

export const repo = path.resolve(__dirname, '../..');
export const fixtures = path.join(repo, 'tests/fixtures/signing');
export const planFile = path.join(repo, 'tests/fixtures/rencana-aksi/prabumulih-contoh.tsv');
export const p12Password = 'rahasia-uji';

export const settings = {
  opd: { name: 'Dinas Pendidikan Kota Pontianak', code: 'DISDIK', profileId: 'pontianak' },
  officer: { name: 'Budi Santoso', nip: '198703122010011002', jabatan: 'Kepala Bidang Perencanaan', pangkatGolongan: 'Penata / III.c' },
  serverUrl: '',
  language: 'id' as const,
};

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `berkas-${prefix}-`));
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], env: Record<string, string> = {}): Ran {
  const r = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The `berkas` CLI as `npm run -s berkas --` runs it (tsx, no build). */
export function berkas(args: string[], env: Record<string, string> = {}): Ran {
  return run(path.join(repo, 'node_modules/.bin/tsx'), [path.join(repo, 'cli/main.ts'), ...args], env);
}

export async function openTestWorkspace(dataDir: string): Promise<{ ws: Workspace; api: BerkasApi }> {
  const ws = await openWorkspace({ dataDir, transport: 'in-process' });
  const api = inProcessClient(createServices(ws));
  await api.saveSettings(settings);
  return { ws, api };
}

/** Every signature's CMS (DER, padding removed), found through each /ByteRange. */
export function extractCms(pdf: Uint8Array): Buffer[] {
  const text = Buffer.from(pdf).toString('latin1');
  const out: Buffer[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const start = Number(m[2]);
    const end = Number(m[3]);
    const hex = text.slice(start + 1, end - 1);
    const bytes = Buffer.from(hex, 'hex');
    out.push(bytes.subarray(0, readNode(bytes).end));
  }
  return out;
}

export async function opensslCmsPrint(der: Buffer, dir: string): Promise<string> {
  const file = path.join(dir, `cms-${createHash('sha1').update(der).digest('hex')}.der`);
  await fs.writeFile(file, der);
  const r = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file]);
  if (r.code !== 0) throw new Error(`openssl cms gagal: ${r.stderr}`);
  return r.stdout;
}

/** The signed-attribute part of `openssl cms -print` output for one signer. */
export function signedAttrsSection(print: string): string {
  const start = print.indexOf('signedAttrs:');
  const end = print.indexOf('signatureAlgorithm:', start);
  return print.slice(start, end);
}

export interface LocalTsa {
  url: string;
  requests: number;
  close(): Promise<void>;
}

/**
 * A minimal RFC 3161 TSA: answers every TimeStampReq with a token signed by
 * tests/fixtures/signing/tsa.pem (EKU timeStamping), carrying the request's
 * imprint and nonce.
 */
export async function startLocalTsa(options: { genTime?: () => Date } = {}): Promise<LocalTsa> {
  const certDer = readCertificates(readFileSync(path.join(fixtures, 'tsa.pem')), 'tsa.pem')[0] as Uint8Array;
  const intermediateDer = readCertificates(readFileSync(path.join(fixtures, 'intermediate.pem')), 'intermediate.pem')[0] as Uint8Array;
  const cert = pkijs.Certificate.fromBER(new Uint8Array(certDer));
  const key = createPrivateKey(readFileSync(path.join(fixtures, 'tsa.key')));
  let serial = 1;
  const state = { requests: 0 };

  const respond = (body: Buffer): Buffer => {
    const req = pkijs.TimeStampReq.fromBER(new Uint8Array(body));
    const tst = new pkijs.TSTInfo({
      version: 1,
      policy: '1.3.6.1.4.1.55555.1.1',
      messageImprint: req.messageImprint,
      serialNumber: new asn1js.Integer({ value: serial++ }),
      genTime: options.genTime?.() ?? new Date(Math.floor(Date.now() / 1000) * 1000),
      ...(req.nonce ? { nonce: req.nonce } : {}),
    });
    const tstDer = new Uint8Array(tst.toSchema().toBER(false));
    const attrs = new pkijs.SignedAndUnsignedAttributes({
      type: 0,
      attributes: [
        new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.16.1.4' })] }),
        new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(tstDer).digest() })] }),
        new pkijs.Attribute({ type: '1.2.840.113549.1.9.16.2.47', values: [signingCertificateV2(cert, certDer)] }),
      ],
    });
    const toSign = new Uint8Array(attrs.toSchema().toBER(false));
    toSign[0] = 0x31;
    const signerInfo = new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
      digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      signedAttrs: attrs,
      signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.113549.1.1.11', algorithmParams: new asn1js.Null() }),
      signature: new asn1js.OctetString({ valueHex: cryptoSign('sha256', toSign, key) }),
    });
    const signed = new pkijs.SignedData({
      version: 3,
      digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' })],
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.9.16.1.4', eContent: new asn1js.OctetString({ valueHex: tstDer }) }),
      certificates: req.certReq ? [cert, pkijs.Certificate.fromBER(new Uint8Array(intermediateDer))] : [],
      signerInfos: [signerInfo],
    });
    const resp = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: 0 }),
      timeStampToken: new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signed.toSchema(true) }),
    });
    return Buffer.from(resp.toSchema().toBER(false));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      try {
        const answer = respond(Buffer.concat(chunks));
        res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' });
        res.end(answer);
      } catch (err) {
        res.writeHead(400);
        res.end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
