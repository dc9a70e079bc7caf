import { analyzePlan, type EditorRow, type RencanaAksiPlan } from '../../../../core/domain/rencana-aksi';
import {
  cellText,
  deleteRow,
  describeDeletion,
  insertActivity,
  insertOutput,
  insertStage,
  keystrokeToTotals,
  moveRow,
  replaceContent,
  rowOfTarget,
  rowsOf,
  setCell,
  setOutputDetail,
  setPlanField,
  setYear,
  skeletonActivities,
} from '../../../../renderer/src/features/rencana-aksi/plan-edits';
import { prabumulihPlan } from './prabumulih-plan';

/** Rows of the example: 1 kegiatan, then the stages (editor rows are 1-based in findings, 0-based here). */
const R = { activity: 0, arsitektur: 1, sosialisasi: 2, formatData: 3, formatDataAgain: 4, dfd: 5, pelatihan: 12, pelatihanAdmin: 13, review: 17 } as const;

function row(plan: RencanaAksiPlan, index: number): EditorRow {
  const r = rowsOf(plan)[index];
  if (!r) throw new Error(`no row ${index}`);
  return r;
}

function tahaps(plan: RencanaAksiPlan): string[][] {
  return plan.activities.flatMap((a) => a.outputs.map((o) => [o.name, ...o.stages.map((s) => s.tahap)]));
}

describe('setCell', () => {
  const plan = prabumulihPlan();

  it('sets a stage field and derives durasi and sumber daya numbers from the text as typed', () => {
    const withMoney = setCell(plan, row(plan, R.pelatihan), 'sumberDaya', 'APBD : 5 Juta ');
    const stage = withMoney.activities[0]?.outputs[4]?.stages[0];
    expect(stage?.sumberDaya).toEqual({ text: 'APBD : 5 Juta ', source: 'APBD', amount: 5_000_000 });
    const withTime = setCell(withMoney, row(withMoney, R.pelatihan), 'durasi', '2 Hari, 5 Kali');
    expect(withTime.activities[0]?.outputs[4]?.stages[0]?.durasi).toEqual({ text: '2 Hari, 5 Kali', days: 2, times: 5 });
    const unreadable = setCell(withTime, row(withTime, R.pelatihan), 'durasi', 'lama');
    expect(unreadable.activities[0]?.outputs[4]?.stages[0]?.durasi).toEqual({ text: 'lama' });
    expect(analyzePlan(withMoney).totals.total).toBe(191_000_000);
  });

  it('drops the import positions on the first edit and keeps untouched parts as they were', () => {
    expect(plan.source).toBeDefined();
    const next = setCell(plan, row(plan, R.pelatihan), 'pelaksana', 'KOMINFO');
    expect(next.source).toBeUndefined();
    expect(next.activities[0]?.outputs[4]?.stages[0]?.sourceRow).toBeUndefined();
    // A second edit on an already detached plan shares every untouched stage and output.
    const again = setCell(next, row(next, R.pelatihan), 'metode', 'Daring');
    expect(again.activities[0]?.outputs[0]).toBe(next.activities[0]?.outputs[0]);
    expect(again.activities[0]?.outputs[4]?.stages[1]).toBe(next.activities[0]?.outputs[4]?.stages[1]);
    expect(again.activities[0]?.outputs[4]?.stages[0]).not.toBe(next.activities[0]?.outputs[4]?.stages[0]);
  });

  it('returns the same plan when the text does not change', () => {
    expect(setCell(plan, row(plan, R.dfd), 'tahap', 'DFD')).toBe(plan);
  });

  it('renames the kegiatan and, on an output first row, the output', () => {
    const renamed = setCell(plan, row(plan, R.activity), 'output', 'SIM PKK');
    expect(renamed.activities[0]?.name).toBe('SIM PKK');
    const output = setCell(plan, row(plan, R.formatData), 'output', 'Master data');
    expect(output.activities[0]?.outputs[1]?.name).toBe('Master data');
  });

  it('starts a new output when a name is typed into the Output cell of a later row', () => {
    const split = setCell(plan, row(plan, R.dfd), 'output', 'Diagram');
    expect(tahaps(split).slice(1, 3)).toEqual([
      ['Pengembangan master data', 'Format Data yang Dibutuhkan dan yang akan dihasilkan', 'Format Data yang Dibutuhkan dan yang akan dihasilkan'],
      ['Diagram', 'DFD'],
    ]);
    // Same number of rows: the cursor stays on the row, now the new output's first.
    expect(rowsOf(split)).toHaveLength(rowsOf(plan).length);
    expect(cellText(split, row(split, R.dfd), 'output')).toBe('Diagram');
    // Emptying a later row's Output cell changes nothing.
    expect(setCell(plan, row(plan, R.dfd), 'output', '')).toBe(plan);
  });

  it('creates the first stage of an output that has none', () => {
    const empty: RencanaAksiPlan = { ...plan, source: undefined, activities: [{ name: 'K', outputs: [{ name: 'O', stages: [] }] }] };
    delete empty.source;
    const next = setCell(empty, row(empty, 1), 'tahap', 'Analisis');
    expect(next.activities[0]?.outputs[0]?.stages).toEqual([{ tahap: 'Analisis', metode: '', pelaksana: '', durasi: { text: '' }, sumberDaya: { text: '' } }]);
  });
});

