import { analyzePlan, type RencanaAksiPlan } from '../../../../core/domain/rencana-aksi';
import { normalizePlan } from '../../../../core/domain/rencana-aksi/normalize';
import { cellText, keystrokeToTotals, outputDetail, replaceContent, rowsOf, setCell, setOutputDetail, setPlanField, setYear, skeletonActivities } from '../../../../renderer/src/features/rencana-aksi/plan-edits';
import { prabumulihPlan, R, row, tahaps } from './prabumulih-plan';

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
    const { source: _source, ...rest } = plan;
    const empty: RencanaAksiPlan = { ...rest, activities: [{ name: 'K', outputs: [{ name: 'O', stages: [] }] }] };
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

  it('sets the start month of one output (January when never set); a month outside 1–12 changes nothing', () => {
    expect(outputDetail(plan.activities[0]!.outputs[2]!, 'startMonth')).toBe('1');
    const next = setOutputDetail(plan, 0, 2, 'startMonth', '4');
    expect(next.activities[0]?.outputs[2]?.startMonth).toBe(4);
    expect(next.activities[0]?.outputs[1]?.startMonth).toBeUndefined();
    expect(outputDetail(next.activities[0]!.outputs[2]!, 'startMonth')).toBe('4');
    expect(setOutputDetail(next, 0, 2, 'startMonth', '13')).toEqual(next);
    // Saved, April stays; January is the default and is not stored.
    expect(normalizePlan(next).activities[0]?.outputs[2]?.startMonth).toBe(4);
    expect('startMonth' in (normalizePlan(setOutputDetail(next, 0, 2, 'startMonth', '1')).activities[0]?.outputs[2] ?? {})).toBe(false);
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
