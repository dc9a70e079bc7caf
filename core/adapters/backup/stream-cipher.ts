/**
 * The cryptography of a .berkas-backup: scrypt for the key, AES-256-GCM in
 * the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015) for the
 * content. Each chunk is sealed on its own with
 *
 *   nonce = noncePrefix (8 random bytes) || chunk index (u32 BE)
 *   AAD   = SHA-256 of the header block (32) || 0x01 for the last chunk, else 0x00
 *
 * so a chunk moved to another place fails (the index is in the nonce), a file
 * cut at a chunk boundary fails (the new last chunk was sealed as "not
 * last"), and any change to the header fails every chunk (it is in the AAD).
 * The key is new for every file (fresh salt), so nonces never repeat under one key.
 */
import { createCipheriv, createDecipheriv, createHmac, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import {
  DERIVED_KEY_LEN,
  GCM_TAG_LEN,
  KEY_CHECK_LABEL,
  KEY_CHECK_LEN,
  NONCE_PREFIX_LEN,
  scryptMemoryBytes,
  type ScryptParams,
} from '../../domain/backup/format';

export interface BackupKeys {
  encryptionKey: Buffer;
  keyCheck: Buffer;
}

/**
 * The passphrase is NFC-normalised so the same words typed on another
 * keyboard or system give the same key. Runs in libuv's thread pool: the
 * Electron main process and `berkas ui` keep answering meanwhile.
 */
export function deriveKeys(passphrase: string, salt: Uint8Array, params: ScryptParams): Promise<BackupKeys> {
  return new Promise((resolve, reject) => {
    scryptCallback(
      Buffer.from(passphrase.normalize('NFC'), 'utf8'),
      salt,
      DERIVED_KEY_LEN,
      // Node refuses more than 32 MiB by default; allow what these parameters need, plus slack.
      { N: params.N, r: params.r, p: params.p, maxmem: scryptMemoryBytes(params) + 16 * 1024 * 1024 },
      (err, derived) => {
        if (err) {
          reject(err);
          return;
        }
        const encryptionKey = Buffer.from(derived.subarray(0, 32));
        const keyCheck = createHmac('sha256', derived.subarray(32)).update(KEY_CHECK_LABEL, 'utf8').digest().subarray(0, KEY_CHECK_LEN);
        derived.fill(0);
        resolve({ encryptionKey, keyCheck });
      },
    );
  });
}

export function isSameKeyCheck(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function nonceFor(prefix: Uint8Array, index: number): Buffer {
  const nonce = Buffer.alloc(NONCE_PREFIX_LEN + 4);
  nonce.set(prefix, 0);
  nonce.writeUInt32BE(index, NONCE_PREFIX_LEN);
  return nonce;
}

function aadFor(headerHash: Uint8Array, isLast: boolean): Buffer {
  const aad = Buffer.alloc(headerHash.length + 1);
  aad.set(headerHash, 0);
  aad[headerHash.length] = isLast ? 1 : 0;
  return aad;
}

export interface ChunkCipherParams {
  key: Uint8Array;
  noncePrefix: Uint8Array;
  headerHash: Uint8Array;
}

/** Ciphertext followed by its 16-byte tag. */
export function sealChunk(params: ChunkCipherParams, index: number, isLast: boolean, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-gcm', params.key, nonceFor(params.noncePrefix, index), { authTagLength: GCM_TAG_LEN });
  cipher.setAAD(aadFor(params.headerHash, isLast));
  const body = cipher.update(plaintext);
  const rest = cipher.final();
  return Buffer.concat([body, rest, cipher.getAuthTag()]);
}

/**
 * The plaintext of one sealed chunk, or null when it does not authenticate.
 * Nothing of a chunk is released before its tag has been checked.
 */
export function openChunk(params: ChunkCipherParams, index: number, isLast: boolean, sealed: Uint8Array): Buffer | null {
  if (sealed.length < GCM_TAG_LEN) return null;
  const body = sealed.subarray(0, sealed.length - GCM_TAG_LEN);
  const tag = sealed.subarray(sealed.length - GCM_TAG_LEN);
  const decipher = createDecipheriv('aes-256-gcm', params.key, nonceFor(params.noncePrefix, index), { authTagLength: GCM_TAG_LEN });
  decipher.setAAD(aadFor(params.headerHash, isLast));
  decipher.setAuthTag(tag);
  try {
    const plain = decipher.update(body);
    decipher.final();
    return plain;
  } catch {
    return null;
  }
}
