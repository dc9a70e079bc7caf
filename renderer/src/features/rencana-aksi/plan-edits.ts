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

/** `startMonth` is its month as text, "1"–"12". */
export type OutputDetailField = 'name' | 'subOutputs' | 'indikatorTarget' | 'indikatorSatuan' | 'startMonth' | keyof Kak;

export const KAK_FIELDS = ['latarBelakang', 'maksudTujuan', 'sasaran', 'keluaran', 'waktu', 'biaya'] as const satisfies readonly (keyof Kak)[];

export function emptyStage(): Stage {
  return { tahap: '', metode: '', pelaksana: '', durasi: { text: '' }, sumberDaya: { text: '' } };
}

export function emptyOutput(): Output {
  return { name: '', stages: [emptyStage()] };
}

/** A new plan's content: one kegiatan with one output and one stage, ready to type into. */
export function skeletonActivities(): Activity[] {
  return [{ name: '', outputs: [emptyOutput()] }];
}

/** The plan's first edit drops the import positions (see RencanaAksiPlan.source). Also for row-edits.ts. */
export function editable(plan: RencanaAksiPlan): RencanaAksiPlan {
  return plan.source ? detachSource(plan) : plan;
}

export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  const copy = list.slice();
  copy[index] = value;
  return copy;
}

export function withActivity(plan: RencanaAksiPlan, a: number, change: (activity: Activity) => Activity): RencanaAksiPlan {
  const activity = plan.activities[a];
  if (!activity) return plan;
  return { ...plan, activities: replaceAt(plan.activities, a, change(activity)) };
}

export function withOutput(plan: RencanaAksiPlan, a: number, o: number, change: (output: Output) => Output): RencanaAksiPlan {
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
    case 'startMonth':
      return String(output.startMonth ?? 1);
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
      case 'startMonth': {
        const month = Number(text);
        if (!Number.isInteger(month) || month < 1 || month > 12) return output;
        return { ...output, startMonth: month };
      }
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
