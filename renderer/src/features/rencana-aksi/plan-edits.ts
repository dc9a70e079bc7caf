/**
 * Every change the editor makes to a plan, as pure functions: the plan in, a
 * new plan out (unchanged parts keep their identity, so memoised rows do not
 * re-render), plus where the cursor should go. The history (history.ts) keeps
 * the plans, which is what makes every edit undoable.
 *
 * Rows are the layout of core/domain/rencana-aksi/editor-rows.ts: a kegiatan
 * row, then one row per stage (an output without stages takes one row).
 */
import {
  analyzePlan,
  detachSource,
  editorRowIndex,
  planToEditorRows,
  readDurasi,
  readSumberDaya,
  type Activity,
  type AnalyzeOptions,
  type EditorRow,
  type Kak,
  type Output,
  type PlanAnalysis,
  type RencanaAksiPlan,
  type Stage,
} from '@core/domain/rencana-aksi';

/** The grid's columns, in the order of the Prabumulih form. */
export const GRID_FIELDS = ['output', 'tahap', 'metode', 'pelaksana', 'durasi', 'sumberDaya'] as const;
export type GridField = (typeof GRID_FIELDS)[number];
export type StageField = Exclude<GridField, 'output'>;

/** A place in the plan: a kegiatan, an output (its first row) or a stage. */
export type Target = { activity: number; output?: number; stage?: number };

export type OutputDetailField = 'name' | 'subOutputs' | 'indikatorTarget' | 'indikatorSatuan' | keyof Kak;

export const KAK_FIELDS = ['latarBelakang', 'maksudTujuan', 'sasaran', 'keluaran', 'waktu', 'biaya'] as const satisfies readonly (keyof Kak)[];

export function emptyStage(): Stage {
  return { tahap: '', metode: '', pelaksana: '', durasi: { text: '' }, sumberDaya: { text: '' } };
}

function emptyOutput(): Output {
  return { name: '', stages: [emptyStage()] };
}

/** A new plan's content: one kegiatan with one output and one stage, ready to type into. */
export function skeletonActivities(): Activity[] {
  return [{ name: '', outputs: [emptyOutput()] }];
}

/** The plan's first edit drops the import positions (see RencanaAksiPlan.source). */
function editable(plan: RencanaAksiPlan): RencanaAksiPlan {
  return plan.source ? detachSource(plan) : plan;
}

function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  const copy = list.slice();
  copy[index] = value;
  return copy;
}

function withActivity(plan: RencanaAksiPlan, a: number, change: (activity: Activity) => Activity): RencanaAksiPlan {
  const activity = plan.activities[a];
  if (!activity) return plan;
  return { ...plan, activities: replaceAt(plan.activities, a, change(activity)) };
}

function withOutput(plan: RencanaAksiPlan, a: number, o: number, change: (output: Output) => Output): RencanaAksiPlan {
  return withActivity(plan, a, (activity) => {
    const output = activity.outputs[o];
    return output ? { ...activity, outputs: replaceAt(activity.outputs, o, change(output)) } : activity;
  });
}

/** A stage with one field set to what was typed; durasi and sumber daya numbers are derived from the text. */
export function stageWith(stage: Stage, field: StageField, text: string): Stage {
  switch (field) {
    case 'durasi':
      // The text stays exactly as typed (a trailing space while typing); the numbers come from it.
      return { ...stage, durasi: { ...readDurasi(text).value, text } };
    case 'sumberDaya':
      return { ...stage, sumberDaya: { ...readSumberDaya(text).value, text } };
    default:
      return { ...stage, [field]: text };
  }
}

export function stageText(stage: Stage, field: StageField): string {
  if (field === 'durasi') return stage.durasi.text;
  if (field === 'sumberDaya') return stage.sumberDaya.text;
  return stage[field];
}

export function rowsOf(plan: RencanaAksiPlan): EditorRow[] {
  return planToEditorRows(plan);
}

/** The text a cell shows. */
export function cellText(plan: RencanaAksiPlan, row: EditorRow, field: GridField): string {
  const activity = plan.activities[row.activity];
  if (!activity) return '';
  if (row.kind === 'activity') return activity.name;
  const output = activity.outputs[row.output];
  if (!output) return '';
  if (field === 'output') return row.isFirstOfOutput ? output.name : '';
  const stage = row.stage === null ? undefined : output.stages[row.stage];
  return stage ? stageText(stage, field) : '';
}

/**
 * Sets one cell as the officer typed it. The Output cell follows the import's
 * rule: on the first row of an output it renames the output; on a later row,
 * a name starts a new output there (the stages from this row on move to it).
 * Typing into the stage cells of an output without stages creates its first stage.
 */
