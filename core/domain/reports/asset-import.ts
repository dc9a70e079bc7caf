/**
 * An asset-system export (.xlsx or .csv, read into text cells by the
 * rencana aksi readers) into asset register rows, under the same bad-input
 * rules as the rencana aksi import (import-table.ts):
 *  - title rows above the header; the header is found by its words, over one
 *    row or two (a "Nomor" cell merged over "Register" / "Pabrik" below it);
 *  - a numbering row under the header ("1 | 2 | 3 ...") is skipped, as is the
 *    header repeated further down (a second printed page) and empty rows;
 *  - "Keadaan Barang" as three columns B / KB / RB with a mark in one of them;
 *  - a row with one lone text ("Ruang Sekretariat") names the room of the
 *    rows under it; a cell merged down applies to every row it covers;
 *  - a "Jumlah" / "Total" row ends the table;
 *  - every sheet whose header is complete is read (one sheet per room).
 * Anything that stops the file being read is a BerkasError naming the file,
 * sheet, row and column; a doubtful cell is a finding and is kept as typed.
 */
import { BerkasError } from '../errors';
import { cleanCell, columnLetter, formatThousands, wordsOf } from '../rencana-aksi/text';
import type { TableFile, TableSheet } from '../rencana-aksi/table';
import { ASSET_COLUMNS, KONDISI_OPTIONS, MAX_ASSET_ROWS, matchOption } from './definitions';
import { yearIn } from './values';

export type AssetColumnKey = 'kodeBarang' | 'register' | 'kategori' | 'merekTipe' | 'nomorSeri' | 'tahunPerolehan' | 'kondisi' | 'lokasi' | 'pengguna' | 'keterangan';
type HeaderKind = AssetColumnKey | 'kondisi:baik' | 'kondisi:rusak-ringan' | 'kondisi:rusak-berat' | 'ignored';

