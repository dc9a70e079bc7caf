import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFileKeyVault } from '../../../../core/adapters/key-vault-file';

describe('passphrase file key vault', () => {
  let dir: string;
  beforeEach(async () => {
    dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-vault-')), 'vault');
  });
  afterEach(async () => {
    await fs.rm(path.dirname(dir), { recursive: true, force: true });
  });

  const vault = (passphrase: string) => createFileKeyVault({ dir, passphrase, costLog2: 12 });
  const secret = new Uint8Array(Buffer.from('kunci-privat-rahasia-0123456789', 'utf8'));

  it('seals into files of mode 0600 in a folder of mode 0700, and opens them again', async () => {
    await vault('frasa sandi panjang').seal('cert-1', secret);
    expect(Buffer.from((await vault('frasa sandi panjang').open('cert-1')) ?? []).toString('utf8')).toBe('kunci-privat-rahasia-0123456789');
    const stat = await fs.stat(path.join(dir, 'cert-1.sealed'));
    expect(stat.mode & 0o777).toBe(0o600);
    expect((await fs.stat(dir)).mode & 0o777).toBe(0o700);
    const raw = await fs.readFile(path.join(dir, 'cert-1.sealed'));
    expect(raw.includes(Buffer.from('kunci-privat'))).toBe(false);
    expect(raw.includes(Buffer.from('frasa sandi'))).toBe(false);
  });

  it('says the passphrase is wrong instead of returning garbage', async () => {
    await vault('frasa sandi panjang').seal('cert-1', secret);
    await expect(vault('frasa lain sekali').open('cert-1')).rejects.toMatchObject({ code: 'VAULT_PASSPHRASE' });
    await expect(vault('frasa lain sekali').seal('cert-2', secret)).rejects.toMatchObject({ code: 'VAULT_PASSPHRASE' });
  });

  it('detects a sealed file renamed to stand for another secret', async () => {
    const v = vault('frasa sandi panjang');
    await v.seal('cert-1', secret);
    await fs.copyFile(path.join(dir, 'cert-1.sealed'), path.join(dir, 'cert-2.sealed'));
    await expect(v.open('cert-2')).rejects.toMatchObject({ code: 'VAULT_PASSPHRASE' });
  });

  it('returns null for a missing secret and forgets removed ones', async () => {
    const v = vault('frasa sandi panjang');
    expect(await v.open('tidak-ada')).toBeNull();
    await v.seal('cert-1', secret);
    await v.remove('cert-1');
    expect(await v.open('cert-1')).toBeNull();
  });

  it('requires a passphrase, a long enough one, and safe names', async () => {
    expect(() => vault('')).toThrow('BERKAS_VAULT_PASSPHRASE');
    await expect(vault('pendek').seal('x', secret)).rejects.toMatchObject({ code: 'VAULT_PASSPHRASE_WEAK' });
    await expect(vault('frasa sandi panjang').seal('../keluar', secret)).rejects.toMatchObject({ code: 'VAULT_NAME' });
  });
});
