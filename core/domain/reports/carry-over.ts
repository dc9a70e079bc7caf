/**
 * A new period starts from the last one's data (issue 6 item 3): each field
 * follows its carry rule. Copied table rows keep their ids, so the asset
 * register of the new period can be compared row by row with the old one
 * (diff.ts) and an officer never retypes it; columns measured per period
 * (users, availability) are emptied; a monthly table gets one row per month
 * of the new period for each application it had.
 */
import { BerkasError } from '../errors';
import type { FieldDef, ReportDefinition } from './definitions';
import { monthsOf, type Period } from './periods';
import { isAttachmentValue, isTableValue, type FieldValue, type ReportData, type TableRow } from './values';

function copyRow(row: TableRow, field: FieldDef): TableRow {
  const cells: Record<string, string> = {};
  for (const c of field.columns ?? []) {
    const v = row.cells[c.key];
    if (v !== undefined && v !== '' && c.carry !== 'reset') cells[c.key] = v;
  }
  return { id: row.id, cells };
}

function monthlyRows(field: FieldDef, rows: readonly TableRow[], to: Period, newId: () => string): TableRow[] {
  const key = field.monthKey as string;
  const month = field.monthColumn as string;
  const seen = new Map<string, TableRow>();
  for (const r of rows) {
    const name = (r.cells[key] ?? '').trim();
    if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), r);
  }
  const out: TableRow[] = [];
  for (const template of seen.values()) {
    for (const m of monthsOf(to)) {
      const cells: Record<string, string> = {};
      for (const c of field.columns ?? []) {
        if (c.key === month) cells[c.key] = m;
        else if (c.carry !== 'reset' && template.cells[c.key]) cells[c.key] = template.cells[c.key] as string;
      }
      out.push({ id: newId(), cells });
    }
  }
  return out;
}

function carryField(field: FieldDef, value: FieldValue | undefined, to: Period, newId: () => string): FieldValue | undefined {
  if (field.carry === 'reset' || field.isEventDate || value === undefined || value === null) return undefined;
  if (field.kind === 'table') {
    if (!isTableValue(value)) return undefined;
    if (field.carry === 'monthly') return monthlyRows(field, value, to, newId);
    const drop = field.dropOnCarry;
    return value.filter((r) => !drop || (r.cells[drop.column] ?? '') !== drop.value).map((r) => copyRow(r, field));
  }
  if (field.kind === 'attachment') return isAttachmentValue(value) ? { ...value } : undefined;
  return value;
}

/** The data a report for `to` starts with, from the report of `from`. */
export function carryOverData(def: ReportDefinition, data: ReportData, from: Period, to: Period, newId: () => string): ReportData {
  if (from.kind !== to.kind) {
    throw new BerkasError('CARRY_OVER_KIND_MISMATCH', `Periode ${to.code} bukan periode ${from.kind} seperti ${from.code}.`, { field: 'toPeriod', period: to.code, from: from.code });
  }
  if (to.kind !== 'insidental' && to.start <= from.start) {
    throw new BerkasError('CARRY_OVER_BACKWARDS', `Periode tujuan ${to.label} tidak sesudah periode asal ${from.label}; data hanya dibawa ke periode berikutnya.`, {
      field: 'toPeriod',
      from: from.code,
      to: to.code,
    });
  }
  const out: ReportData = {};
  for (const field of def.fields) {
    const carried = carryField(field, data[field.key], to, newId);
    if (carried !== undefined) out[field.key] = carried;
  }
  return out;
}

/** An empty report of a type: empty tables, and for a monthly table nothing until applications are named. */
export function emptyData(def: ReportDefinition): ReportData {
  const out: ReportData = {};
  for (const field of def.fields) {
    if (field.kind === 'table') out[field.key] = [];
    else if (field.kind === 'boolean') out[field.key] = false;
    else if (field.kind === 'attachment') out[field.key] = null;
    else out[field.key] = '';
  }
  return out;
}

/**
 * Rows of a monthly table for every application named in `apps` and every
 * month of the period, keeping the rows already there (the form's "one row
 * per month" button).
 */
export function fillMonthlyRows(field: FieldDef, rows: readonly TableRow[], apps: readonly string[], period: Period, newId: () => string): TableRow[] {
  const key = field.monthKey;
  const month = field.monthColumn;
  if (!key || !month) return [...rows];
  const have = new Set(rows.map((r) => `${(r.cells[key] ?? '').trim().toLowerCase()}|${(r.cells[month] ?? '').trim()}`));
  const out = [...rows];
  for (const app of apps.map((a) => a.trim()).filter(Boolean)) {
    for (const m of monthsOf(period)) {
      if (have.has(`${app.toLowerCase()}|${m}`)) continue;
      have.add(`${app.toLowerCase()}|${m}`);
      out.push({ id: newId(), cells: { [key]: app, [month]: m } });
    }
  }
  return out;
}
