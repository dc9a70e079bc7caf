/**
 * PAdES B-T (issue 4 item 3): with a timestamp authority configured, the
 * signature carries an RFC 3161 token over its signature value as the
 * unsigned attribute id-aa-signatureTimeStampToken. The TSA is a tiny pkijs
 * server on 127.0.0.1 (signing-helpers.ts).
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { requestTimestamp } from '../../core/adapters/signing/tsa-client';
import type { BerkasApi } from '../../core/api/contract';
import type { Workspace } from '../../core/app/workspace';
import { extractCms, fixtures, openTestWorkspace, opensslCmsPrint, p12Password, planFile, run, startLocalTsa, tempDir, type LocalTsa } from './signing-helpers';

let dir: string;
let ws: Workspace;
let api: BerkasApi;
let tsa: LocalTsa;
let planId: string;
let certificateId: string;
const vaultPassphrase = 'frasa brankas uji panjang';
const rootPem = readFileSync(path.join(fixtures, 'root.pem'), 'utf8');

beforeAll(async () => {
  dir = await tempDir('tsa');
  ({ ws, api } = await openTestWorkspace(path.join(dir, 'data')));
  tsa = await startLocalTsa();
  const imported = await api.rencanaAksiImport({ fileName: 'prabumulih-contoh.tsv', contentBase64: readFileSync(planFile).toString('base64'), shouldSave: true });
  planId = imported.plan.id;
  const cert = await api.certificateImport({
    fileName: 'officer.p12',
    contentBase64: readFileSync(path.join(fixtures, 'officer.p12')).toString('base64'),
    password: p12Password,
    vaultPassphrase,
  });
  certificateId = cert.id;
});

afterAll(async () => {
  await tsa.close();
  await ws.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('PAdES B-T with a local timestamp authority', () => {
  it('embeds the timestamp token as an unsigned attribute that every judge accepts', async () => {
    const before = tsa.requests;
    const signed = await api.pdfRencanaAksi({ planId, certificateId, password: p12Password, vaultPassphrase, tsaUrl: tsa.url });
    expect(signed.level).toBe('B-T');
    expect(tsa.requests).toBe(before + 1);
    const file = path.join(dir, signed.fileName);
    const pdf = Buffer.from(signed.contentBase64, 'base64');
    await fs.writeFile(file, pdf);

    const pdfsig = run('pdfsig', [file]).stdout;
    expect(pdfsig).toContain('Signature is Valid.');
    expect(pdfsig).toContain('ETSI.CAdES.detached');

    const [cms] = extractCms(pdf);
    const print = await opensslCmsPrint(cms as Buffer, dir);
    const unsigned = print.slice(print.indexOf('unsignedAttrs:'));
    expect(unsigned).toContain('id-smime-aa-timeStampToken (1.2.840.113549.1.9.16.2.14)');
    expect(print.slice(0, print.indexOf('unsignedAttrs:'))).not.toContain('signingTime');

    const report = await api.pdfVerify({ fileName: signed.fileName, contentBase64: signed.contentBase64, trustRootsPem: [rootPem] });
    const [s] = report.signatures;
    expect(s).toMatchObject({ level: 'B-T', integrity: 'valid', certificate: 'trusted', certified: true, problems: [] });
    expect(s?.timestampedAt).toBe(s?.signedAt);
    expect(Math.abs(Date.parse(s?.timestampedAt ?? '') - Date.now())).toBeLessThan(5 * 60_000);
  });

  it('a backdated timestamp that anyone slipped into the unsigned attributes is only a claim unless its TSA is trusted', async () => {
    const signed = await api.pdfRencanaAksi({ planId, certificateId, password: p12Password, vaultPassphrase });
    const pdf = Buffer.from(signed.contentBase64, 'base64');
    // Anyone holding the PDF can rewrite /Contents (it is outside the signed byte range) with a CMS carrying one more unsigned attribute.
    const backdating = await startLocalTsa({ genTime: () => new Date('2020-01-02T03:04:05Z') });
    const text = pdf.toString('latin1');
    const range = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)/.exec(text)!;
    const [start, end] = [Number(range[1]) + 1, Number(range[2]) - 1];
    const [cms] = extractCms(pdf);
    const content = pkijs.ContentInfo.fromBER(new Uint8Array(cms!));
    const signedData = new pkijs.SignedData({ schema: content.content });
    const info = signedData.signerInfos[0]!;
    const token = await requestTimestamp(backdating.url, new Uint8Array(info.signature.valueBlock.valueHexView));
    await backdating.close();
    info.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: '1.2.840.113549.1.9.16.2.14', values: [asn1js.fromBER(new Uint8Array(token)).result] })],
    });
    const forged = new pkijs.ContentInfo({ contentType: content.contentType, content: signedData.toSchema(true) }).toSchema().toBER(false);
    const hex = Buffer.from(forged).toString('hex').toUpperCase();
    expect(hex.length).toBeLessThanOrEqual(end - start);
    const tampered = Buffer.from(pdf);
    tampered.write(hex.padEnd(end - start, '0'), start, 'latin1');
    const file = path.join(dir, 'dimundurkan.pdf');
    await fs.writeFile(file, tampered);
    expect(run('pdfsig', [file]).stdout).toContain('Signature is Valid.');

    const untrusted = (await api.pdfVerify({ fileName: 'dimundurkan.pdf', contentBase64: tampered.toString('base64') })).signatures[0]!;
    expect(untrusted).toMatchObject({ integrity: 'valid', level: 'B-B', signedAtSource: 'jam-penanda-tangan', timestampedAt: null });
    expect(untrusted.timestampClaim?.time).toBe('2020-01-02T03:04:05.000Z');
    expect(untrusted.signedAt?.startsWith('2020')).toBe(false);
    expect(untrusted.problems.join(' ')).toContain('hanya menurut jam komputer penanda tangan');

    // The same token from a TSA that chains to an installed root is what B-T means.
    const trusted = (await api.pdfVerify({ fileName: 'dimundurkan.pdf', contentBase64: tampered.toString('base64'), trustRootsPem: [rootPem] })).signatures[0]!;
    expect(trusted).toMatchObject({ level: 'B-T', signedAtSource: 'tsa', timestampedAt: '2020-01-02T03:04:05.000Z', timestampClaim: null });
  });

  it('stays B-B without a TSA', async () => {
    const signed = await api.pdfRencanaAksi({ planId, certificateId, password: p12Password, vaultPassphrase });
    expect(signed.level).toBe('B-B');
    const report = await api.pdfVerify({ fileName: signed.fileName, contentBase64: signed.contentBase64 });
    expect(report.signatures[0]).toMatchObject({ level: 'B-B', timestampedAt: null });
  });

  it('refuses to sign, with a clear message, when the TSA cannot be reached', async () => {
    await expect(api.pdfRencanaAksi({ planId, certificateId, password: p12Password, vaultPassphrase, tsaUrl: 'http://127.0.0.1:9/tsa' })).rejects.toMatchObject({
      code: 'TSA_UNREACHABLE',
      message: expect.stringContaining('Server cap waktu (TSA) http://127.0.0.1:9 tidak dapat dihubungi'),
    });
  });
});
