/**
 * Checks a report against its type: required fields, numbers, dates, choices,
 * the rows of every table, the months of a monthly table against the period,
 * duplicate serial numbers in the asset register. Pure, so the form checks as
 * the officer types and the service checks again before signing. Every
 * message is Indonesian and names the field (and the table row and column).
 * A draft may be saved with errors; it cannot be signed with one.
 */
import type { ColumnDef, FieldDef, ReportDefinition, ScalarKind } from './definitions';
import { matchOption } from './definitions';
import type { ReportFinding } from './model';
import { formatMonthId, monthsOf, parseIsoDate, type Period } from './periods';
import { isAttachmentValue, isTableValue, parseDateTime, parseNumberId, type FieldValue, type ReportData, type TableRow } from './values';

export interface ValidationContext {
  period: Period;
  /** Today's date on the officer's clock, "YYYY-MM-DD": an event cannot be in the future. */
  today?: string;
}

/** Findings per table beyond which the rest are counted in one line (a 20,000-row register can be wrong everywhere). */
const MAX_FINDINGS_PER_FIELD = 200;

const quote = (text: string, max = 40) => {
  const one = text.replace(/\s+/g, ' ').trim();
  return `"${one.length > max ? one.slice(0, max - 1) + '…' : one}"`;
};

/** Why `text` is not a valid value of `kind`, or null when it is (empty is handled by the caller). */
function scalarProblem(kind: ScalarKind, text: string, column: Pick<ColumnDef, 'options'>, ctx: ValidationContext): string | null {
  const t = text.trim();
  switch (kind) {
    case 'integer': {
      const n = parseNumberId(t);
      if (n === null || !Number.isInteger(n)) return `${quote(t)} bukan bilangan bulat (contoh: 1.250).`;
      if (n < 0) return `${quote(t)} tidak boleh negatif.`;
      return null;
    }
    case 'decimal': {
      const n = parseNumberId(t);
      return n === null ? `${quote(t)} bukan angka (contoh: 12,5).` : null;
    }
    case 'percent': {
      const n = parseNumberId(t);
      if (n === null) return `${quote(t)} bukan persentase (contoh: 99,5).`;
      if (n < 0 || n > 100) return `${quote(t)} di luar 0–100 persen.`;
      return null;
    }
    case 'date':
      return parseIsoDate(t) ? null : `${quote(t)} bukan tanggal; tulis hari/bulan/tahun, misalnya 14/07/2026 (di berkas data: 2026-07-14).`;
    case 'datetime':
      return parseDateTime(t) ? null : `${quote(t)} bukan tanggal dan jam; tulis tanggal dan jam 24 jam, misalnya 14/07/2026 08.30 (di berkas data: 2026-07-14 08:30).`;
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(t);
      return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? null : `${quote(t)} bukan bulan; pilih bulan dan tulis tahunnya, misalnya Juli 2026 (di berkas data: 2026-07).`;
    }
    case 'year': {
      if (!/^\d{4}$/.test(t)) return `${quote(t)} bukan tahun (4 angka, misalnya 2019).`;
      const y = Number(t);
      const max = Math.max(ctx.period.year, Number((ctx.today ?? '').slice(0, 4)) || 0) + 1;
      return y < 1950 || y > max ? `tahun ${t} di luar 1950–${max}.` : null;
    }
    case 'choice': {
      const options = column.options ?? [];
      if (options.some((o) => o.value === t)) return null;
      return `${quote(t)} bukan pilihan yang dikenal (${options.map((o) => o.label).join(', ')}).`;
    }
    default:
      return null;
  }
}

function eventDateOf(field: FieldDef, value: FieldValue | undefined): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return null;
  if (field.kind === 'datetime') return parseDateTime(text)?.date ?? null;
  return parseIsoDate(text) ? text : null;
}

