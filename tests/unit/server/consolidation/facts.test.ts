/** What the server reads of a package's data.json: re-derived from the typed text, hostile shapes give reasons, not guesses. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RegionProfile } from '../../../../core/domain/profiles/profile';
import { factsOf, planOf, titleOf, type FactsInput } from '../../../../server/consolidation/facts';

const profiles = ['prabumulih'].map((id) => JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', '..', 'assets', 'profiles', `${id}.json`), 'utf8')) as RegionProfile);
const base: Omit<FactsInput, 'dataJson' | 'type'> = { period: '2025', reportType: null, profileId: 'prabumulih', paths: new Set(), profiles };
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const stage = (money: string, amount?: number) => ({ tahap: 'Analisis', metode: 'FGD', pelaksana: 'Vendor', durasi: { text: '1 Bulan' }, sumberDaya: { text: money, ...(amount !== undefined ? { amount, source: 'APBN' } : {}) } });

test('a plan: title, year, activities with their keys, budget per source read again from the text (never the sent numbers)', () => {
  const facts = factsOf({
    ...base,
    type: 'rencana-aksi',
    dataJson: json({
      format: 'berkas-rencana-aksi',
      version: 1,
      plan: {
        title: ' RA  Disdik 2025 ',
        year: 2025,
        activities: [
          { name: 'Pengembangan SIM Sekolah', outputs: [{ name: 'Aplikasi', stages: [stage('APBD : 10 Juta', 999_999_999), stage('APBN : 5 Juta')] }] },
          { name: 'Pelatihan', outputs: [{ name: 'Operator', stages: [stage('Rp 1.000.000'), stage('entah berapa')] }] },
          { name: '   ', outputs: [] },
        ],
      },
    }),
  });
  expect(facts).toMatchObject({
    kind: 'rencana-aksi',
    title: 'RA Disdik 2025',
    year: 2025,
    activities: [
      { name: 'Pengembangan SIM Sekolah', key: 'pengembangansimsekolah', output: 'Aplikasi', subtotal: 15_000_000 },
      { name: 'Pelatihan', key: 'pelatihan', output: 'Operator', subtotal: 1_000_000 },
    ],
    budget: { total: 16_000_000, unattributed: 1_000_000, bySource: { APBD: 10_000_000, APBN: 5_000_000 } },
    unreadableStages: 1,
  });
  expect(titleOf(facts)).toBe('RA Disdik 2025');
});

test('hostile or broken data.json: a reason, no facts', () => {
  expect(factsOf({ ...base, type: 'rencana-aksi', dataJson: Buffer.from('{bukan json') })).toEqual({ kind: 'tanpa-data', reason: 'data.json bukan JSON yang sah' });
  expect(factsOf({ ...base, type: 'rencana-aksi', dataJson: null })).toMatchObject({ kind: 'tanpa-data' });
  expect(factsOf({ ...base, type: 'rencana-aksi', dataJson: json({ plan: { activities: 'x' } }) })).toMatchObject({ kind: 'tanpa-data' });
  const huge = { activities: [{ name: 'A', outputs: [{ name: 'O', stages: Array.from({ length: 20_001 }, () => ({})) }] }] };
  expect(planOf(huge, 2025)).toMatch(/lebih dari 20000 tahap/);
  // A year outside 2000–2100 falls back to the period's; a number where text belongs is no text.
  const odd = planOf({ year: 99999, title: 42, activities: [{ name: 'A', outputs: [] }] }, 2026);
  expect(odd).toMatchObject({ year: 2026, title: '' });
});

test('a handover: the application record, completeness against the region list counting only files really in the package', () => {
  const items = ['kebutuhan-perangkat-lunak', 'arsitektur-desain', 'dokumen-teknis', 'manual', 'kode-sumber'].map((key) => ({ key, files: [{ path: `data/${key}/a.pdf` }] }));
  const paths = new Set(items.slice(0, 4).map((i) => i.files[0]?.path as string));
  const data = { format: 'berkas/serah-terima-aplikasi', application: { name: 'SIM Sekolah', version: '2.1', purpose: 'Data siswa', owningOpd: 'Dinas Pendidikan', vendor: 'CV Uji', fundingSource: 'APBD', fundingYear: 2025, repository: 'https://git.example/sim' }, items };
  const facts = factsOf({ ...base, type: 'serah-terima', paths, dataJson: json(data) });
  expect(facts).toMatchObject({ kind: 'serah-terima', isComplete: false, missing: ['Kode sumber (Pasal 11 ayat (3) huruf e)'], application: { name: 'SIM Sekolah', version: '2.1', fundingYear: 2025 } });
  expect(titleOf(facts)).toBe('SIM Sekolah 2.1');
  const unknownRegion = factsOf({ ...base, profileId: 'atlantis', type: 'serah-terima', paths, dataJson: json(data) });
  expect(unknownRegion).toMatchObject({ isComplete: null, profileId: 'atlantis' });
});

test('a report is named by its type in the region profile', () => {
  expect(titleOf(factsOf({ ...base, type: 'laporan', reportType: 'laporan-egov', dataJson: null }))).toBe(profiles[0]?.reports[0]?.name);
});
