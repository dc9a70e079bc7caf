/**
 * The Ed25519 keys that sign receipts (PROTOCOL.md §8), one JSON file per key
 * in <data-dir>/keys/ (mode 0600), created on first start. Rotation adds a key
 * and retires the old one, which stays published so old receipts still verify.
 *
 * On PostgreSQL the keys live in the database (table receipt_keys), so every
 * node signs with the same current key and publishes all of them: the first
 * start imports D/keys (old receipts keep verifying), and each node re-reads
 * the table every few seconds, so a rotation on one node reaches the others.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerkasError } from '../../core/domain/errors';
import { describeFsError, writeFileAtomic } from '../../core/adapters/fs-atomic';
import { canonicalJson, sha256Hex } from '../protocol/canonical-json';
import type { Receipt } from '../protocol/types';
import type { NodeStore, ReceiptKeyRow } from '../store/node-store';

export interface PublishedKey {
  keyId: string;
  algorithm: 'Ed25519';
  publicKey: string;
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  createdAt: string;
  isCurrent: boolean;
}

interface KeyFile {
  format: 'berkas-receipt-key';
  version: 1;
  keyId: string;
  createdAt: string;
  retiredAt: string | null;
  /** PKCS#8 PEM of the private key. */
  privateKey: string;
}

interface LoadedKey {
  file: string;
  data: KeyFile;
  privateKey: KeyObject;
  publicRaw: Buffer;
}

/** The 32 raw bytes of an Ed25519 public key (the JWK "x"). */
function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(String(jwk.x), 'base64url');
}

export function keyIdOf(publicRaw: Uint8Array): string {
  return sha256Hex(publicRaw).slice(0, 16);
}

/** The bytes a receipt signature covers: canonical JSON of exactly these four members. */
export function receiptSignedBytes(r: { submissionId: string; manifestSha256: string; receivedAt: string; keyId: string }): Buffer {
  return Buffer.from(canonicalJson({ submissionId: r.submissionId, manifestSha256: r.manifestSha256, receivedAt: r.receivedAt, keyId: r.keyId }), 'utf8');
}

/** Checks a receipt against published keys, as the app does before marking "terkirim". */
export function verifyReceipt(receipt: Receipt, keys: readonly PublishedKey[]): boolean {
  const key = keys.find((k) => k.keyId === receipt.keyId);
  if (!key || receipt.algorithm !== 'Ed25519') return false;
  const publicKey = createPublicKey({ key: key.jwk, format: 'jwk' });
  return verify(null, receiptSignedBytes(receipt), publicKey, Buffer.from(receipt.signature, 'base64url'));
}

/** How long a node signs with the keys it read before it reads the shared table again. */
const SHARED_REFRESH_MS = 2_000;

function fromRow(row: ReceiptKeyRow): LoadedKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: row.privateKeyPem, format: 'pem' });
  } catch (err) {
    throw new BerkasError('RECEIPT_KEY_UNREADABLE', `Kunci tanda terima ${row.keyId} di basis data tidak dapat dibaca (${(err as Error).message}). Pulihkan tabel receipt_keys dari cadangan.`);
  }
  const publicRaw = rawPublicKey(createPublicKey(privateKey));
  if (keyIdOf(publicRaw) !== row.keyId) throw new BerkasError('RECEIPT_KEY_UNREADABLE', `Kunci tanda terima ${row.keyId} di basis data: keyId tidak cocok dengan kuncinya.`);
  const data: KeyFile = { format: 'berkas-receipt-key', version: 1, keyId: row.keyId, createdAt: row.createdAt, retiredAt: row.retiredAt, privateKey: row.privateKeyPem };
  return { file: `receipt_keys:${row.keyId}`, data, privateKey, publicRaw };
}

function toRow(k: LoadedKey): ReceiptKeyRow {
  return { keyId: k.data.keyId, createdAt: k.data.createdAt, retiredAt: k.data.retiredAt, privateKeyPem: k.data.privateKey };
}

function newKey(now: Date): LoadedKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicRaw = rawPublicKey(createPublicKey(privateKey));
  const data: KeyFile = {
    format: 'berkas-receipt-key',
    version: 1,
    keyId: keyIdOf(publicRaw),
    createdAt: now.toISOString(),
    retiredAt: null,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  return { file: '', data, privateKey, publicRaw };
}

export class ReceiptKeys {
  private loadedAt = 0;

  private constructor(
    private readonly dir: string,
    private keys: LoadedKey[],
    private readonly shared: NodeStore | null = null,
  ) {}

