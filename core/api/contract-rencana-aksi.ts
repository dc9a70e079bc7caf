import { z } from 'zod';
import { op } from './operation';
import {
  EXTRA_FIELDS,
  CORE_FIELDS,
  FUNDING_SOURCES,
  LIMITS,
  MAX_PROGRAM_CODE_CHARS,
  MAX_TITLE_CHARS,
  stageCount,
  type CatalogInfo,
  type CatalogSnapshot,
  type PlanAnalysis,
  type RencanaAksiDocument,
  type RencanaAksiImportResult,
  type RencanaAksiPlan,
  type RencanaAksiSummary,
} from '../domain/rencana-aksi';

/**
 * Rencana aksi operations (issue 3). Text fields carry what the officer typed;
 * the numbers beside them (durasi.days, sumberDaya.amount) are re-derived from
 * the text on every save, so a client may send them stale or absent.
 */
/** Every text a cell can hold: what the import accepts, the save accepts. */
const cell = z.string().max(LIMITS.maxCellChars);
const line = (max: number) => z.string().max(max);
const row = z.number().int().min(1).max(10_000_000);
const letters = z.string().regex(/^[A-Z]{1,3}$/);

const durasiSchema = z.strictObject({
  text: cell,
  days: z.number().nonnegative().exactOptional(),
  times: z.number().int().positive().exactOptional(),
});

const sumberDayaSchema = z.strictObject({
  text: cell,
  source: z.enum(FUNDING_SOURCES).exactOptional(),
  amount: z.number().int().nonnegative().exactOptional(),
});

const stageSchema = z.strictObject({
  tahap: cell,
  metode: cell,
  pelaksana: cell,
  durasi: durasiSchema,
  sumberDaya: sumberDayaSchema,
  sourceRow: row.exactOptional(),
});

const outputSchema = z.strictObject({
  name: cell,
  subOutputs: z.array(cell).max(200).exactOptional(),
  indikator: z.strictObject({ target: cell, satuan: cell }).exactOptional(),
  kak: z
    .strictObject({ latarBelakang: cell, maksudTujuan: cell, sasaran: cell, keluaran: cell, waktu: cell, biaya: cell })
    .exactOptional(),
  startMonth: z.number().int().min(1).max(12).exactOptional(),
  stages: z.array(stageSchema).max(LIMITS.maxStages),
  sourceRow: row.exactOptional(),
});

const activitySchema = z.strictObject({
  name: cell,
  outputs: z.array(outputSchema).max(LIMITS.maxStages),
  sourceRow: row.exactOptional(),
});

const sourceSchema = z.strictObject({
  fileName: line(260),
  sheet: line(100).exactOptional(),
  headerRow: row,
  columns: z.partialRecord(z.enum([...CORE_FIELDS, ...EXTRA_FIELDS]), letters),
  statedTotal: z.strictObject({ row, column: letters, text: cell }).exactOptional(),
});

export const rencanaAksiPlanSchema = z
  .strictObject({
    /** '' for a plan not saved yet: the save assigns one. */
    id: z.string().max(64).regex(/^[A-Za-z0-9-]*$/),
    opdCode: z.string().trim().max(32),
    year: z.number().int().min(2000).max(2100),
    programCode: line(MAX_PROGRAM_CODE_CHARS).exactOptional(),
    title: z.string().trim().min(1).max(MAX_TITLE_CHARS),
    activities: z.array(activitySchema).max(LIMITS.maxStages),
    source: sourceSchema.exactOptional(),
  })
  .refine((plan) => stageCount(plan) <= LIMITS.maxStages, {
    message: `Rencana aksi dibatasi ${LIMITS.maxStages} tahap.`,
    path: ['activities'],
  });

// The schema's output must be a plan (checked by the compiler).
const schemaMakesPlans: (value: z.output<typeof rencanaAksiPlanSchema>) => RencanaAksiPlan = (value) => value;
void schemaMakesPlans;

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/);
const fileName = z.string().trim().min(1).max(260);
/** base64 of at most LIMITS.maxFileBytes bytes. */
const contentBase64 = z
  .string()
  .max(Math.ceil(LIMITS.maxFileBytes / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'bukan base64');

export interface ExportedFileResponse {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

export const rencanaAksiContract = {
  /** Stored plans, newest first, with totals and finding counts. */
  rencanaAksiList: op(z.strictObject({})).returns<RencanaAksiSummary[]>(),
  rencanaAksiGet: op(z.strictObject({ id })).returns<RencanaAksiDocument>(),
  /** Stores the whole plan (new when id is '' or unknown); baseRevision guards against a concurrent edit. */
  rencanaAksiSave: op(z.strictObject({ plan: rencanaAksiPlanSchema, baseRevision: z.number().int().min(1).exactOptional() })).returns<RencanaAksiDocument>(),
  /** Totals and findings without saving (the renderer may also call analyzePlan locally). */
  rencanaAksiValidate: op(z.strictObject({ plan: rencanaAksiPlanSchema })).returns<PlanAnalysis>(),
  rencanaAksiDelete: op(z.strictObject({ id })).returns<{ id: string }>(),
  /** Reads .tsv/.csv/.xlsx bytes into a plan; stores it only when shouldSave. */
  rencanaAksiImport: op(
    z.strictObject({
      fileName,
      contentBase64,
      opdCode: z.string().trim().max(32).exactOptional(),
      year: z.number().int().min(2000).max(2100).exactOptional(),
      shouldSave: z.boolean().exactOptional(),
    }),
  ).returns<RencanaAksiImportResult>(),
  /** A stored plan (id) or the plan on screen (plan) as .xlsx or .csv. */
  rencanaAksiExport: op(
    z.union([
      z.strictObject({ format: z.enum(['xlsx', 'csv']), id }),
      z.strictObject({ format: z.enum(['xlsx', 'csv']), plan: rencanaAksiPlanSchema }),
    ]),
  ).returns<ExportedFileResponse>(),
  /** Replaces the catalog of other OPDs' activities (JSON, CSV or XLSX from Diskominfo). */
  rencanaAksiCatalogImport: op(z.strictObject({ fileName, contentBase64 })).returns<CatalogInfo>(),
  rencanaAksiCatalogGet: op(z.strictObject({})).returns<CatalogSnapshot>(),
};
