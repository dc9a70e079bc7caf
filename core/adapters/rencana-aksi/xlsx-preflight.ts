/**
 * What an .xlsx would cost exceljs, counted from the ZIP before exceljs sees
 * it. exceljs checks every merged range against all earlier ones (60,000
 * merges in a 300 KB file: over nine minutes), builds an object for every cell
 * a merge covers (A1:XFD1048576 is 17 billion), rewrites a shared formula for
 * every cell it fills, and builds an object per cell, shared string, text run,
 * style, comment and sheet. So the parts exceljs will parse are streamed once
 * through a tag counter and every such structure has a limit, each refused
 * with a message naming the file, the sheet, the structure and the limit.
 *
 * The ZIP is opened with JSZip, the library exceljs itself uses, so the entries
 * counted are the ones exceljs will read (a streaming reader can be shown other
 * entries than the central directory names); each is inflated with fflate a
 * bounded step at a time, so a ZIP bomb is stopped at the size limit. Sheet structures Berkas never
 * reads (hyperlinks, data validation, conditional formats, column formats,
 * drawings...) are not limited here: xlsx-reader.ts tells exceljs to skip them.
 */
import { inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { BerkasError } from '../../domain/errors';
import { LIMITS } from '../../domain/rencana-aksi/model';
import { formatThousands } from '../../domain/rencana-aksi/text';
import { TagCounter, TagTooLong, attribute, cellRangeArea } from './xml-tags';

export const XLSX_LIMITS = {
  /** ZIP entries: exceljs inflates and streams every one. A 100-sheet workbook with drawings has a few hundred. */
  maxParts: 2_000,
  /** Sheets, hidden ones included (exceljs builds them all). Office templates and asset exports have a handful. */
  maxSheets: 100,
  /** Cells in all sheets: the largest table Berkas reads (25,000 rows x 64 columns); exceljs keeps ~350 bytes each. */
  maxCells: LIMITS.maxTableRows * LIMITS.maxColumns,
  /** Merged ranges in one sheet: exceljs compares each with every earlier one (1,000 is half a million comparisons). */
  maxMergesPerSheet: 1_000,
  /** Merged ranges in the workbook, so that many sheets at the per-sheet limit cannot add up. */
  maxMerges: 2_000,
  /** Cells covered by merges in the workbook (exceljs makes each one); a title over 64 columns and 1,000 rows fits. */
  maxMergedCells: 100_000,
  /** Characters of shared-formula text exceljs rewrites (master length x cells filled), ~1 s of its work. */
  maxSharedFormulaChars: 10_000_000,
  /** Shared strings beyond the cells that use them: Excel and LibreOffice write only used ones. */
  spareSharedStrings: 10_000,
  /** Rich-text runs (shared and inline strings). */
  maxTextRuns: LIMITS.maxTableRows * LIMITS.maxColumns,
  /** Style records (formats, fonts, fills, borders, number formats). Excel itself stops at 65,490 cell formats. */
  maxStyleRecords: 100_000,
  /** Defined names in the workbook (print areas, filter ranges, named ranges). */
  maxDefinedNames: 10_000,
  /** Notes (comments) in all sheets. */
  maxComments: 10_000,
} as const;

/** Uncompressed bytes the whole package may expand to (a 25,000-row sheet is ~5 MB). */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;
/** The most DEFLATE can expand its input (a 258-byte match in about two bits). */
const MAX_DEFLATE_RATIO = 1032;

const NOWHERE = 'tidak ada baris atau kolom yang dapat dibaca';
const REWRITE = 'salin tabel yang diperlukan ke buku kerja baru (Tempel Spesial > Nilai) lalu simpan sebagai .xlsx.';

export function notXlsx(fileName: string, why: string): BerkasError {
  return new BerkasError('NOT_XLSX', `Berkas ${fileName} tidak dapat dibaca (${NOWHERE}): ${why}`, { file: fileName });
}

interface SheetCounts {
  rows: number;
  /** Highest row number (as exceljs reads <row r>) holding a cell: the reader keeps every row up to it. */
  lastRow: number;
  cells: number;
  merges: number;
  mergedCells: number;
  sharedFormulaChars: number;
}

export interface Preflight {
  /** Sheet parts exceljs will parse, by part name. */
  parts: Map<string, SheetCounts>;
  workbookXml: string;
  relsXml: string;
}

/** The sheets named in workbook.xml with their parts and visibility, in workbook order. */
export function listedSheets(pre: Pick<Preflight, 'workbookXml' | 'relsXml'>): { name: string; part: string | undefined; isVisible: boolean }[] {
  const targets = new Map<string, string>();
  for (const m of pre.relsXml.matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = attribute(m[1] ?? '', 'Id');
    const target = attribute(m[1] ?? '', 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return [...pre.workbookXml.matchAll(/<sheet\b([^>]*)>/g)].map((m) => {
    const attrs = m[1] ?? '';
    const state = attribute(attrs, 'state');
    const rid = attribute(attrs, 'r:id');
    return { name: attribute(attrs, 'name') ?? '', part: rid ? targets.get(rid) : undefined, isVisible: state !== 'hidden' && state !== 'veryHidden' };
  });
}

type Role = 'sheet' | 'sharedStrings' | 'styles' | 'workbook' | 'workbookRels' | 'comments' | 'other';

/** Which parser exceljs gives an entry (its own, unanchored, patterns: see exceljs lib/xlsx/xlsx.js). */
function roleOf(name: string): Role {
  if (name === 'xl/workbook.xml') return 'workbook';
  if (name === 'xl/_rels/workbook.xml.rels') return 'workbookRels';
  if (name === 'xl/sharedStrings.xml') return 'sharedStrings';
  if (name === 'xl/styles.xml') return 'styles';
  if (/xl\/worksheets\/sheet\d+[.]xml/.test(name) || /^xl\/worksheets\/[^/]+\.xml$/.test(name)) return 'sheet';
  if (/xl\/comments\d+[.]xml/.test(name)) return 'comments';
  return 'other';
}

const styleRecords = ['xf', 'font', 'fill', 'border', 'numFmt', 'dxf', 'cellStyle'];

/** Counts for one sheet part, fed tag by tag. */
function sheetCounter(counts: SheetCounts, totals: { sharedStringCells: number; runs: number }): TagCounter {
  let row = 0;
  const masters = new Map<string, number>();
  const filled = new Map<string, number>();
  let openMaster: { si: string; from: number } | undefined;
  return new TagCounter({
    opens: ['row', 'c', 'mergeCell', 'f', 'r'],
    closes: ['f'],
    open(name, attrs, _start, end) {
      switch (name) {
        case 'row':
          counts.rows++;
          row = parseInt(attribute(attrs, 'r') ?? '', 10) || row + 1;
          break;
        case 'c':
          // exceljs takes a cell's row from its <row r>, never from the cell's own reference.
          counts.cells++;
          if (row > counts.lastRow) counts.lastRow = row;
          if (attrs.includes('t') && attribute(attrs, 't') === 's') totals.sharedStringCells++;
          break;
        case 'mergeCell':
          counts.merges++;
          counts.mergedCells += cellRangeArea(attribute(attrs, 'ref') ?? '');
          break;
        case 'f':
          if (attribute(attrs, 't') === 'shared') {
            const si = attribute(attrs, 'si') ?? '';
            if (attribute(attrs, 'ref') !== undefined) openMaster = { si, from: end };
            else filled.set(si, (filled.get(si) ?? 0) + 1);
          }
          break;
        case 'r':
          totals.runs++;
          break;
      }
    },
    close(name, start) {
      if (name === 'f' && openMaster) {
        masters.set(openMaster.si, Math.max(masters.get(openMaster.si) ?? 0, start - openMaster.from));
        openMaster = undefined;
      }
    },
    done() {
      for (const [si, count] of filled) counts.sharedFormulaChars += count * (masters.get(si) ?? 0);
    },
  });
}

/** A programming error, not a damaged file: reported as it is. */
class JsZipChanged extends Error {}

interface Stored {
  bytes: Uint8Array;
  isDeflated: boolean;
  /** The size the central directory records; JSZip refuses an entry that inflates to any other. */
  size: number;
}

/**
 * The entry's stored bytes, method and size as JSZip located them from the
 * central directory (the view exceljs gets). JSZip keeps them in `_data`; its
 * public API only inflates a whole entry with no bound, which would let a ZIP
 * bomb in. Checked here so that a JSZip that changed fails loudly.
 */
function storedOf(entry: JSZip.JSZipObject): Stored {
  const data = (entry as unknown as { _data?: { compressedContent?: unknown; compression?: { magic?: unknown }; uncompressedSize?: unknown } })._data;
  const bytes = data?.compressedContent;
  const magic = data?.compression?.magic;
  const size = data?.uncompressedSize;
  if (!(bytes instanceof Uint8Array) || (magic !== '\x00\x00' && magic !== '\x08\x00') || typeof size !== 'number') {
    throw new JsZipChanged(`JSZip tidak lagi menyimpan isi terkompresi ${entry.name} seperti yang diharapkan`);
  }
  return { bytes, isDeflated: magic === '\x08\x00', size };
}

class SizeMismatch extends Error {}

/** The entry inflated (natively, never past its recorded size), or SizeMismatch where JSZip would fail too. */
function inflateEntry(stored: Stored): Uint8Array {
  if (!stored.isDeflated) {
    if (stored.bytes.length !== stored.size) throw new SizeMismatch();
    return stored.bytes;
  }
  let out: Uint8Array;
  try {
    out = inflateRawSync(stored.bytes, { maxOutputLength: Math.max(1, stored.size) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new SizeMismatch();
    throw err;
  }
  if (out.length !== stored.size) throw new SizeMismatch();
  return out;
}

interface Scan {
  parts: Map<string, SheetCounts>;
  texts: Map<string, string[]>;
  totals: { sharedStringCells: number; runs: number; sharedStrings: number; styles: number; definedNames: number; comments: number; sheetsListed: number };
}

/** Streams every entry once: inflated size, the index parts' text, and the counts. */
async function scan(fileName: string, bytes: Uint8Array, maxInflatedBytes: number): Promise<Scan> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (err) {
    throw notXlsx(fileName, `arsip ZIP rusak atau tidak lengkap (${(err as Error).message.slice(0, 120)}).`);
  }
  const entries = Object.values(zip.files).filter((e) => !e.dir);
  if (entries.length > XLSX_LIMITS.maxParts) {
    throw limit(fileName, null, 'bagian arsip ZIP', entries.length, XLSX_LIMITS.maxParts, REWRITE);
  }
  const result: Scan = {
    parts: new Map(),
    texts: new Map(),
    totals: { sharedStringCells: 0, runs: 0, sharedStrings: 0, styles: 0, definedNames: 0, comments: 0, sheetsListed: 0 },
  };
  const { totals } = result;
  const stored = entries.map(storedOf);
  // Recorded sizes first: JSZip (hence exceljs) refuses an entry that inflates to another size, so they bound the work.
  const recorded = stored.reduce((sum, e) => sum + e.size, 0);
  if (recorded > maxInflatedBytes) {
    throw notXlsx(fileName, `isi arsip mengembang melebihi ${formatThousands(Math.ceil(maxInflatedBytes / 1024 / 1024))} MB (bukan buku kerja yang wajar).`);
  }
  // DEFLATE expands at most 1,032 times: a small enough file cannot reach the limit, whatever its entries claim.
  const couldBeBomb = bytes.length * MAX_DEFLATE_RATIO > maxInflatedBytes;
  for (const [index, entry] of entries.entries()) {
    const name = entry.name.replace(/^\//, '');
    const role = roleOf(name);
    let counter: TagCounter | undefined;
    if (role === 'sheet') {
      const counts: SheetCounts = { rows: 0, lastRow: 0, cells: 0, merges: 0, mergedCells: 0, sharedFormulaChars: 0 };
      result.parts.set(name, counts);
      counter = sheetCounter(counts, totals);
    } else if (role === 'sharedStrings') {
      counter = new TagCounter({ opens: ['si', 'r'], open: (tag) => (tag === 'si' ? totals.sharedStrings++ : totals.runs++) });
    } else if (role === 'styles') {
      counter = new TagCounter({ opens: styleRecords, open: () => totals.styles++ });
    } else if (role === 'comments') {
      counter = new TagCounter({ opens: ['comment'], open: () => totals.comments++ });
    } else if (role === 'workbook') {
      counter = new TagCounter({ opens: ['definedName', 'sheet'], open: (tag) => (tag === 'sheet' ? totals.sheetsListed++ : totals.definedNames++) });
    }
    const isIndex = role === 'workbook' || role === 'workbookRels';
    // exceljs inflates every entry; one Berkas does not read needs inflating only if it could grow past its recorded size unnoticed.
    if (!counter && !isIndex && !couldBeBomb) continue;
    try {
      const bytes = inflateEntry(stored[index] as Stored);
      if (!counter && !isIndex) continue;
      // As JSZip decodes it for exceljs: UTF-8.
      const text = new TextDecoder().decode(bytes);
      if (isIndex) result.texts.set(name, [text]);
      counter?.push(text);
    } catch (err) {
      if (err instanceof BerkasError || err instanceof JsZipChanged) throw err;
      if (err instanceof SizeMismatch) throw notXlsx(fileName, `arsip ZIP rusak (${name}: ukuran isinya tidak sesuai catatan arsip).`);
      if (err instanceof TagTooLong) throw notXlsx(fileName, `${name} memuat tag XML lebih dari 64 KB (bukan buku kerja yang wajar).`);
      throw notXlsx(fileName, `arsip ZIP rusak (${name}: ${(err as Error).message.slice(0, 120)}).`);
    }
    counter?.end();
  }
  return result;
}

function limit(fileName: string, sheet: string | null, what: string, value: number, max: number, advice: string, maxNote?: string): BerkasError {
  return new BerkasError(
    'XLSX_LIMIT',
    `Berkas ${fileName}${sheet === null ? '' : `, lembar "${sheet}"`}: ${what} ${formatThousands(value)}, melebihi batas ${formatThousands(max)}${maxNote ? ` (${maxNote})` : ''}. Buku kerja tidak dibaca; ${advice}`,
    { file: fileName, ...(sheet === null ? {} : { sheet }), structure: what, value, limit: max, count: formatThousands(value), max: formatThousands(max) },
  );
}

/**
 * Streams the package once and refuses it, naming the structure, if exceljs
 * would spend too long or too much memory on it; otherwise returns what the
 * reader needs to know about its sheets.
 */
export async function preflightXlsx(fileName: string, bytes: Uint8Array, maxInflatedBytes = MAX_INFLATED_BYTES): Promise<Preflight> {
  const { parts, texts, totals } = await scan(fileName, bytes, maxInflatedBytes);
  const workbookXml = (texts.get('xl/workbook.xml') ?? []).join('');
  if (!workbookXml) throw notXlsx(fileName, 'arsip ZIP ini bukan buku kerja Excel (tidak ada xl/workbook.xml). Simpan tabel sebagai .xlsx, CSV, atau TSV.');
  const pre: Preflight = { parts, workbookXml, relsXml: (texts.get('xl/_rels/workbook.xml.rels') ?? []).join('') };

  const listed = listedSheets(pre);
  const sheetName = new Map(listed.filter((s) => s.part).map((s) => [s.part as string, s.name]));
  const nameOf = (part: string) => sheetName.get(part) ?? `(bagian ${part})`;

  const sheets = Math.max(parts.size, totals.sheetsListed);
  if (sheets > XLSX_LIMITS.maxSheets) throw limit(fileName, null, 'jumlah lembar kerja', sheets, XLSX_LIMITS.maxSheets, REWRITE);
  for (const s of listed) {
    const counts = s.part ? parts.get(s.part) : undefined;
    const rows = counts ? Math.max(counts.rows, counts.lastRow) : 0;
    if (s.isVisible && rows > LIMITS.maxTableRows) {
      throw new BerkasError(
        'TABLE_TOO_MANY_ROWS',
        `Berkas ${fileName}, lembar "${s.name}", baris ${formatThousands(LIMITS.maxTableRows + 1)}, kolom A: lembar ini memuat ${formatThousands(rows)} baris, melebihi batas ${formatThousands(LIMITS.maxTableRows)} baris; rencana aksi dibatasi ${formatThousands(LIMITS.maxStages)} tahap. Bagi menjadi beberapa berkas.`,
        { file: fileName, sheet: s.name, row: LIMITS.maxTableRows + 1, column: 'A', max: formatThousands(LIMITS.maxTableRows) },
      );
    }
  }
  const unmerge = 'pisahkan sel gabung yang tidak perlu (Beranda > Gabungkan & Tengahkan > Pisahkan Sel) lalu simpan ulang.';
  let cells = 0;
  let merges = 0;
  let mergedCells = 0;
  let sharedFormulaChars = 0;
  for (const [part, counts] of parts) {
    if (counts.merges > XLSX_LIMITS.maxMergesPerSheet) {
      throw limit(fileName, nameOf(part), 'rentang sel gabung (merge)', counts.merges, XLSX_LIMITS.maxMergesPerSheet, unmerge);
    }
    cells += counts.cells;
    merges += counts.merges;
    mergedCells += counts.mergedCells;
    sharedFormulaChars += counts.sharedFormulaChars;
    if (merges > XLSX_LIMITS.maxMerges) throw limit(fileName, nameOf(part), 'rentang sel gabung di seluruh buku kerja (sampai lembar ini)', merges, XLSX_LIMITS.maxMerges, unmerge);
    if (mergedCells > XLSX_LIMITS.maxMergedCells) {
      throw limit(fileName, nameOf(part), 'sel yang tercakup sel gabung (sampai lembar ini)', mergedCells, XLSX_LIMITS.maxMergedCells, unmerge);
    }
    if (cells > XLSX_LIMITS.maxCells) throw limit(fileName, nameOf(part), 'sel berisi atau berformat (sampai lembar ini)', cells, XLSX_LIMITS.maxCells, REWRITE);
    if (sharedFormulaChars > XLSX_LIMITS.maxSharedFormulaChars) {
      throw limit(fileName, nameOf(part), 'karakter rumus bersama yang harus disalin ke tiap sel (sampai lembar ini)', sharedFormulaChars, XLSX_LIMITS.maxSharedFormulaChars, REWRITE);
    }
  }
  const maxSharedStrings = Math.min(totals.sharedStringCells + XLSX_LIMITS.spareSharedStrings, XLSX_LIMITS.maxCells);
  if (totals.sharedStrings > maxSharedStrings) {
    const note = `${formatThousands(totals.sharedStringCells)} sel yang memakainya ditambah ${formatThousands(XLSX_LIMITS.spareSharedStrings)}`;
    throw limit(fileName, null, 'teks bersama (xl/sharedStrings.xml)', totals.sharedStrings, maxSharedStrings, REWRITE, note);
  }
  if (totals.runs > XLSX_LIMITS.maxTextRuns) throw limit(fileName, null, 'potongan teks berformat (rich text)', totals.runs, XLSX_LIMITS.maxTextRuns, REWRITE);
  if (totals.styles > XLSX_LIMITS.maxStyleRecords) throw limit(fileName, null, 'gaya dan format sel (xl/styles.xml)', totals.styles, XLSX_LIMITS.maxStyleRecords, REWRITE);
  if (totals.definedNames > XLSX_LIMITS.maxDefinedNames) throw limit(fileName, null, 'nama rentang (defined name)', totals.definedNames, XLSX_LIMITS.maxDefinedNames, REWRITE);
  if (totals.comments > XLSX_LIMITS.maxComments) throw limit(fileName, null, 'catatan (komentar) sel', totals.comments, XLSX_LIMITS.maxComments, REWRITE);
  return pre;
}
