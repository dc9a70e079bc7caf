/**
 * What a report holds: for each field of its type, the text the officer
 * typed (numbers and dates stay text until they are read, so "99,5" and a
 * half-typed date survive a save), a yes/no, the rows of a table, or an
 * attachment kept in the content-addressed blob store.
 */

/** A file kept in the blob store (never in the database). */
export interface AttachmentRef {
  sha256: string;
  name: string;
  size: number;
  mediaType: string;
}

/** One row of a table field; `id` stays with the row across edits and periods (carry-over diffs). */
export interface TableRow {
  id: string;
  cells: Record<string, string>;
}

export type FieldValue = string | boolean | null | TableRow[] | AttachmentRef;

export type ReportData = Record<string, FieldValue>;

export function isTableValue(value: FieldValue | undefined): value is TableRow[] {
  return Array.isArray(value);
}

export function isAttachmentValue(value: FieldValue | undefined): value is AttachmentRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as AttachmentRef).sha256 === 'string';
}

export function textOf(value: FieldValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/**
 * A number as Indonesians type it: "1.250" (thousands dot), "99,5" (decimal
 * comma), "99.5" (a dot followed by other than three digits is a decimal
 * point). Null when it is not a number.
 */
export function parseNumberId(text: string): number | null {
  const t = text.replace(/[\s\u00a0%]/g, '');
  if (t === '') return null;
  let normalized: string;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) normalized = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+(,\d+)?$/.test(t)) normalized = t.replace(',', '.');
  else if (/^-?\d+\.\d+$/.test(t)) normalized = t;
  else return null;
  const n = Number(normalized);
  return Number.isFinite(n) ? n : null;
}

/** "99,5" for 99.5, "1.250" for 1250: numbers written back the Indonesian way. */
export function formatNumberId(value: number, decimals = 2): string {
  const rounded = Number(value.toFixed(decimals));
  const [whole = '0', fraction] = Math.abs(rounded).toString().split('.');
  let grouped = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) grouped += '.';
    grouped += whole[i];
  }
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** "2026-07-14T08:30" (what a datetime-local input gives), seconds optional. */
export function parseDateTime(text: string): { date: string; time: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (hour > 23 || minute > 59) return null;
  return { date: m[1] as string, time: `${m[2]}.${m[3]}` };
}

/** A four-digit year inside text: "2019", "Th. 2019", "01/07/2019". */
export function yearIn(text: string): number | null {
  const m = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(text);
  return m ? Number(m[1]) : null;
}