export interface AssetImportFinding {
  code: string;
  severity: 'error' | 'warning';
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface AssetImportSheet {
  name: string;
  headerRow: number;
  /** Field -> column letter(s) as found. */
  columns: Partial<Record<AssetColumnKey, string>>;
  rowCount: number;
}

export interface AssetImportResult {
  rows: { cells: Record<string, string> }[];
  findings: AssetImportFinding[];
  sheets: AssetImportSheet[];
  /** Header cells not read (price, origin, frame numbers...), "H \"Harga\"". */
  ignoredColumns: string[];
}

const LABEL: Record<AssetColumnKey, string> = Object.fromEntries(ASSET_COLUMNS.map((c) => [c.key, c.label])) as Record<AssetColumnKey, string>;
const REQUIRED: readonly AssetColumnKey[] = ['kodeBarang', 'kategori', 'merekTipe', 'tahunPerolehan', 'kondisi'];
const HEADER_SCAN_ROWS = 40;
const MAX_FINDINGS = 500;
const TOTAL_WORDS = /^(jumlah|total|grand total|jumlah total|jumlah seluruhnya|total keseluruhan|jumlah barang)\b/;

/** Which field a header text names (after joining a two-row header), or undefined. */
export function assetFieldOfHeader(header: string): HeaderKind | undefined {
  const w = wordsOf(header);
  if (!w) return undefined;
  const words = new Set(w.split(' '));
  const has = (...list: string[]) => list.some((x) => words.has(x));
  // Condition flags under "Keadaan barang": B | KB | RB (or Baik | Rusak Ringan | Rusak Berat).
  if (/^(keadaan|kondisi)( barang)? (b|baik)$/.test(w) || w === 'b') return 'kondisi:baik';
  if (/^(keadaan|kondisi)( barang)? (kb|rr|kurang baik|rusak ringan)$/.test(w) || w === 'kb' || w === 'rr') return 'kondisi:rusak-ringan';
  if (/^(keadaan|kondisi)( barang)? (rb|rusak berat)$/.test(w) || w === 'rb') return 'kondisi:rusak-berat';
  if (has('kondisi', 'keadaan')) return 'kondisi';
  if (/^(no|nomor|no urut|nomor urut|no\.)$/.test(w)) return 'ignored';
  if (has('register', 'reg', 'nup') || w.includes('nomor urut pendaftaran')) return 'register';
  if (has('seri', 'serial', 'sn', 'pabrik') || w.includes('s n')) return 'nomorSeri';
  if (has('kode') && has('barang', 'aset', 'asset', 'inventaris')) return 'kodeBarang';
  if (w === 'kode') return 'kodeBarang';
  if (has('merk', 'merek', 'type', 'tipe', 'model')) return 'merekTipe';
  if (has('tahun', 'thn', 'th')) return 'tahunPerolehan';
  if (has('kategori', 'jenis') || w.includes('nama barang') || w.includes('uraian barang') || w === 'nama perangkat' || w === 'perangkat') return 'kategori';
  if (has('lokasi', 'ruang', 'ruangan', 'letak', 'tempat', 'unit') && !has('kode')) return 'lokasi';
  if (has('pengguna', 'pemakai', 'pemegang', 'user') || w.includes('penanggung jawab')) return 'pengguna';
  if (has('keterangan', 'ket', 'catatan')) return 'keterangan';
  if (has('harga', 'nilai', 'asal', 'ukuran', 'bahan', 'rangka', 'mesin', 'polisi', 'bpkb', 'jumlah', 'cc', 'kode')) return 'ignored';
  return undefined;
}

interface HeaderMatch {
  /** 0-based index of the (last) header row. */
  row: number;
  /** 0-based index of the first header row (row - 1 for a two-row header). */
  top: number;
  columns: Map<HeaderKind, number[]>;
  texts: Map<number, string>;
  unknown: { column: number; text: string }[];
  score: number;
}

/** A row's cells with horizontally merged cells carrying their master's text (a "Nomor" spanning two columns). */
function spreadMerges(sheet: TableSheet, r: number): string[] {
  const cells = [...(sheet.rows[r] ?? [])];
  for (const m of sheet.merges) {
    if (m.top - 1 > r || m.bottom - 1 < r || m.right === m.left) continue;
    const master = sheet.rows[m.top - 1]?.[m.left - 1] ?? '';
    for (let c = m.left; c <= m.right; c++) if (!cleanCell(cells[c - 1] ?? '')) cells[c - 1] = master;
  }
  return cells;
}

function matchHeader(texts: string[], row: number, top: number): HeaderMatch {
  const columns = new Map<HeaderKind, number[]>();
  const unknown: { column: number; text: string }[] = [];
  const kept = new Map<number, string>();
  texts.forEach((raw, c) => {
    const text = cleanCell(raw).replace(/\s+/g, ' ');
    if (!text) return;
    kept.set(c, text);
    const kind = assetFieldOfHeader(text);
    if (kind === undefined) {
      unknown.push({ column: c, text });
      return;
    }
    const list = columns.get(kind);
    if (list) list.push(c);
    else columns.set(kind, [c]);
  });
  const hasFlags = columns.has('kondisi:baik') && columns.has('kondisi:rusak-berat');
  if (hasFlags && !columns.has('kondisi')) columns.set('kondisi', []);
  const score = (Object.keys(LABEL) as AssetColumnKey[]).filter((k) => columns.has(k)).length;
  return { row, top, columns, texts: kept, unknown, score };
}

function findHeader(sheet: TableSheet): HeaderMatch | undefined {
  let best: HeaderMatch | undefined;
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const one = spreadMerges(sheet, r);
    const candidates = [matchHeader(one, r, r)];
    if (r + 1 < sheet.rows.length) {
      const below = spreadMerges(sheet, r + 1);
      // Two header rows: a sub-header below a cell names it more exactly ("Nomor" + "Register").
      const joined = one.map((t, c) => {
        const sub = cleanCell(below[c] ?? '');
        const top = cleanCell(t);
        if (!sub || /^\(?\d{1,2}\)?$/.test(sub)) return top;
        return top && top !== sub ? `${top} ${sub}` : sub;
      });
      for (let c = one.length; c < below.length; c++) joined[c] = below[c] ?? '';
      if (below.some((t) => cleanCell(t) && !/^\(?\d{1,2}\)?$/.test(cleanCell(t)))) candidates.push(matchHeader(joined, r + 1, r));
    }
    for (const m of candidates) if (m.score >= 3 && (!best || m.score > best.score)) best = m;
  }
  return best;
}

