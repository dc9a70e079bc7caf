/**
 * Rows added, deleted and moved (Ctrl+Enter, Delete, Alt+↑/↓), as pure
 * functions like plan-edits.ts: the plan in, a new plan out, plus the row the
 * cursor goes to.
 */
import type { Activity, EditorRow, Output, RencanaAksiPlan, Stage } from '@core/domain/rencana-aksi';
import { editable, emptyOutput, emptyStage, withActivity, withOutput, type GridField, type Target } from './plan-edits';

export interface EditResult {
  plan: RencanaAksiPlan;
  /** Where the cursor goes: the new or moved row. */
  target: Target;
}

/** Ctrl+Enter: a new stage under the current row (an output's first stage, or a new output on a kegiatan row). */
export function insertStage(plan: RencanaAksiPlan, row: EditorRow | undefined): EditResult {
  if (!row) return insertActivity(plan, undefined);
  if (row.kind === 'activity') {
    const base = editable(plan);
    return {
      plan: withActivity(base, row.activity, (activity) => ({ ...activity, outputs: [emptyOutput(), ...activity.outputs] })),
      target: { activity: row.activity, output: 0, stage: 0 },
    };
  }
  const at = row.stage === null ? 0 : row.stage + 1;
  return {
    plan: withOutput(editable(plan), row.activity, row.output, (output) => {
      const stages = output.stages.slice();
      stages.splice(at, 0, emptyStage());
      return { ...output, stages };
    }),
    target: { activity: row.activity, output: row.output, stage: at },
  };
}

/** A new output (with one empty stage) after the current row's output, or first in a kegiatan. */
export function insertOutput(plan: RencanaAksiPlan, row: EditorRow | undefined): EditResult {
  if (!row) return insertActivity(plan, undefined);
  const at = row.kind === 'activity' ? 0 : row.output + 1;
  return {
    plan: withActivity(editable(plan), row.activity, (activity) => {
      const outputs = activity.outputs.slice();
      outputs.splice(at, 0, emptyOutput());
      return { ...activity, outputs };
    }),
    target: { activity: row.activity, output: at, stage: 0 },
  };
}

/** A new kegiatan (with one output and one stage) after the current row's kegiatan, or at the end. */
export function insertActivity(plan: RencanaAksiPlan, row: EditorRow | undefined): EditResult {
  const at = row ? row.activity + 1 : plan.activities.length;
  const activities = editable(plan).activities.slice();
  activities.splice(at, 0, { name: '', outputs: [emptyOutput()] });
  return { plan: { ...editable(plan), activities }, target: { activity: at } };
}

/** What a row deletion removes, for the confirmation dialog. */
export type Deletion =
  | { kind: 'activity'; name: string; outputCount: number; stageCount: number }
  | { kind: 'output'; name: string }
  | { kind: 'stage'; tahap: string; outputName: string; isLastOfOutput: boolean };

export function describeDeletion(plan: RencanaAksiPlan, row: EditorRow): Deletion | null {
  const activity = plan.activities[row.activity];
  if (!activity) return null;
  if (row.kind === 'activity') {
    let stageCount = 0;
    for (const o of activity.outputs) stageCount += o.stages.length;
    return { kind: 'activity', name: activity.name, outputCount: activity.outputs.length, stageCount };
  }
  const output = activity.outputs[row.output];
  if (!output) return null;
  if (row.stage === null) return { kind: 'output', name: output.name };
  const stage = output.stages[row.stage];
  if (!stage) return null;
  return { kind: 'stage', tahap: stage.tahap, outputName: output.name, isLastOfOutput: output.stages.length === 1 };
}

/**
 * Deletes what the row shows: a kegiatan with everything under it, a stage, or
 * an output without stages. Deleting an output's only stage deletes the output
 * too (its row would otherwise stay, looking as if nothing happened).
 */
export function deleteRow(plan: RencanaAksiPlan, row: EditorRow): RencanaAksiPlan {
  const base = editable(plan);
  if (row.kind === 'activity') return { ...base, activities: base.activities.filter((_, i) => i !== row.activity) };
  const output = base.activities[row.activity]?.outputs[row.output];
  if (!output) return plan;
  if (row.stage === null || output.stages.length <= 1) {
    return withActivity(base, row.activity, (activity) => ({ ...activity, outputs: activity.outputs.filter((_, i) => i !== row.output) }));
  }
  const s = row.stage;
  return withOutput(base, row.activity, row.output, (o) => ({ ...o, stages: o.stages.filter((_, i) => i !== s) }));
}

