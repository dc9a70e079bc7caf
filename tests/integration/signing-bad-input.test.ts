/**
 * Issue 4 item 8: bad input gives a clear Indonesian message through the
 * CLI, exit code 2, and nothing half-written where the output was to go.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { berkas, fixtures, openTestWorkspace, p12Password, planFile, tempDir } from './signing-helpers';

let dir: string;
let dataDir: string;
let out: string;
let signedPdf: string;

beforeAll(async () => {
  dir = await tempDir('bad-input');
  dataDir = path.join(dir, 'data');
  const { ws } = await openTestWorkspace(dataDir);
  await ws.close();
  out = path.join(dir, 'keluaran', 'hasil.pdf');
  await fs.mkdir(path.dirname(out));
  signedPdf = path.join(dir, 'bertanda-tangan.pdf');
  // No vault passphrase: the CLI makes a one-off self-signed certificate and says so.
  const made = berkas(['pdf', 'rencana-aksi', planFile, '--out', signedPdf, '--self-signed', '--data-dir', dataDir], { BERKAS_VAULT_PASSPHRASE: '' });
  expect(made.code).toBe(0);
  expect(made.stderr).toContain('tidak tersertifikasi sekali pakai');
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function expectNothingWritten(): Promise<void> {
  expect(await fs.readdir(path.dirname(out))).toEqual([]);
}

const env = { SANDI: p12Password, SANDI_SALAH: 'bukan-sandinya' };

describe('bad input through the CLI', () => {
  it('wrong .p12 password', async () => {
    const r = berkas(['pdf', 'rencana-aksi', planFile, '--out', out, '--p12', path.join(fixtures, 'officer.p12'), '--password-env', 'SANDI_SALAH', '--data-dir', dataDir], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Galat [P12_PASSWORD]: Kata sandi sertifikat officer.p12 salah.');
    expect(r.stderr).not.toContain('bukan-sandinya');
    await expectNothingWritten();
  });

  it('corrupt .p12', async () => {
    const r = berkas(['sign', signedPdf, '--out', out, '--p12', path.join(fixtures, 'corrupt.p12'), '--password-env', 'SANDI', '--data-dir', dataDir], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Galat [P12_CORRUPT]: Berkas corrupt.p12 bukan berkas sertifikat PKCS#12 (.p12/.pfx) yang utuh');
    await expectNothingWritten();
  });

  it.each([
    ['expired.p12', 'CERT_EXPIRED', 'sudah kedaluwarsa sejak 1 Januari 2020'],
    ['not-yet-valid.p12', 'CERT_NOT_YET_VALID', 'baru berlaku mulai 1 Januari 2080'],
    ['encipher-only.p12', 'CERT_KEY_USAGE', 'tidak boleh dipakai untuk menandatangani'],
  ])('%s', async (file, code, message) => {
    const r = berkas(['sign', signedPdf, '--out', out, '--p12', path.join(fixtures, file), '--password-env', 'SANDI', '--data-dir', dataDir], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Galat [${code}]: Sertifikat "Budi Santoso" ${message}`);
    await expectNothingWritten();
  });

  it('a file that is not a PDF', async () => {
    const fake = path.join(dir, 'laporan.pdf');
    await fs.writeFile(fake, 'PK\u0003\u0004 ini sebenarnya arsip zip');
    const signed = berkas(['sign', fake, '--out', out, '--self-signed', '--data-dir', dataDir]);
    expect(signed.code).toBe(2);
    expect(signed.stderr).toContain('Galat [NOT_PDF]: Berkas laporan.pdf bukan PDF');
    const verified = berkas(['verify', fake, '--json', '--data-dir', dataDir]);
    expect(verified.code).toBe(2);
    expect(verified.stdout).toBe('');
    await expectNothingWritten();
  });

  it('a 200 MB PDF is refused from its size, before it is read', async () => {
    const huge = path.join(dir, 'pindaian-besar.pdf');
    const handle = await fs.open(huge, 'w');
    await handle.write('%PDF-1.7\n');
    await handle.truncate(200 * 1024 * 1024); // sparse: no 200 MB written to disk
    await handle.close();
    for (const args of [
      ['sign', huge, '--out', out, '--self-signed'],
      ['verify', huge, '--json'],
    ]) {
      const r = berkas([...args, '--data-dir', dataDir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Galat [PDF_TOO_LARGE]: PDF ${huge} berukuran 200 MB, melebihi batas 100 MB; berkas tidak dibaca.`);
    }
    await expectNothingWritten();
  });

  it('an unsigned PDF verifies as failing (exit 1), a signed one as passing', async () => {
    const unsigned = await fs.readFile(signedPdf);
    // The first revision: everything up to the first %%EOF.
    const end = unsigned.indexOf('%%EOF') + 5;
    const plain = path.join(dir, 'tanpa-ttd.pdf');
    await fs.writeFile(plain, unsigned.subarray(0, end));
    const r = berkas(['verify', plain, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('tidak ada tanda tangan');
    const ok = berkas(['verify', signedPdf, '--data-dir', dataDir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^TTD1_Penyusun: Budi Santoso \(NIP 198703122010011002\) — utuh, sertifikat belum tepercaya, sertifikasi dokumen, revisi 2/);
  });
});
