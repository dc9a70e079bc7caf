/** One test per consolidation rule (server/consolidation/rules.ts), on rows built here by hand. */
import type { CountedRow } from '../../../../server/store/console-store';
import type { HandoverFacts, PlanFacts } from '../../../../server/consolidation/facts';
import { applications, budgets, chainRoots, countedRows, duplicates, significantWords, similarity } from '../../../../server/consolidation/rules';
import { comparisonKey } from '../../../../core/domain/rencana-aksi/text';

function row(id: string, over: Partial<CountedRow> = {}): CountedRow {
  return {
    id,
    opd: 'DISDIK',
    type: 'rencana-aksi',
    period: '2025',
    revisionOf: null,
    replacedBy: null,
    reportType: null,
    profileId: null,
    committedAt: `2025-03-0${id.length}T00:00:00.000Z`,
    reviewStatus: 'diterima',
    title: id,
    facts: null,
    ...over,
  };
}

function plan(title: string, year: number, activities: string[], bySource: PlanFacts['budget']['bySource'], unattributed = 0): PlanFacts {
  const total = Object.values(bySource).reduce((a, b) => a + (b ?? 0), 0) + unattributed;
  return { kind: 'rencana-aksi', title, year, programCode: null, activities: activities.map((name) => ({ name, key: comparisonKey(name), output: null, subtotal: 0 })), budget: { total, unattributed, bySource }, unreadableStages: 0 };
}

const names = new Map([
  ['DISDIK', 'Dinas Pendidikan'],
  ['DINKES', 'Dinas Kesehatan'],
  ['BAPPEDA', 'Bappeda'],
]);

describe('rule 1: what counts', () => {
  test('only accepted, not replaced, and the newest of a revision chain; each reason counted', () => {
    const rows = [
      row('a', { committedAt: '2025-01-01T00:00:00.000Z', replacedBy: 'b' }),
      row('b', { revisionOf: 'a', committedAt: '2025-02-01T00:00:00.000Z' }),
      // Two corrections of b, both accepted and neither replaced: only the newer one counts, never both.
      row('c1', { revisionOf: 'b', committedAt: '2025-03-01T00:00:00.000Z' }),
      row('c2', { revisionOf: 'b', committedAt: '2025-04-01T00:00:00.000Z' }),
      row('w', { reviewStatus: 'menunggu' }),
      row('r', { reviewStatus: 'perlu-revisi' }),
      row('x', { opd: 'DINKES' }),
    ];
    // b is named by c1 and c2, but the store marks only the newest as its replacement: b itself still has replacedBy null here.
    const { counted, excluded } = countedRows(rows);
    expect(counted.map((r) => r.id).sort()).toEqual(['c2', 'x']);
    expect(excluded).toEqual({ notAccepted: 2, replaced: 1, olderInChain: 2, withoutData: 0 });
  });

  test('chain roots follow revisionOf to the first submission, and survive a cycle or a missing link', () => {
    const roots = chainRoots([row('a'), row('b', { revisionOf: 'a' }), row('c', { revisionOf: 'b' }), row('o', { revisionOf: 'gone' }), row('p', { revisionOf: 'q' }), row('q', { revisionOf: 'p' })]);
    expect(roots.get('c')).toBe('a');
    expect(roots.get('o')).toBe('o');
    expect(['p', 'q']).toContain(roots.get('p'));
  });
});

describe('rule 2: budgets per funding source and year', () => {
  test('per OPD and year, totals per year, grand total; unattributed money stays in the total', () => {
    const plans = [
      { row: row('d1'), facts: plan('RA Disdik', 2025, ['A'], { APBD: 22_500_000, APBN: 5_000_000 }) },
      { row: row('k1', { opd: 'DINKES' }), facts: plan('RA Dinkes', 2025, ['B'], { HIBAH: 7_000_000, APBD: 3_000_000 }, 1_000_000) },
      { row: row('k2', { opd: 'DINKES' }), facts: plan('RA Dinkes 2026', 2026, ['C'], { APBD: 4_000_000 }) },
      { row: row('k3', { opd: 'DINKES' }), facts: plan('RA Dinkes tambahan', 2025, ['D'], { 'APBD-PROV': 500_000 }) },
    ];
    const b = budgets(plans, names);
    expect(b.rows.map((r) => [r.year, r.opd, r.plans, r.APBD, r.APBN, r.HIBAH, r['APBD-PROV'], r.unattributed, r.total])).toEqual([
      [2025, 'DINKES', 2, 3_000_000, 0, 7_000_000, 500_000, 1_000_000, 11_500_000],
      [2025, 'DISDIK', 1, 22_500_000, 5_000_000, 0, 0, 0, 27_500_000],
      [2026, 'DINKES', 1, 4_000_000, 0, 0, 0, 0, 4_000_000],
    ]);
    expect(b.totals.map((t) => [t.year, t.opds, t.plans, t.APBD, t.total])).toEqual([
      [2025, 2, 3, 25_500_000, 39_000_000],
      [2026, 1, 1, 4_000_000, 4_000_000],
    ]);
    expect(b.grandTotal).toMatchObject({ APBD: 29_500_000, APBN: 5_000_000, HIBAH: 7_000_000, 'APBD-PROV': 500_000, LAIN: 0, unattributed: 1_000_000, total: 43_000_000 });
  });
});

