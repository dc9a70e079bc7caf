/**
 * Blobs in S3-compatible object storage, shared by every intake node.
 *
 * Layout in the bucket (under an optional prefix):
 *   blobs/<sha256>                        a stored blob; appears only whole and right
 *   uploads/<OPD>/<sha256>/<offset>-<chunk sha256>   one acknowledged chunk of a partial upload
 *
 * A chunk is acknowledged only after the store has taken it (its SHA-256 is
 * signed into the request, so the store refuses bytes damaged on the way)
 * and the database has moved the upload's offset past it — one transaction
 * that only one of two racing nodes wins. So node B continues an upload node
 * A accepted, from the offset in the database. On the last chunk the node
 * that received it reads the chunks back in order, hashing them, and writes
 * the blob: a single PUT when small, else a multipart upload of 8 MiB parts
 * that is completed — the moment the object appears — only when the whole
 * hashes to its name; a mismatch aborts it and the upload starts again.
 * A whole blob in one chunk (every file of a small submission) is one PUT.
 *
 * The store unreachable, slow, full or refusing: UNAVAILABLE (503 +
 * Retry-After) and nothing acknowledged, so the client backs off and resends.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { BerkasError } from '../../core/domain/errors';
import { isIntakeError } from '../protocol/errors';
import type { NodeStore, UploadRow } from '../store/node-store';
import { S3Client, S3Error, type S3Config } from './s3-client';
import { blobDamaged, blobMissing, chunkOutOfRange, hashMismatch, offsetMismatch, sha256Hex, storageUnavailable, type BlobStorage } from './blob-storage';

export interface S3StorageOptions extends S3Config {
  /** Key prefix inside the bucket (e.g. "berkas/"); default none. */
  prefix?: string;
  /** Part size of multipart uploads (≥ 5 MiB, S3's floor); default 8 MiB. */
  partBytes?: number;
  nodes: NodeStore;
  /** A local folder for spooling a flash-drive entry while it is hashed (D/tmp). */
  tmpDir: string;
  now?: () => Date;
}

const HEX64 = /^[0-9a-f]{64}$/;
/** How long a node may take to assemble a blob from its chunks before another node takes the last chunk back. */
const ASSEMBLY_GRACE_MS = 10 * 60 * 1000;

function describe(err: unknown): string {
  if (err instanceof S3Error) return err.status === 0 ? `tidak terhubung: ${err.message}` : `${err.code}, HTTP ${err.status}`;
  return (err as Error).message;
}

