/**
 * The grid's keyboard model, pure: where the cursor goes on each key, and
 * which cells carry findings. A kegiatan row has one cell (its name, across
 * the whole row); a stage row has the six columns of the Prabumulih form.
 */
import type { EditorRow, Finding, Severity } from '@core/domain/rencana-aksi';
import { GRID_FIELDS, type GridField } from './plan-edits';

export interface Cursor {
  row: number;
  /** Column 0–5 (GRID_FIELDS); kept while passing a kegiatan row so ↑↓ return to the same column. */
  col: number;
}

export const LAST_COL = GRID_FIELDS.length - 1;

/** The column a row really shows for a cursor: a kegiatan row has only column 0. */
export function effectiveCol(row: EditorRow | undefined, col: number): number {
  return row?.kind === 'activity' ? 0 : Math.min(Math.max(col, 0), LAST_COL);
}

export function fieldAt(row: EditorRow | undefined, col: number): GridField {
  return GRID_FIELDS[effectiveCol(row, col)] ?? 'output';
}

export function clampCursor(rows: readonly EditorRow[], cursor: Cursor): Cursor {
  if (rows.length === 0) return { row: 0, col: cursor.col };
  return { row: Math.min(Math.max(cursor.row, 0), rows.length - 1), col: Math.min(Math.max(cursor.col, 0), LAST_COL) };
}

export type Move = 'up' | 'down' | 'left' | 'right' | 'rowStart' | 'rowEnd' | 'first' | 'last' | 'pageUp' | 'pageDown';

export function moveCursor(rows: readonly EditorRow[], cursor: Cursor, move: Move, pageSize = 10): Cursor {
  const row = rows[cursor.row];
  const col = effectiveCol(row, cursor.col);
  const last = rows.length - 1;
  switch (move) {
    case 'up':
      return clampCursor(rows, { row: cursor.row - 1, col: cursor.col });
    case 'down':
      return clampCursor(rows, { row: cursor.row + 1, col: cursor.col });
    case 'pageUp':
      return clampCursor(rows, { row: cursor.row - pageSize, col: cursor.col });
    case 'pageDown':
      return clampCursor(rows, { row: cursor.row + pageSize, col: cursor.col });
    case 'left':
      return row?.kind === 'activity' ? cursor : { row: cursor.row, col: Math.max(col - 1, 0) };
    case 'right':
      return row?.kind === 'activity' ? cursor : { row: cursor.row, col: Math.min(col + 1, LAST_COL) };
    case 'rowStart':
      return { row: cursor.row, col: 0 };
    case 'rowEnd':
      return { row: cursor.row, col: row?.kind === 'activity' ? 0 : LAST_COL };
    case 'first':
      return { row: 0, col: 0 };
    case 'last':
      return { row: Math.max(last, 0), col: rows[last]?.kind === 'activity' ? 0 : LAST_COL };
  }
}

/**
 * Tab / Shift+Tab: the next cell in reading order, wrapping to the next row.
 * Null past the last (or before the first) cell, so focus can leave the grid.
 */
export function tabCursor(rows: readonly EditorRow[], cursor: Cursor, isBackwards: boolean): Cursor | null {
  const row = rows[cursor.row];
  const col = effectiveCol(row, cursor.col);
  if (!isBackwards) {
    if (row && row.kind !== 'activity' && col < LAST_COL) return { row: cursor.row, col: col + 1 };
    return cursor.row + 1 < rows.length ? { row: cursor.row + 1, col: 0 } : null;
  }
  if (row && row.kind !== 'activity' && col > 0) return { row: cursor.row, col: col - 1 };
  if (cursor.row <= 0) return null;
  const previous = rows[cursor.row - 1];
  return { row: cursor.row - 1, col: previous?.kind === 'activity' ? 0 : LAST_COL };
}

/** Findings the grid can point at: those with a place in the plan and a row. */
function gridColumnOf(finding: Finding): number | null {
  if (!finding.at) return null;
  switch (finding.field) {
    case 'tahap':
    case 'metode':
    case 'pelaksana':
    case 'durasi':
    case 'sumberDaya':
      return GRID_FIELDS.indexOf(finding.field);
    case undefined:
      return null;
    // Output name, indikator and KAK live on the output: its cell in the grid is the Output cell.
    default:
      return 0;
  }
}

export interface CellFindingRef {
  row: number;
  col: number;
}

/** The cell a finding (with editor positions) belongs to, 0-based; null for plan-wide findings. */
export function cellOfFinding(finding: Finding): CellFindingRef | null {
  const col = gridColumnOf(finding);
  if (col === null || finding.row < 1) return null;
  return { row: finding.row - 1, col };
}

/**
 * Per row, a short string naming its marked cells ("1e 5w": column 1 has an
 * error, column 5 a warning). A string, so a memoised row re-renders only
 * when its own marks change.
 */
export function rowMarks(findings: readonly Finding[]): Map<number, string> {
  const byRow = new Map<number, Map<number, Severity>>();
  for (const f of findings) {
    const cell = cellOfFinding(f);
    if (!cell) continue;
    let cols = byRow.get(cell.row);
    if (!cols) byRow.set(cell.row, (cols = new Map()));
    if (cols.get(cell.col) !== 'error') cols.set(cell.col, f.severity);
  }
  const marks = new Map<number, string>();
  for (const [row, cols] of byRow) {
    marks.set(
      row,
      [...cols.entries()]
        .sort(([a], [b]) => a - b)
        .map(([col, severity]) => `${col}${severity === 'error' ? 'e' : 'w'}`)
        .join(' '),
    );
  }
  return marks;
}

/** Reads one column's mark back from a row's marks string. */
export function markOf(marks: string, col: number): Severity | null {
  for (const part of marks.split(' ')) {
    if (part.length >= 2 && Number(part.slice(0, -1)) === col) return part.endsWith('e') ? 'error' : 'warning';
  }
  return null;
}

/** The findings of one cell (for the line under the grid). */
export function findingsOfCell(findings: readonly Finding[], row: number, col: number): Finding[] {
  return findings.filter((f) => {
    const cell = cellOfFinding(f);
    return cell !== null && cell.row === row && cell.col === col;
  });
}
