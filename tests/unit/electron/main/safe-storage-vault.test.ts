import path from 'node:path';
import os from 'node:os';
import { promises as fs } from 'node:fs';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createSafeStorageVault, osVaultUnavailableReason, type OsCipher } from '../../../../electron/main/safe-storage-vault';

/**
 * A real cipher in place of the OS key store: AES-256-GCM under a key only this
 * test holds, so a sealed file is unreadable without it, as with safeStorage.
 */
function aesCipher(options: { isAvailable?: boolean; backend?: string } = {}): OsCipher & { key: Buffer } {
  const key = randomBytes(32);
  return {
    key,
    isEncryptionAvailable: () => options.isAvailable ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('createSafeStorageVault', () => {
  let dir: string;
  let vaultDir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-vault-'));
    vaultDir = path.join(dir, 'vault');
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('seals and opens any bytes, NUL and 0xFF included', async () => {
    const vault = createSafeStorageVault(vaultDir, aesCipher(), 'linux');
    const secret = new Uint8Array([0, 1, 2, 0xff, 0xfe, 0x00, 0x41]);
    await vault.seal('sertifikat-ttd', secret);
    expect(await vault.open('sertifikat-ttd')).toEqual(secret);
    expect(vault.kind).toBe('os');
  });

  it('writes no plain text: neither the secret nor its base64 is in the file', async () => {
    const vault = createSafeStorageVault(vaultDir, aesCipher(), 'linux');
    const password = 'KataSandiSertifikat#2026';
    await vault.seal('sandi-p12', Buffer.from(password));
    const stored = await fs.readFile(path.join(vaultDir, 'sandi-p12.sealed'));
    expect(stored.includes(Buffer.from(password))).toBe(false);
    expect(stored.includes(Buffer.from(Buffer.from(password).toString('base64')))).toBe(false);
  });

  (process.platform === 'win32' ? it.skip : it)('keeps the file 0600 in a 0700 folder', async () => {
    await createSafeStorageVault(vaultDir, aesCipher(), 'linux').seal('token-perangkat', Buffer.from('abc'));
    expect((await fs.stat(vaultDir)).mode & 0o777).toBe(0o700);
    expect((await fs.stat(path.join(vaultDir, 'token-perangkat.sealed'))).mode & 0o777).toBe(0o600);
  });

  it('refuses to store when the OS cannot encrypt, and writes nothing', async () => {
    const vault = createSafeStorageVault(vaultDir, aesCipher({ isAvailable: false }), 'win32');
    await expect(vault.seal('sandi-p12', Buffer.from('x'))).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE' });
    await expect(vault.seal('sandi-p12', Buffer.from('x'))).rejects.toThrow('Berkas tidak menyimpan rahasia tanpa enkripsi');
    await expect(fs.stat(vaultDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('treats Linux without a keyring (basic_text) as unavailable', async () => {
    const vault = createSafeStorageVault(vaultDir, aesCipher({ backend: 'basic_text' }), 'linux');
    await expect(vault.seal('sandi-p12', Buffer.from('x'))).rejects.toThrow('tidak ada keyring (GNOME Keyring atau KWallet) yang aktif');
    await expect(fs.stat(vaultDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('asks for the Linux backend only on Linux', () => {
    const cipher = aesCipher({ backend: 'basic_text' });
    expect(osVaultUnavailableReason(cipher, 'win32')).toBeNull();
    expect(osVaultUnavailableReason(cipher, 'darwin')).toBeNull();
    expect(osVaultUnavailableReason(cipher, 'linux')).toContain('basic_text');
    expect(osVaultUnavailableReason(aesCipher({ backend: 'kwallet6' }), 'linux')).toBeNull();
  });

  it('opens a secret never stored as null', async () => {
    expect(await createSafeStorageVault(vaultDir, aesCipher(), 'linux').open('tidak-ada')).toBeNull();
  });

  it('says so when the OS key differs from the one that sealed (other user or machine)', async () => {
    await createSafeStorageVault(vaultDir, aesCipher(), 'linux').seal('sandi-p12', Buffer.from('x'));
    await expect(createSafeStorageVault(vaultDir, aesCipher(), 'linux').open('sandi-p12')).rejects.toMatchObject({
      code: 'VAULT_UNREADABLE',
      message: expect.stringContaining('kunci sistem operasi berbeda'),
    });
  });

  it('replaces a secret atomically and removes it', async () => {
    const vault = createSafeStorageVault(vaultDir, aesCipher(), 'linux');
    await vault.seal('token-perangkat', Buffer.from('lama'));
    await vault.seal('token-perangkat', Buffer.from('baru'));
    expect(Buffer.from((await vault.open('token-perangkat')) ?? []).toString()).toBe('baru');
    expect((await fs.readdir(vaultDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await vault.remove('token-perangkat');
    expect(await vault.open('token-perangkat')).toBeNull();
    await vault.remove('token-perangkat');
  });

  it.each(['../luar', '..', 'a/b', 'a\\b', '', 'C:x', '.tersembunyi', 'Besar', 'x'.repeat(65), 'nama..ganda', 'spasi di tengah'])(
    'refuses the secret name %j before touching the disk',
    async (name) => {
      const vault = createSafeStorageVault(vaultDir, aesCipher(), 'linux');
      await expect(vault.seal(name, Buffer.from('x'))).rejects.toMatchObject({ code: 'VAULT_NAME' });
      await expect(vault.open(name)).rejects.toMatchObject({ code: 'VAULT_NAME' });
      await expect(vault.remove(name)).rejects.toMatchObject({ code: 'VAULT_NAME' });
      await expect(fs.readdir(dir)).resolves.toEqual([]);
    },
  );
});
