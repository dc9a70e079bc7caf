/**
 * The signing operations through the contract (the in-process transport the
 * UI's IPC and HTTP transports share): certificates kept sealed, preview
 * before signing, the rencana aksi signed, a second signature, verification.
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BerkasApi } from '../../core/api/contract';
import type { Workspace } from '../../core/app/workspace';
import { berkas, fixtures, openTestWorkspace, p12Password, planFile, run, tempDir } from './signing-helpers';

let dir: string;
let dataDir: string;
let ws: Workspace;
let api: BerkasApi;
let planId: string;
const vaultPassphrase = 'frasa brankas kontrak uji';
const p12 = (name: string) => readFileSync(path.join(fixtures, name)).toString('base64');

async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

beforeAll(async () => {
  dir = await tempDir('contract');
  dataDir = path.join(dir, 'data');
  ({ ws, api } = await openTestWorkspace(dataDir));
  const imported = await api.rencanaAksiImport({ fileName: 'prabumulih-contoh.tsv', contentBase64: readFileSync(planFile).toString('base64'), shouldSave: true });
  planId = imported.plan.id;
});

afterAll(async () => {
  await ws.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('certificates', () => {
  it.each([
    ['officer.p12', 'salah', 'P12_PASSWORD', 'Kata sandi sertifikat officer.p12 salah'],
    ['corrupt.p12', p12Password, 'P12_CORRUPT', 'Berkas corrupt.p12 bukan berkas sertifikat PKCS#12'],
    ['expired.p12', p12Password, 'CERT_EXPIRED', 'sudah kedaluwarsa sejak 1 Januari 2020'],
    ['not-yet-valid.p12', p12Password, 'CERT_NOT_YET_VALID', 'baru berlaku mulai 1 Januari 2080'],
    ['encipher-only.p12', p12Password, 'CERT_KEY_USAGE', 'tidak boleh dipakai untuk menandatangani: penggunaan kuncinya hanya enkripsi kunci'],
  ])('refuses %s (%s) with a clear message and stores nothing', async (file, password, code, message) => {
    await expect(api.certificateImport({ fileName: file, contentBase64: p12(file), password, vaultPassphrase })).rejects.toMatchObject({
      code,
      message: expect.stringContaining(message),
    });
    expect(await api.certificateList({})).toEqual([]);
    await expect(fs.readdir(path.join(dataDir, 'vault'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('imports a BSrE-style .p12: metadata listed, the file sealed 0600, no password or key in plain anywhere', async () => {
    const info = await api.certificateImport({ fileName: 'officer.p12', contentBase64: p12('officer.p12'), password: p12Password, vaultPassphrase });
    expect(info).toMatchObject({
      kind: 'imported',
      commonName: 'Budi Santoso',
      nip: '198703122010011002',
      issuerCommonName: 'Berkas Uji CA Penerbit',
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      isCertified: true,
      label: 'Budi Santoso — NIP 198703122010011002 (Berkas Uji CA Penerbit)',
    });
    expect(await api.certificateList({})).toEqual([info]);
    const sealed = path.join(dataDir, 'vault', `cert-${info.id}.sealed`);
    expect((await fs.stat(sealed)).mode & 0o777).toBe(0o600);
    const p12Bytes = readFileSync(path.join(fixtures, 'officer.p12'));
    for (const file of await filesUnder(dataDir)) {
      const content = await fs.readFile(file);
      expect(content.includes(Buffer.from(p12Password))).toBe(false);
      expect(content.includes(Buffer.from(vaultPassphrase))).toBe(false);
      expect(content.includes(p12Bytes.subarray(100, 164))).toBe(false);
    }
    await expect(api.certificateImport({ fileName: 'lagi.p12', contentBase64: p12('officer.p12'), password: p12Password, vaultPassphrase })).rejects.toMatchObject({
      code: 'CERT_EXISTS',
    });
  });

  it('refuses a wrong vault passphrase', async () => {
    await expect(api.certificateImport({ fileName: 'kepala.p12', contentBase64: p12('kepala.p12'), password: p12Password, vaultPassphrase: 'bukan frasa yang benar' })).rejects.toMatchObject({
      code: 'VAULT_PASSPHRASE',
    });
  });

  it('creates a self-signed certificate labelled "tidak tersertifikasi", checking the NIP', async () => {
    await expect(api.certificateCreateSelfSigned({ name: 'Budi Santoso', nip: '12345', vaultPassphrase })).rejects.toMatchObject({ code: 'NIP_INVALID' });
    const info = await api.certificateCreateSelfSigned({ name: 'Budi Santoso', nip: '1987 0312 2010 0110 02', vaultPassphrase });
    expect(info).toMatchObject({ kind: 'self-signed', isCertified: false, isSelfSigned: true, nip: '198703122010011002', organization: 'Dinas Pendidikan Kota Pontianak' });
    expect(info.label).toBe('Budi Santoso — NIP 198703122010011002 (tidak tersertifikasi)');
  });
});

describe('signing a rencana aksi', () => {
  const certificate = async (kind: string) => {
    const found = (await api.certificateList({})).find((c) => c.kind === kind);
    if (!found) throw new Error(`no ${kind} certificate`);
    return found;
  };

  it('previews what will be signed and by whom', async () => {
    const self = await certificate('self-signed');
    const preview = await api.signPreview({ planId, certificateId: self.id });
    expect(preview.documentTitle).toMatch(/^Rencana Aksi Pelaksanaan SPBE Dinas Pendidikan Kota Pontianak Tahun \d{4}$/);
    expect(preview.documentId).toBe(planId);
    expect(preview.pages).toBeGreaterThanOrEqual(3);
    expect(preview.signer).toMatchObject({ name: 'Budi Santoso', nip: '198703122010011002', isCertified: false, note: 'tidak tersertifikasi' });
    expect(preview.problems).toEqual([]);
  });

  it('asks for the .p12 password of an imported certificate', async () => {
    const imported = await certificate('imported');
    await expect(api.pdfRencanaAksi({ planId, certificateId: imported.id, vaultPassphrase })).rejects.toMatchObject({ code: 'P12_PASSWORD_REQUIRED' });
    await expect(api.pdfRencanaAksi({ planId, certificateId: imported.id, vaultPassphrase, password: 'salah' })).rejects.toMatchObject({ code: 'P12_PASSWORD' });
  });

  it('signs with the stored key, adds the kepala OPD approval, and verifies the same as the CLI', async () => {
    const self = await certificate('self-signed');
    const first = await api.pdfRencanaAksi({ planId, certificateId: self.id, vaultPassphrase, nomor: '050/123/DISDIK/2026' });
    expect(first).toMatchObject({ fieldName: 'TTD1_Penyusun', level: 'B-B', documentId: planId, isCertification: true });
    expect(first.fileName).toMatch(/^rencana-aksi-disdik-\d{4}-.+\.pdf$/);
    expect(first.unsignedSha256).toMatch(/^[0-9a-f]{64}$/);

    const kepala = await api.certificateImport({ fileName: 'kepala.p12', contentBase64: p12('kepala.p12'), password: p12Password, vaultPassphrase });
    const second = await api.pdfSign({ fileName: first.fileName, contentBase64: first.contentBase64, certificateId: kepala.id, password: p12Password, vaultPassphrase });
    expect(second).toMatchObject({ fieldName: 'TTD2_Pengesah', isCertification: false, unsignedSha256: first.unsignedSha256 });
    const file = path.join(dir, 'dua-tanda-tangan.pdf');
    await fs.writeFile(file, Buffer.from(second.contentBase64, 'base64'));
    expect(run('pdfsig', [file]).stdout.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(run('pdftotext', [file, '-']).stdout).toContain('Nomor : 050/123/DISDIK/2026');

    const report = await api.pdfVerify({ fileName: 'dua-tanda-tangan.pdf', contentBase64: second.contentBase64 });
    expect(report.signatures.map((s) => [s.field, s.signer, s.integrity, s.certificate, s.certified])).toEqual([
      ['TTD1_Penyusun', 'Budi Santoso', 'valid', 'untrusted', true],
      ['TTD2_Pengesah', 'Siti Aminah', 'valid', 'untrusted', false],
    ]);
    await ws.close();
    const cli = berkas(['verify', file, '--json', '--data-dir', dataDir]);
    ({ ws, api } = await openTestWorkspace(dataDir));
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(report);
  });

  it('trusts signatures once the root is installed as a trust root', async () => {
    const [root] = await api.trustRootImport({ fileName: 'root.pem', contentBase64: readFileSync(path.join(fixtures, 'root.pem')).toString('base64') });
    expect(root?.commonName).toBe('Berkas Uji Root CA');
    expect((await api.trustRootList({})).map((r) => r.certificate.commonName)).toEqual(['Berkas Uji Root CA']);
    const kepala = (await api.certificateList({})).find((c) => c.commonName === 'Siti Aminah');
    const signed = await api.pdfRencanaAksi({ planId, certificateId: kepala?.id ?? '', password: p12Password, vaultPassphrase });
    const report = await api.pdfVerify({ fileName: signed.fileName, contentBase64: signed.contentBase64 });
    expect(report.signatures[0]?.certificate).toBe('trusted');
  });

  it('says a file that is not a PDF is not one', async () => {
    await expect(api.pdfVerify({ fileName: 'catatan.pdf', contentBase64: Buffer.from('bukan pdf sama sekali').toString('base64') })).rejects.toMatchObject({
      code: 'NOT_PDF',
      message: 'Berkas catatan.pdf bukan PDF: tanda "%PDF-" tidak ada di awal berkas.',
    });
  });

  it('removes a certificate together with its sealed key', async () => {
    const self = await certificate('self-signed');
    await api.certificateRemove({ id: self.id, vaultPassphrase });
    expect((await api.certificateList({})).some((c) => c.id === self.id)).toBe(false);
    await expect(fs.stat(path.join(dataDir, 'vault', `cert-${self.id}.sealed`))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(api.pdfRencanaAksi({ planId, certificateId: self.id, vaultPassphrase })).rejects.toMatchObject({ code: 'CERT_NOT_FOUND' });
  });
});