export function setCell(plan: RencanaAksiPlan, row: EditorRow, field: GridField, text: string): RencanaAksiPlan {
  if (cellText(plan, row, field) === text) return plan;
  const base = editable(plan);
  if (row.kind === 'activity') return withActivity(base, row.activity, (activity) => ({ ...activity, name: text }));
  if (field === 'output') {
    if (row.isFirstOfOutput) return withOutput(base, row.activity, row.output, (output) => ({ ...output, name: text }));
    if (text === '' || row.stage === null) return plan;
    const s = row.stage;
    return withActivity(base, row.activity, (activity) => {
      const output = activity.outputs[row.output];
      if (!output) return activity;
      const before: Output = { ...output, stages: output.stages.slice(0, s) };
      const after: Output = { name: text, stages: output.stages.slice(s) };
      const outputs = activity.outputs.slice();
      outputs.splice(row.output, 1, before, after);
      return { ...activity, outputs };
    });
  }
  return withOutput(base, row.activity, row.output, (output) => {
    if (row.stage === null) return { ...output, stages: [stageWith(emptyStage(), field, text)] };
    const stage = output.stages[row.stage];
    return stage ? { ...output, stages: replaceAt(output.stages, row.stage, stageWith(stage, field, text)) } : output;
  });
}

export function outputDetail(output: Output, field: OutputDetailField): string {
  switch (field) {
    case 'name':
      return output.name;
    case 'subOutputs':
      return (output.subOutputs ?? []).join('\n');
    case 'indikatorTarget':
      return output.indikator?.target ?? '';
    case 'indikatorSatuan':
      return output.indikator?.satuan ?? '';
    default:
      return output.kak?.[field] ?? '';
  }
}

/** Sets the name, sub outputs (one per line), indikator or a KAK field of one output. */
export function setOutputDetail(plan: RencanaAksiPlan, a: number, o: number, field: OutputDetailField, text: string): RencanaAksiPlan {
  const current = plan.activities[a]?.outputs[o];
  if (!current || outputDetail(current, field) === text) return plan;
  return withOutput(editable(plan), a, o, (output) => {
    switch (field) {
      case 'name':
        return { ...output, name: text };
      case 'subOutputs':
        // Lines as typed (an empty last line while typing must survive); the save trims them.
        return { ...output, subOutputs: text === '' ? [] : text.split('\n') };
      case 'indikatorTarget':
        return { ...output, indikator: { target: text, satuan: output.indikator?.satuan ?? '' } };
      case 'indikatorSatuan':
        return { ...output, indikator: { target: output.indikator?.target ?? '', satuan: text } };
      default: {
        const kak: Kak = output.kak ?? { latarBelakang: '', maksudTujuan: '', sasaran: '', keluaran: '', waktu: '', biaya: '' };
        return { ...output, kak: { ...kak, [field]: text } };
      }
    }
  });
}

export type PlanField = 'title' | 'programCode';

export function setPlanField(plan: RencanaAksiPlan, field: PlanField, text: string): RencanaAksiPlan {
  if ((plan[field] ?? '') === text) return plan;
  const base = editable(plan);
  if (field === 'programCode') {
    if (text === '') {
      const { programCode: _dropped, ...rest } = base;
      return rest;
    }
    return { ...base, programCode: text };
  }
  return { ...base, title: text };
}

export function setYear(plan: RencanaAksiPlan, year: number): RencanaAksiPlan {
  return plan.year === year ? plan : { ...editable(plan), year };
}

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

/** Replaces the plan's kegiatan with those of an imported file; the plan keeps its id, title, OPD and year. */
export function replaceContent(plan: RencanaAksiPlan, imported: RencanaAksiPlan): RencanaAksiPlan {
  const next: RencanaAksiPlan = { ...plan, activities: imported.activities };
  if (imported.source) next.source = imported.source;
  else delete next.source;
  return next;
}

/** 0-based row of a target in the plan's rows; -1 when it does not exist. */
export function rowOfTarget(plan: RencanaAksiPlan, target: Target): number {
  const index = editorRowIndex(plan);
  let row: number | undefined;
  if (target.output === undefined) row = index.activity[target.activity];
  else if (target.stage === undefined) row = index.output[target.activity]?.[target.output];
  else row = index.stage[target.activity]?.[target.output]?.[target.stage] ?? index.output[target.activity]?.[target.output];
  return row === undefined ? -1 : row - 1;
}

/**
 * What one keystroke in a cell costs the editor: set the cell, then recompute
 * totals and findings. Exported for bench/ (keystroke-to-totals latency).
 */
export function keystrokeToTotals(
  plan: RencanaAksiPlan,
  row: EditorRow,
  field: GridField,
  text: string,
  options: AnalyzeOptions = {},
): { plan: RencanaAksiPlan; analysis: PlanAnalysis } {
  const next = setCell(plan, row, field, text);
  return { plan: next, analysis: analyzePlan(next, { ...options, positions: 'editor' }) };
}
