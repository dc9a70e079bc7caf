/**
 * A spreadsheet as the domain sees it: sheets of text cells, row and column
 * numbers exactly as the officer's program shows them. Adapters turn .csv,
 * .tsv and .xlsx into this (and back); the domain never sees bytes.
 */

/** A merged block, 1-based and inclusive, as in Excel. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface TableSheet {
  name: string;
  /** rows[i] is row i + 1 of the file; cells[j] is column j + 1. Trailing empties may be absent. */
  rows: string[][];
  /** Merged blocks; covered cells (all but the top-left) hold ''. */
  merges: CellRange[];
}

export type TableFormat = 'csv' | 'tsv' | 'xlsx';

export interface TableFile {
  fileName: string;
  format: TableFormat;
  /** Visible sheets only, in workbook order (a CSV has one). */
  sheets: TableSheet[];
}

/** What the writers accept: numbers stay numbers in .xlsx (summary sheet). */
export type OutCell = string | number;

export interface OutSheet {
  name: string;
  rows: OutCell[][];
  merges: CellRange[];
  /** 1-based row of the column headers (bold, frozen, filtered in .xlsx). */
  headerRow?: number;
  /** Rows to set in bold (titles, kegiatan, Jumlah). */
  boldRows?: number[];
  /** Character widths per column. */
  widths?: number[];
}