/** "Berkas x.xlsx, lembar "Sheet1", baris 4": where a refusal points (the sheet named only where a file has several). */
function at(file: string, sheet: string, isMultiSheet: boolean, where: string): string {
  return `Berkas ${file}${isMultiSheet ? `, lembar "${sheet}"` : ''}, ${where}`;
}

const isNumbering = (cells: readonly string[]) => {
  const filled = cells.map(cleanCell).filter((c) => c !== '');
  return filled.length >= 3 && filled.every((c) => /^\(?\d{1,2}\)?$/.test(c));
};

/** Most of the row's texts are column names: a header, not a device. */
function isHeaderLike(texts: readonly string[]): boolean {
  const named = texts.filter((t) => assetFieldOfHeader(t) !== undefined).length;
  return named >= 3 && named >= texts.length * 0.6;
}

const isMark = (text: string) => /^(1|v|x|√|✓|✔|ya|y|\*)$/i.test(cleanCell(text));

export function readAssetsFromTable(file: TableFile): AssetImportResult {
  const isMultiSheet = file.format === 'xlsx';
  if (file.sheets.length === 0) {
    throw new BerkasError('NO_SHEET', `Berkas ${file.fileName}: tidak ada lembar kerja yang terlihat (baris dan kolom tidak dapat dibaca).`, { file: file.fileName });
  }
  const complete: { sheet: TableSheet; header: HeaderMatch }[] = [];
  let partial: { sheet: TableSheet; header: HeaderMatch } | undefined;
  for (const sheet of file.sheets) {
    const header = findHeader(sheet);
    if (!header) continue;
    if (REQUIRED.every((f) => header.columns.has(f))) complete.push({ sheet, header });
    else if (!partial || header.score > partial.header.score) partial = { sheet, header };
  }
  const expected = REQUIRED.map((f) => LABEL[f]).join(', ');
  if (complete.length === 0) {
    if (partial) {
      const { sheet, header } = partial;
      const missing = REQUIRED.filter((f) => !header.columns.has(f)).map((f) => LABEL[f]);
      const found = [...header.columns.entries()]
        .filter(([k]) => k in LABEL)
        .map(([k, cols]) => `${cols.map((c) => columnLetter(c + 1)).join('/')} = ${LABEL[k as AssetColumnKey]}`);
      const unknown = header.unknown.slice(0, 6).map((u) => `${columnLetter(u.column + 1)} "${u.text.slice(0, 40)}"`);
      throw new BerkasError(
        'HEADER_INCOMPLETE',
        `${at(file.fileName, sheet.name, isMultiSheet, `baris ${header.row + 1}`)}: kolom wajib daftar aset tidak ditemukan: ${missing.join(', ')}. Dikenali: ${found.join(', ') || '-'}${unknown.length ? `; tidak dikenali: ${unknown.join(', ')}` : ''}. Kolom wajib: ${expected}.`,
        { file: file.fileName, sheet: sheet.name, row: header.row + 1, missing, found, expected: REQUIRED.map((f) => LABEL[f]) },
      );
    }
    const first = file.sheets[0] as TableSheet;
    const scanned = Math.min(HEADER_SCAN_ROWS, Math.max(...file.sheets.map((s) => s.rows.length)));
    const widest = Math.max(1, ...file.sheets.flatMap((s) => s.rows.slice(0, HEADER_SCAN_ROWS).map((r) => r.length)));
    throw new BerkasError(
      'NO_HEADER',
      `${at(file.fileName, first.name, false, `baris 1–${Math.max(1, scanned)}, kolom A–${columnLetter(Math.min(widest, 64))}`)}: tidak ditemukan baris judul kolom daftar aset${isMultiSheet ? ` pada lembar ${file.sheets.map((s) => `"${s.name}"`).join(', ')}` : ''}. Baris judul kolom harus memuat: ${expected} (seperti ekspor Kartu Inventaris Barang dari sistem informasi aset).`,
      {
        file: file.fileName,
        sheet: first.name,
        row: 1,
        lastRow: Math.max(1, scanned),
        lastColumn: columnLetter(Math.min(widest, 64)),
        expected: REQUIRED.map((f) => LABEL[f]),
      },
    );
  }

  const rows: AssetImportResult['rows'] = [];
  const findings: AssetImportFinding[] = [];
  const sheets: AssetImportSheet[] = [];
  const ignored = new Set<string>();
  const addFinding = (f: AssetImportFinding) => {
    if (findings.length < MAX_FINDINGS) findings.push(f);
  };

  for (const { sheet, header } of complete) {
    const where = (r: number, c: number) => `Berkas ${file.fileName}${isMultiSheet ? `, lembar "${sheet.name}"` : ''}, baris ${r}, kolom ${columnLetter(c + 1)}`;
    for (const [kind, cols] of header.columns) {
      if (kind === 'kondisi' || kind === 'ignored' || kind.startsWith('kondisi:')) continue;
      if (cols.length > 1) {
        const columns = cols.map((c) => columnLetter(c + 1));
        const columnName = LABEL[kind as AssetColumnKey];
        throw new BerkasError(
          'HEADER_DUPLICATE',
          `${at(file.fileName, sheet.name, isMultiSheet, `baris ${header.row + 1}, kolom ${columns.join(' dan ')}`)}: lebih dari satu kolom dibaca sebagai ${columnName}; sisakan satu kolom ${columnName}.`,
          { file: file.fileName, sheet: sheet.name, row: header.row + 1, column: columnLetter((cols[1] ?? 0) + 1), columns, columnName },
        );
      }
    }
    for (const u of header.unknown) ignored.add(`${columnLetter(u.column + 1)} "${u.text.slice(0, 40)}"`);
    for (const c of header.columns.get('ignored') ?? []) {
      const text = header.texts.get(c) ?? '';
      if (!/^(no|nomor|no urut|nomor urut)$/.test(wordsOf(text))) ignored.add(`${columnLetter(c + 1)} "${text.slice(0, 40)}"`);
    }
    const colOf = (k: AssetColumnKey) => header.columns.get(k)?.[0];
    const flags = (['baik', 'rusak-ringan', 'rusak-berat'] as const).map((v) => ({ value: v, column: header.columns.get(`kondisi:${v}`)?.[0] }));

    // Cells covered by a vertical merge take the merged cell's text (a room merged down over its devices).
    const fillDown = new Map<string, [number, number]>();
    for (const m of sheet.merges) {
      if (m.bottom === m.top) continue;
      for (let r = m.top + 1; r <= m.bottom; r++) fillDown.set(`${r - 1}:${m.left - 1}`, [m.top - 1, m.left - 1]);
    }
    const cell = (r: number, c: number | undefined): string => {
      if (c === undefined) return '';
      const master = fillDown.get(`${r}:${c}`);
      return cleanCell(master ? (sheet.rows[master[0]]?.[master[1]] ?? '') : (sheet.rows[r]?.[c] ?? ''));
    };
    const dataColumns = new Set<number>([...header.columns.entries()].filter(([k]) => k !== 'ignored').flatMap(([, cols]) => cols));
    let groupLokasi = '';
    let count = 0;

    for (let r = header.row + 1; r < sheet.rows.length; r++) {
      const rowNumber = r + 1;
      const raw = sheet.rows[r] ?? [];
      const filled = raw.map((t, c) => ({ c, t: cleanCell(t) })).filter((x) => x.t !== '');
      if (filled.length === 0) continue;
      if (r === header.row + 1 && isNumbering(raw)) continue;
      const lead = wordsOf(filled[0]?.t ?? '');
      if (TOTAL_WORDS.test(lead) && !cell(r, colOf('merekTipe'))) {
        for (let rest = r + 1; rest < sheet.rows.length; rest++) {
          if (cell(rest, colOf('merekTipe')) && cell(rest, colOf('kategori'))) {
            addFinding({
              code: 'BARIS_DIABAIKAN',
              severity: 'warning',
              sheet: sheet.name,
              row: rest + 1,
              column: columnLetter((colOf('merekTipe') ?? 0) + 1),
              message: `${where(rest + 1, colOf('merekTipe') ?? 0)} (${LABEL.merekTipe}): baris di bawah baris Jumlah (baris ${rowNumber}) tidak dibaca; pindahkan ke atas baris Jumlah bila termasuk daftar aset.`,
            });
          }
        }
        break;
      }
      // The header repeated further down (a second printed page), in one row or two.
      if (isHeaderLike(filled.map((x) => x.t))) continue;
      if (isNumbering(raw)) continue;
      // One lone text across the row: a room heading ("Ruang Sekretariat"), not a device.
      const deviceCells = [colOf('kategori'), colOf('merekTipe'), colOf('nomorSeri'), colOf('tahunPerolehan')].filter((c): c is number => c !== undefined);
      if (filled.length === 1 && deviceCells.every((c) => !cell(r, c))) {
        groupLokasi = (filled[0]?.t ?? '').replace(/^(lokasi|ruang(an)?)\s*[:.-]\s*/i, '').trim() || groupLokasi;
        continue;
      }
      count++;
      if (rows.length >= MAX_ASSET_ROWS) {
        const column = columnLetter((colOf('kodeBarang') ?? 0) + 1);
        throw new BerkasError(
          'TOO_MANY_ASSETS',
          `${at(file.fileName, sheet.name, isMultiSheet, `baris ${rowNumber}, kolom ${column}`)}: lebih dari ${formatThousands(MAX_ASSET_ROWS)} perangkat dalam satu daftar aset; bagi per unit kerja atau per lokasi menjadi beberapa berkas.`,
          { file: file.fileName, sheet: sheet.name, row: rowNumber, column, max: formatThousands(MAX_ASSET_ROWS) },
        );
      }
      const cells: Record<string, string> = {};
      for (const key of Object.keys(LABEL) as AssetColumnKey[]) {
        const v = cell(r, colOf(key));
        if (v) cells[key] = v;
      }
      if (!cells.lokasi && groupLokasi) cells.lokasi = groupLokasi;
      // Serial "-" or "0": no serial number.
      if (cells.nomorSeri && /^[-–—./0]+$/.test(cells.nomorSeri)) delete cells.nomorSeri;

      const kondisiCol = colOf('kondisi');
      if (kondisiCol !== undefined && cells.kondisi) {
        const option = matchOption(KONDISI_OPTIONS, cells.kondisi);
        if (option) cells.kondisi = option.value;
        else {
          addFinding({
            code: 'KONDISI_TIDAK_DIKENAL',
            severity: 'warning',
            sheet: sheet.name,
            row: rowNumber,
            column: columnLetter(kondisiCol + 1),
            message: `${where(rowNumber, kondisiCol)} (${LABEL.kondisi}): "${cells.kondisi.slice(0, 40)}" bukan kondisi yang dikenal (Baik/B, Rusak Ringan/RR/KB, Rusak Berat/RB); dibiarkan seperti tertulis, pilih kondisinya di tabel.`,
          });
        }
      } else if (flags.some((f) => f.column !== undefined)) {
        const marked = flags.filter((f) => f.column !== undefined && isMark(cell(r, f.column)));
        if (marked.length === 1) cells.kondisi = (marked[0] as { value: string }).value;
        else {
          const first = flags.find((f) => f.column !== undefined) as { column: number };
          addFinding({
            code: marked.length === 0 ? 'KONDISI_KOSONG' : 'KONDISI_GANDA',
            severity: 'warning',
            sheet: sheet.name,
            row: rowNumber,
            column: columnLetter(first.column + 1),
            message: `${where(rowNumber, first.column)} (${LABEL.kondisi}): ${marked.length === 0 ? 'tidak ada kolom B/KB/RB yang ditandai' : 'lebih dari satu kolom B/KB/RB ditandai'}; pilih kondisinya di tabel.`,
          });
        }
      }
      const yearCol = colOf('tahunPerolehan');
      if (yearCol !== undefined && cells.tahunPerolehan) {
        const year = yearIn(cells.tahunPerolehan);
        if (year !== null) cells.tahunPerolehan = String(year);
        else {
          addFinding({
            code: 'TAHUN_TIDAK_TERBACA',
            severity: 'warning',
            sheet: sheet.name,
            row: rowNumber,
            column: columnLetter(yearCol + 1),
            message: `${where(rowNumber, yearCol)} (${LABEL.tahunPerolehan}): "${cells.tahunPerolehan.slice(0, 40)}" bukan tahun (4 angka); dibiarkan seperti tertulis.`,
          });
        }
      }
      for (const c of ASSET_COLUMNS) {
        const v = cells[c.key];
        const col = colOf(c.key as AssetColumnKey);
        if (v && c.maxLength !== undefined && v.length > c.maxLength && col !== undefined) {
          addFinding({
            code: 'ISIAN_TERLALU_PANJANG',
            severity: 'warning',
            sheet: sheet.name,
            row: rowNumber,
            column: columnLetter(col + 1),
            message: `${where(rowNumber, col)} (${c.label}): ${formatThousands(v.length)} karakter, melebihi batas ${c.maxLength}; perpendek di tabel.`,
          });
        }
      }
      const hasDevice = ['kategori', 'merekTipe', 'nomorSeri', 'kodeBarang'].some((k) => cells[k]);
      if (!hasDevice) {
        const c = [...dataColumns][0] ?? 0;
        addFinding({
          code: 'BARIS_TANPA_PERANGKAT',
          severity: 'warning',
          sheet: sheet.name,
          row: rowNumber,
          column: columnLetter(c + 1),
          message: `${where(rowNumber, c)}: baris ini tidak menyebut kode barang, kategori, merek/tipe, atau nomor seri; tidak dibaca sebagai perangkat.`,
        });
        count--;
        continue;
      }
      rows.push({ cells });
    }
    const letters: AssetImportSheet['columns'] = {};
    for (const key of Object.keys(LABEL) as AssetColumnKey[]) {
      const cols = header.columns.get(key);
      if (cols?.length) letters[key] = columnLetter((cols[0] as number) + 1);
      else if (key === 'kondisi' && flags.some((f) => f.column !== undefined)) {
        letters.kondisi = flags
          .filter((f) => f.column !== undefined)
          .map((f) => columnLetter((f.column as number) + 1))
          .join('/');
      }
    }
    sheets.push({ name: sheet.name, headerRow: header.top + 1, columns: letters, rowCount: count });
  }
  if (rows.length === 0) {
    const s = sheets[0] as AssetImportSheet;
    throw new BerkasError(
      'NO_ASSETS',
      `Berkas ${file.fileName}${isMultiSheet ? `, lembar "${s.name}"` : ''}, baris ${s.headerRow + 1}: tidak ada perangkat di bawah baris judul kolom (baris ${s.headerRow}).`,
      {
        file: file.fileName,
        sheet: s.name,
        row: s.headerRow + 1,
        headerRow: s.headerRow,
      },
    );
  }
  return { rows, findings, sheets, ignoredColumns: [...ignored] };
}
