import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkProfile, formatProblem, formatProblems, type ProfileProblem } from '../../../../../core/domain/profiles/profile-check';
import type { RegionProfile } from '../../../../../core/domain/profiles/profile';

const assetsDir = path.resolve(__dirname, '../../../../../assets/profiles');
const fixturesDir = path.resolve(__dirname, '../../../../fixtures/profiles');

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function shipped(): { file: string; value: unknown }[] {
  return readdirSync(assetsDir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => ({ file: n, value: readJson(path.join(assetsDir, n)) }));
}

function valid(value: unknown): RegionProfile {
  const result = checkProfile(value);
  if (!result.isValid) throw new Error(`expected a valid profile, got: ${formatProblems(result.problems)}`);
  return result.profile;
}

function problems(value: unknown): string[] {
  const result = checkProfile(value);
  if (result.isValid) throw new Error('expected problems, the profile was accepted');
  return result.problems.map(formatProblem);
}

/** A fresh, mutable copy of the base fixture for each case. */
function base(): Record<string, unknown> & { handover: { items: Record<string, unknown>[] }; reports: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(path.join(fixturesDir, 'valid', 'contoh.json'), 'utf8'));
}

describe('shipped region profiles', () => {
  const profiles = shipped();

  it('are the five regions of REQUIREMENTS.md', () => {
    expect(profiles.map((p) => p.file)).toEqual(['banjarmasin.json', 'jambi.json', 'jember.json', 'pontianak.json', 'prabumulih.json']);
  });

  describe.each(profiles)('$file', ({ file, value }) => {
    const profile = valid(value);

    it('has the id of its file name', () => {
      expect(`${profile.id}.json`).toBe(file);
    });

    it('has exactly one source-code handover item', () => {
      expect(profile.handover.items.filter((i) => i.kind === 'source-code')).toHaveLength(1);
    });

    it('has unique handover and report keys', () => {
      const items = profile.handover.items.map((i) => i.key);
      const reports = profile.reports.map((r) => r.key);
      expect(new Set(items).size).toBe(items.length);
      expect(new Set(reports).size).toBe(reports.length);
    });

    it('cites an article for the handover, every item and every report', () => {
      const citations = [profile.handover.article, ...profile.handover.items.map((i) => i.article), ...profile.reports.map((r) => r.article)];
      for (const c of citations) expect(c).toMatch(/\bPasal \d+/);
    });

    it('explains every report period and due date', () => {
      for (const r of profile.reports) expect(r.basis?.trim()).toBeTruthy();
    });

    it('marks incident reports urgent and event-driven', () => {
      for (const r of profile.reports.filter((x) => x.key === 'insiden')) {
        expect(r.isUrgent).toBe(true);
        expect(r.period).toBe('insidental');
      }
    });

    it('names its seed regulation file and the city in its government', () => {
      expect(profile.regulation.seed).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
      expect(profile.terms.government).toContain(profile.terms.city);
      expect(profile.name).toContain(profile.terms.city);
    });
  });

  const byId = new Map(profiles.map((p) => [path.basename(p.file, '.json'), valid(p.value)]));
  const get = (id: string): RegionProfile => byId.get(id)!;
  const keys = (id: string) => get(id).handover.items.map((i) => i.key);
  const article = (id: string, key: string) => get(id).handover.items.find((i) => i.key === key)?.article;

  it('Jambi Pasal 17(2) and Jember Pasal 14(3) list the same nine documents', () => {
    const nine = ['kode-sumber', 'kebutuhan-pengguna', 'rancangan-aplikasi', 'pengujian', 'manual-instalasi', 'manual-pengguna', 'manual-admin', 'metadata', 'troubleshooting'];
    expect(keys('jambi')).toEqual(nine);
    expect(keys('jember')).toEqual(nine);
    expect(new Set(get('jambi').handover.items.map((i) => i.article))).toEqual(new Set(['Pasal 17 ayat (2)']));
    expect(new Set(get('jember').handover.items.map((i) => i.article))).toEqual(new Set(['Pasal 14 ayat (3)']));
  });

  it('Prabumulih follows Pasal 11(3) huruf a–e', () => {
    expect(get('prabumulih').handover.items.map((i) => i.article)).toEqual(['a', 'b', 'c', 'd', 'e'].map((h) => `Pasal 11 ayat (3) huruf ${h}`));
    expect(article('prabumulih', 'kode-sumber')).toBe('Pasal 11 ayat (3) huruf e');
  });

  it('Pontianak asks for the KAK and for source code that explains each procedure', () => {
    expect(article('pontianak', 'kerangka-acuan-kerja')).toBe('Pasal 29 ayat (9) huruf b');
    expect(article('pontianak', 'kebutuhan-perangkat-lunak')).toBe('Pasal 29 ayat (9) huruf a');
    const code = get('pontianak').handover.items.find((i) => i.kind === 'source-code')!;
    expect(code.article).toBe('Pasal 30 ayat (2) huruf b');
    expect(code.description).toMatch(/penjelasan fungsi/i);
  });

  it('Banjarmasin Pasal 12(6): four design documents, the code copy, the manual and the test report', () => {
    expect(keys('banjarmasin')).toEqual([
      'rancangan-proses-bisnis',
      'rancangan-data',
      'rancangan-aplikasi',
      'rancangan-infrastruktur',
      'kode-sumber',
      'manual-sistem',
      'pengujian',
    ]);
    expect(article('banjarmasin', 'kode-sumber')).toBe('Pasal 12 ayat (6) huruf b');
    expect(get('banjarmasin').handover.items.find((i) => i.key === 'pengujian')?.label).toMatch(/keamanan, performance dan debugging/);
  });

  it('asks each region only for the reports its regulation names', () => {
    const reportKeys = (id: string) => get(id).reports.map((r) => r.key).sort();
    expect(reportKeys('jambi')).toEqual(['laporan-egov']);
    expect(reportKeys('jember')).toEqual(['laporan-egov']);
    expect(reportKeys('prabumulih')).toEqual(['insiden', 'laporan-egov']);
    expect(reportKeys('pontianak')).toEqual(['diagram-lan', 'insiden', 'inventaris-tik', 'monev-aplikasi', 'perubahan-lan']);
    expect(reportKeys('banjarmasin')).toEqual(['inventaris-tik', 'monev-aplikasi', 'permohonan-data', 'sla']);
  });

  it('Pontianak wants the LAN diagram at least once a year (Pasal 26 ayat (1))', () => {
    const lan = get('pontianak').reports.find((r) => r.key === 'diagram-lan')!;
    expect(lan.period).toBe('tahunan');
    expect(lan.article).toBe('Pasal 26 ayat (1)');
  });

  it('reads each region on its own clock: Banjarmasin WITA, the others WIB', () => {
    const zones = Object.fromEntries(profiles.map(({ value }) => [valid(value).id, valid(value).timeZone]));
    expect(zones).toEqual({ banjarmasin: 'WITA', jambi: 'WIB', jember: 'WIB', pontianak: 'WIB', prabumulih: 'WIB' });
  });

  it('uses each regulation’s own word for the agency', () => {
    expect(Object.fromEntries([...byId].map(([id, p]) => [id, p.terms.agency]))).toEqual({
      banjarmasin: 'SKPD',
      jambi: 'OPD',
      jember: 'OPD',
      pontianak: 'Perangkat Daerah',
      prabumulih: 'OPD',
    });
  });
});

