/**
 * A sheet in the Prabumulih layout (Penjelasan Pasal 6 ayat (4)) into a plan,
 * with the sheets officers really make:
 *  - title rows above the header row (the header is found by its words, loosely:
 *    "Metode/ Teknologi/p latfrom" is still the Metode column);
 *  - a row with only its Output cell filled is a kegiatan title; a row whose
 *    Output cell is empty (or covered by a merge) continues the output above;
 *  - a cell merged down over several stages in Tahap/Metode/Pelaksana/Durasi
 *    applies to each of them; a merged Sumber daya cell is counted once (top row);
 *  - a "Jumlah" / "Total" row ends the table and is compared with the computed total;
 *  - the header repeated further down (a pasted second page) is skipped.
 * Anything that stops the file being read as a plan is a BerkasError naming the
 * file, the row and the column; everything else is a finding.
 */
import { BerkasError } from '../errors';
import {
  CORE_FIELDS,
  FIELD_NAMES,
  LIMITS,
  MAX_PROGRAM_CODE_CHARS,
  MAX_TITLE_CHARS,
  type Activity,
  type ColumnField,
  type CoreField,
  type ImportSource,
  type Output,
  type RencanaAksiPlan,
  type Stage,
} from './model';
import type { TableFile, TableSheet } from './table';
import { severityOf, type Finding } from './analysis';
import { normalizePlan } from './normalize';
import { cleanCell, columnLetter, formatThousands, wordsOf } from './text';
import { namaBulan } from '../format/tanggal';

type HeaderKind = ColumnField | 'nomor';

/** Which field a header cell names, or undefined. Word-based so "Waktu Pelaksanaan" is Durasi, not Pelaksana. */
export function fieldOfHeader(header: string): HeaderKind | undefined {
  const w = wordsOf(header);
  if (!w) return undefined;
  const words = new Set(w.split(' '));
  const has = (...list: string[]) => list.some((x) => words.has(x));
  if (w.startsWith('kak ') || w.startsWith('kerangka acuan')) {
    if (has('latar')) return 'kakLatarBelakang';
    if (has('maksud', 'tujuan')) return 'kakMaksudTujuan';
    if (has('sasaran')) return 'kakSasaran';
    if (has('keluaran')) return 'kakKeluaran';
    if (has('waktu')) return 'kakWaktu';
    if (has('biaya')) return 'kakBiaya';
    return undefined;
  }
  if (has('indikator', 'target', 'satuan')) return has('satuan') ? 'indikatorSatuan' : 'indikatorTarget';
  // "Mulai Bulan" / "Bulan Mulai": before Durasi, whose words ("waktu mulai") it must not take.
  if (has('mulai') && has('bulan')) return 'mulaiBulan';
  if (/^(no|nomor|no urut|nomor urut)$/.test(w)) return 'nomor';
  if (has('tahap', 'tahapan')) return 'tahap';
  if (has('output', 'keluaran')) return 'output';
  if (has('metode', 'metoda', 'teknologi', 'platform', 'platfrom', 'latfrom')) return 'metode';
  if (has('pelaksana')) return 'pelaksana';
  if (has('durasi', 'waktu', 'jangka', 'lama', 'jadwal')) return 'durasi';
  if (has('sumber', 'anggaran', 'biaya', 'dana', 'pagu')) return 'sumberDaya';
  return undefined;
}

const REQUIRED: readonly CoreField[] = ['output', 'tahap', 'pelaksana', 'durasi', 'sumberDaya'];
const HEADER_SCAN_ROWS = 50;

interface HeaderMatch {
  row: number; // 0-based index into sheet.rows
  columns: Map<ColumnField, number[]>; // 0-based column indexes
  coreCount: number;
  unknown: { column: number; text: string }[];
}

function matchHeader(cells: readonly string[]): HeaderMatch {
  const columns = new Map<ColumnField, number[]>();
  const unknown: { column: number; text: string }[] = [];
  cells.forEach((raw, c) => {
    if (c >= LIMITS.maxColumns) return;
    const text = cleanCell(raw);
    if (!text) return;
    const kind = fieldOfHeader(text);
    if (kind === undefined) unknown.push({ column: c, text });
    if (kind === undefined || kind === 'nomor') return;
    const list = columns.get(kind);
    if (list) list.push(c);
    else columns.set(kind, [c]);
  });
  const coreCount = CORE_FIELDS.filter((f) => columns.has(f)).length;
  return { row: -1, columns, coreCount, unknown };
}

