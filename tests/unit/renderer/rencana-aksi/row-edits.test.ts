import { analyzePlan, type RencanaAksiPlan } from '../../../../core/domain/rencana-aksi';
import { rowOfTarget, rowsOf, skeletonActivities } from '../../../../renderer/src/features/rencana-aksi/plan-edits';
import { deleteRow, describeDeletion, insertActivity, insertOutput, insertStage, moveRow } from '../../../../renderer/src/features/rencana-aksi/row-edits';
import { prabumulihPlan, R, row, tahaps } from './prabumulih-plan';

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
