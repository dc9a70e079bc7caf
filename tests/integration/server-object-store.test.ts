/**
 * The S3 adapter of the blob storage port against a real object store
 * (BERKAS_S3_*: OpenStack Swift's s3api from .ci/object-store.sh), with its
 * upload state on the embedded store: two adapters stand for two nodes.
 * Without BERKAS_S3_BUCKET the block is skipped and says so.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Readable } from 'node:stream';
import { isIntakeError } from '../../server/protocol/errors';
import { objectStoreFromEnv, type ObjectStoreConfig } from '../../server/storage/config';
import { createS3BlobStorage } from '../../server/storage/s3-storage';
import { NodeStore } from '../../server/store/node-store';
import type { SqlRunner } from '../../server/store/sql-runner';
import { openSqljsRunner } from '../../server/store/sqljs-runner';
import { CHUNK, removeTempDirs, sha256, tempDir } from './helpers/server-client';

const objectStore = objectStoreFromEnv();
const describeS3 = objectStore ? describe : describe.skip;
if (!objectStore) console.warn('server-object-store: penyimpanan objek S3 DILEWATI — BERKAS_S3_BUCKET dkk. tidak diisi (`. .ci/object-store.sh`).');

async function failure(promise: Promise<unknown>): Promise<{
  code: string;
  status: number;
  headers: Record<string, string>;
  extra: Record<string, unknown>;
}> {
  try {
    await promise;
  } catch (err) {
    if (isIntakeError(err))
      return {
        code: err.code,
        status: err.status,
        headers: err.headers,
        extra: err.extra,
      };
    if (err instanceof Error && 'code' in err)
      return {
        code: String((err as { code: unknown }).code),
        status: 0,
        headers: {},
        extra: {},
      };
    throw err;
  }
  throw new Error('expected a failure');
}

describeS3(`blob storage in S3-compatible object storage${objectStore ? '' : ' (dilewati: BERKAS_S3_BUCKET dkk. tidak diisi)'}`, () => {
  const config: ObjectStoreConfig = {
    ...(objectStore as ObjectStoreConfig),
    prefix: `uji-${randomBytes(6).toString('hex')}/`,
  };
  const dataDir = tempDir('s3-store');
  let runner: SqlRunner;
  let nodes: NodeStore;
  const open = () => createS3BlobStorage({ ...config, nodes, tmpDir: `${dataDir}/tmp` });
  let nodeA: ReturnType<typeof open>;
  let nodeB: ReturnType<typeof open>;

  beforeAll(async () => {
    runner = await openSqljsRunner(dataDir);
    nodes = new NodeStore(runner);
    nodeA = open();
    nodeB = open();
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await runner?.close();
    removeTempDirs();
  });

  test('a chunked upload continued by the other node is stored whole (multipart) and read back; its chunk objects are gone', async () => {
    const bytes = randomBytes(9 * CHUNK + 11);
    const digest = sha256(bytes);
    for (let at = 0; at < 4 * CHUNK; at += CHUNK) expect((await nodeA.appendChunk('DISDIK', digest, at, bytes.subarray(at, at + CHUNK), bytes.length)).offset).toBe(at + CHUNK);
    expect(await nodeB.uploadOffset('DISDIK', digest)).toBe(4 * CHUNK);
    // Another OPD's upload of the same blob is its own.
    expect(await nodeB.uploadOffset('DINKES', digest)).toBe(0);
    expect(await nodeB.has(digest)).toBe(false);
    let state = { offset: 4 * CHUNK, isComplete: false };
    while (!state.isComplete) state = await nodeB.appendChunk('DISDIK', digest, state.offset, bytes.subarray(state.offset, state.offset + CHUNK), bytes.length);
    expect(state.offset).toBe(bytes.length);
    expect(await nodeA.sizeOf(digest)).toBe(bytes.length);
    expect((await nodeA.read(digest)).equals(bytes)).toBe(true);
    expect(await nodes.upload('DISDIK', digest)).toBeNull();
    expect((await nodeA.client.list(`${config.prefix}uploads/`)).objects).toEqual([]);
    const listed: { sha256: string; size: number }[] = [];
    for await (const blob of nodeB.list()) listed.push(blob);
    expect(listed).toContainEqual({ sha256: digest, size: bytes.length });
  }, 120_000);

  test('two nodes given the same offset: one acknowledges it, the other answers with the resume point', async () => {
    const bytes = randomBytes(3 * CHUNK);
    const digest = sha256(bytes);
    const first = bytes.subarray(0, CHUNK);
    const answers = await Promise.allSettled([nodeA.appendChunk('DISDIK', digest, 0, first, bytes.length), nodeB.appendChunk('DISDIK', digest, 0, first, bytes.length)]);
    const won = answers.filter((a) => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = answers.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    expect(isIntakeError(lost.reason) && [lost.reason.code, lost.reason.extra.offset]).toEqual(['UPLOAD_OFFSET_MISMATCH', CHUNK]);
    expect((await nodes.upload('DISDIK', digest))?.chunks).toHaveLength(1);
  }, 60_000);

  test('a node killed while assembling: after the grace period another node takes the last chunk back and the client finishes', async () => {
    const bytes = randomBytes(2 * CHUNK + 9);
    const digest = sha256(bytes);
    await nodeA.appendChunk('DISDIK', digest, 0, bytes.subarray(0, CHUNK), bytes.length);
    await nodeA.appendChunk('DISDIK', digest, CHUNK, bytes.subarray(CHUNK, 2 * CHUNK), bytes.length);
    // What node A does with the last chunk before it assembles: the chunk object, then the offset. Then it dies.
    const last = bytes.subarray(2 * CHUNK);
    const key = `${config.prefix}uploads/DISDIK/${digest}/${String(2 * CHUNK).padStart(12, '0')}-${sha256(last)}`;
    await nodeA.client.putObject(key, Buffer.from(last));
    expect(await nodes.advanceUpload('DISDIK', digest, bytes.length, 2 * CHUNK, { offset: 2 * CHUNK, length: last.length, key }, new Date().toISOString())).toEqual({
      offset: bytes.length,
      isAdvanced: true,
    });
    // Within the grace period the assembling node may be alive: every byte is held, the blob is not yet.
    expect(await nodeB.uploadOffset('DISDIK', digest)).toBe(bytes.length);
    const later = createS3BlobStorage({
      ...config,
      nodes,
      tmpDir: `${dataDir}/tmp`,
      now: () => new Date(Date.now() + 11 * 60 * 1000),
    });
    try {
      expect(await later.uploadOffset('DISDIK', digest)).toBe(2 * CHUNK);
      expect(await later.appendChunk('DISDIK', digest, 2 * CHUNK, Buffer.from(last), bytes.length)).toEqual({ offset: bytes.length, isComplete: true });
      expect((await nodeA.read(digest)).equals(bytes)).toBe(true);
      expect(await nodes.upload('DISDIK', digest)).toBeNull();
    } finally {
      await later.close();
    }
  }, 60_000);

  test('bytes that do not hash to the name are never stored: the upload starts again at 0 and its chunks are deleted', async () => {
    const bytes = randomBytes(2 * CHUNK + 5);
    const digest = sha256(bytes);
    const wrong = Buffer.from(bytes);
    wrong[CHUNK + 1] = (wrong[CHUNK + 1] as number) ^ 0xff;
    await nodeA.appendChunk('DINKES', digest, 0, wrong.subarray(0, CHUNK), wrong.length);
    await nodeB.appendChunk('DINKES', digest, CHUNK, wrong.subarray(CHUNK, 2 * CHUNK), wrong.length);
    expect(await failure(nodeA.appendChunk('DINKES', digest, 2 * CHUNK, wrong.subarray(2 * CHUNK), wrong.length))).toMatchObject({ code: 'BLOB_HASH_MISMATCH', status: 422 });
    expect(await nodeA.uploadOffset('DINKES', digest)).toBe(0);
    expect(await nodeB.has(digest)).toBe(false);
    expect((await nodeA.client.list(`${config.prefix}uploads/DINKES/${digest}/`)).objects).toEqual([]);
    // A whole blob in one chunk is checked the same way.
    expect(await failure(nodeA.appendChunk('DINKES', digest, 0, wrong, wrong.length))).toMatchObject({ code: 'BLOB_HASH_MISMATCH' });
    expect(await nodeA.has(digest)).toBe(false);
  }, 60_000);

  test('a blob altered in the bucket is refused as damaged, never returned; a flash-drive entry is stored under its hash', async () => {
    const bytes = randomBytes(4000);
    const digest = sha256(bytes);
    expect(await nodeA.appendChunk('DISDIK', digest, 0, bytes, bytes.length)).toEqual({ offset: bytes.length, isComplete: true });
    expect((await nodeB.read(digest)).equals(bytes)).toBe(true);
    const altered = Buffer.from(bytes);
    altered[7] = (altered[7] as number) ^ 1;
    await nodeA.client.putObject(`${config.prefix}blobs/${digest}`, altered);
    expect(await failure(nodeB.read(digest))).toMatchObject({
      code: 'BLOB_DAMAGED',
    });
    // A known-damaged copy is replaced by a complete upload of the right bytes.
    await nodeB.appendChunk('DISDIK', digest, 0, bytes, bytes.length, true);
    expect((await nodeA.read(digest)).equals(bytes)).toBe(true);

    const entry = randomBytes(6 * CHUNK + 1);
    expect(await nodeA.putStream(Readable.from([entry.subarray(0, 100), entry.subarray(100)]))).toEqual({ sha256: sha256(entry), size: entry.length });
    expect((await nodeB.read(sha256(entry))).equals(entry)).toBe(true);
  }, 60_000);

  test('a store that does not answer: "retry later" (503, Retry-After), nothing acknowledged', async () => {
    // A loopback port nobody listens on: the connection is refused, as when the store is down.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = createS3BlobStorage({
      ...config,
      endpoint: `http://127.0.0.1:${port}`,
      nodes,
      tmpDir: `${dataDir}/tmp`,
    });
    try {
      const bytes = randomBytes(2 * CHUNK);
      const digest = sha256(bytes);
      expect(await failure(down.appendChunk('DISDIK', digest, 0, bytes.subarray(0, CHUNK), bytes.length))).toMatchObject({
        code: 'UNAVAILABLE',
        status: 503,
        headers: { 'Retry-After': '30' },
      });
      expect(await down.uploadOffset('DISDIK', digest)).toBe(0);
      expect(await failure(down.appendChunk('DISDIK', digest, 0, bytes, bytes.length))).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
      expect(await failure(down.has(digest))).toMatchObject({
        code: 'UNAVAILABLE',
      });
    } finally {
      await down.close();
    }
  }, 60_000);
});
