/**
 * The plan as the editor (and an exported sheet) lays it out: one row per
 * kegiatan title, then one row per stage; an output without stages still
 * takes one row. Findings on an edited plan name these row numbers (1-based).
 */
import type { RencanaAksiPlan } from './model';

export type EditorRow =
  | { kind: 'activity'; activity: number }
  /** `stage` is null for an output that has no stage yet. */
  | { kind: 'stage'; activity: number; output: number; stage: number | null; isFirstOfOutput: boolean };

export function planToEditorRows(plan: RencanaAksiPlan): EditorRow[] {
  const rows: EditorRow[] = [];
  plan.activities.forEach((activity, a) => {
    rows.push({ kind: 'activity', activity: a });
    activity.outputs.forEach((output, o) => {
      if (output.stages.length === 0) {
        rows.push({ kind: 'stage', activity: a, output: o, stage: null, isFirstOfOutput: true });
        return;
      }
      output.stages.forEach((_, s) => rows.push({ kind: 'stage', activity: a, output: o, stage: s, isFirstOfOutput: s === 0 }));
    });
  });
  return rows;
}

/** Row numbers of every activity, output (its first row) and stage, for findings. */
export interface RowIndex {
  activity: number[];
  output: number[][];
  stage: number[][][];
}

export function editorRowIndex(plan: RencanaAksiPlan): RowIndex {
  const index: RowIndex = { activity: [], output: [], stage: [] };
  let row = 0;
  plan.activities.forEach((activity, a) => {
    index.activity[a] = ++row;
    index.output[a] = [];
    index.stage[a] = [];
    activity.outputs.forEach((output, o) => {
      const outputRows = index.output[a] as number[];
      const stageRows = index.stage[a] as number[][];
      outputRows[o] = row + 1;
      stageRows[o] = output.stages.map(() => ++row);
      if (output.stages.length === 0) row++;
    });
  });
  return index;
}

/** The plan without its import positions: call it on the first edit of an imported plan. */
export function detachSource(plan: RencanaAksiPlan): RencanaAksiPlan {
  const { source: _source, ...rest } = plan;
  return {
    ...rest,
    activities: plan.activities.map(({ sourceRow: _a, ...activity }) => ({
      ...activity,
      outputs: activity.outputs.map(({ sourceRow: _o, ...output }) => ({
        ...output,
        stages: output.stages.map(({ sourceRow: _s, ...stage }) => stage),
      })),
    })),
  };
}