function findHeader(sheet: TableSheet): HeaderMatch | undefined {
  let best: HeaderMatch | undefined;
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const m = matchHeader(sheet.rows[r] ?? []);
    if (m.coreCount >= 3 && (!best || m.coreCount > best.coreCount)) best = { ...m, row: r };
  }
  return best;
}

export interface ImportDefaults {
  id: string;
  /** Used when the file names no OPD (e.g. from Settings). */
  opdCode?: string;
  /** Used when the file names no year (e.g. this year). */
  year: number;
}

export interface ImportResult {
  plan: RencanaAksiPlan;
  /** Findings about the file itself (rows ignored after the Jumlah row). */
  importFindings: Finding[];
}

interface Meta {
  title?: string;
  freeText?: string;
  opdCode?: string;
  year?: number | undefined;
  programCode?: string;
}

function readYear(text: string): number | undefined {
  const m = /\b(20\d\d|2100)\b/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Title rows above the header: "Judul | ...", "Kode OPD | ...", "Tahun: 2025", free text. */
function readMeta(rows: readonly string[][]): Meta {
  const meta: Meta = {};
  for (const row of rows) {
    const cells = row.map(cleanCell).filter((c) => c !== '');
    if (cells.length === 0) continue;
    let key: string;
    let value: string;
    if (cells.length >= 2) {
      key = wordsOf(cells[0] ?? '');
      value = cells[1] ?? '';
    } else {
      const one = cells[0] ?? '';
      const m = /^([^:]{1,40}):\s*(.*)$/.exec(one);
      key = m ? wordsOf(m[1] ?? '') : '';
      value = m ? (m[2] ?? '') : one;
    }
    if (/^(judul|judul rencana aksi|nama rencana aksi)$/.test(key)) meta.title ??= value;
    else if (/^kode (opd|skpd|perangkat daerah)$/.test(key)) {
      if (/^[A-Za-z0-9._-]{1,32}$/.test(value)) meta.opdCode ??= value;
    } else if (/^(tahun|tahun anggaran|ta)$/.test(key)) meta.year ??= readYear(value);
    else if (/^kode program$/.test(key)) meta.programCode ??= value;
    else if (!key) {
      meta.year ??= /tahun/i.test(value) ? readYear(value) : undefined;
      meta.freeText ??= value;
    }
  }
  return meta;
}

const TOTAL_WORDS = /^(jumlah|total|grand total|jumlah total|total anggaran|jumlah anggaran|total biaya|jumlah biaya|total keseluruhan|jumlah keseluruhan|jumlah seluruhnya)( rp)?$/;
const SUBTOTAL_WORDS = /^(sub ?total|sub jumlah|jumlah sub( output)?)\b/;

/** Output cell: first line the name, further lines (bullets stripped) the sub outputs. */
function splitOutputCell(text: string): { name: string; subOutputs: string[] } {
  const lines = text.split(/\r\n?|\n/).map(cleanCell).filter((l) => l !== '');
  const [name = '', ...rest] = lines;
  return { name, subOutputs: rest.map((l) => l.replace(/^(?:[-–•*·]|\(?[a-z0-9]{1,2}[.)])\s+/i, '')).filter((l) => l !== '') };
}

/** A start month as officers write it: 1–12 ("3", "03"), or its Indonesian or English name, whole or in three letters. */
export function readStartMonth(text: string): number | undefined {
  const w = wordsOf(text);
  if (/^\d{1,2}$/.test(w)) {
    const n = Number(w);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  const english = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  for (let m = 0; m < 12; m++) {
    const names = [wordsOf(namaBulan[m] ?? ''), english[m] ?? ''];
    if (names.some((n) => w === n || (w.length === 3 && n.startsWith(w)))) return m + 1;
  }
  // "Agt", "Peb", "Nop": the three-letter forms Indonesian offices also write.
  return ({ agt: 8, peb: 2, nop: 11, okt: 10, des: 12 } as Record<string, number>)[w];
}

function baseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]+$/, '');
}

/** "Berkas x.xlsx, lembar "Sheet1", baris 4": where a refusal points (the sheet named only where a file has several). */
function at(file: string, sheet: TableSheet, multiSheet: boolean, where: string): string {
  return `Berkas ${file}${multiSheet ? `, lembar "${sheet.name}"` : ''}, ${where}`;
}

