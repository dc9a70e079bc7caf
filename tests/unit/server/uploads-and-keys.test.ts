/** Partial uploads on disk (PROTOCOL.md §5.2) and the receipt keys (§8). */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, promises as fs, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createBlobStore } from '../../../core/adapters/blob-store';
import { isIntakeError } from '../../../server/protocol/errors';
import { UploadArea } from '../../../server/intake/uploads';
import { ReceiptKeys, verifyReceipt } from '../../../server/intake/receipt-keys';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berkas-uploads-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(p: Promise<unknown>): Promise<{ code: string; extra: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    if (isIntakeError(err)) return { code: err.code, extra: err.extra };
    throw err;
  }
  throw new Error('no error');
}

describe('UploadArea', () => {
  test('appends in order, refuses a wrong offset with the right one, stores the complete blob by its hash', async () => {
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    const area = new UploadArea(dir, blobs);
    const bytes = randomBytes(2500);
    const digest = sha(bytes);
    expect(await area.append('DISDIK', digest, 0, bytes.subarray(0, 1000), bytes.length)).toEqual({ offset: 1000, isComplete: false });
    expect(await area.offsetOf('DISDIK', digest)).toBe(1000);
    // Another OPD's upload of the same blob is separate.
    expect(await area.offsetOf('BAPPEDA', digest)).toBe(0);
    expect(await codeOf(area.append('DISDIK', digest, 0, bytes.subarray(0, 1000), bytes.length))).toEqual({ code: 'UPLOAD_OFFSET_MISMATCH', extra: { offset: 1000 } });
    expect((await codeOf(area.append('DISDIK', digest, 1000, Buffer.alloc(2000), bytes.length))).code).toBe('CHUNK_OUT_OF_RANGE');
    expect(await area.append('DISDIK', digest, 1000, bytes.subarray(1000), bytes.length)).toEqual({ offset: 2500, isComplete: true });
    expect(readFileSync(blobs.pathOf(digest))).toEqual(bytes);
    expect(await area.offsetOf('DISDIK', digest)).toBe(0);
  });

  test('a completed upload whose bytes do not hash to the name is discarded', async () => {
    const area = new UploadArea(dir, createBlobStore(path.join(dir, 'blobs')));
    const claimed = sha(Buffer.from('yang dijanjikan'));
    expect((await codeOf(area.append('DISDIK', claimed, 0, Buffer.from('yang dikirim!!!'), 15))).code).toBe('BLOB_HASH_MISMATCH');
    expect(await area.offsetOf('DISDIK', claimed)).toBe(0);
  });

  test('resumes after a restart from the bytes on disk (no in-memory hash), also from a torn prefix', async () => {
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    const bytes = randomBytes(3000);
    const digest = sha(bytes);
    await new UploadArea(dir, blobs).append('DISDIK', digest, 0, bytes.subarray(0, 1000), bytes.length);
    // A kill mid-append leaves part of the next (already checked) chunk.
    await fs.appendFile(path.join(dir, 'uploads', 'DISDIK', `${digest}.part`), bytes.subarray(1000, 1300));
    const restarted = new UploadArea(dir, blobs);
    expect(await restarted.offsetOf('DISDIK', digest)).toBe(1300);
    expect((await restarted.append('DISDIK', digest, 1300, bytes.subarray(1300), bytes.length)).isComplete).toBe(true);
    expect(readFileSync(blobs.pathOf(digest))).toEqual(bytes);
  });

  test('a part longer than the blob is dropped and the upload starts again', async () => {
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    const bytes = randomBytes(100);
    const digest = sha(bytes);
    await fs.mkdir(path.join(dir, 'uploads', 'DISDIK'), { recursive: true });
    await fs.writeFile(path.join(dir, 'uploads', 'DISDIK', `${digest}.part`), randomBytes(500));
    const area = new UploadArea(dir, blobs);
    expect((await area.append('DISDIK', digest, 0, bytes, 100)).isComplete).toBe(true);
  });

  test('a whole blob in one chunk: stored into a new store (its folders made), nothing beside it, an empty part dropped', async () => {
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    const area = new UploadArea(dir, blobs);
    const first = randomBytes(700);
    expect(await area.append('DISDIK', sha(first), 0, first, first.length)).toEqual({ offset: 700, isComplete: true });
    expect(readFileSync(blobs.pathOf(sha(first)))).toEqual(first);
    expect(statSync(blobs.pathOf(sha(first))).mode & 0o777).toBe(0o600);
    expect(await fs.readdir(path.dirname(blobs.pathOf(sha(first))))).toEqual([sha(first)]);
    // Every fan folder made at the first blob.
    expect((await fs.readdir(path.join(dir, 'blobs'))).filter((n) => /^[0-9a-f]{2}$/.test(n))).toHaveLength(256);
    // A stepwise upload that stored nothing yet leaves an empty part: the whole blob takes its place.
    const second = randomBytes(900);
    await fs.mkdir(path.join(dir, 'uploads', 'DISDIK'), { recursive: true });
    await fs.writeFile(path.join(dir, 'uploads', 'DISDIK', `${sha(second)}.part`), Buffer.alloc(0));
    expect(await area.append('DISDIK', sha(second), 0, second, second.length)).toEqual({ offset: 900, isComplete: true });
    expect(readFileSync(blobs.pathOf(sha(second)))).toEqual(second);
    expect(await fs.readdir(path.join(dir, 'uploads', 'DISDIK'))).toEqual([]);
    // Stored again (another OPD, or a damaged copy replaced): the same one file.
    expect((await area.append('BAPPEDA', sha(first), 0, first, first.length)).isComplete).toBe(true);
    expect((await area.append('BAPPEDA', sha(first), 0, first, first.length, true)).isComplete).toBe(true);
    expect(await fs.readdir(path.dirname(blobs.pathOf(sha(first))))).toEqual([sha(first)]);
    expect(readFileSync(blobs.pathOf(sha(first)))).toEqual(first);
    // A fan folder removed since is made again for the next blob it holds.
    const fanOf = (b: Buffer) => sha(b).slice(0, 2);
    let third = randomBytes(300);
    while ([fanOf(first), fanOf(second)].includes(fanOf(third))) third = randomBytes(300);
    await fs.rm(path.dirname(blobs.pathOf(sha(third))), { recursive: true });
    expect((await area.append('DISDIK', sha(third), 0, third, third.length)).isComplete).toBe(true);
    expect(readFileSync(blobs.pathOf(sha(third)))).toEqual(third);
  });

  test('a whole blob does not pass over a part a stepwise upload already holds', async () => {
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    const area = new UploadArea(dir, blobs);
    const bytes = randomBytes(2000);
    await area.append('DISDIK', sha(bytes), 0, bytes.subarray(0, 500), bytes.length);
    expect(await codeOf(area.append('DISDIK', sha(bytes), 0, bytes, bytes.length))).toEqual({ code: 'UPLOAD_OFFSET_MISMATCH', extra: { offset: 500 } });
    expect(await blobs.has(sha(bytes))).toBe(false);
  });

  test('storeStream stores once by content', async () => {
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    const area = new UploadArea(dir, blobs);
    const bytes = randomBytes(5000);
    const a = await area.storeStream(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]));
    const b = await area.storeStream(Readable.from([bytes]));
    expect(a).toEqual({ sha256: sha(bytes), size: 5000 });
    expect(b).toEqual(a);
    expect(statSync(blobs.pathOf(a.sha256)).size).toBe(5000);
  });
});

