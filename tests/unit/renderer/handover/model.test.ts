import { emptyApplication } from '../../../../core/domain/handover/application';
import type { Attachment, HandoverBundle } from '../../../../core/domain/handover/bundle';
import {
  basisSentences,
  copyrightPattern,
  folderOf,
  formatCount,
  fromForm,
  isAbsolutePath,
  isFormChanged,
  parseExcludes,
  pathProblem,
  phaseStates,
  problemsByField,
  progressPercent,
  secretsOf,
  shortSha256,
  suggestOutPath,
  titleOf,
  toForm,
  validityPattern,
} from '../../../../renderer/src/features/handover/model';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RegionProfile } from '../../../../core/domain/profiles/profile';

function loadProfile(id: string): RegionProfile {
  return JSON.parse(readFileSync(path.resolve(__dirname, '../../../../assets/profiles', `${id}.json`), 'utf8')) as RegionProfile;
}

function attachment(over: Partial<Attachment>): Attachment {
  return { name: 'x', kind: 'file', sourcePath: '/x', files: [], bytes: 0, attachedAt: '2024-06-17T02:00:00.000Z', ...over };
}

function bundle(over: Partial<HandoverBundle> = {}): HandoverBundle {
  return {
    id: 'b1',
    profileId: 'jember',
    application: emptyApplication({ name: 'SIMPEG', version: '2.1' }),
    items: {},
    excludes: [],
    packages: [],
    revision: 1,
    createdAt: '2024-06-17T02:00:00.000Z',
    updatedAt: '2024-06-17T02:00:00.000Z',
    ...over,
  };
}

describe('application form', () => {
  it('keeps an empty year empty and turns the typed year into a number when saved', () => {
    const record = emptyApplication({ name: ' SIMPEG ', fundingYear: 0 });
    const form = toForm(record);
    expect(form.fundingYear).toBe('');
    expect(form.name).toBe(' SIMPEG ');
    const saved = fromForm({ ...form, fundingYear: '2024' });
    expect(saved).toEqual({ isOk: true, record: { ...record, name: 'SIMPEG', fundingYear: 2024 } });
    expect(fromForm(form)).toEqual({ isOk: true, record: { ...record, name: 'SIMPEG', fundingYear: 0 } });
  });

  it('refuses, by field, what the contract cannot store: a year in words, a year past 2100, an overlong date', () => {
    const form = toForm(emptyApplication());
    expect(fromForm({ ...form, fundingYear: 'dua ribu' })).toEqual({ isOk: false, field: 'fundingYear', reason: 'year' });
    expect(fromForm({ ...form, fundingYear: '24' })).toEqual({ isOk: false, field: 'fundingYear', reason: 'year' });
    expect(fromForm({ ...form, fundingYear: '2101' })).toEqual({ isOk: false, field: 'fundingYear', reason: 'year' });
    expect(fromForm({ ...form, contractDate: '17 Maret 2024' })).toEqual({ isOk: false, field: 'contractDate', reason: 'date' });
    // A short but wrong date is the service's to judge (it names the field): it may be saved in a draft.
    expect(fromForm({ ...form, contractDate: '2024-13-01' }).isOk).toBe(true);
  });

  it('sees a change only where the text differs beyond spaces at the ends', () => {
    const saved = emptyApplication({ name: 'SIMPEG', fundingYear: 2024 });
    expect(isFormChanged({ ...toForm(saved), name: 'SIMPEG  ' }, saved)).toBe(false);
    expect(isFormChanged({ ...toForm(saved), fundingYear: '2025' }, saved)).toBe(true);
  });

  it('maps the service problems to the form fields they name', () => {
    expect(
      problemsByField([
        { path: 'application.licence', message: 'Lisensi wajib diisi' },
        { path: 'application.contractDate', message: 'a' },
        { path: 'application.contractDate', message: 'b' },
        { path: '', message: 'record' },
      ]),
    ).toEqual({ licence: ['Lisensi wajib diisi'], contractDate: ['a', 'b'] });
  });

  it('titles a bundle by name and version, or not at all', () => {
    expect(titleOf({ name: 'SIMPEG', version: ' 2.1 ' })).toBe('SIMPEG 2.1');
    expect(titleOf({ name: 'SIMPEG', version: '' })).toBe('SIMPEG');
    expect(titleOf({ name: '  ', version: '2.1' })).toBeNull();
  });
});

describe('numbers the Indonesian way', () => {
  it('groups digits with dots', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1.234.567');
  });


  it('shortens a SHA-256 to its two ends', () => {
    const hex = '3f2a9c01aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa9e0b71ee';
    expect(shortSha256(hex)).toBe('3f2a9c01…9e0b71ee');
    expect(shortSha256('abc')).toBe('abc');
  });
});

