/**
 * The asset register (inventaris perangkat TIK; Pontianak Pasal 27 ayat (1),
 * Banjarmasin Pasal 14 ayat (10)): identity of a device across imports and
 * periods, and the counts the charts show.
 */
import { KONDISI_OPTIONS } from './definitions';
import type { TableRow } from './values';

/** Serial numbers that are not serial numbers ("-", "0", "tidak ada"). */
const NO_SERIAL = /^(?:[-–—./0]*|tidak ada|tdk ada|n\/?a|none|belum ada)$/i;

const squash = (s: string | undefined) => (s ?? '').toUpperCase().replace(/[\s._\-/]+/g, '');

/**
 * What identifies a device: its serial number when it has one, else its
 * asset code with its register number (NUP), else code, make and year.
 */
export function assetIdentity(row: Pick<TableRow, 'cells'>): string {
  const serial = (row.cells.nomorSeri ?? '').trim();
  if (serial && !NO_SERIAL.test(serial)) return `sn:${squash(serial)}`;
  const code = squash(row.cells.kodeBarang);
  const register = squash(row.cells.register);
  if (code && register) return `kb:${code}|${register}`;
  return `kt:${code}|${squash(row.cells.merekTipe)}|${squash(row.cells.tahunPerolehan)}`;
}

/**
 * Gives imported rows the ids of the rows they were before (same identity),
 * so re-importing an updated export keeps each device's history; a device
 * seen for the first time gets a new id. Identities that repeat are matched
 * in order.
 */
export function matchAssetIds(previous: readonly TableRow[], incoming: readonly Omit<TableRow, 'id'>[], newId: () => string): TableRow[] {
  const pool = new Map<string, string[]>();
  for (const r of previous) {
    const key = assetIdentity(r);
    const list = pool.get(key);
    if (list) list.push(r.id);
    else pool.set(key, [r.id]);
  }
  return incoming.map((r) => {
    const id = pool.get(assetIdentity(r))?.shift();
    return { id: id ?? newId(), cells: r.cells };
  });
}

export interface CountEntry {
  key: string;
  label: string;
  count: number;
}

/** Devices per condition, in the order Baik, Rusak Ringan, Rusak Berat, then anything else. */
export function conditionCounts(rows: readonly TableRow[]): CountEntry[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const v = (r.cells.kondisi ?? '').trim();
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const out: CountEntry[] = KONDISI_OPTIONS.map((o) => ({ key: o.value, label: o.label, count: counts.get(o.value) ?? 0 }));
  let other = 0;
  for (const [k, n] of counts) if (!KONDISI_OPTIONS.some((o) => o.value === k)) other += n;
  if (other > 0) out.push({ key: 'lainnya', label: 'Belum/tidak dikenal', count: other });
  return out;
}

/** Devices per category, most first; beyond `max` categories the rest are one "Lainnya" bar. */
export function categoryCounts(rows: readonly TableRow[], max = 10): CountEntry[] {
  const counts = new Map<string, { label: string; count: number }>();
  for (const r of rows) {
    const label = (r.cells.kategori ?? '').trim() || '(tanpa kategori)';
    const key = label.toLowerCase();
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { label, count: 1 });
  }
  const sorted = [...counts.entries()].map(([key, v]) => ({ key, ...v })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  if (sorted.length <= max) return sorted;
  const head = sorted.slice(0, max - 1);
  const rest = sorted.slice(max - 1).reduce((n, e) => n + e.count, 0);
  return [...head, { key: 'lainnya', label: 'Lainnya', count: rest }];
}