/** The output before (dir -1) or after (+1) output (a, o) in plan order, skipping kegiatan without outputs. */
function neighbourOutput(plan: RencanaAksiPlan, a: number, o: number, dir: -1 | 1): { activity: number; output: number } | null {
  const activity = plan.activities[a];
  if (!activity) return null;
  const inSame = o + dir;
  if (inSame >= 0 && inSame < activity.outputs.length) return { activity: a, output: inSame };
  for (let b = a + dir; b >= 0 && b < plan.activities.length; b += dir) {
    const count = plan.activities[b]?.outputs.length ?? 0;
    if (count > 0) return { activity: b, output: dir < 0 ? count - 1 : 0 };
  }
  return null;
}

function moveActivity(plan: RencanaAksiPlan, a: number, dir: -1 | 1): EditResult | null {
  const to = a + dir;
  const moving = plan.activities[a];
  const other = plan.activities[to];
  if (!moving || !other) return null;
  const activities = editable(plan).activities.slice();
  const movingNow = activities[a] as Activity;
  activities[a] = activities[to] as Activity;
  activities[to] = movingNow;
  return { plan: { ...editable(plan), activities }, target: { activity: to } };
}

function moveOutput(plan: RencanaAksiPlan, a: number, o: number, dir: -1 | 1): EditResult | null {
  const base = editable(plan);
  const activity = base.activities[a];
  const output = activity?.outputs[o];
  if (!activity || !output) return null;
  const to = o + dir;
  if (to >= 0 && to < activity.outputs.length) {
    const outputs = activity.outputs.slice();
    outputs[o] = outputs[to] as Output;
    outputs[to] = output;
    return { plan: withActivity(base, a, (x) => ({ ...x, outputs })), target: { activity: a, output: to } };
  }
  // Past the kegiatan's edge: into the neighbouring kegiatan (last there when moving up, first when down).
  const b = a + dir;
  if (!base.activities[b]) return null;
  const without = withActivity(base, a, (x) => ({ ...x, outputs: x.outputs.filter((_, i) => i !== o) }));
  const landing = dir < 0 ? (without.activities[b]?.outputs.length ?? 0) : 0;
  const moved = withActivity(without, b, (x) => {
    const outputs = x.outputs.slice();
    outputs.splice(landing, 0, output);
    return { ...x, outputs };
  });
  return { plan: moved, target: { activity: b, output: landing } };
}

function moveStage(plan: RencanaAksiPlan, a: number, o: number, s: number, dir: -1 | 1): EditResult | null {
  const base = editable(plan);
  const output = base.activities[a]?.outputs[o];
  const stage = output?.stages[s];
  if (!output || !stage) return null;
  const to = s + dir;
  if (to >= 0 && to < output.stages.length) {
    const stages = output.stages.slice();
    stages[s] = stages[to] as Stage;
    stages[to] = stage;
    return { plan: withOutput(base, a, o, (x) => ({ ...x, stages })), target: { activity: a, output: o, stage: to } };
  }
  // Past the output's edge: into the neighbouring output (its last stage when moving up, first when down).
  const next = neighbourOutput(base, a, o, dir);
  if (!next) return null;
  const without = withOutput(base, a, o, (x) => ({ ...x, stages: x.stages.filter((_, i) => i !== s) }));
  const landing = dir < 0 ? (without.activities[next.activity]?.outputs[next.output]?.stages.length ?? 0) : 0;
  const moved = withOutput(without, next.activity, next.output, (x) => {
    const stages = x.stages.slice();
    stages.splice(landing, 0, stage);
    return { ...x, stages };
  });
  return { plan: moved, target: { activity: next.activity, output: next.output, stage: landing } };
}

/**
 * Alt+↑/↓. What moves is what the cursor is on: a kegiatan row moves the
 * kegiatan; the Output cell of an output's first row (or an output with a single
 * stage, or none) moves the whole output; any other cell moves its stage, across
 * output and kegiatan boundaries. Null when there is nowhere to go.
 */
export function moveRow(plan: RencanaAksiPlan, row: EditorRow, field: GridField, dir: -1 | 1): EditResult | null {
  if (row.kind === 'activity') return moveActivity(plan, row.activity, dir);
  const output = plan.activities[row.activity]?.outputs[row.output];
  if (!output) return null;
  const isWholeOutput = row.stage === null || output.stages.length <= 1 || (field === 'output' && row.isFirstOfOutput);
  if (isWholeOutput) return moveOutput(plan, row.activity, row.output, dir);
  return moveStage(plan, row.activity, row.output, row.stage as number, dir);
}