  static async open(dataDir: string, now: Date, shared?: NodeStore): Promise<ReceiptKeys> {
    const dir = path.join(path.resolve(dataDir), 'keys');
    try {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw describeFsError(err, dir);
    }
    if (shared) {
      const keys = new ReceiptKeys(dir, [], shared);
      await keys.reload();
      if (!keys.current()) {
        // The first start on this database: the keys of this data folder come along (their receipts must
        // still verify), else a new one. When two nodes start at once, the database keeps one current key.
        const local = await loadKeys(dir);
        const newest = local.filter((k) => k.data.retiredAt === null).sort((a, b) => (a.data.createdAt < b.data.createdAt ? 1 : -1))[0];
        const fresh = newest ? null : newKey(now);
        await shared.addReceiptKeys([...local, ...(fresh ? [fresh] : [])].map(toRow), { makeCurrent: (newest ?? fresh)?.data.keyId ?? null, now: now.toISOString(), onlyIfNone: true });
        await keys.reload();
      }
      return keys;
    }
    const keys = new ReceiptKeys(dir, await loadKeys(dir));
    if (!keys.current()) await keys.rotate(now);
    return keys;
  }

  /** Where the keys are kept, for the start-up line. */
  get location(): string {
    return this.shared ? 'basis data (tabel receipt_keys)' : this.dir;
  }

  private async reload(): Promise<void> {
    if (!this.shared) return;
    this.keys = (await this.shared.receiptKeys()).map(fromRow);
    this.loadedAt = Date.now();
  }

  /** Shared keys: read again when the copy in hand is a few seconds old (another node may have rotated). */
  async refresh(): Promise<void> {
    if (this.shared && Date.now() - this.loadedAt >= SHARED_REFRESH_MS) await this.reload();
  }

  private current(): LoadedKey | undefined {
    return this.keys.filter((k) => k.data.retiredAt === null).sort((a, b) => (a.data.createdAt < b.data.createdAt ? 1 : -1))[0];
  }

  /** A new current key; the previous ones are marked retired but stay published. */
  async rotate(now: Date): Promise<PublishedKey> {
    if (this.shared) {
      const fresh = newKey(now);
      await this.shared.addReceiptKeys([toRow(fresh)], { makeCurrent: fresh.data.keyId, now: now.toISOString() });
      await this.reload();
      return this.published().find((k) => k.keyId === fresh.data.keyId) as PublishedKey;
    }
    const { privateKey, publicRaw, data } = newKey(now);
    const file = path.join(this.dir, `receipt-key-${data.keyId}.json`);
    await writeFileAtomic(file, JSON.stringify(data, null, 2), 0o600);
    for (const old of this.keys.filter((k) => k.data.retiredAt === null)) {
      old.data = { ...old.data, retiredAt: now.toISOString() };
      await writeFileAtomic(old.file, JSON.stringify(old.data, null, 2), 0o600);
    }
    this.keys = [...this.keys, { file, data, privateKey, publicRaw }];
    return this.published().find((k) => k.keyId === data.keyId) as PublishedKey;
  }

  published(): PublishedKey[] {
    const current = this.current();
    return [...this.keys]
      .sort((a, b) => (a.data.createdAt < b.data.createdAt ? 1 : -1))
      .map((k) => {
        const x = k.publicRaw.toString('base64url');
        return { keyId: k.data.keyId, algorithm: 'Ed25519' as const, publicKey: x, jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x }, createdAt: k.data.createdAt, isCurrent: k === current };
      });
  }

  sign(input: { submissionId: string; manifestSha256: string; receivedAt: string }): Receipt {
    const key = this.current();
    if (!key) throw new BerkasError('INTERNAL', 'Tidak ada kunci tanda terima yang aktif.');
    const body = { ...input, keyId: key.data.keyId };
    const signature = sign(null, receiptSignedBytes(body), key.privateKey).toString('base64url');
    return { submissionId: input.submissionId, manifestSha256: input.manifestSha256, receivedAt: input.receivedAt, keyId: key.data.keyId, algorithm: 'Ed25519', signature };
  }
}

async function loadKeys(dir: string): Promise<LoadedKey[]> {
  const all = await fs.readdir(dir);
  // A kill inside writeFileAtomic leaves its temp file: a private key nobody will read, so it goes.
  for (const stale of all.filter((n) => /^\.receipt-key-[0-9a-f]{16}\.json\.[0-9a-f]+\.tmp$/.test(n))) await fs.rm(path.join(dir, stale), { force: true });
  const names = all.filter((n) => /^receipt-key-[0-9a-f]{16}\.json$/.test(n));
  const keys: LoadedKey[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let data: KeyFile;
    let privateKey: KeyObject;
    try {
      data = JSON.parse(await fs.readFile(file, 'utf8')) as KeyFile;
      privateKey = createPrivateKey({ key: data.privateKey, format: 'pem' });
    } catch (err) {
      throw new BerkasError('RECEIPT_KEY_UNREADABLE', `Kunci tanda terima ${file} tidak dapat dibaca (${(err as Error).message}). Pulihkan berkas itu dari cadangan; tanpa kunci itu tanda terima lama tidak dapat diperiksa.`);
    }
    const publicRaw = rawPublicKey(createPublicKey(privateKey));
    if (keyIdOf(publicRaw) !== data.keyId) throw new BerkasError('RECEIPT_KEY_UNREADABLE', `Kunci tanda terima ${file}: keyId tidak cocok dengan kuncinya.`);
    keys.push({ file, data, privateKey, publicRaw });
  }
  return keys;
}