describe('output details and plan fields', () => {
  const plan = prabumulihPlan();

  it('sets indikator, sub outputs (one per line) and KAK fields of one output', () => {
    let next = setOutputDetail(plan, 0, 2, 'indikatorTarget', '1');
    next = setOutputDetail(next, 0, 2, 'indikatorSatuan', 'aplikasi');
    next = setOutputDetail(next, 0, 2, 'subOutputs', 'Modul anggota\nModul kegiatan\n');
    next = setOutputDetail(next, 0, 2, 'latarBelakang', 'PKK belum punya data terpadu.');
    const output = next.activities[0]?.outputs[2];
    expect(output?.indikator).toEqual({ target: '1', satuan: 'aplikasi' });
    expect(output?.subOutputs).toEqual(['Modul anggota', 'Modul kegiatan', '']);
    expect(output?.kak).toEqual({ latarBelakang: 'PKK belum punya data terpadu.', maksudTujuan: '', sasaran: '', keluaran: '', waktu: '', biaya: '' });
    const codes = analyzePlan(next, { positions: 'editor' }).findings.filter((f) => f.code === 'INDIKATOR_KOSONG').map((f) => f.row);
    expect(codes).not.toContain(7);
    expect(codes).toHaveLength(6);
  });

  it('sets the title, the programme code (removed when emptied) and the year', () => {
    const titled = setPlanField(plan, 'title', 'Rencana 2025');
    expect(titled.title).toBe('Rencana 2025');
    const coded = setPlanField(titled, 'programCode', '2.16.03');
    expect(coded.programCode).toBe('2.16.03');
    expect('programCode' in setPlanField(coded, 'programCode', '')).toBe(false);
    expect(setYear(plan, 2026).year).toBe(2026);
    expect(setYear(plan, 2025)).toBe(plan);
  });
});

describe('adding rows', () => {
  const plan = prabumulihPlan();

  it('adds an empty stage under a stage row (Ctrl+Enter) and puts the cursor on it', () => {
    const { plan: next, target } = insertStage(plan, row(plan, R.pelatihan));
    expect(target).toEqual({ activity: 0, output: 4, stage: 1 });
    expect(rowOfTarget(next, target)).toBe(R.pelatihan + 1);
    expect(next.activities[0]?.outputs[4]?.stages.map((s) => s.tahap)).toEqual(['Pelatihan Penggunaan System', '', 'Pelatihan Administrator']);
  });

  it('adds a new output first in a kegiatan from its row, and after the current output from a stage', () => {
    const first = insertStage(plan, row(plan, R.activity));
    expect(first.plan.activities[0]?.outputs[0]).toEqual({ name: '', stages: [{ tahap: '', metode: '', pelaksana: '', durasi: { text: '' }, sumberDaya: { text: '' } }] });
    expect(rowOfTarget(first.plan, first.target)).toBe(1);
    const after = insertOutput(plan, row(plan, R.sosialisasi));
    expect(after.target).toEqual({ activity: 0, output: 1, stage: 0 });
    expect(after.plan.activities[0]?.outputs[2]?.name).toBe('Pengembangan master data');
  });

  it('adds a kegiatan after the current one, or the first one into an empty plan', () => {
    const next = insertActivity(plan, row(plan, R.review));
    expect(next.plan.activities).toHaveLength(2);
    expect(rowOfTarget(next.plan, next.target)).toBe(rowsOf(plan).length);
    const empty = { ...plan, activities: [] };
    const started = insertStage(empty, undefined);
    expect(started.plan.activities).toEqual(skeletonActivities());
  });
});

describe('deleting rows', () => {
  const plan = prabumulihPlan();

  it('deletes a stage and names it for the confirmation', () => {
    const r = row(plan, R.formatDataAgain);
    expect(describeDeletion(plan, r)).toEqual({
      kind: 'stage',
      tahap: 'Format Data yang Dibutuhkan dan yang akan dihasilkan',
      outputName: 'Pengembangan master data',
      isLastOfOutput: false,
    });
    const next = deleteRow(plan, r);
    expect(next.activities[0]?.outputs[1]?.stages.map((s) => s.tahap)).toEqual(['Format Data yang Dibutuhkan dan yang akan dihasilkan', 'DFD']);
    expect(analyzePlan(next).findings.map((f) => f.code)).not.toContain('TAHAP_GANDA');
    expect(analyzePlan(next).totals.total).toBe(176_000_000);
  });

  it('deletes the output with its last stage, an output without stages, and a whole kegiatan', () => {
    const single: RencanaAksiPlan = {
      id: 'x',
      opdCode: 'X',
      year: 2025,
      title: 'T',
      activities: [{ name: 'K', outputs: [{ name: 'A', stages: [{ tahap: 'a', metode: '', pelaksana: '', durasi: { text: '' }, sumberDaya: { text: '' } }] }, { name: 'B', stages: [] }] }],
    };
    expect(describeDeletion(single, row(single, 1))).toMatchObject({ kind: 'stage', isLastOfOutput: true });
    expect(deleteRow(single, row(single, 1)).activities[0]?.outputs.map((o) => o.name)).toEqual(['B']);
    expect(describeDeletion(single, row(single, 2))).toEqual({ kind: 'output', name: 'B' });
    expect(deleteRow(single, row(single, 2)).activities[0]?.outputs.map((o) => o.name)).toEqual(['A']);
    expect(describeDeletion(plan, row(plan, R.activity))).toEqual({ kind: 'activity', name: 'Pengembangan SIM PKK', outputCount: 7, stageCount: 17 });
    expect(deleteRow(plan, row(plan, R.activity)).activities).toEqual([]);
  });
});