function validateTable(field: FieldDef, rows: readonly TableRow[], ctx: ValidationContext, out: ReportFinding[]): void {
  const columns = field.columns ?? [];
  const found: ReportFinding[] = [];
  let dropped = 0;
  const push = (f: ReportFinding) => {
    if (found.length < MAX_FINDINGS_PER_FIELD) found.push(f);
    else dropped++;
  };
  const where = (row: number, column: ColumnDef) => `Tabel "${field.label}", baris ${row}, kolom "${column.label}"`;
  if (field.isRequired && rows.length === 0) {
    out.push({ code: 'TABEL_KOSONG', severity: 'error', field: field.key, message: `Tabel "${field.label}" wajib berisi paling sedikit satu baris.` });
    return;
  }
  if (field.maxRows !== undefined && rows.length > field.maxRows) {
    out.push({
      code: 'TABEL_TERLALU_BANYAK',
      severity: 'error',
      field: field.key,
      message: `Tabel "${field.label}" berisi ${rows.length} baris, melebihi batas ${field.maxRows} baris.`,
    });
  }
  const months = ctx.period.kind === 'insidental' ? null : new Set(monthsOf(ctx.period));
  const serials = new Map<string, number>();
  const monthly = new Map<string, number>();
  rows.forEach((r, i) => {
    const rowNumber = i + 1;
    const isEmpty = columns.every((c) => !(r.cells[c.key] ?? '').trim());
    if (isEmpty) {
      push({ code: 'BARIS_KOSONG', severity: 'warning', field: field.key, row: rowNumber, message: `Tabel "${field.label}", baris ${rowNumber}: baris kosong; isi atau hapus.` });
      return;
    }
    for (const c of columns) {
      const text = (r.cells[c.key] ?? '').trim();
      if (!text) {
        if (c.isRequired) push({ code: 'WAJIB_DIISI', severity: 'error', field: field.key, row: rowNumber, column: c.key, message: `${where(rowNumber, c)}: wajib diisi.` });
        continue;
      }
      if (c.maxLength !== undefined && text.length > c.maxLength) {
        push({
          code: 'TERLALU_PANJANG',
          severity: 'error',
          field: field.key,
          row: rowNumber,
          column: c.key,
          message: `${where(rowNumber, c)}: ${text.length} karakter, melebihi batas ${c.maxLength}.`,
        });
        continue;
      }
      const problem = scalarProblem(c.kind, text, c, ctx);
      if (problem) {
        push({ code: 'ISIAN_TIDAK_SAH', severity: 'error', field: field.key, row: rowNumber, column: c.key, message: `${where(rowNumber, c)}: ${problem}` });
        continue;
      }
      if (c.kind === 'month' && field.monthColumn === c.key && months && !months.has(text)) {
        push({
          code: 'BULAN_DI_LUAR_PERIODE',
          severity: 'error',
          field: field.key,
          row: rowNumber,
          column: c.key,
          message: `${where(rowNumber, c)}: ${formatMonthId(text)} di luar periode ${ctx.period.label}.`,
        });
      }
    }
    if (field.isAssetRegister) {
      const serial = (r.cells.nomorSeri ?? '').trim().toUpperCase();
      if (serial && !/^[-–—.0/]+$/.test(serial)) {
        const first = serials.get(serial);
        if (first !== undefined) {
          const column = columns.find((c) => c.key === 'nomorSeri') as ColumnDef;
          push({
            code: 'NOMOR_SERI_GANDA',
            severity: 'warning',
            field: field.key,
            row: rowNumber,
            column: 'nomorSeri',
            message: `${where(rowNumber, column)}: nomor seri ${quote(serial)} sama dengan baris ${first}; setiap perangkat memiliki nomor seri sendiri.`,
          });
        } else serials.set(serial, rowNumber);
      }
    }
    if (field.monthKey && field.monthColumn) {
      const key = `${(r.cells[field.monthKey] ?? '').trim().toLowerCase()}|${(r.cells[field.monthColumn] ?? '').trim()}`;
      const first = monthly.get(key);
      const column = columns.find((c) => c.key === field.monthColumn) as ColumnDef;
      if (first !== undefined) {
        push({
          code: 'BULAN_GANDA',
          severity: 'error',
          field: field.key,
          row: rowNumber,
          column: column.key,
          message: `${where(rowNumber, column)}: ${quote(r.cells[field.monthKey] ?? '')} bulan ${formatMonthId((r.cells[field.monthColumn] ?? '').trim())} sudah ada di baris ${first}.`,
        });
      } else monthly.set(key, rowNumber);
    }
  });
  out.push(...found);
  if (dropped > 0) {
    out.push({
      code: 'TEMUAN_LAIN',
      severity: found.some((f) => f.severity === 'error') ? 'error' : 'warning',
      field: field.key,
      message: `Tabel "${field.label}": ${dropped} temuan lain tidak ditampilkan; perbaiki yang di atas lebih dulu.`,
    });
  }
}

