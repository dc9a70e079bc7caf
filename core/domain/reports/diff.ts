/**
 * What changed in a table between two periods: rows added, removed, and
 * changed field by field. Rows are matched by their id, which a row keeps
 * when it is carried over, edited, or re-imported (asset-import.ts matches an
 * imported row to the row it was before by serial number or asset code).
 */
import type { ColumnDef } from './definitions';
import type { TableRow } from './values';

export interface FieldChange {
  column: string;
  label: string;
  before: string;
  after: string;
}

export interface ChangedRow {
  id: string;
  /** 1-based position in the new table. */
  row: number;
  before: TableRow;
  after: TableRow;
  changes: FieldChange[];
}

export interface TableDiff {
  added: { row: number; value: TableRow }[];
  removed: { row: number; value: TableRow }[];
  changed: ChangedRow[];
  unchangedCount: number;
}

const norm = (s: string | undefined) => (s ?? '').trim();

export function diffTable(before: readonly TableRow[], after: readonly TableRow[], columns: readonly ColumnDef[]): TableDiff {
  const old = new Map<string, { row: number; value: TableRow }>();
  before.forEach((value, i) => old.set(value.id, { row: i + 1, value }));
  const seen = new Set<string>();
  const diff: TableDiff = { added: [], removed: [], changed: [], unchangedCount: 0 };
  after.forEach((value, i) => {
    const prev = old.get(value.id);
    if (!prev || seen.has(value.id)) {
      diff.added.push({ row: i + 1, value });
      return;
    }
    seen.add(value.id);
    const changes: FieldChange[] = [];
    for (const c of columns) {
      const a = norm(prev.value.cells[c.key]);
      const b = norm(value.cells[c.key]);
      if (a !== b) changes.push({ column: c.key, label: c.label, before: a, after: b });
    }
    if (changes.length > 0) diff.changed.push({ id: value.id, row: i + 1, before: prev.value, after: value, changes });
    else diff.unchangedCount++;
  });
  for (const [id, prev] of old) if (!seen.has(id)) diff.removed.push(prev);
  return diff;
}

export function hasChanges(diff: TableDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length > 0;
}
