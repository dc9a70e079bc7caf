/**
 * The worked example of Perwali Prabumulih No. 64/2017, Penjelasan Pasal 6
 * ayat (4), typed into a fixture exactly as printed: seven outputs, Rp 186.000.000,
 * the "Format Data…" stage listed twice, six stages without a budget.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzePlan, readPlanFromTable, type TableFile } from '../../../../../core/domain/rencana-aksi';

const fixture = path.join(__dirname, '../../../../fixtures/rencana-aksi/prabumulih-contoh.tsv');

/** The TSV split by hand, so this test exercises the domain alone (the reader has its own tests). */
function tsvTable(): TableFile {
  const rows = readFileSync(fixture, 'utf8').replace(/\n$/, '').split('\n').map((line) => line.split('\t'));
  return { fileName: 'prabumulih-contoh.tsv', format: 'tsv', sheets: [{ name: 'prabumulih-contoh.tsv', rows, merges: [] }] };
}

describe('the Prabumulih worked example', () => {
  const { plan, importFindings } = readPlanFromTable(tsvTable(), { id: 'contoh', year: 2025, opdCode: 'DPMD' });
  const analysis = analyzePlan(plan);

  it('reads one kegiatan with seven outputs and seventeen stages', () => {
    expect(plan.title).toBe('Pengembangan SIM PKK');
    expect(plan.activities.map((a) => a.name)).toEqual(['Pengembangan SIM PKK']);
    expect(plan.activities[0]?.outputs.map((o) => [o.name, o.stages.length])).toEqual([
      ['Arsitektur Sistem', 2],
      ['Pengembangan master data', 3],
      ['Pengembangan Aplikasi', 4],
      ['Infrastruktur', 2],
      ['SDM Pengelola', 2],
      ['Tata Kelola', 2],
      ['Perencanaan keberlanjutan system', 2],
    ]);
    expect(analysis.stageCount).toBe(17);
    expect(importFindings).toEqual([]);
  });

  it('totals Rp 186.000.000, all APBD, with subtotals per output', () => {
    expect(analysis.totals.total).toBe(186_000_000);
    expect(analysis.totals.bySource).toEqual({ APBD: 186_000_000 });
    expect(analysis.totals.byOutput.map((o) => o.subtotal)).toEqual([30_000_000, 30_000_000, 105_000_000, 21_000_000, 0, 0, 0]);
    expect(analysis.totals.byYear).toEqual([{ year: 2025, total: 186_000_000, bySource: { APBD: 186_000_000 } }]);
    expect(analysis.totals.missingCount).toBe(6);
    expect(analysis.totals.unreadableCount).toBe(0);
  });

  it('parses the durations, including "2 Hari, 5 Kali"', () => {
    const stages = plan.activities[0]?.outputs.flatMap((o) => o.stages) ?? [];
    const testing = stages.find((s) => s.tahap === 'Testing');
    expect(testing?.durasi).toEqual({ text: '2 Hari, 5 Kali', days: 2, times: 5 });
    expect(stages.find((s) => s.tahap === 'System Analys')?.durasi).toEqual({ text: '2 minggu', days: 14 });
    expect(stages.every((s) => s.durasi.days !== undefined)).toBe(true);
  });

  it('flags the repeated "Format Data…" stage, on the file row and column', () => {
    const dupes = analysis.findings.filter((f) => f.code === 'TAHAP_GANDA');
    expect(dupes).toHaveLength(1);
    expect(dupes[0]).toMatchObject({ row: 7, column: 'B', severity: 'warning', field: 'tahap', at: { activity: 0, output: 1, stage: 1 } });
    expect(dupes[0]?.message).toBe(
      'Baris 7, kolom B (Tahap Pelaksanaan): tahap "Format Data yang Dibutuhkan dan yang akan dihasilkan" sama dengan tahap pada baris 6 (output "Pengembangan master data"); hapus tahap ganda atau bedakan uraiannya.',
    );
  });

  it('flags the six stages without a budget, never as zero', () => {
    const missing = analysis.findings.filter((f) => f.code === 'SUMBER_DAYA_KOSONG');
    expect(missing.map((f) => [f.row, f.column])).toEqual([
      [15, 'F'],
      [16, 'F'],
      [17, 'F'],
      [18, 'F'],
      [19, 'F'],
      [20, 'F'],
    ]);
    expect(missing[0]?.message).toMatch(/^Baris 15, kolom F \(Sumber Daya\): sumber daya tahap "Pelatihan Penggunaan System" belum diisi/);
    const stages = plan.activities[0]?.outputs.flatMap((o) => o.stages) ?? [];
    expect(stages.filter((s) => s.sumberDaya.amount === undefined)).toHaveLength(6);
  });

  it('flags every output without an indikator, and nothing else', () => {
    expect(analysis.findings.filter((f) => f.code === 'INDIKATOR_KOSONG').map((f) => f.row)).toEqual([3, 6, 9, 13, 15, 17, 19]);
    expect(new Set(analysis.findings.map((f) => f.code))).toEqual(new Set(['TAHAP_GANDA', 'SUMBER_DAYA_KOSONG', 'INDIKATOR_KOSONG']));
    expect(analysis.errorCount).toBe(6);
    expect(analysis.warningCount).toBe(8);
  });

  it('names editor rows once the plan is edited (no file positions)', () => {
    const edited = analyzePlan(plan, { positions: 'editor' });
    const dupe = edited.findings.find((f) => f.code === 'TAHAP_GANDA');
    // Editor rows: 1 kegiatan, 2–3 Arsitektur, 4–6 master data: the duplicate is row 5.
    expect(dupe).toMatchObject({ row: 5, column: 'Tahap Pelaksanaan' });
    expect(dupe?.message).toMatch(/^Baris 5, kolom Tahap Pelaksanaan: .* pada baris 4 /);
  });
});