describe('ReceiptKeys', () => {
  test('created on first open with 0600 files, the same after reopening, rotation keeps old keys published', async () => {
    const keys = await ReceiptKeys.open(dir, new Date('2025-01-01T00:00:00Z'));
    const first = keys.published();
    expect(first).toHaveLength(1);
    expect(first[0]?.isCurrent).toBe(true);
    const [file] = await fs.readdir(path.join(dir, 'keys'));
    expect(statSync(path.join(dir, 'keys', file as string)).mode & 0o777).toBe(0o600);
    const receipt = keys.sign({ submissionId: '0190a5f2-7c3e-7d41-9b2a-3f6c1e8d2a10', manifestSha256: 'a'.repeat(64), receivedAt: '2025-06-17T00:00:00.000Z' });

    const reopened = await ReceiptKeys.open(dir, new Date('2025-02-01T00:00:00Z'));
    expect(reopened.published()).toEqual(first);
    await reopened.rotate(new Date('2025-03-01T00:00:00Z'));
    const after = reopened.published();
    expect(after).toHaveLength(2);
    expect(after.filter((k) => k.isCurrent).map((k) => k.keyId)).not.toContain(receipt.keyId);
    expect(verifyReceipt(receipt, after)).toBe(true);
    const next = reopened.sign({ submissionId: receipt.submissionId, manifestSha256: receipt.manifestSha256, receivedAt: receipt.receivedAt });
    expect(next.keyId).not.toBe(receipt.keyId);
    expect(verifyReceipt(next, after)).toBe(true);
    expect((await ReceiptKeys.open(dir, new Date())).published()).toEqual(after);
  });
});
