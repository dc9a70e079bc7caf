/**
 * What a report definition is made of (its fields, columns, options and
 * limits), the choice lists and columns several report types share, and the
 * small lookups over a definition. The definitions themselves are in
 * definitions-infrastructure.ts and definitions-services.ts; definitions.ts
 * gathers them by key.
 */
export type ScalarKind = 'text' | 'textarea' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime' | 'month' | 'year' | 'choice' | 'boolean';
export type FieldKind = ScalarKind | 'table' | 'attachment';

export interface ChoiceOption {
  value: string;
  label: string;
  labelEn: string;
  /** Other spellings read as this option (imports, typed data): "B", "RR", "Kurang Baik". */
  aliases?: string[];
}

/**
 * What happens to a value when a new period starts from the last one:
 * copied, emptied, or (a monthly table) one row per month of the new period
 * for each distinct value of the table's `monthKey` column.
 */
export type CarryRule = 'copy' | 'reset' | 'monthly';

export interface ColumnDef {
  key: string;
  label: string;
  labelEn: string;
  kind: ScalarKind;
  isRequired?: boolean;
  options?: ChoiceOption[];
  /** Free-text column with these suggestions. */
  suggestions?: string[];
  maxLength?: number;
  carry?: 'copy' | 'reset';
  /** Relative width in the PDF table. */
  weight?: number;
}

export interface FieldDef {
  key: string;
  label: string;
  labelEn: string;
  kind: FieldKind;
  isRequired?: boolean;
  hint?: string;
  hintEn?: string;
  options?: ChoiceOption[];
  maxLength?: number;
  carry: CarryRule;
  /** table: its columns. */
  columns?: ColumnDef[];
  /** table: rows allowed. */
  maxRows?: number;
  /** table with carry 'monthly': the column kept per row (e.g. the application) and the month column. */
  monthKey?: string;
  monthColumn?: string;
  /** table: rows whose column holds this value are not carried (a finding already resolved). */
  dropOnCarry?: { column: string; value: string };
  /** The asset register (import/export .xlsx, condition chart, carry-over diff). */
  isAssetRegister?: boolean;
  /** insidental: the date (or datetime) of the event; the report's period is this date. */
  isEventDate?: boolean;
  /** attachment: media types accepted. */
  accept?: string[];
  /** boolean: must be yes for the report to be complete (a statement the regulation demands). */
  mustBeTrue?: boolean;
  /** The article this field answers to, shown as a hint and in messages. */
  basis?: string;
}

export type ChartKind = 'asset-condition' | 'asset-category' | 'availability';

export interface ReportDefinition {
  key: string;
  /** What the report is, for the form's lead. */
  summary: string;
  summaryEn: string;
  orientation: 'portrait' | 'landscape';
  fields: FieldDef[];
  charts: ChartKind[];
}

export const MAX_TEXT_CHARS = 10_000;
export const MAX_LINE_CHARS = 500;
/** Rows of an ordinary table field. */
export const MAX_TABLE_ROWS = 2_000;
/** Rows of the asset register (an OPD's whole ICT inventory; a 20,000-row register is the benchmark). */
export const MAX_ASSET_ROWS = 24_000;

export const KONDISI_OPTIONS: ChoiceOption[] = [
  { value: 'baik', label: 'Baik', labelEn: 'Good', aliases: ['b', 'baik', 'baik sekali', 'bagus', 'normal'] },
  { value: 'rusak-ringan', label: 'Rusak Ringan', labelEn: 'Minor damage', aliases: ['rr', 'kb', 'rusak ringan', 'kurang baik', 'cukup'] },
  { value: 'rusak-berat', label: 'Rusak Berat', labelEn: 'Major damage', aliases: ['rb', 'rusak berat', 'rusak', 'tidak berfungsi', 'mati'] },
];

export const KATEGORI_SUGGESTIONS = [
  'Komputer (PC)',
  'Laptop/Notebook',
  'Server',
  'Printer',
  'Scanner',
  'Perangkat jaringan',
  'UPS',
  'Proyektor',
  'CCTV',
  'Telepon/IP phone',
  'Tablet',
  'Lainnya',
];

/** The columns of the asset register, in the order of the export and the PDF. */
export const ASSET_COLUMNS: ColumnDef[] = [
  { key: 'kodeBarang', label: 'Kode barang', labelEn: 'Asset code', kind: 'text', isRequired: true, maxLength: 60, weight: 1.6 },
  { key: 'register', label: 'Register (NUP)', labelEn: 'Register no.', kind: 'text', maxLength: 20, weight: 0.7 },
  { key: 'kategori', label: 'Kategori', labelEn: 'Category', kind: 'text', isRequired: true, suggestions: KATEGORI_SUGGESTIONS, maxLength: 100, weight: 1.3 },
  { key: 'merekTipe', label: 'Merek/tipe', labelEn: 'Make/model', kind: 'text', isRequired: true, maxLength: 200, weight: 1.7 },
  { key: 'nomorSeri', label: 'Nomor seri', labelEn: 'Serial number', kind: 'text', maxLength: 100, weight: 1.3 },
  { key: 'tahunPerolehan', label: 'Tahun perolehan', labelEn: 'Year acquired', kind: 'year', isRequired: true, weight: 0.95 },
  { key: 'kondisi', label: 'Kondisi', labelEn: 'Condition', kind: 'choice', isRequired: true, options: KONDISI_OPTIONS, weight: 0.9 },
  { key: 'lokasi', label: 'Lokasi', labelEn: 'Location', kind: 'text', maxLength: 200, weight: 1.3 },
  { key: 'pengguna', label: 'Pengguna', labelEn: 'User', kind: 'text', maxLength: 200, weight: 1.3 },
  { key: 'keterangan', label: 'Keterangan', labelEn: 'Notes', kind: 'text', maxLength: 500, weight: 1.2 },
];


/** What an attachment of a drawing or photo may be. */
export const IMAGE_OR_DRAWING = ['image/png', 'image/jpeg', 'application/pdf', 'image/svg+xml', 'application/vnd.jgraph.mxfile', 'application/vnd.ms-visio.drawing', 'image/vnd.dwg'];

/** The field whose date is the event of an insidental report, if the type has one. */
export function eventFieldOf(def: ReportDefinition): FieldDef | undefined {
  return def.fields.find((f) => f.isEventDate);
}

/** The asset register field of a type, if it has one. */
export function assetFieldOf(def: ReportDefinition): FieldDef | undefined {
  return def.fields.find((f) => f.isAssetRegister);
}

/** An option by its value or any alias, case- and space-insensitive. */
export function matchOption(options: readonly ChoiceOption[], text: string): ChoiceOption | undefined {
  const key = text
    .toLowerCase()
    .replace(/[\s._/-]+/g, ' ')
    .trim();
  if (!key) return undefined;
  return options.find((o) => o.value === text || o.value.replace(/-/g, ' ') === key || o.label.toLowerCase() === key || (o.aliases ?? []).includes(key));
}

export function optionLabel(options: readonly ChoiceOption[] | undefined, value: string): string {
  return options?.find((o) => o.value === value)?.label ?? value;
}
