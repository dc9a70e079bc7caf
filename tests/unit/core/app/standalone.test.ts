import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStandalone } from '../../../../core/app/standalone';

const root = path.resolve(__dirname, '../../../..');
const signedPdf = path.join(root, 'tests/fixtures/server/signed.pdf');
const rootPem = path.join(root, 'tests/fixtures/signing/root.pem');

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-standalone-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('openStandalone: the services that need no workspace', () => {
  it('creates nothing for a data folder that does not exist, and reads it as no settings and no roots', async () => {
    const dataDir = path.join(dir, 'belum-ada');
    const services = await openStandalone({ dataDir });
    const report = await services.verification.verify({ fileName: 'signed.pdf', pdf: new Uint8Array(await fs.readFile(signedPdf)) });
    expect(report.signatures[0]?.certificate).not.toBe('trusted');
    await expect(services.profiles.reportTypes()).rejects.toMatchObject({ code: 'SETTINGS_MISSING' });
    await expect(fs.stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads the installed trust roots and the active profile of a data folder without opening its database', async () => {
    await fs.mkdir(path.join(dir, 'trust-roots'), { recursive: true });
    await fs.copyFile(rootPem, path.join(dir, 'trust-roots', 'akar.pem'));
    await fs.writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        opd: { name: 'Dinas Uji', code: 'UJI', profileId: 'jambi' },
        officer: { name: 'Budi Santoso', nip: '198703122010011002', jabatan: 'Kepala Bidang', pangkatGolongan: 'Penata / III.c' },
        serverUrl: '',
        language: 'id',
      }),
    );
    const before = (await fs.readdir(dir)).sort();
    const services = await openStandalone({ dataDir: dir });
    const report = await services.verification.verify({ fileName: 'signed.pdf', pdf: new Uint8Array(await fs.readFile(signedPdf)) });
    expect(report.signatures[0]?.certificate).toBe('trusted');
    expect((await services.profiles.handoverChecklist()).profile.id).toBe('jambi');
    expect((await fs.readdir(dir)).sort()).toEqual(before);
  });
});