export function validateReport(def: ReportDefinition, data: ReportData, ctx: ValidationContext): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const field of def.fields) {
    const value = data[field.key];
    const label = `"${field.label}"`;
    if (field.kind === 'table') {
      validateTable(field, isTableValue(value) ? value : [], ctx, out);
      continue;
    }
    if (field.kind === 'attachment') {
      if (field.isRequired && !isAttachmentValue(value)) out.push({ code: 'WAJIB_DIISI', severity: 'error', field: field.key, message: `${label} wajib dilampirkan.` });
      continue;
    }
    if (field.kind === 'boolean') {
      if (field.mustBeTrue && value !== true)
        out.push({ code: 'WAJIB_DIISI', severity: 'error', field: field.key, message: `${label} wajib dicentang${field.basis ? ` (${field.basis})` : ''}.` });
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (!text) {
      if (field.isRequired) out.push({ code: 'WAJIB_DIISI', severity: 'error', field: field.key, message: `${label} wajib diisi.` });
      continue;
    }
    if (field.maxLength !== undefined && text.length > field.maxLength) {
      out.push({ code: 'TERLALU_PANJANG', severity: 'error', field: field.key, message: `${label}: ${text.length} karakter, melebihi batas ${field.maxLength}.` });
      continue;
    }
    const problem = scalarProblem(field.kind as ScalarKind, text, field, ctx);
    if (problem) {
      out.push({ code: 'ISIAN_TIDAK_SAH', severity: 'error', field: field.key, message: `${label}: ${problem}` });
      continue;
    }
    if (field.isEventDate) {
      const date = eventDateOf(field, value);
      if (date && ctx.today && date > ctx.today) {
        out.push({ code: 'TANGGAL_DI_MASA_DEPAN', severity: 'error', field: field.key, message: `${label}: ${date} berada setelah hari ini (${ctx.today}).` });
      } else if (date && ctx.period.kind === 'insidental' && date !== ctx.period.code) {
        out.push({ code: 'TANGGAL_TIDAK_SAMA', severity: 'error', field: field.key, message: `${label}: ${date} tidak sama dengan periode laporan (${ctx.period.code}).` });
      }
    }
  }
  return out;
}

/** The date an insidental report is about, read from its event field (null when not filled or not a date). */
export function eventDateFromData(def: ReportDefinition, data: ReportData): string | null {
  const field = def.fields.find((f) => f.isEventDate);
  return field ? eventDateOf(field, data[field.key]) : null;
}

/** A choice value as its label, any other value as typed (for the PDF and the export). */
export function displayValue(column: Pick<ColumnDef, 'kind' | 'options'>, text: string): string {
  if (column.kind === 'choice') {
    const known = column.options?.find((o) => o.value === text);
    if (known) return known.label;
    return matchOption(column.options ?? [], text)?.label ?? text;
  }
  return text;
}

export function countBySeverity(findings: readonly ReportFinding[]): { errorCount: number; warningCount: number } {
  let errorCount = 0;
  let warningCount = 0;
  for (const f of findings) {
    if (f.severity === 'error') errorCount++;
    else warningCount++;
  }
  return { errorCount, warningCount };
}