describe('checkProfile on hostile input', () => {
  it('accepts the base fixture and returns a fresh object', () => {
    const input = base();
    const profile = valid(input);
    expect(profile).toEqual(input);
    expect(profile).not.toBe(input);
    expect(profile.handover.items).not.toBe(input.handover.items);
  });

  it.each([
    ['null', null, 'profil harus berupa objek JSON, bukan null'],
    ['an array', [1, 2], 'profil harus berupa objek JSON, bukan daftar'],
    ['a string', 'jambi', 'profil harus berupa objek JSON, bukan teks'],
  ])('rejects %s as a whole', (_name, value, message) => {
    expect(problems(value)).toEqual([message]);
  });

  it('names the path of a missing item article', () => {
    const p = base();
    delete p.handover.items[3].article;
    expect(problems(p)).toEqual(['handover.items[3].article: wajib diisi']);
  });

  it('reports every problem at once, each with its own path', () => {
    const p = base();
    delete p.name;
    (p.terms as Record<string, unknown>).agency = '  ';
    (p.regulation as Record<string, unknown>).seed = '../etc/passwd.txt';
    p.handover.items[0].isRequired = 'ya';
    p.handover.items[1].kind = 'pdf';
    p.reports[1].dueDays = -1;
    const found = problems(p);
    expect(found).toEqual(
      expect.arrayContaining([
        'name: wajib diisi',
        'terms.agency: wajib diisi (tidak boleh kosong)',
        expect.stringMatching(/^regulation\.seed: "\.\.\/etc\/passwd\.txt" tidak sah/),
        'handover.items[0].isRequired: harus berupa benar/salah (true atau false), bukan teks',
        'handover.items[1].kind: jenis "pdf" tidak dikenal (salah satu dari: document, source-code)',
        expect.stringMatching(/^reports\[1\]\.dueDays: harus bilangan bulat 0–366/),
      ]),
    );
    expect(found).toHaveLength(6);
  });

  it('names the wrong type it found', () => {
    const p = base();
    p.reports[0].dueDays = '15';
    (p.terms as Record<string, unknown>).city = 7;
    expect(problems(p)).toEqual(['terms.city: harus berupa teks, bukan angka', 'reports[0].dueDays: harus bilangan bulat 0–366 (hari setelah akhir periode), bukan teks']);
  });

  it('rejects a fractional or absurd due date', () => {
    const p = base();
    p.reports[0].dueDays = 2.5;
    p.reports[1].dueDays = 400;
    expect(problems(p)).toEqual([
      'reports[0].dueDays: harus bilangan bulat 0–366 (hari setelah akhir periode), bukan 2.5',
      'reports[1].dueDays: harus bilangan bulat 0–366 (hari setelah akhir periode), bukan 400',
    ]);
  });

  it('rejects a duplicate handover item key, naming both places', () => {
    const p = base();
    p.handover.items[3].key = 'manual-pengguna';
    expect(problems(p)).toEqual(['handover.items[3].key: kunci "manual-pengguna" sudah dipakai di handover.items[2]']);
  });

  it('rejects a duplicate report key', () => {
    const p = base();
    p.reports[1].key = 'laporan-egov';
    expect(problems(p)).toEqual(['reports[1].key: kunci "laporan-egov" sudah dipakai di reports[0]']);
  });

  it('rejects an unknown report period and lists the known ones', () => {
    const p = base();
    p.reports[0].period = 'bulanan';
    expect(problems(p)).toEqual(['reports[0].period: periode "bulanan" tidak dikenal (salah satu dari: triwulan, semester, tahunan, insidental)']);
  });

  it('requires the region\'s clock: WIB, WITA or WIT, nothing else', () => {
    const missing = base();
    delete missing.timeZone;
    expect(problems(missing)).toEqual(['timeZone: wajib diisi (salah satu dari: WIB, WITA, WIT)']);
    const utc = base();
    utc.timeZone = 'UTC+7';
    expect(problems(utc)).toEqual(['timeZone: zona waktu "UTC+7" tidak dikenal (salah satu dari: WIB, WITA, WIT)']);
    const lower = base();
    lower.timeZone = 'wib';
    expect(problems(lower)).toEqual(['timeZone: zona waktu "wib" tidak dikenal (salah satu dari: WIB, WITA, WIT)']);
    const number = base();
    number.timeZone = 7;
    expect(problems(number)).toEqual(['timeZone: harus berupa teks, bukan angka']);
    expect(valid({ ...base(), timeZone: 'WIT' }).timeZone).toBe('WIT');
  });

  it('requires exactly one source-code item', () => {
    const none = base();
    none.handover.items[0].kind = 'document';
    expect(problems(none)).toEqual(['handover.items: harus ada tepat satu butir berjenis "source-code" (kode sumber), ditemukan 0']);
    const two = base();
    two.handover.items[2].kind = 'source-code';
    expect(problems(two)).toEqual([
      'handover.items: harus ada tepat satu butir berjenis "source-code" (kode sumber), ditemukan 2 (di handover.items[0], handover.items[2])',
    ]);
  });

  it('rejects an empty handover list', () => {
    const p = base();
    p.handover.items = [];
    expect(problems(p)).toEqual(['handover.items: minimal satu butir serah terima']);
  });

  it('rejects keys that are not kebab-case and citations without an article', () => {
    const p = base();
    p.handover.items[1].key = 'Kebutuhan Pengguna';
    p.reports[0].article = 'ayat (1)';
    const found = problems(p);
    expect(found[0]).toMatch(/^handover\.items\[1\]\.key: "Kebutuhan Pengguna" tidak sah: gunakan huruf kecil/);
    expect(found[1]).toMatch(/^reports\[0\]\.article: "ayat \(1\)" tidak sah: sebutkan pasalnya/);
  });

  it('rejects an id the settings contract could not store', () => {
    const p = base();
    p.id = 'Kota Jambi';
    expect(problems(p)[0]).toMatch(/^id: "Kota Jambi" tidak sah/);
  });

  it('flags misspelt fields instead of ignoring them', () => {
    const p = base();
    p.handover.items[2].isrequired = true;
    (p.terms as Record<string, unknown>).agensi = 'OPD';
    expect(problems(p)).toEqual([
      'terms.agensi: kolom tidak dikenal (yang dikenal: agency, ictOffice, ictOfficeShort, officer, government, city, actionPlan, actionPlanBasis)',
      'handover.items[2].isrequired: kolom tidak dikenal (yang dikenal: key, label, article, isRequired, kind, description)',
    ]);
  });

  it('rejects an urgent report that waits for a calendar period', () => {
    const p = base();
    p.reports[0].isUrgent = true;
    expect(problems(p)).toEqual(['reports[0].isUrgent: laporan mendesak harus berperiode "insidental", bukan "triwulan"']);
  });

  it('rejects missing sections with their names', () => {
    const p = base();
    delete p.terms;
    p.regulation = 'Perwali';
    delete (p as Record<string, unknown>).reports;
    expect(problems(p)).toEqual(['regulation: harus berupa objek, bukan teks', 'terms: wajib diisi', 'reports: wajib diisi']);
  });

  it('refuses oversized text', () => {
    const p = base();
    p.handover.items[0].label = 'x'.repeat(501);
    expect(problems(p)).toEqual(['handover.items[0].label: terlalu panjang (501 karakter, paling banyak 500)']);
  });

  it('keeps optional explanations and drops nothing it knows', () => {
    const p = base();
    p.reports[0].basis = 'Pasal 9 ayat (1) tidak menetapkan tenggat.';
    p.handover.items[0].description = 'Dengan penjelasan fungsi.';
    (p.handover as Record<string, unknown>).basis = 'Disimpan di repositori.';
    (p.terms as Record<string, unknown>).actionPlanBasis = 'Pasal 5.';
    const profile = valid(p);
    expect(profile.reports[0].basis).toBe('Pasal 9 ayat (1) tidak menetapkan tenggat.');
    expect(profile.handover.items[0].description).toBe('Dengan penjelasan fungsi.');
    expect(profile.handover.basis).toBe('Disimpan di repositori.');
    expect(profile.terms.actionPlanBasis).toBe('Pasal 5.');
  });

  it('formats a problem as "path: message"', () => {
    const problem: ProfileProblem = { path: 'handover.items[3].article', message: 'wajib diisi' };
    expect(formatProblem(problem)).toBe('handover.items[3].article: wajib diisi');
    expect(formatProblems([problem, { path: '', message: 'profil kosong' }])).toBe('handover.items[3].article: wajib diisi; profil kosong');
  });
});
