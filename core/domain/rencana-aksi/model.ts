/**
 * The rencana aksi (action plan) every OPD makes: Pontianak Pasal 9(1) (spesifik,
 * terukur, realistis), Banjarmasin Pasal 5(2) (penjabaran kegiatan, KAK, sumber
 * daya), in the column layout of the Prabumulih form (Penjelasan Pasal 6 ayat (4)):
 *   Output / Sub Output | Tahap Pelaksanaan | Metode / Teknologi / Platform |
 *   Pelaksana | Durasi | Sumber daya yang digunakan
 *
 * Text is the source of truth: what the officer typed is kept verbatim in `text`,
 * and the numbers beside it (`days`, `amount`, ...) are derived from it by
 * readDurasi / readSumberDaya. Never edit the numbers without the text.
 */

/** Funding sources, as Prabumulih 6(3) / Pontianak 14 consolidation needs them. */
export const FUNDING_SOURCES = ['APBD', 'APBD-PROV', 'APBN', 'HIBAH', 'LAIN'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = {
  APBD: 'APBD',
  'APBD-PROV': 'APBD Provinsi',
  APBN: 'APBN',
  HIBAH: 'Hibah',
  LAIN: 'Lainnya',
};

export interface Durasi {
  /** As typed: "1 Bulan", "2 Hari, 5 Kali". */
  text: string;
  /**
   * Length of one occurrence in days (1 bulan = 30 hari, 1 minggu = 7 hari,
   * 1 tahun = 365 hari); absent when the text is empty or cannot be read.
   */
  days?: number;
  /** How many times the stage is held ("5 Kali"); absent means once. */
  times?: number;
}

export interface SumberDaya {
  /** As typed: "APBD : 10 Juta". */
  text: string;
  /** Absent when the text names no (known) source. */
  source?: FundingSource;
  /** Integer Rupiah; absent when the text names no amount or cannot be read. */
  amount?: number;
}

export interface Stage {
  tahap: string;
  metode: string;
  pelaksana: string;
  durasi: Durasi;
  sumberDaya: SumberDaya;
  /** 1-based row of the imported file this stage came from (see RencanaAksiPlan.source). */
  sourceRow?: number;
}

/** What makes an output terukur (Pontianak 9(1)): a target and its unit. */
export interface Indikator {
  target: string;
  satuan: string;
}

/** Kerangka acuan kerja (Banjarmasin Pasal 5(2) huruf b), per output. */
export interface Kak {
  latarBelakang: string;
  maksudTujuan: string;
  sasaran: string;
  keluaran: string;
  waktu: string;
  biaya: string;
}

export interface Output {
  name: string;
  /** Parts of the output; in a sheet they are the lines under the name in the Output cell. */
  subOutputs?: string[];
  indikator?: Indikator;
  kak?: Kak;
  /**
   * The month (1–12) of the plan year its first stage starts; the stages then
   * run one after another. Absent: January. The Prabumulih form has no start
   * column, so it is set in the editor, not read from a sheet.
   */
  startMonth?: number;
  stages: Stage[];
  sourceRow?: number;
}

export interface Activity {
  /** The kegiatan, e.g. "Pengembangan SIM PKK" (a row with only its first cell filled). */
  name: string;
  outputs: Output[];
  sourceRow?: number;
}

/** The columns of the form; the stage fields plus the optional indikator, start month and KAK columns. */
export const CORE_FIELDS = ['output', 'tahap', 'metode', 'pelaksana', 'durasi', 'sumberDaya'] as const;
export type CoreField = (typeof CORE_FIELDS)[number];
export const EXTRA_FIELDS = [
  'indikatorTarget',
  'indikatorSatuan',
  'mulaiBulan',
  'kakLatarBelakang',
  'kakMaksudTujuan',
  'kakSasaran',
  'kakKeluaran',
  'kakWaktu',
  'kakBiaya',
] as const;
export type ExtraField = (typeof EXTRA_FIELDS)[number];
export type ColumnField = CoreField | ExtraField;

/** Header texts Berkas writes (the Prabumulih wording, typo in "platfrom" corrected). */
export const FIELD_HEADERS: Record<ColumnField, string> = {
  output: 'Output / Sub Output',
  tahap: 'Tahap Pelaksanaan',
  metode: 'Metode / Teknologi / Platform',
  pelaksana: 'Pelaksana',
  durasi: 'Durasi',
  sumberDaya: 'Sumber daya yang digunakan',
  indikatorTarget: 'Indikator: Target',
  indikatorSatuan: 'Indikator: Satuan',
  mulaiBulan: 'Mulai Bulan',
  kakLatarBelakang: 'KAK: Latar Belakang',
  kakMaksudTujuan: 'KAK: Maksud dan Tujuan',
  kakSasaran: 'KAK: Sasaran',
  kakKeluaran: 'KAK: Keluaran',
  kakWaktu: 'KAK: Waktu',
  kakBiaya: 'KAK: Biaya',
};

/** Short names used in messages ("kolom D (Pelaksana)"). */
export const FIELD_NAMES: Record<ColumnField, string> = {
  output: 'Output',
  tahap: 'Tahap Pelaksanaan',
  metode: 'Metode/Teknologi/Platform',
  pelaksana: 'Pelaksana',
  durasi: 'Durasi',
  sumberDaya: 'Sumber Daya',
  indikatorTarget: 'Target Indikator',
  indikatorSatuan: 'Satuan Indikator',
  mulaiBulan: 'Mulai Bulan',
  kakLatarBelakang: 'KAK Latar Belakang',
  kakMaksudTujuan: 'KAK Maksud dan Tujuan',
  kakSasaran: 'KAK Sasaran',
  kakKeluaran: 'KAK Keluaran',
  kakWaktu: 'KAK Waktu',
  kakBiaya: 'KAK Biaya',
};

/** Where an imported plan came from, so findings can point at the officer's own file. */
export interface ImportSource {
  fileName: string;
  sheet?: string;
  headerRow: number;
  /** Column letter of every recognised field. */
  columns: Partial<Record<ColumnField, string>>;
  /** The "Jumlah" row of the file, compared with the computed total. */
  statedTotal?: { row: number; column: string; text: string };
}

export interface RencanaAksiPlan {
  id: string;
  /** Kode OPD as in Settings; '' when not known yet. */
  opdCode: string;
  /** Budget year the plan is for. */
  year: number;
  /** Rencana Induk / Cetak Biru program code the plan refers to (Pontianak 9(1)). */
  programCode?: string;
  title: string;
  activities: Activity[];
  /**
   * Present while the plan is exactly as imported: findings then name the rows
   * and column letters of that file. Drop it (detachSource) on the first edit,
   * and findings name the editor's rows instead.
   */
  source?: ImportSource;
}

/** Limits that keep a hostile or mistaken file from exhausting memory. */
export const LIMITS = {
  /** Stages in one plan (far above any real plan; the Prabumulih example has 18). */
  maxStages: 20_000,
  /** Characters in one cell (a KAK paragraph fits; a pasted document does not). */
  maxCellChars: 10_000,
  /** Rows of a sheet or CSV, counting titles and blank rows. */
  maxTableRows: 25_000,
  /** Columns read from a sheet; anything to the right is ignored. */
  maxColumns: 64,
  /** Bytes of an uploaded file (20 MB). */
  maxFileBytes: 20 * 1024 * 1024,
} as const;

export const MAX_TITLE_CHARS = 300;
export const MAX_PROGRAM_CODE_CHARS = 64;

export function stageCount(plan: RencanaAksiPlan): number {
  let n = 0;
  for (const a of plan.activities) for (const o of a.outputs) n += o.stages.length;
  return n;
}
