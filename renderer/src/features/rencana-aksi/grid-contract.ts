import type { MessageKey } from '../../i18n/catalog';
import type { Cursor } from './grid-model';
import type { GridField } from './plan-edits';

// What the grid and the editor say to each other, and the measures both rely on.

/** Fixed row height (px, as in rencana-aksi.css): it lets a long plan render only the rows in view. */
export const ROW_HEIGHT = 46;
/** Above this many rows only the visible ones (and a margin) are in the DOM. */
export const WINDOW_THRESHOLD = 150;

/** The header of each column, as the Prabumulih layout names it. */
export const COLUMN_LABELS = {
  output: 'ra.col.output',
  tahap: 'ra.col.tahap',
  metode: 'ra.col.metode',
  pelaksana: 'ra.col.pelaksana',
  durasi: 'ra.col.durasi',
  sumberDaya: 'ra.col.sumberDaya',
} as const satisfies Record<GridField, MessageKey>;

export interface CellEditing {
  session: string;
  /** Where the caret starts: after the text (F2) or after the typed character. */
  row: number;
  col: number;
}

/** What the grid asks of the editor; each is a stable callback. */
export interface GridCommands {
  setCursor(cursor: Cursor, shouldFocus: boolean): void;
  /** Opens the cell editor; `text` replaces the cell (typing, Backspace) or undefined keeps it (F2, Enter on a mouse double-click). */
  startEdit(cursor: Cursor, text?: string): void;
  /** A keystroke in the open cell editor. */
  editText(row: number, col: number, text: string, session: string): void;
  /** Closes the editor of `session` keeping the text; `then` moves the cursor afterwards ('next'/'previous': as Tab). */
  commitEdit(session: string, then: Cursor | 'next' | 'previous' | null): void;
  cancelEdit(session: string): void;
  addRow(): void;
  moveRow(dir: -1 | 1): void;
  deleteRow(): void;
  undo(): void;
  redo(): void;
}

/** The id of a cell: the grid focuses its cursor cell by it. */
export function cellId(row: number, col: number): string {
  return `ra-cell-${row}-${col}`;
}