export function createS3BlobStorage(options: S3StorageOptions): BlobStorage & { client: S3Client } {
  const client = new S3Client(options);
  const prefix = options.prefix ?? '';
  const partBytes = Math.max(5 * 1024 * 1024, options.partBytes ?? 8 * 1024 * 1024);
  const nodes = options.nodes;
  const now = options.now ?? (() => new Date());
  const blobKey = (sha256: string) => `${prefix}blobs/${sha256}`;
  const chunkKey = (opd: string, sha256: string, offset: number, chunkSha: string) => `${prefix}uploads/${opd}/${sha256}/${String(offset).padStart(12, '0')}-${chunkSha}`;
  // Content-addressed and immutable: once seen stored, a blob stays stored (a damaged one is the check's to report).
  const known = new Set<string>();

  /** Runs a store call; its failures become "retry later" (other errors, ours, pass through). */
  async function store<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isIntakeError(err) || (err instanceof BerkasError && !(err instanceof S3Error))) throw err;
      console.warn(`[server] penyimpanan objek, ${what}: ${describe(err)}`);
      throw storageUnavailable(describe(err));
    }
  }

  async function sizeOf(sha256: string): Promise<number | null> {
    return store('HEAD', () => client.headObject(blobKey(sha256)));
  }

  async function putWhole(sha256: string, bytes: Buffer): Promise<void> {
    await store('PUT', () => client.putObject(blobKey(sha256), bytes, sha256));
    known.add(sha256);
  }

  async function readChunks(chunks: { key: string }[]): Promise<AsyncIterable<Buffer>> {
    return (async function* () {
      for (const c of chunks) {
        const bytes = await store('GET', () => client.getObject(c.key));
        if (!bytes) throw storageUnavailable(`potongan ${c.key} hilang dari penyimpanan objek`);
        yield bytes;
      }
    })();
  }

  /** Writes the blob from its acknowledged chunks, or throws BLOB_HASH_MISMATCH without writing it. */
  async function assemble(sha256: string, total: number, chunks: { key: string }[]): Promise<void> {
    const hash = createHash('sha256');
    if (total <= partBytes) {
      const parts: Buffer[] = [];
      for await (const bytes of await readChunks(chunks)) {
        hash.update(bytes);
        parts.push(bytes);
      }
      const digest = hash.digest('hex');
      if (digest !== sha256) throw hashMismatch(sha256, digest);
      await putWhole(sha256, Buffer.concat(parts));
      return;
    }
    const key = blobKey(sha256);
    const uploadId = await store('POST uploads', () => client.createMultipart(key));
    try {
      const etags: string[] = [];
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        const body = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        etags.push(await store('PUT part', () => client.uploadPart(key, uploadId, etags.length + 1, body)));
      };
      for await (const bytes of await readChunks(chunks)) {
        hash.update(bytes);
        pending.push(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes >= partBytes) await flush();
      }
      if (pendingBytes > 0) await flush();
      const digest = hash.digest('hex');
      if (digest !== sha256) throw hashMismatch(sha256, digest);
      await store('POST complete', () => client.completeMultipart(key, uploadId, etags));
      known.add(sha256);
    } catch (err) {
      await client.abortMultipart(key, uploadId).catch(() => undefined);
      throw err;
    }
  }

  async function discardUpload(opd: string, sha256: string, chunks: { key: string }[]): Promise<void> {
    await nodes.forgetUpload(opd, sha256);
    // Chunk objects are garbage now; one that cannot be deleted is only space, never read again.
    await Promise.all(chunks.map((c) => client.deleteObject(c.key).catch(() => undefined)));
  }

  /**
   * The upload's state, after taking back the last chunk of one that holds every chunk but no blob yet when
   * the node assembling it is gone (else the client, told "all bytes held, not complete", could never finish).
   * A blob already stored is taken back at once (only the bookkeeping was lost); one not stored only after
   * ASSEMBLY_GRACE_MS, since a live node may still be assembling it.
   */
  async function uploadState(opd: string, sha256: string): Promise<UploadRow | null> {
    const state = await nodes.upload(opd, sha256);
    if (!state || state.size === 0 || state.offset !== state.size) return state;
    const last = state.chunks[state.chunks.length - 1];
    if (!last) return state;
    const age = now().getTime() - Date.parse(state.updatedAt);
    if (!(await has(sha256)) && !(age > ASSEMBLY_GRACE_MS)) return state;
    await nodes.rewindUpload(opd, sha256, state.size, last, now().toISOString());
    return nodes.upload(opd, sha256);
  }

  async function has(sha256: string): Promise<boolean> {
    if (known.has(sha256)) return true;
    const size = await sizeOf(sha256);
    if (size !== null) known.add(sha256);
    return size !== null;
  }

  return {
    kind: 's3',
    description: `penyimpanan objek S3 ${client.description}${prefix ? ` (awalan ${prefix})` : ''}`,
    client,
    has,
    sizeOf,
    async read(sha256) {
      const bytes = await store('GET', () => client.getObject(blobKey(sha256)));
      if (!bytes) throw blobMissing(sha256, client.description);
      const actual = sha256Hex(bytes);
      if (actual !== sha256) throw blobDamaged(sha256, actual);
      return bytes;
    },
    async open(sha256) {
      const stream = await store('GET', () => client.getStream(blobKey(sha256)));
      if (!stream) throw blobMissing(sha256, client.description);
      // A connection lost mid-read is the store's failure, not the package's: "retry later", never a verdict.
      const out = new PassThrough({ highWaterMark: 1024 * 1024 });
      stream.on('error', (err) => out.destroy(storageUnavailable(describe(new S3Error(0, 'NetworkError', err.message)))));
      stream.on('aborted', () => out.destroy(storageUnavailable('sambungan terputus di tengah pembacaan')));
      return stream.pipe(out);
    },
    async uploadOffset(opd, sha256) {
      return (await uploadState(opd, sha256))?.offset ?? 0;
    },
    async appendChunk(opd, sha256, offset, chunk, total, replace = false) {
      let state = await uploadState(opd, sha256);
      if (state && (state.offset > total || state.size !== total)) {
        // Not a prefix of this blob (another size was expected when it began): nothing in it can be kept.
        await discardUpload(opd, sha256, state.chunks);
        state = null;
      }
      const current = state?.offset ?? 0;
      if (offset !== current) throw offsetMismatch(sha256, offset, current);
      if (offset + chunk.length > total) throw chunkOutOfRange(sha256, offset, chunk.length, total);
      if (offset === 0 && chunk.length === total) {
        const digest = sha256Hex(chunk);
        if (digest !== sha256) throw hashMismatch(sha256, digest);
        if (replace || !(await has(sha256))) await putWhole(sha256, chunk);
        if (state) await discardUpload(opd, sha256, state.chunks);
        return { offset: total, isComplete: true };
      }
      let chunks = state?.chunks ?? [];
      if (chunk.length > 0) {
        const chunkSha = sha256Hex(chunk);
        const key = chunkKey(opd, sha256, offset, chunkSha);
        await store('PUT chunk', () => client.putObject(key, chunk, chunkSha));
        const after = await nodes.advanceUpload(opd, sha256, total, offset, { offset, length: chunk.length, key }, now().toISOString());
        if (!after.isAdvanced) {
          // Another node took this offset first. Its chunk object has this key only when it holds the same
          // bytes; else the object just written is nobody's and goes (a failed delete only costs space).
          const held = await nodes.upload(opd, sha256);
          if (!held?.chunks.some((c) => c.key === key)) await client.deleteObject(key).catch(() => undefined);
          throw offsetMismatch(sha256, offset, after.offset);
        }
        chunks = [...chunks, { offset, length: chunk.length, key }];
      }
      const next = offset + chunk.length;
      if (next < total) return { offset: next, isComplete: false };
      if (replace || !(await has(sha256))) {
        try {
          await assemble(sha256, total, chunks);
        } catch (err) {
          if (isIntakeError(err) && err.code === 'BLOB_HASH_MISMATCH') await discardUpload(opd, sha256, chunks);
          throw err;
        }
      }
      await discardUpload(opd, sha256, chunks);
      return { offset: total, isComplete: true };
    },
    async putStream(source) {
      // A flash-drive entry: spooled to a temp file while hashed (bounded memory), stored under its hash once known.
      await fs.mkdir(options.tmpDir, { recursive: true });
      const tmp = path.join(options.tmpDir, `impor-${randomBytes(8).toString('hex')}.tmp`);
      const hash = createHash('sha256');
      let size = 0;
      try {
        const handle = await fs.open(tmp, 'wx', 0o600);
        try {
          for await (const chunk of source) {
            hash.update(chunk as Buffer);
            size += (chunk as Buffer).length;
            await handle.write(chunk as Buffer);
          }
        } finally {
          await handle.close();
        }
        const sha256 = hash.digest('hex');
        if (!(await has(sha256))) {
          if (size <= partBytes) await putWhole(sha256, await fs.readFile(tmp));
          else {
            const key = blobKey(sha256);
            const uploadId = await store('POST uploads', () => client.createMultipart(key));
            const file = await fs.open(tmp, 'r');
            try {
              const etags: string[] = [];
              for (let at = 0; at < size; at += partBytes) {
                const part = Buffer.alloc(Math.min(partBytes, size - at));
                await file.read(part, 0, part.length, at);
                etags.push(await store('PUT part', () => client.uploadPart(key, uploadId, etags.length + 1, part)));
              }
              await store('POST complete', () => client.completeMultipart(key, uploadId, etags));
              known.add(sha256);
            } catch (err) {
              await client.abortMultipart(key, uploadId).catch(() => undefined);
              throw err;
            } finally {
              await file.close();
            }
          }
        }
        return { sha256, size };
      } finally {
        await fs.rm(tmp, { force: true });
      }
    },
    async *list() {
      let next: string | undefined;
      for (;;) {
        const page = await store('LIST', () => client.list(`${prefix}blobs/`, next));
        for (const o of page.objects) {
          const name = o.key.slice(`${prefix}blobs/`.length);
          if (HEX64.test(name)) yield { sha256: name, size: o.size };
        }
        if (!page.next) return;
        next = page.next;
      }
    },
    cleanup: async () => undefined,
    close: async () => client.close(),
  };
}
