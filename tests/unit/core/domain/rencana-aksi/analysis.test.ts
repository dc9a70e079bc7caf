import {
  analyzePlan,
  buildCatalogIndex,
  consolidateTotals,
  detachSource,
  editorRowIndex,
  planToEditorRows,
  type RencanaAksiPlan,
  type Stage,
} from '../../../../../core/domain/rencana-aksi';

function stage(tahap: string, durasi: string, sumberDaya: string, pelaksana = 'Vendor'): Stage {
  return { tahap, metode: '', pelaksana, durasi: { text: durasi }, sumberDaya: { text: sumberDaya } };
}

function plan(overrides: Partial<RencanaAksiPlan> = {}): RencanaAksiPlan {
  return {
    id: 'p',
    opdCode: 'DPMD',
    year: 2025,
    title: 'Uji',
    activities: [
      {
        name: 'Pengembangan SIM PKK',
        outputs: [
          {
            name: 'Aplikasi',
            indikator: { target: '1', satuan: 'aplikasi' },
            stages: [stage('Coding', '4 Bulan', 'APBD : 50 Juta'), stage('Testing', '2 Hari, 5 Kali', 'APBN : 5 jt')],
          },
          {
            name: 'Infrastruktur',
            indikator: { target: '2', satuan: 'server' },
            stages: [stage('Instalasi', '2 Hari', 'Hibah : 25.000.000'), stage('Jaringan', '1 Bulan', 'Rp 1,5 Juta')],
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe('analyzePlan', () => {
  it('totals per output, per source, unattributed and overall', () => {
    const { totals, findings } = analyzePlan(plan());
    expect(totals.total).toBe(81_500_000);
    expect(totals.bySource).toEqual({ APBD: 50_000_000, APBN: 5_000_000, HIBAH: 25_000_000 });
    expect(Object.keys(totals.bySource)).toEqual(['APBD', 'APBN', 'HIBAH']);
    expect(totals.unattributed).toBe(1_500_000);
    expect(totals.byOutput.map((o) => [o.name, o.subtotal, o.bySource])).toEqual([
      ['Aplikasi', 55_000_000, { APBD: 50_000_000, APBN: 5_000_000 }],
      ['Infrastruktur', 26_500_000, { HIBAH: 25_000_000 }],
    ]);
    expect(totals.byActivity).toEqual([{ activity: 0, name: 'Pengembangan SIM PKK', subtotal: 81_500_000 }]);
    expect(findings.map((f) => f.code)).toEqual(['SUMBER_DANA_KOSONG']);
  });

  it('reads the text, not stale numbers a client sent', () => {
    const p = plan();
    const first = p.activities[0]?.outputs[0]?.stages[0] as Stage;
    first.sumberDaya = { text: 'APBD : 10 Juta', source: 'APBN', amount: 999 };
    expect(analyzePlan(p).totals.bySource.APBD).toBe(10_000_000);
  });

  it('reports each missing or unreadable value on the editor row and column', () => {
    const p = plan();
    const stages = p.activities[0]?.outputs[0]?.stages as Stage[];
    stages.push(stage('Pelatihan', '', 'APBD', ''), stage('Sosialisasi', '2-3 bulan', 'seikhlasnya'));
    const byCode = Object.fromEntries(analyzePlan(p).findings.map((f) => [f.code, f]));
    // Editor rows: 1 kegiatan, 2 Coding, 3 Testing, 4 Pelatihan, 5 Sosialisasi.
    expect(byCode.PELAKSANA_KOSONG).toMatchObject({ row: 4, column: 'Pelaksana', field: 'pelaksana', at: { activity: 0, output: 0, stage: 2 } });
    expect(byCode.DURASI_KOSONG).toMatchObject({ row: 4, column: 'Durasi' });
    expect(byCode.ANGGARAN_KOSONG).toMatchObject({ row: 4, column: 'Sumber Daya' });
    expect(byCode.DURASI_TIDAK_TERBACA?.message).toMatch(/^Baris 5, kolom Durasi: durasi "2-3 bulan" tidak terbaca: berupa rentang/);
    expect(byCode.ANGGARAN_TIDAK_TERBACA?.message).toMatch(/^Baris 5, kolom Sumber Daya: sumber daya "seikhlasnya" tidak terbaca: .*Jumlahnya tidak dihitung dalam total\.$/);
    const analysis = analyzePlan(p);
    expect(analysis.totals.unreadableCount).toBe(1);
    expect(analysis.totals.total).toBe(81_500_000);
  });

  it('duplicate stages are case-, space- and punctuation-insensitive across the plan', () => {
    const p = plan();
    p.activities[0]?.outputs[1]?.stages.push(stage('  CODING. ', '1 Hari', 'APBD : 1 Juta'));
    const dupes = analyzePlan(p).findings.filter((f) => f.code === 'TAHAP_GANDA');
    expect(dupes).toHaveLength(1);
    expect(dupes[0]).toMatchObject({ row: 6, at: { output: 1, stage: 2 } });
    expect(dupes[0]?.message).toMatch(/pada baris 2 \(output "Aplikasi"\)/);
  });

  it('indikator: missing or not measurable', () => {
    const p = plan();
    const [a, b] = p.activities[0]?.outputs ?? [];
    if (!a || !b) throw new Error('fixture');
    delete a.indikator;
    b.indikator = { target: 'banyak', satuan: '' };
    const codes = analyzePlan(p).findings.map((f) => [f.code, f.row]);
    expect(codes).toContainEqual(['INDIKATOR_KOSONG', 2]);
    expect(codes).toContainEqual(['INDIKATOR_TIDAK_TERUKUR', 4]);
  });

  it('an activity without outputs and an output without stages are errors', () => {
    const p = plan();
    p.activities.push({ name: 'Kosong', outputs: [] });
    p.activities[0]?.outputs.push({ name: 'Belum', indikator: { target: '1', satuan: 'dokumen' }, stages: [] });
    const codes = analyzePlan(p).findings.map((f) => [f.code, f.row]);
    expect(codes).toContainEqual(['OUTPUT_TANPA_TAHAP', 6]);
    expect(codes).toContainEqual(['KEGIATAN_TANPA_OUTPUT', 7]);
  });

  it("flags a kegiatan another OPD has in Diskominfo's catalog (same year or every year), not the OPD's own", () => {
    const catalog = buildCatalogIndex([
      { opdCode: 'DISDUKCAPIL', opdName: 'Dinas Dukcapil', year: 2025, activity: 'pengembangan  SIM-PKK' },
      { opdCode: 'DPMD', opdName: 'Dinas PMD', year: 2025, activity: 'Pengembangan SIM PKK' },
      { opdCode: 'DINKES', opdName: 'Dinas Kesehatan', year: 2024, activity: 'Pengembangan SIM PKK' },
    ]);
    const findings = analyzePlan(plan(), { catalog }).findings.filter((f) => f.code === 'KEGIATAN_GANDA_KATALOG');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ row: 1, column: 'Output', severity: 'warning', at: { activity: 0 } });
    expect(findings[0]?.message).toMatch(/sudah direncanakan oleh Dinas Dukcapil \(DISDUKCAPIL\).*Pontianak Pasal 9 ayat \(2\)/);
    expect(findings[0]?.message).not.toMatch(/Kesehatan|Dinas PMD/);
    const everyYear = buildCatalogIndex([{ opdCode: 'DINKES', opdName: '', activity: 'Pengembangan SIM PKK' }]);
    expect(analyzePlan(plan(), { catalog: everyYear }).findings.some((f) => f.code === 'KEGIATAN_GANDA_KATALOG')).toBe(true);
  });

  it('consolidates many plans per year and source', () => {
    const a = analyzePlan(plan()).totals;
    const b = analyzePlan(plan({ year: 2026 })).totals;
    expect(consolidateTotals([{ year: 2025, totals: a }, { year: 2026, totals: b }, { year: 2025, totals: a }])).toEqual([
      { year: 2025, total: 163_000_000, bySource: { APBD: 100_000_000, APBN: 10_000_000, HIBAH: 50_000_000 }, unattributed: 3_000_000 },
      { year: 2026, total: 81_500_000, bySource: { APBD: 50_000_000, APBN: 5_000_000, HIBAH: 25_000_000 }, unattributed: 1_500_000 },
    ]);
  });
});

describe('editor rows', () => {
  it('lists kegiatan and stage rows, an output without stages taking one row', () => {
    const p = plan();
    p.activities[0]?.outputs.push({ name: 'Belum', stages: [] });
    const rows = planToEditorRows(p);
    expect(rows.map((r) => (r.kind === 'activity' ? 'A' : `${r.output}:${r.stage ?? '-'}`))).toEqual(['A', '0:0', '0:1', '1:0', '1:1', '2:-']);
    expect(editorRowIndex(p)).toEqual({ activity: [1], output: [[2, 4, 6]], stage: [[[2, 3], [4, 5], []]] });
  });

  it('detachSource drops every file position', () => {
    const p = plan({ source: { fileName: 'x.csv', headerRow: 1, columns: { output: 'A' } } });
    const s = p.activities[0]?.outputs[0]?.stages[0] as Stage;
    s.sourceRow = 3;
    const detached = detachSource(p);
    expect(detached.source).toBeUndefined();
    expect(JSON.stringify(detached)).not.toMatch(/sourceRow/);
    expect(p.source).toBeDefined();
  });
});
