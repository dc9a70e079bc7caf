import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkApplication, emptyApplication, type ApplicationRecord } from '../../../../../core/domain/handover/application';
import { checkCompleteness, checklistOf } from '../../../../../core/domain/handover/completeness';
import type { HandoverBundle } from '../../../../../core/domain/handover/bundle';
import { checkProfile } from '../../../../../core/domain/profiles/profile-check';
import type { RegionProfile } from '../../../../../core/domain/profiles/profile';

function profile(id: string): RegionProfile {
  const checked = checkProfile(JSON.parse(readFileSync(path.resolve(__dirname, `../../../../../assets/profiles/${id}.json`), 'utf8')));
  if (!checked.isValid) throw new Error(`profil ${id} tidak sah`);
  return checked.profile;
}

const app: ApplicationRecord = {
  name: 'SIMPEG',
  version: '2.1.0',
  purpose: 'Pengelolaan data kepegawaian',
  owningOpd: 'Badan Kepegawaian Daerah',
  vendor: 'PT Contoh Solusi',
  contractNumber: '027/123/BKD/2024',
  contractDate: '2024-03-17',
  fundingSource: 'APBD Kabupaten',
  fundingYear: 2024,
  repository: '',
  licence: 'Hak milik Pemerintah Daerah',
  copyrightHolder: 'Pemerintah Kabupaten Jember',
};

function bundle(items: HandoverBundle['items'], application: ApplicationRecord = app): HandoverBundle {
  return { id: 'b1', profileId: 'jember', application, items, excludes: [], packages: [], revision: 1, createdAt: '', updatedAt: '' };
}

const file = (name: string) => ({ name, kind: 'file' as const, sourcePath: `/x/${name}`, files: [{ path: name, size: 10, sha256: 'a'.repeat(64) }], bytes: 10, attachedAt: '' });

describe('checkApplication', () => {
  it('accepts a whole record', () => {
    expect(checkApplication(app)).toEqual([]);
  });

  it('names every missing field by its label and path', () => {
    const problems = checkApplication(emptyApplication());
    expect(problems).toContainEqual({ path: 'application.name', message: 'Nama aplikasi wajib diisi' });
    expect(problems).toContainEqual({ path: 'application.fundingYear', message: 'Tahun anggaran wajib diisi (empat angka, mis. 2024)' });
    expect(problems.map((p) => p.path)).not.toContain('application.repository');
  });

  it('checks the contract date and pairs it with the number', () => {
    expect(checkApplication({ ...app, contractDate: '2024-02-30' })[0]!.message).toContain('2024-02-30');
    expect(checkApplication({ ...app, contractDate: '' })).toEqual([{ path: 'application.contractDate', message: 'Tanggal kontrak wajib diisi bila nomor kontrak diisi' }]);
    expect(checkApplication({ ...app, contractNumber: '', contractDate: '' })).toEqual([]);
  });

  it('keeps one-line fields on one line', () => {
    expect(checkApplication({ ...app, name: 'SIM\nPEG' })).toEqual([{ path: 'application.name', message: 'Nama aplikasi harus satu baris' }]);
  });
});

describe('checkCompleteness', () => {
  const jember = profile('jember');

  it('lists the region checklist with articles', () => {
    const items = checklistOf(jember);
    expect(items.length).toBe(9);
    expect(items[0]).toMatchObject({ key: 'kode-sumber', label: 'Kode Sumber', article: 'Pasal 14 ayat (3)', isRequired: true });
  });

  it('names every missing required item with its article', () => {
    const result = checkCompleteness(jember, bundle({ 'kode-sumber': [file('src.zip')], 'manual-admin': [file('admin.pdf')] }));
    expect(result.isComplete).toBe(false);
    expect(result.isReady).toBe(false);
    expect(result.missing.map((m) => m.key)).toEqual(['kebutuhan-pengguna', 'rancangan-aplikasi', 'pengujian', 'manual-instalasi', 'manual-pengguna', 'metadata', 'troubleshooting']);
    expect(result.summary).toContain('Kebutuhan Pengguna (Pasal 14 ayat (3))');
    expect(result.items.find((i) => i.key === 'kode-sumber')).toMatchObject({ isPresent: true, files: 1, bytes: 10 });
  });

  it('is ready when every required item has a file and the record is whole', () => {
    const items = Object.fromEntries(jember.handover.items.map((i) => [i.key, [file(`${i.key}.pdf`)]]));
    const result = checkCompleteness(jember, bundle(items));
    expect(result).toMatchObject({ isComplete: true, isReady: true, missing: [], problems: [], warnings: [] });
  });

  it('is complete but not ready when the record has problems', () => {
    const items = Object.fromEntries(jember.handover.items.map((i) => [i.key, [file(`${i.key}.pdf`)]]));
    const result = checkCompleteness(jember, bundle(items, { ...app, vendor: '' }));
    expect(result).toMatchObject({ isComplete: true, isReady: false });
    expect(result.summary).toContain('Pengembang / penyedia wajib diisi');
  });

  it('warns about the copyright holder, secrets and items the region does not list', () => {
    const withSecret = { ...file('src'), secrets: [{ file: 'src/.env', reason: 'berkas .env' }] };
    const result = checkCompleteness(jember, bundle({ 'kode-sumber': [withSecret], lain: [file('x')] }, { ...app, copyrightHolder: 'PT Contoh Solusi' }));
    expect(result.warnings).toHaveLength(3);
    expect(result.warnings.join(' ')).toContain('Pemerintah Kabupaten Jember');
  });

  it('works for every region profile present', () => {
    for (const id of ['jember', 'jambi', 'prabumulih', 'banjarmasin', 'pontianak']) {
      let p: RegionProfile;
      try {
        p = profile(id);
      } catch {
        continue; // a profile still being written by its author
      }
      const result = checkCompleteness(p, bundle({}));
      expect(result.missing.length).toBe(p.handover.items.filter((i) => i.isRequired).length);
      for (const m of result.missing) expect(m.article).toMatch(/Pasal \d+/);
    }
  });
});