export function readPlanFromTable(file: TableFile, defaults: ImportDefaults): ImportResult {
  const isMultiSheet = file.format === 'xlsx';
  if (file.sheets.length === 0) {
    throw new BerkasError('NO_SHEET', `Berkas ${file.fileName}: tidak ada lembar kerja yang terlihat (baris dan kolom tidak dapat dibaca).`, { file: file.fileName });
  }
  let chosen: { sheet: TableSheet; header: HeaderMatch } | undefined;
  let partial: { sheet: TableSheet; header: HeaderMatch } | undefined;
  for (const sheet of file.sheets) {
    const header = findHeader(sheet);
    if (!header) continue;
    if (REQUIRED.every((f) => header.columns.has(f))) {
      chosen = { sheet, header };
      break;
    }
    if (!partial || header.coreCount > partial.header.coreCount) partial = { sheet, header };
  }

  if (!chosen) {
    const expected = REQUIRED.map((f) => FIELD_NAMES[f]).join(', ');
    if (partial) {
      const { sheet, header } = partial;
      const missing = REQUIRED.filter((f) => !header.columns.has(f)).map((f) => FIELD_NAMES[f]);
      const found = [...header.columns.entries()].map(([f, cols]) => `${cols.map((c) => columnLetter(c + 1)).join('/')} = ${FIELD_NAMES[f]}`);
      const unknown = header.unknown.slice(0, 6).map((u) => `${columnLetter(u.column + 1)} "${u.text.slice(0, 40)}"`);
      throw new BerkasError(
        'HEADER_INCOMPLETE',
        `${at(file.fileName, sheet, isMultiSheet, `baris ${header.row + 1}`)}: kolom wajib tidak ditemukan: ${missing.join(', ')}. Dikenali: ${found.join(', ')}${unknown.length ? `; tidak dikenali: ${unknown.join(', ')}` : ''}. Gunakan susunan kolom rencana aksi (${expected}, dan Metode/Teknologi/Platform).`,
        { file: file.fileName, sheet: sheet.name, row: header.row + 1, missing, found, expected: REQUIRED.map((f) => FIELD_NAMES[f]) },
      );
    }
    const first = file.sheets[0] as TableSheet;
    const scanned = Math.min(HEADER_SCAN_ROWS, Math.max(...file.sheets.map((s) => s.rows.length)));
    const widest = Math.max(1, ...file.sheets.flatMap((s) => s.rows.slice(0, HEADER_SCAN_ROWS).map((r) => Math.min(r.length, LIMITS.maxColumns))));
    throw new BerkasError(
      'NO_HEADER',
      `${at(file.fileName, first, false, `baris 1–${Math.max(1, scanned)}, kolom A–${columnLetter(widest)}`)}: tidak ditemukan baris judul kolom rencana aksi${isMultiSheet ? ` pada lembar ${file.sheets.map((s) => `"${s.name}"`).join(', ')}` : ''}. Baris judul kolom harus memuat: ${expected} (seperti formulir Penjelasan Pasal 6 ayat (4) Perwali Prabumulih No. 64/2017).`,
      {
        file: file.fileName,
        sheet: first.name,
        row: 1,
        lastRow: Math.max(1, scanned),
        lastColumn: columnLetter(widest),
        expected: REQUIRED.map((f) => FIELD_NAMES[f]),
      },
    );
  }

  const { sheet, header } = chosen;
  const colOf = (f: ColumnField) => header.columns.get(f)?.[0];
  for (const [field, cols] of header.columns) {
    if (cols.length > 1 && field !== 'sumberDaya') {
      const columns = cols.map((c) => columnLetter(c + 1));
      throw new BerkasError(
        'HEADER_DUPLICATE',
        `${at(file.fileName, sheet, isMultiSheet, `baris ${header.row + 1}, kolom ${columns.join(' dan ')}`)}: lebih dari satu kolom dibaca sebagai ${FIELD_NAMES[field]}; sisakan satu kolom ${FIELD_NAMES[field]}.`,
        { file: file.fileName, sheet: sheet.name, row: header.row + 1, column: columnLetter((cols[1] ?? 0) + 1), columns, columnName: FIELD_NAMES[field] },
      );
    }
  }
  // "Sumber Dana | Anggaran" as two columns: read together as "APBD : 10.000.000".
  const sumberCols = (header.columns.get('sumberDaya') ?? []).slice(0, 2);
  if ((header.columns.get('sumberDaya') ?? []).length > 2) {
    const cols = header.columns.get('sumberDaya') ?? [];
    const columns = cols.map((c) => columnLetter(c + 1));
    throw new BerkasError('HEADER_DUPLICATE', `${at(file.fileName, sheet, isMultiSheet, `baris ${header.row + 1}, kolom ${columns.join(', ')}`)}: lebih dari dua kolom dibaca sebagai Sumber Daya.`, {
      file: file.fileName,
      sheet: sheet.name,
      row: header.row + 1,
      columns,
      columnName: FIELD_NAMES.sumberDaya,
    });
  }

  // Cells covered by a vertical merge, to fill Tahap/Metode/Pelaksana/Durasi down.
  const fillDown = new Map<string, [number, number]>();
  const fillColumns = new Set(['tahap', 'metode', 'pelaksana', 'durasi'].map((f) => colOf(f as ColumnField)).filter((c): c is number => c !== undefined));
  for (const m of sheet.merges) {
    for (let c = m.left; c <= m.right; c++) {
      if (!fillColumns.has(c - 1) || c !== m.left) continue;
      for (let r = m.top + 1; r <= m.bottom; r++) fillDown.set(`${r - 1}:${c - 1}`, [m.top - 1, c - 1]);
    }
  }
  const cell = (r: number, c: number | undefined): string => {
    if (c === undefined) return '';
    const master = fillDown.get(`${r}:${c}`);
    const raw = master ? (sheet.rows[master[0]]?.[master[1]] ?? '') : (sheet.rows[r]?.[c] ?? '');
    return raw.trim() === '' ? '' : raw;
  };
  const sumberText = (r: number): string => {
    const parts = sumberCols.map((c) => cleanCell(cell(r, c))).filter((p) => p !== '');
    return parts.join(' : ');
  };

  const headerTexts: [number, string][] = [...header.columns.values()].map((cols) => {
    const c = cols[0] ?? 0;
    return [c, cleanCell(sheet.rows[header.row]?.[c] ?? '')];
  });
  const meta = readMeta(sheet.rows.slice(0, header.row));
  const letters: ImportSource['columns'] = {};
  for (const [field, cols] of header.columns) letters[field] = columnLetter((cols[0] ?? 0) + 1);

  const activities: Activity[] = [];
  const importFindings: Finding[] = [];
  let activity: Activity | undefined;
  let output: Output | undefined;
  let stages = 0;
  let statedTotal: ImportSource['statedTotal'];
  const extraFields = [...header.columns.keys()].filter((f) => !(CORE_FIELDS as readonly string[]).includes(f));
  const fallbackActivity = () => meta.title ?? meta.freeText ?? baseName(file.fileName);

  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const rowNumber = r + 1;
    const outputText = cell(r, colOf('output'));
    const tahap = cell(r, colOf('tahap'));
    const metode = cell(r, colOf('metode'));
    const pelaksana = cell(r, colOf('pelaksana'));
    const durasi = cell(r, colOf('durasi'));
    const sumber = sumberText(r);
    const extras = new Map<ColumnField, string>();
    for (const f of extraFields) {
      const v = cell(r, colOf(f));
      if (v) extras.set(f, v);
    }
    const hasStageData = [tahap, metode, pelaksana, durasi, sumber].some((v) => v !== '');
    if (!outputText && !hasStageData && extras.size === 0) continue;

    const lead = wordsOf(outputText || tahap);
    if (TOTAL_WORDS.test(lead) && !pelaksana && !durasi) {
      // The Jumlah row: its amount is in Sumber daya, or the last cell with a number.
      let text = sumber;
      let column = letters.sumberDaya ?? 'A';
      if (!/\d/.test(text)) {
        const cells = sheet.rows[r] ?? [];
        for (let c = Math.min(cells.length, LIMITS.maxColumns) - 1; c >= 0; c--) {
          if (/\d/.test(cells[c] ?? '')) {
            text = cleanCell(cells[c] ?? '');
            column = columnLetter(c + 1);
            break;
          }
        }
      }
      if (text) statedTotal = { row: rowNumber, column, text };
      for (let rest = r + 1; rest < sheet.rows.length && importFindings.length < 20; rest++) {
        const t = cell(rest, colOf('tahap'));
        if (t && (cell(rest, colOf('pelaksana')) || cell(rest, colOf('durasi')) || sumberText(rest))) {
          importFindings.push({
            code: 'BARIS_DIABAIKAN',
            severity: severityOf('BARIS_DIABAIKAN'),
            row: rest + 1,
            column: letters.tahap ?? 'B',
            field: 'tahap',
            message: `Baris ${rest + 1}, kolom ${letters.tahap ?? 'B'} (Tahap Pelaksanaan): baris di bawah baris Jumlah (baris ${rowNumber}) tidak dibaca sebagai tahap; pindahkan ke atas baris Jumlah bila termasuk rencana aksi.`,
          });
        }
      }
      break;
    }
    if (SUBTOTAL_WORDS.test(lead) && !pelaksana && !durasi) continue;
    // The header repeated further down (a second pasted page): the same texts in the header's columns.
    if (tahap && headerTexts.every(([c, text]) => cleanCell(sheet.rows[r]?.[c] ?? '') === text)) continue;

    if (outputText && !hasStageData && extras.size === 0) {
      activity = { name: splitOutputCell(outputText).name, outputs: [], sourceRow: rowNumber };
      activities.push(activity);
      output = undefined;
      continue;
    }
    if (!activity) {
      activity = { name: fallbackActivity(), outputs: [], sourceRow: rowNumber };
      activities.push(activity);
    }
    if (outputText || !output) {
      const { name, subOutputs } = splitOutputCell(outputText);
      output = { name, stages: [], sourceRow: rowNumber };
      if (subOutputs.length > 0) output.subOutputs = subOutputs;
      activity.outputs.push(output);
    }
    if (extras.size > 0) {
      const monthText = extras.get('mulaiBulan');
      if (monthText !== undefined && output.startMonth === undefined) {
        const month = readStartMonth(monthText);
        if (month !== undefined) output.startMonth = month;
        else if (importFindings.length < 20) {
          const column = letters.mulaiBulan ?? '';
          importFindings.push({
            code: 'BULAN_MULAI_TIDAK_TERBACA',
            severity: severityOf('BULAN_MULAI_TIDAK_TERBACA'),
            row: rowNumber,
            column,
            field: 'mulaiBulan',
            message: `Baris ${rowNumber}, kolom ${column} (Mulai Bulan): "${cleanCell(monthText).slice(0, 40)}" bukan bulan; tulis angka 1–12 atau nama bulan (mis. Maret). Output "${output.name}" dijadwalkan mulai Januari sampai diperbaiki.`,
          });
        }
      }
      const target = extras.get('indikatorTarget');
      const satuan = extras.get('indikatorSatuan');
      if ((target || satuan) && !output.indikator) output.indikator = { target: target ?? '', satuan: satuan ?? '' };
      const kakKeys = ['kakLatarBelakang', 'kakMaksudTujuan', 'kakSasaran', 'kakKeluaran', 'kakWaktu', 'kakBiaya'] as const;
      if (kakKeys.some((k) => extras.has(k)) && !output.kak) {
        output.kak = {
          latarBelakang: extras.get('kakLatarBelakang') ?? '',
          maksudTujuan: extras.get('kakMaksudTujuan') ?? '',
          sasaran: extras.get('kakSasaran') ?? '',
          keluaran: extras.get('kakKeluaran') ?? '',
          waktu: extras.get('kakWaktu') ?? '',
          biaya: extras.get('kakBiaya') ?? '',
        };
      }
    }
    if (hasStageData) {
      stages++;
      if (stages > LIMITS.maxStages) {
        throw new BerkasError(
          'TABLE_TOO_MANY_STAGES',
          `${at(file.fileName, sheet, isMultiSheet, `baris ${rowNumber}, kolom ${letters.tahap ?? 'B'}`)}: lebih dari ${formatThousands(LIMITS.maxStages)} tahap dalam satu rencana aksi; bagi menjadi beberapa berkas rencana aksi.`,
          { file: file.fileName, sheet: sheet.name, row: rowNumber, column: letters.tahap ?? 'B', max: formatThousands(LIMITS.maxStages) },
        );
      }
      const stage: Stage = { tahap, metode, pelaksana, durasi: { text: durasi }, sumberDaya: { text: sumber }, sourceRow: rowNumber };
      output.stages.push(stage);
    }
  }

  const source: ImportSource = { fileName: file.fileName, headerRow: header.row + 1, columns: letters };
  if (isMultiSheet) source.sheet = sheet.name;
  if (statedTotal) source.statedTotal = statedTotal;
  const plan: RencanaAksiPlan = {
    id: defaults.id,
    opdCode: meta.opdCode ?? defaults.opdCode ?? '',
    year: meta.year ?? defaults.year,
    // Bounded like a typed title: a long first cell must not make the plan unsaveable.
    title: (meta.title || activities[0]?.name || meta.freeText || baseName(file.fileName) || 'Rencana aksi').slice(0, MAX_TITLE_CHARS),
    activities,
    source,
  };
  if (meta.programCode) plan.programCode = meta.programCode.slice(0, MAX_PROGRAM_CODE_CHARS);
  return { plan: normalizePlan(plan), importFindings };
}
