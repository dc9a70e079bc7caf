/**
 * The KeyVault outside Electron (CLI, `berkas ui`, tests): each secret is a
 * file of mode 0600 in a folder of mode 0700, sealed with AES-256-GCM under a
 * key derived by scrypt from a passphrase. The passphrase comes from the
 * caller (BERKAS_VAULT_PASSPHRASE or the request) and is never written
 * anywhere; without it the files are opaque. Inside Electron, safeStorage
 * implements the same port.
 *
 * File layout: "BKV1" | log2(N) r p (1 byte each) | salt (16) | iv (12) |
 * tag (16) | ciphertext. The header and the secret's name are authenticated
 * data, so a file renamed to stand for another secret fails to open.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { KeyVault } from '../ports';
import { BerkasError } from '../domain/errors';
import { describeFsError, writeFileAtomic } from './fs-atomic';

export interface FileKeyVaultOptions {
  dir: string;
  passphrase: string;
  /** log2 of scrypt's N; 15 (32 MiB, ~0.1 s) unless a test needs it cheaper. */
  costLog2?: number;
}

const magic = Buffer.from('BKV1', 'latin1');
const headerLength = 4 + 3 + 16 + 12 + 16;
const checkName = 'vault-check';
const checkValue = Buffer.from('berkas-vault-v1', 'utf8');
export const minPassphraseLength = 8;

function scrypt(passphrase: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(passphrase.normalize('NFC'), salt, 32, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function assertName(name: string): void {
  if (!/^[A-Za-z0-9._-]{1,120}$/.test(name) || name.startsWith('.')) {
    throw new BerkasError('VAULT_NAME', `Nama rahasia "${name.slice(0, 40)}" tidak sah untuk brankas kunci.`, { name: name.slice(0, 40) });
  }
}

export function createFileKeyVault(options: FileKeyVaultOptions): KeyVault {
  const { dir, passphrase } = options;
  const costLog2 = options.costLog2 ?? 15;
  if (!passphrase) {
    throw new BerkasError(
      'VAULT_PASSPHRASE_REQUIRED',
      'Brankas kunci memerlukan frasa sandi: isi variabel lingkungan BERKAS_VAULT_PASSPHRASE atau masukkan frasa sandi brankas.',
    );
  }
  const fileOf = (name: string) => path.join(dir, `${name}.sealed`);
  const keys = new Map<string, Promise<Buffer>>();
  const keyFor = (salt: Buffer, n: number, r: number, p: number) => {
    const id = `${salt.toString('hex')}:${n}:${r}:${p}`;
    let key = keys.get(id);
    if (!key) {
      key = scrypt(passphrase, salt, { N: 2 ** n, r, p, maxmem: 256 * 1024 * 1024 });
      keys.set(id, key);
    }
    return key;
  };

  async function sealBytes(name: string, secret: Uint8Array): Promise<Buffer> {
    const params = Buffer.from([costLog2, 8, 1]);
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const key = await keyFor(salt, costLog2, 8, 1);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.concat([magic, params, Buffer.from(name, 'utf8')]));
    const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
    return Buffer.concat([magic, params, salt, iv, cipher.getAuthTag(), ciphertext]);
  }

  /** null when the passphrase (or the file) does not authenticate. */
  async function openBytes(name: string, file: Buffer): Promise<Buffer | null> {
    if (file.length < headerLength || !file.subarray(0, 4).equals(magic)) {
      throw new BerkasError('VAULT_CORRUPT', `Berkas brankas ${fileOf(name)} rusak atau bukan berkas brankas Berkas.`, { file: fileOf(name) });
    }
    const [n, r, p] = [file[4] as number, file[5] as number, file[6] as number];
    if (n < 10 || n > 22 || r < 1 || r > 32 || p < 1 || p > 16) {
      throw new BerkasError('VAULT_CORRUPT', `Berkas brankas ${fileOf(name)} memuat parameter yang tidak sah.`, { file: fileOf(name) });
    }
    const salt = file.subarray(7, 23);
    const iv = file.subarray(23, 35);
    const tag = file.subarray(35, 51);
    const key = await keyFor(Buffer.from(salt), n, r, p);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.concat([magic, file.subarray(4, 7), Buffer.from(name, 'utf8')]));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(file.subarray(headerLength)), decipher.final()]);
    } catch {
      return null;
    }
  }

  async function readIfExists(file: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      const systemCode = (err as NodeJS.ErrnoException).code;
      throw new BerkasError('VAULT_READ', `Brankas kunci ${file} tidak dapat dibaca (${systemCode ?? 'galat'}).`, { file, systemCode: systemCode ?? 'unknown' });
    }
  }

  const wrongPassphrase = () =>
    new BerkasError('VAULT_PASSPHRASE', `Frasa sandi brankas kunci salah (folder ${dir}). Gunakan frasa sandi yang dipakai saat sertifikat pertama disimpan.`, { dir });

  let isVerified = false;
  /** Confirms the passphrase against the vault's check file, creating it for a new vault. */
  async function ensurePassphrase(isCreating: boolean): Promise<void> {
    if (isVerified) return;
    const existing = await readIfExists(fileOf(checkName));
    if (existing) {
      const value = await openBytes(checkName, existing);
      if (!value || !value.equals(checkValue)) throw wrongPassphrase();
      isVerified = true;
      return;
    }
    if (!isCreating) return; // an empty vault: nothing to check against yet
    if (passphrase.length < minPassphraseLength) {
      throw new BerkasError('VAULT_PASSPHRASE_WEAK', `Frasa sandi brankas kunci minimal ${minPassphraseLength} karakter.`, { minLength: minPassphraseLength });
    }
    try {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw describeFsError(err, dir);
    }
    await writeFileAtomic(fileOf(checkName), await sealBytes(checkName, checkValue), 0o600);
    isVerified = true;
  }

  return {
    kind: 'passphrase-file',
    async seal(name, secret) {
      assertName(name);
      await ensurePassphrase(true);
      await writeFileAtomic(fileOf(name), await sealBytes(name, secret), 0o600);
    },
    async open(name) {
      assertName(name);
      await ensurePassphrase(false);
      const file = await readIfExists(fileOf(name));
      if (!file) return null;
      const value = await openBytes(name, file);
      if (!value) throw wrongPassphrase();
      return new Uint8Array(value);
    },
    async remove(name) {
      assertName(name);
      await ensurePassphrase(false);
      try {
        await fs.rm(fileOf(name), { force: true });
      } catch (err) {
        throw describeFsError(err, fileOf(name));
      }
    },
  };
}