describe('paths typed by the officer', () => {
  it('accepts full POSIX, drive and network paths only', () => {
    for (const p of ['/home/siti/app', 'C:\\Dokumen\\app', 'd:/x', '\\\\server\\share\\x']) expect(isAbsolutePath(p)).toBe(true);
    for (const p of ['app', './app', '~/app', 'C:app']) expect(isAbsolutePath(p)).toBe(false);
  });

  it('names what is wrong with a path', () => {
    expect(pathProblem('   ')).toBe('empty');
    expect(pathProblem('dokumen/manual.pdf')).toBe('relative');
    expect(pathProblem('/tmp/paket.tar', { isZip: true })).toBe('notZip');
    expect(pathProblem('/tmp/PAKET.ZIP', { isZip: true })).toBeNull();
    expect(pathProblem(`/${'a'.repeat(4096)}`)).toBe('tooLong');
  });

  it('finds the folder of a path with either separator', () => {
    expect(folderOf('/a/b/c.zip')).toBe('/a/b');
    expect(folderOf('/a/b/')).toBe('/a');
    expect(folderOf('/c.zip')).toBe('/');
    expect(folderOf('C:\\x\\y.zip')).toBe('C:\\x');
    expect(folderOf('C:\\y.zip')).toBe('C:\\');
    expect(folderOf('paket.zip')).toBe('');
  });

  it('suggests the package beside the last package, else beside the source, named by app, day and revision', () => {
    const now = new Date(2024, 5, 17, 10, 0);
    expect(suggestOutPath(bundle(), now)).toBe('');
    const source = attachment({ name: 'simpeg', kind: 'folder', sourcePath: '/home/siti/proyek/simpeg', languages: [] });
    const doc = attachment({ sourcePath: '/home/siti/dokumen/manual.pdf' });
    expect(suggestOutPath(bundle({ items: { manual: [doc], 'kode-sumber': [source] } }), now)).toBe('/home/siti/proyek/serah-terima-simpeg-2-1-2024-06-17.zip');
    expect(suggestOutPath(bundle({ items: { manual: [doc] } }), now)).toBe('/home/siti/dokumen/serah-terima-simpeg-2-1-2024-06-17.zip');
    const packaged = bundle({
      items: { 'kode-sumber': [source] },
      packages: [{ path: 'D:\\Serah\\lama.zip', sha256: 'a', size: 1, createdAt: '', payloadOxum: '1.1' }],
    });
    expect(suggestOutPath(packaged, now)).toBe('D:\\Serah\\serah-terima-simpeg-2-1-2024-06-17-r2.zip');
  });

  it('reads the excluded folders one per line or comma-separated', () => {
    expect(parseExcludes('.git\n node_modules ,dist\n\n')).toEqual(['.git', 'node_modules', 'dist']);
  });
});

describe("the regulation's own sentences", () => {
  it('finds the copyright article where the profile has one (Jember Pasal 14 ayat (4)), and none where it has not', () => {
    const jember = loadProfile('jember');
    const notes = basisSentences(jember.handover.basis, copyrightPattern);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^Pasal 14 ayat \(4\): .*hak cipta dan distribusi aplikasi menjadi milik Daerah\.$/);
    expect(basisSentences(loadProfile('jambi').handover.basis, copyrightPattern)).toEqual([]);
    expect(basisSentences(undefined, copyrightPattern)).toEqual([]);
  });

  it('finds the validity article of Banjarmasin Pasal 12 ayat (6), and not the sanction that cites it', () => {
    const notes = basisSentences(loadProfile('banjarmasin').handover.basis, validityPattern);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^Pasal 12 ayat \(6\): serah terima .* dinyatakan sah apabila dilengkapi/);
    expect(basisSentences(loadProfile('pontianak').handover.basis, validityPattern)).toEqual([]);
    // Jember's "dana lain yang sah" (lawful funds) is about copyright, not validity.
    expect(basisSentences(loadProfile('jember').handover.basis, validityPattern)).toEqual([]);
  });
});

describe('secrets and the packaging job', () => {
  it('lists every suspected secret with its item and attachment', () => {
    const b = bundle({
      items: {
        'kode-sumber': [attachment({ name: 'app', secrets: [{ file: '.env', reason: 'berkas .env' }, { file: 'config.php', line: 4, reason: 'kata sandi' }] })],
        manual: [attachment({ name: 'manual.pdf' })],
      },
    });
    expect(secretsOf(b, (k) => k.toUpperCase())).toEqual([
      { file: '.env', reason: 'berkas .env', itemKey: 'kode-sumber', itemLabel: 'KODE-SUMBER', attachment: 'app' },
      { file: 'config.php', line: 4, reason: 'kata sandi', itemKey: 'kode-sumber', itemLabel: 'KODE-SUMBER', attachment: 'app' },
    ]);
  });

  it('marks the phases done, current and pending', () => {
    expect(phaseStates('checking')).toEqual({ checking: 'current', rendering: 'pending', signing: 'pending', writing: 'pending', verifying: 'pending' });
    expect(phaseStates('writing')).toEqual({ checking: 'done', rendering: 'done', signing: 'done', writing: 'current', verifying: 'pending' });
    expect(Object.values(phaseStates('done'))).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(Object.values(phaseStates('cancelled'))).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
  });

  it('measures only the phases that count bytes', () => {
    expect(progressPercent({ phase: 'rendering', bytes: 0, total: 0 })).toBeNull();
    expect(progressPercent({ phase: 'writing', bytes: 0, total: 0 })).toBeNull();
    expect(progressPercent({ phase: 'writing', bytes: 333, total: 1000 })).toBe(33);
    expect(progressPercent({ phase: 'verifying', bytes: 2000, total: 1000 })).toBe(100);
    expect(progressPercent({ phase: 'done', bytes: 0, total: 0 })).toBe(100);
  });
});
