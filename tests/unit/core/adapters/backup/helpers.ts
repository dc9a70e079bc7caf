import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BACKUP_FORMAT_VERSION,
  DERIVED_KEY_LEN,
  ENTRY_TAG,
  GCM_TAG_LEN,
  MANIFEST_TAG,
  chunkCount,
  manifestLine,
  type BackupHeader,
  type ScryptParams,
} from '../../../../../core/domain/backup/format';
import { encodeHeaderBlock } from '../../../../../core/adapters/backup/backup-writer';
import { supportedVersions } from '../../../../../core/adapters/backup/archiver';
import { deriveKeys, sealChunk } from '../../../../../core/adapters/backup/stream-cipher';
import type { EntryInfo, EntrySink } from '../../../../../core/adapters/backup/backup-reader';

/** Cheap enough for hundreds of opens in a test; the format and code path are the same. */
export const cheapScrypt: ScryptParams = { N: 1024, r: 8, p: 1 };
export const passphrase = 'kuda-lari-cepat-sekali';
/** This app's versions as the code states them (the newest migration moves as features land). */
export const supported = supportedVersions('0.1.0');

const dirs: string[] = [];

export async function tempDir(prefix = 'berkas-backup-test-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('expected a rejection');
}

/** Every file under dir (relative path → SHA-256), and every folder (→ 'dir'): equal trees, equal maps. */
export async function treeOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(rel: string): Promise<void> {
    for (const item of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${item.name}` : item.name;
      if (item.isDirectory()) {
        out[r] = 'dir';
        await walk(r);
      } else out[r] = sha256(await fs.readFile(path.join(dir, r)));
    }
  }
  try {
    await walk('');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  return out;
}

/** Collects what a reader hands over. */
export function collectingSink(): EntrySink & { files: Map<string, Buffer>; ends: (EntryInfo & { sha256: string })[] } {
  const files = new Map<string, Buffer>();
  const ends: (EntryInfo & { sha256: string })[] = [];
  let current = '';
  let parts: Buffer[] = [];
  return {
    files,
    ends,
    async begin(entry) {
      current = entry.path;
      parts = [];
    },
    async data(bytes) {
      parts.push(Buffer.from(bytes));
    },
    async end(entry) {
      files.set(current, Buffer.concat(parts));
      ends.push(entry);
    },
  };
}

export interface RawEntry {
  path: string;
  bytes: Buffer;
  /** The size field to write, when it should lie. */
  declaredSize?: number;
}

export function entryRecord(e: RawEntry): Buffer {
  const head = Buffer.alloc(1 + 2 + Buffer.byteLength(e.path, 'latin1') + 8);
  head[0] = ENTRY_TAG;
  head.writeUInt16BE(Buffer.byteLength(e.path, 'latin1'), 1);
  head.write(e.path, 3, 'latin1');
  const size = e.declaredSize ?? e.bytes.length;
  head.writeUInt32BE(Math.floor(size / 2 ** 32), head.length - 8);
  head.writeUInt32BE(size % 2 ** 32, head.length - 4);
  return Buffer.concat([head, e.bytes]);
}

export function manifestRecord(lines: string): Buffer {
  const head = Buffer.alloc(5);
  head[0] = MANIFEST_TAG;
  head.writeUInt32BE(Buffer.byteLength(lines, 'latin1'), 1);
  return Buffer.concat([head, Buffer.from(lines, 'latin1')]);
}

/** A correct manifest for these entries. */
export function manifestFor(entries: RawEntry[]): string {
  return entries.map((e) => manifestLine(sha256(e.bytes), e.bytes.length, e.path)).join('');
}

/**
 * Encrypts arbitrary plaintext exactly as the writer would: how tests build
 * files the writer refuses to make (hostile paths, lying sizes, newer versions),
 * properly sealed so only the reader's own checks can catch them.
 */
export async function craftBackup(
  file: string,
  plaintext: Buffer,
  options: { passphrase?: string; chunkSize?: number; header?: Partial<BackupHeader> & Record<string, unknown> } = {},
): Promise<void> {
  const chunkSize = options.chunkSize ?? 1024;
  const salt = randomBytes(16);
  const noncePrefix = randomBytes(8);
  const keys = await deriveKeys(options.passphrase ?? passphrase, salt, cheapScrypt);
  const header = {
    format: 'berkas-backup',
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: '0.1.0',
    schemaVersion: 5,
    createdAt: '2021-06-17T03:00:00.000Z',
    kdf: { name: 'scrypt', ...cheapScrypt, salt: salt.toString('base64'), keyLength: DERIVED_KEY_LEN },
    cipher: { name: 'AES-256-GCM', construction: 'STREAM', chunkSize, noncePrefix: noncePrefix.toString('base64'), tagLength: GCM_TAG_LEN },
    keyCheck: keys.keyCheck.toString('base64'),
    plaintextBytes: plaintext.length,
    ...options.header,
  } as BackupHeader;
  const { block, hash } = encodeHeaderBlock(header);
  const parts: Buffer[] = [block];
  const n = chunkCount(plaintext.length, chunkSize);
  for (let i = 0; i < n; i++) {
    parts.push(sealChunk({ key: keys.encryptionKey, noncePrefix, headerHash: hash }, i, i === n - 1, plaintext.subarray(i * chunkSize, (i + 1) * chunkSize)));
  }
  await fs.writeFile(file, Buffer.concat(parts));
}