describe('moving rows (Alt+↑/↓)', () => {
  const plan = prabumulihPlan();

  it('swaps a stage with its neighbour inside the output', () => {
    const moved = moveRow(plan, row(plan, R.pelatihanAdmin), 'tahap', -1);
    expect(moved?.plan.activities[0]?.outputs[4]?.stages.map((s) => s.tahap)).toEqual(['Pelatihan Administrator', 'Pelatihan Penggunaan System']);
    expect(moved && rowOfTarget(moved.plan, moved.target)).toBe(R.pelatihan);
  });

  it('moves a stage past the edge of its output into the neighbouring one', () => {
    const up = moveRow(plan, row(plan, R.formatData), 'tahap', -1);
    expect(tahaps(up?.plan as RencanaAksiPlan).slice(0, 2)).toEqual([
      ['Arsitektur Sistem', 'Business Process Reengineering', 'Sosialisasi', 'Format Data yang Dibutuhkan dan yang akan dihasilkan'],
      ['Pengembangan master data', 'Format Data yang Dibutuhkan dan yang akan dihasilkan', 'DFD'],
    ]);
    expect(up?.target).toEqual({ activity: 0, output: 0, stage: 2 });
    const down = moveRow(plan, row(plan, R.sosialisasi), 'metode', 1);
    expect(tahaps(down?.plan as RencanaAksiPlan)[1]?.slice(0, 2)).toEqual(['Pengembangan master data', 'Sosialisasi']);
  });

  it('moves the whole output from its Output cell, and the kegiatan from its row', () => {
    const moved = moveRow(plan, row(plan, R.formatData), 'output', -1);
    expect(moved?.plan.activities[0]?.outputs.map((o) => o.name).slice(0, 2)).toEqual(['Pengembangan master data', 'Arsitektur Sistem']);
    expect(moved && rowOfTarget(moved.plan, moved.target)).toBe(1);
    const two = insertActivity(plan, row(plan, R.review)).plan;
    const swapped = moveRow(two, row(two, 0), 'output', 1);
    expect(swapped?.plan.activities.map((a) => a.name)).toEqual(['', 'Pengembangan SIM PKK']);
  });

  it('moves an output across kegiatan, and refuses to move past the ends', () => {
    const two = insertActivity(plan, row(plan, R.review)).plan;
    // The last output of the first kegiatan, moved down: first output of the second.
    const lastOutputRow = R.review - 1;
    const moved = moveRow(two, row(two, lastOutputRow), 'output', 1);
    expect(moved?.plan.activities[1]?.outputs[0]?.name).toBe('Perencanaan keberlanjutan system');
    expect(moved?.plan.activities[0]?.outputs).toHaveLength(6);
    expect(moveRow(plan, row(plan, R.arsitektur), 'tahap', -1)).toBeNull();
    expect(moveRow(plan, row(plan, R.activity), 'output', -1)).toBeNull();
    expect(moveRow(plan, row(plan, R.review), 'tahap', 1)).toBeNull();
  });
});

describe('import into an open plan, and one keystroke', () => {
  it('takes the kegiatan (and file positions) of the import but keeps the plan id, title, OPD and year', () => {
    const open: RencanaAksiPlan = { id: 'mine', opdCode: 'BAPPEDA', year: 2026, title: 'Milik saya', activities: skeletonActivities() };
    const imported = prabumulihPlan(2025);
    const next = replaceContent(open, imported);
    expect(next).toMatchObject({ id: 'mine', opdCode: 'BAPPEDA', year: 2026, title: 'Milik saya' });
    expect(next.activities).toBe(imported.activities);
    expect(next.source).toBe(imported.source);
  });

  it('sets the cell and recomputes totals with editor positions', () => {
    const plan = prabumulihPlan();
    const { plan: next, analysis } = keystrokeToTotals(plan, row(plan, R.pelatihan), 'sumberDaya', 'APBN : 7,5 jt');
    expect(next.activities[0]?.outputs[4]?.stages[0]?.sumberDaya.amount).toBe(7_500_000);
    expect(analysis.totals.total).toBe(193_500_000);
    expect(analysis.totals.bySource).toEqual({ APBD: 186_000_000, APBN: 7_500_000 });
    expect(analysis.findings.find((f) => f.code === 'TAHAP_GANDA')?.message).toMatch(/^Baris 5, kolom Tahap Pelaksanaan: /);
  });
});
