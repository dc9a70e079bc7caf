/**
 * RFC 3161 client: asks a timestamp authority to stamp the hash of a
 * signature value, and checks that the answer is a token for exactly that
 * hash and our nonce before it is embedded.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { BerkasError } from '../../domain/errors';
import { bufferSource, oid, randomPositiveInteger, sha256Algorithm } from './algorithms';

const maxResponseBytes = 1024 * 1024;

function post(url: URL, body: Uint8Array, timeoutMs: number): Promise<{ status: number; type: string; body: Uint8Array }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/timestamp-query', 'Content-Length': body.length, Accept: 'application/timestamp-reply' },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes) {
            req.destroy(new Error('jawaban terlalu besar'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: new Uint8Array(Buffer.concat(chunks)) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`tidak ada jawaban dalam ${Math.round(timeoutMs / 1000)} detik`)));
    req.on('error', reject);
    req.end(Buffer.from(body));
  });
}

/** Returns the TimeStampToken (DER ContentInfo) for SHA-256(signatureValue). */
export async function requestTimestamp(tsaUrl: string, signatureValue: Uint8Array, timeoutMs = 20_000): Promise<Uint8Array> {
  let url: URL;
  try {
    url = new URL(tsaUrl);
  } catch {
    throw new BerkasError('TSA_URL', `Alamat server cap waktu (TSA) tidak sah: ${tsaUrl}`, { tsaUrl });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BerkasError('TSA_URL', `Alamat server cap waktu (TSA) harus http:// atau https://, bukan ${url.protocol}`, { tsaUrl });
  }
  const imprint = createHash('sha256').update(signatureValue).digest();
  const nonce = randomPositiveInteger(8);
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({ hashAlgorithm: sha256Algorithm(), hashedMessage: new asn1js.OctetString({ valueHex: imprint }) }),
    nonce,
    certReq: true,
  });
  const body = new Uint8Array(request.toSchema().toBER(false));
  let res: { status: number; type: string; body: Uint8Array };
  try {
    res = await post(url, body, timeoutMs);
  } catch (err) {
    throw new BerkasError(
      'TSA_UNREACHABLE',
      `Server cap waktu (TSA) ${url.origin} tidak dapat dihubungi: ${(err as Error).message}. Dokumen tidak ditandatangani; coba lagi saat tersambung, atau tanda tangani tanpa TSA.`,
      { origin: url.origin },
    );
  }
  // `problem` is the technical name of what was wrong, the same in both languages (the English text shows it).
  const fail = (why: string, problem: string) =>
    new BerkasError('TSA_REJECTED', `Server cap waktu (TSA) ${url.origin} ${why}. Dokumen tidak ditandatangani.`, { origin: url.origin, problem });
  if (res.status !== 200) throw fail(`menjawab HTTP ${res.status}`, `HTTP ${res.status}`);
  let resp: pkijs.TimeStampResp;
  try {
    resp = pkijs.TimeStampResp.fromBER(bufferSource(res.body));
  } catch {
    throw fail('mengirim jawaban yang bukan TimeStampResp', 'not a TimeStampResp');
  }
  const status = resp.status.status;
  if (status !== 0 && status !== 1) {
    const said = resp.status.statusStrings?.length ? `: ${resp.status.statusStrings.map((s) => s.valueBlock.value).join('; ')}` : '';
    throw fail(`menolak permintaan (status ${status}${said})`, `PKIStatus ${status}${said}`);
  }
  if (!resp.timeStampToken) throw fail('tidak menyertakan token cap waktu', 'no TimeStampToken');
  const signed = new pkijs.SignedData({ schema: resp.timeStampToken.content });
  if (signed.encapContentInfo.eContentType !== oid.tstInfo || !signed.encapContentInfo.eContent) throw fail('mengirim token tanpa TSTInfo', 'no TSTInfo');
  const tstInfo = pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent.getValue());
  const gotImprint = new Uint8Array(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (Buffer.compare(Buffer.from(gotImprint), imprint) !== 0) throw fail('mengirim token untuk data lain (message imprint berbeda)', 'other message imprint');
  const gotNonce = tstInfo.nonce ? Buffer.from(tstInfo.nonce.valueBlock.valueHexView) : null;
  if (!gotNonce || BigInt('0x' + gotNonce.toString('hex')) !== BigInt('0x' + Buffer.from(nonce.valueBlock.valueHexView).toString('hex'))) throw fail('mengirim token dengan nonce berbeda', 'other nonce');
  return new Uint8Array(resp.timeStampToken.toSchema().toBER(false));
}
