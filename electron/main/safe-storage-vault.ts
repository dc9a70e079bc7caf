import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { KeyVault } from '../../core/ports';
import { BerkasError } from '../../core/domain/errors';
import { describeFsError, writeFileAtomic } from '../../core/adapters/fs-atomic';

/** The part of Electron's safeStorage used here (a fake cipher in tests). */
export interface OsCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store backs the key. */
  getSelectedStorageBackend?(): string;
}

const namePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function checkName(name: string): void {
  if (!namePattern.test(name) || name.includes('..')) {
    throw new BerkasError('VAULT_NAME', `Nama rahasia tidak sah: "${name.slice(0, 80)}" (huruf kecil, angka, titik, garis bawah atau tanda hubung; paling banyak 64).`, { name: name.slice(0, 80) });
  }
}

/**
 * Why the OS cannot seal secrets here, or null when it can. On Linux without
 * a keyring (no GNOME Keyring / KWallet) Chromium falls back to "basic_text",
 * a key hard-coded in Chromium itself: that is storing in plain with extra
 * steps, so it counts as unavailable.
 */
export function osVaultUnavailableReason(cipher: OsCipher, platform: string): string | null {
  if (!cipher.isEncryptionAvailable()) return 'penyimpanan rahasia sistem operasi tidak tersedia';
  if (platform === 'linux') {
    const backend = cipher.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown') {
      return `tidak ada keyring (GNOME Keyring atau KWallet) yang aktif; backend "${backend}" tidak benar-benar mengenkripsi`;
    }
  }
  return null;
}

/**
 * Secrets (certificate passwords, device tokens) sealed by the OS key store
 * through Electron's safeStorage: DPAPI on Windows, Keychain on macOS, the
 * keyring on Linux. Each is one file vault/<name>.sealed, written atomically
 * with mode 0600 in a 0700 folder. When the OS cannot seal, nothing is
 * written: the caller gets a BerkasError, never a plain-text fallback.
 */
export function createSafeStorageVault(dir: string, cipher: OsCipher, platform: string = process.platform): KeyVault {
  const fileOf = (name: string) => path.join(dir, `${name}.sealed`);

  function requireOsVault(action: string): void {
    const reason = osVaultUnavailableReason(cipher, platform);
    if (reason !== null) {
      throw new BerkasError(
        'VAULT_UNAVAILABLE',
        `Rahasia tidak dapat ${action}: ${reason}. Berkas tidak menyimpan rahasia tanpa enkripsi; aktifkan keyring sistem operasi atau gunakan berkas rahasia berfrasa sandi.`,
      );
    }
  }

  return {
    kind: 'os',

    async seal(name, secret) {
      checkName(name);
      requireOsVault('disimpan');
      // safeStorage seals strings; base64 carries any bytes through unchanged.
      const sealed = cipher.encryptString(Buffer.from(secret).toString('base64'));
      try {
        await fs.mkdir(dir, { recursive: true, mode: 0o700 });
        if (platform !== 'win32') await fs.chmod(dir, 0o700);
      } catch (err) {
        throw describeFsError(err, dir);
      }
      await writeFileAtomic(fileOf(name), sealed, 0o600);
    },

    async open(name) {
      checkName(name);
      let sealed: Buffer;
      try {
        sealed = await fs.readFile(fileOf(name));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        const systemCode = (err as NodeJS.ErrnoException).code ?? 'galat';
        throw new BerkasError('VAULT_READ', `Rahasia ${fileOf(name)} tidak dapat dibaca (${systemCode}).`, { file: fileOf(name), systemCode });
      }
      requireOsVault('dibuka');
      let text: string;
      try {
        text = cipher.decryptString(sealed);
      } catch {
        throw new BerkasError(
          'VAULT_UNREADABLE',
          `Rahasia ${fileOf(name)} tidak dapat dibuka: kunci sistem operasi berbeda dari saat disimpan (pengguna atau komputer lain?). Simpan ulang rahasia tersebut.`,
          { file: fileOf(name) },
        );
      }
      const bytes = Buffer.from(text, 'base64');
      if (bytes.toString('base64') !== text) {
        throw new BerkasError('VAULT_CORRUPT', `Rahasia ${fileOf(name)} rusak: isinya bukan hasil penyimpanan Berkas.`, { file: fileOf(name) });
      }
      return new Uint8Array(bytes);
    },

    async remove(name) {
      checkName(name);
      try {
        await fs.rm(fileOf(name), { force: true });
      } catch (err) {
        throw describeFsError(err, fileOf(name));
      }
    },
  };
}