describe('rule 3: duplicate activities across OPDs', () => {
  const plans = [
    { row: row('d1'), facts: plan('RA Disdik', 2025, ['Pengembangan SIM Sekolah', 'Pelatihan Operator'], {}) },
    { row: row('k1', { opd: 'DINKES' }), facts: plan('RA Dinkes', 2025, ['pengembangan sim  sekolah.', 'Aplikasi Puskesmas Keliling'], {}) },
    { row: row('b1', { opd: 'BAPPEDA' }), facts: plan('RA Bappeda', 2025, ['Layanan Puskesmas Keliling', 'Pelatihan Operator Kecamatan'], {}) },
    // The same activity in another year is no duplicate of this year's.
    { row: row('k2', { opd: 'DINKES' }), facts: plan('RA Dinkes 2026', 2026, ['Pelatihan Operator'], {}) },
  ];

  test('the same key is "sama", shared significant words are "mirip"; one OPD alone never is', () => {
    const groups = duplicates(plans, names, new Set());
    expect(groups.map((g) => [g.year, g.match, g.entries.map((e) => `${e.opd}:${e.planTitle}`)])).toEqual([
      [2025, 'sama', ['DISDIK:RA Disdik', 'DINKES:RA Dinkes']],
      [2025, 'mirip', ['BAPPEDA:RA Bappeda', 'DINKES:RA Dinkes']],
    ]);
    // "Pelatihan Operator" vs "Pelatihan Operator Kecamatan": 2 of 3 significant words, below the threshold.
    expect(similarity(significantWords('Pelatihan Operator'), significantWords('Pelatihan Operator Kecamatan'))).toBeLessThan(0.75);
  });

  test('an entry marked as no duplicate source is left out of every group', () => {
    const groups = duplicates(plans, names, new Set([`k1\u0000${comparisonKey('Pengembangan SIM Sekolah')}`]));
    expect(groups.map((g) => g.match)).toEqual(['mirip']);
  });
});

describe('rule 4: the application catalog', () => {
  function bundle(id: string, opd: string, name: string, version: string, purpose: string, committedAt: string, isComplete: boolean | null = true): { row: CountedRow; facts: HandoverFacts } {
    return {
      row: row(id, { opd, type: 'serah-terima', committedAt }),
      facts: {
        kind: 'serah-terima',
        application: { name, version, purpose, owningOpd: names.get(opd) ?? opd, vendor: 'CV Uji', fundingSource: 'APBD', fundingYear: 2025, repository: '' },
        profileId: 'prabumulih',
        isComplete,
        missing: isComplete === false ? ['Kode sumber (Pasal 11 ayat (3))'] : [],
      },
    };
  }

  test('one row per application, its newest bundle; same name or shared purpose words are flagged both ways', () => {
    const rows = applications(
      [
        bundle('s1', 'DISDIK', 'SIM Sekolah', '1.0', 'Mengelola data siswa dan guru sekolah', '2025-01-01T00:00:00.000Z'),
        bundle('s2', 'DISDIK', 'SIM  sekolah', '2.0', 'Mengelola data siswa dan guru sekolah', '2025-06-01T00:00:00.000Z'),
        bundle('k1', 'DINKES', 'Data Siswa Sekolah Sehat', '1.0', 'Mengelola data kesehatan siswa sekolah', '2025-02-01T00:00:00.000Z', false),
        bundle('b1', 'BAPPEDA', 'e-Planning', '3.1', 'Perencanaan pembangunan daerah', '2025-02-01T00:00:00.000Z', null),
      ],
      names,
    );
    expect(rows.map((r) => [r.opd, r.name, r.version, r.isComplete, r.sameFunction.map((f) => f.opd)])).toEqual([
      ['BAPPEDA', 'e-Planning', '3.1', null, []],
      ['DINKES', 'Data Siswa Sekolah Sehat', '1.0', false, ['DISDIK']],
      ['DISDIK', 'SIM  sekolah', '2.0', true, ['DINKES']],
    ]);
    expect(rows[1]?.sameFunction[0]?.words).toEqual(expect.arrayContaining(['sekolah', 'siswa', 'mengelola']));
  });
});
