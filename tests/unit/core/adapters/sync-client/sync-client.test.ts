/**
 * The HTTP side of the protocol client against small local servers that
 * answer exactly one way each: chunk headers and sizes, resuming from the
 * server's offset, the server's error codes, a stalled link, a refused
 * connection, and the Ed25519 receipt check.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSyncClient, keyIdOf, verifyReceiptSignature } from '../../../../../core/adapters/sync-client/sync-client';
import { BerkasError } from '../../../../../core/domain/errors';
import { receiptSignedText, type Receipt, type ServerKey } from '../../../../../core/domain/outbox/protocol';

type Handler = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => void;

const servers: http.Server[] = [];
async function serve(handler: Handler): Promise<string> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const tempDirs: string[] = [];

afterEach(async () => {
  for (const d of tempDirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

async function refusal(p: Promise<unknown>): Promise<BerkasError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BerkasError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

async function blobFile(size: number): Promise<{ file: string; bytes: Buffer; sha256: string }> {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) % 251;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-sync-client-'));
  tempDirs.push(dir);
  const file = path.join(dir, 'blob.bin');
  await fs.writeFile(file, bytes);
  return { file, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

describe('sync client', () => {
  it('uploads in checksummed chunks of at most 1 MiB from the offset the server holds', async () => {
    const { file, bytes, sha256 } = await blobFile(2.5 * 1024 * 1024);
    const received: { offset: number; length: number; checksumOk: boolean; uploadLength: string | undefined; auth: string | undefined }[] = [];
    let held = 1024 * 1024; // the first chunk is already on the server
    const url = await serve((req, body, res) => {
      const offset = Number(new URL(req.url ?? '', 'http://x').searchParams.get('offset'));
      received.push({
        offset,
        length: body.length,
        checksumOk: req.headers['berkas-chunk-sha256'] === createHash('sha256').update(body).digest('hex') && body.equals(bytes.subarray(offset, offset + body.length)),
        uploadLength: req.headers['upload-length'] as string | undefined,
        auth: req.headers.authorization,
      });
      held = offset + body.length;
      json(res, 200, { sha256, size: bytes.length, offset: held, complete: held === bytes.length }, { 'Upload-Offset': String(held) });
    });
    const progress: number[] = [];
    await createSyncClient().uploadBlob({ serverUrl: url, token: 'rahasia' }, { sha256, size: bytes.length, offset: held }, file, { onProgress: (o) => progress.push(o) });
    expect(received).toEqual([
      { offset: 1024 * 1024, length: 1024 * 1024, checksumOk: true, uploadLength: String(bytes.length), auth: 'Bearer rahasia' },
      { offset: 2 * 1024 * 1024, length: 512 * 1024, checksumOk: true, uploadLength: String(bytes.length), auth: 'Bearer rahasia' },
    ]);
    expect(progress).toEqual([2 * 1024 * 1024, 2.5 * 1024 * 1024]);
  });

  it("jumps to the server's offset on UPLOAD_OFFSET_MISMATCH instead of re-sending what it holds", async () => {
    const { file, bytes, sha256 } = await blobFile(3 * 1024 * 1024);
    const offsets: number[] = [];
    const url = await serve((req, body, res) => {
      const offset = Number(new URL(req.url ?? '', 'http://x').searchParams.get('offset'));
      offsets.push(offset);
      if (offset === 0) {
        json(res, 409, { error: { code: 'UPLOAD_OFFSET_MISMATCH', message: 'Lanjutkan dari offset 2097152.' }, offset: 2 * 1024 * 1024 });
        return;
      }
      json(res, 200, { sha256, size: bytes.length, offset: offset + body.length, complete: offset + body.length === bytes.length });
    });
    await createSyncClient().uploadBlob({ serverUrl: url, token: 't' }, { sha256, size: bytes.length, offset: 0 }, file);
    expect(offsets).toEqual([0, 2 * 1024 * 1024]);
  });

  it("passes the server's error code and Indonesian message on, with Retry-After", async () => {
    const url = await serve((req, _body, res) => {
      if (req.url === '/v1/submissions/01J1Z8X3KQ7T2V9W4M5N6P7R8S/commit') {
        json(res, 429, { error: { code: 'RATE_LIMITED', message: 'Terlalu banyak permintaan; tunggu sebentar.' } }, { 'Retry-After': '7' });
        return;
      }
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    const c = createSyncClient();
    const limited = await refusal(c.commit({ serverUrl: url, token: 't' }, '01J1Z8X3KQ7T2V9W4M5N6P7R8S', 'a'.repeat(64)));
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', message: 'Terlalu banyak permintaan; tunggu sebentar.', details: { httpStatus: 429, retryAfterMs: 7000 } });
    const gateway = await refusal(c.status({ serverUrl: url, token: 't' }, '01J1Z8X3KQ7T2V9W4M5N6P7R8S'));
    expect(gateway).toMatchObject({ code: 'INTERNAL', details: { httpStatus: 502 } });
    expect(gateway.message).toBe(`Server ${url} menjawab HTTP 502 tanpa keterangan yang dapat dibaca.`);
  });

  it('gives up on a stalled link by its idle timeout, and says the request may have arrived', async () => {
    const url = await serve(() => {
      // Never answers.
    });
    const err = await refusal(createSyncClient({ idleTimeoutMs: 300 }).commit({ serverUrl: url, token: 't' }, '01J1Z8X3KQ7T2V9W4M5N6P7R8S', 'a'.repeat(64)));
    expect(err.code).toBe('NETWORK_TIMEOUT');
    expect(err.details).toMatchObject({ isMaybeDelivered: true });
    expect(err.message).toContain('tidak ada data selama 0,3 detik');
  });

  it('knows that a refused connection delivered nothing', async () => {
    const url = await serve(() => undefined);
    const port = new URL(url).port;
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    const err = await refusal(createSyncClient().commit({ serverUrl: `http://127.0.0.1:${port}`, token: 't' }, '01J1Z8X3KQ7T2V9W4M5N6P7R8S', 'a'.repeat(64)));
    expect(err.code).toBe('NETWORK_REFUSED');
    expect(err.details).toMatchObject({ isMaybeDelivered: false });
  });

  it('returns null for an id the server does not know for this OPD', async () => {
    const url = await serve((_req, _body, res) => json(res, 404, { error: { code: 'SUBMISSION_NOT_FOUND', message: 'Tidak ditemukan.' } }));
    expect(await createSyncClient().status({ serverUrl: url, token: 't' }, '01J1Z8X3KQ7T2V9W4M5N6P7R8S')).toBeNull();
  });

  it('sends the manifest as canonical JSON, so the server hashes exactly what was meant', async () => {
    let sent = '';
    const url = await serve((_req, body, res) => {
      sent = body.toString('utf8');
      json(res, 201, { submissionId: '01J1Z8X3KQ7T2V9W4M5N6P7R8S', manifestSha256: 'b'.repeat(64), state: 'open', missing: [], receipt: null });
    });
    const manifest = {
      protocol: 1 as const,
      submissionId: '01J1Z8X3KQ7T2V9W4M5N6P7R8S',
      type: 'laporan' as const,
      opd: 'DISDIK',
      period: '2025',
      revisionOf: null,
      appVersion: '0.1.0',
      mainDocument: 'data/a.pdf',
      files: [
        { path: 'bagit.txt', sha256: 'c'.repeat(64), size: 55 },
        { path: 'bag-info.txt', sha256: 'd'.repeat(64), size: 1 },
      ],
    };
    await createSyncClient().openSubmission({ serverUrl: url, token: 't' }, manifest, 'b'.repeat(64));
    expect(sent.startsWith('{"manifest":{"appVersion":"0.1.0","files":[{"path":"bag-info.txt"')).toBe(true);
    expect(sent.endsWith(`"manifestSha256":"${'b'.repeat(64)}"}`)).toBe(true);
  });
});

describe('receipt signature', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x as string;
  const key: ServerKey = { keyId: keyIdOf(x), algorithm: 'Ed25519', publicKey: x, createdAt: '', isCurrent: true };
  const base = { submissionId: '01J1Z8X3KQ7T2V9W4M5N6P7R8S', manifestSha256: 'a'.repeat(64), receivedAt: '2025-06-17T03:04:05.123Z', keyId: key.keyId };
  const receipt: Receipt = { ...base, algorithm: 'Ed25519', signature: sign(null, Buffer.from(receiptSignedText(base)), privateKey).toString('base64url') };

  it('verifies under the key it names, and only there', () => {
    expect(verifyReceiptSignature(receipt, [key])).toBe(true);
    expect(verifyReceiptSignature({ ...receipt, manifestSha256: 'b'.repeat(64) }, [key])).toBe(false);
    expect(verifyReceiptSignature({ ...receipt, receivedAt: '2025-06-17T03:04:05.124Z' }, [key])).toBe(false);
    expect(verifyReceiptSignature(receipt, [])).toBe(false);
    // A key list whose id is not its key's: refused even though the key itself would verify.
    expect(verifyReceiptSignature({ ...receipt, keyId: '0123456789abcdef' }, [{ ...key, keyId: '0123456789abcdef' }])).toBe(false);
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x as string;
    expect(verifyReceiptSignature(receipt, [{ ...key, publicKey: other }])).toBe(false);
  });
});
