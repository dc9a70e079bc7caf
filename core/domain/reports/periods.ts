/**
 * Report periods as codes an officer and a script can type: "2026-Q3"
 * (triwulan), "2026-S1" (semester), "2026" (tahunan), and for an event report
 * (insidental) the date of the event, "2026-07-14". Dates are calendar dates
 * "YYYY-MM-DD" computed in UTC arithmetic, so the rules stay pure and give
 * the same answer on every machine; the service turns its clock into today's
 * local date before asking.
 */
import { BerkasError } from '../errors';
import { namaBulan } from '../format/tanggal';
import type { ReportPeriod } from '../profiles/profile';

export type PeriodKind = ReportPeriod;

export interface Period {
  kind: PeriodKind;
  /** "2026-Q3", "2026-S1", "2026", or "2026-07-14" for an event. */
  code: string;
  year: number;
  /** First day, "YYYY-MM-DD". */
  start: string;
  /** Last day, "YYYY-MM-DD" (the event day for insidental). */
  end: string;
  /** "Triwulan III 2026", "Semester I 2026", "Tahun 2026", "14 Juli 2026". */
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const KIND_LABEL: Record<PeriodKind, string> = { triwulan: 'triwulan', semester: 'semester', tahunan: 'tahunan', insidental: 'insidental (tanggal kejadian)' };
const EXAMPLE: Record<PeriodKind, string> = { triwulan: '2026-Q3', semester: '2026-S1', tahunan: '2026', insidental: '2026-07-14' };

const two = (n: number) => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}

/** The calendar date on the officer's clock (local time), "YYYY-MM-DD". */
export function calendarDateOf(date: Date): string {
  return isoDate(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** "YYYY-MM-DD" into its parts, or null when it is not a real date. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: string, days: number): string {
  const p = parseIsoDate(date);
  if (!p) throw new BerkasError('DATE_INVALID', `Tanggal "${date}" tidak sah: tulis sebagai TTTT-BB-HH, misalnya 2026-07-14.`, { value: date, pattern: 'YYYY-MM-DD', example: '2026-07-14' });
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return 0;
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** "17 Juni 2021" from "2021-06-17". */
export function formatDateId(date: string): string {
  const p = parseIsoDate(date);
  return p ? `${p.day} ${namaBulan[p.month - 1]} ${p.year}` : date;
}

function build(kind: PeriodKind, year: number, index: number): Period {
  if (kind === 'triwulan') {
    const first = (index - 1) * 3 + 1;
    return {
      kind,
      code: `${year}-Q${index}`,
      year,
      start: isoDate(year, first, 1),
      end: isoDate(year, first + 2, lastDayOf(year, first + 2)),
      label: `Triwulan ${ROMAN[index - 1]} ${year}`,
    };
  }
  if (kind === 'semester') {
    const first = index === 1 ? 1 : 7;
    return {
      kind,
      code: `${year}-S${index}`,
      year,
      start: isoDate(year, first, 1),
      end: isoDate(year, first + 5, lastDayOf(year, first + 5)),
      label: `Semester ${ROMAN[index - 1]} ${year}`,
    };
  }
  return { kind: 'tahunan', code: String(year), year, start: isoDate(year, 1, 1), end: isoDate(year, 12, 31), label: `Tahun ${year}` };
}

function eventPeriod(date: string): Period {
  const p = parseIsoDate(date) as { year: number };
  return { kind: 'insidental', code: date, year: p.year, start: date, end: date, label: formatDateId(date) };
}

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

/**
 * Reads a period code for a report of `kind`; throws PERIOD_INVALID naming
 * what was typed and what the kind expects.
 */
export function parsePeriod(code: string, kind: PeriodKind): Period {
  const text = code.trim().toUpperCase();
  const fail = (why: string) =>
    new BerkasError('PERIOD_INVALID', `Periode "${code}" tidak sah untuk laporan ${KIND_LABEL[kind]}: ${why} Contoh: ${EXAMPLE[kind]}.`, {
      field: 'period',
      period: code,
      example: EXAMPLE[kind],
      minYear: YEAR_MIN,
      maxYear: YEAR_MAX,
    });
  const yearOk = (y: number) => y >= YEAR_MIN && y <= YEAR_MAX;
  if (kind === 'insidental') {
    if (!parseIsoDate(text)) throw fail('tulis tanggal kejadian sebagai TTTT-BB-HH.');
    const p = eventPeriod(text);
    if (!yearOk(p.year)) throw fail(`tahun harus ${YEAR_MIN}–${YEAR_MAX}.`);
    return p;
  }
  const m = kind === 'triwulan' ? /^(\d{4})-Q([1-4])$/.exec(text) : kind === 'semester' ? /^(\d{4})-S([12])$/.exec(text) : /^(\d{4})()$/.exec(text);
  if (!m) {
    const want =
      kind === 'triwulan'
        ? 'tulis tahun, tanda hubung, Q dan nomor triwulan 1–4.'
        : kind === 'semester'
          ? 'tulis tahun, tanda hubung, S dan nomor semester 1–2.'
          : 'tulis tahunnya saja (4 angka).';
    throw fail(want);
  }
  const year = Number(m[1]);
  if (!yearOk(year)) throw fail(`tahun harus ${YEAR_MIN}–${YEAR_MAX}.`);
  return build(kind, year, Number(m[2] || 1));
}

/** The period of `kind` that contains `date` (for insidental: that day). */
export function periodContaining(date: string, kind: PeriodKind): Period {
  const p = parseIsoDate(date);
  if (!p) throw new BerkasError('DATE_INVALID', `Tanggal "${date}" tidak sah: tulis sebagai TTTT-BB-HH, misalnya 2026-07-14.`, { value: date, pattern: 'YYYY-MM-DD', example: '2026-07-14' });
  if (kind === 'insidental') return eventPeriod(date);
  if (kind === 'triwulan') return build(kind, p.year, Math.floor((p.month - 1) / 3) + 1);
  if (kind === 'semester') return build(kind, p.year, p.month <= 6 ? 1 : 2);
  return build(kind, p.year, 1);
}

/** The period right after (insidental: the next day). */
export function nextPeriod(period: Period): Period {
  return periodContaining(addDays(period.end, 1), period.kind);
}

/** The period right before (insidental: the day before). */
export function previousPeriod(period: Period): Period {
  return periodContaining(addDays(period.start, -1), period.kind);
}

/**
 * When a report for `period` is due: `dueDays` after its last day (for an
 * event, after the event). Zero days on an event report means the regulation
 * sets no deadline (its basis says so): null. Zero on a periodic report means
 * "by the end of the period" (Pontianak Pasal 26 ayat (1): once a year).
 */
export function dueDateOf(period: Period, dueDays: number): string | null {
  if (period.kind === 'insidental' && dueDays === 0) return null;
  return addDays(period.end, dueDays);
}

/** The months a period covers, "YYYY-MM". */
export function monthsOf(period: Period): string[] {
  const from = parseIsoDate(period.start) as { year: number; month: number };
  const to = parseIsoDate(period.end) as { year: number; month: number };
  const out: string[] = [];
  const last = to.year * 12 + to.month - 1;
  for (let i = from.year * 12 + from.month - 1; i <= last; i++) out.push(`${Math.floor(i / 12)}-${two((i % 12) + 1)}`);
  return out;
}

/** "Juli 2026" from "2026-07". */
export function formatMonthId(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const n = m ? Number(m[2]) : 0;
  return m && n >= 1 && n <= 12 ? `${namaBulan[n - 1]} ${m[1]}` : month;
}

/** "1 Juli – 30 September 2026" (or the single day of an event). */
export function periodRangeText(period: Period): string {
  if (period.start === period.end) return formatDateId(period.start);
  const a = parseIsoDate(period.start) as { year: number; month: number; day: number };
  const b = parseIsoDate(period.end) as { year: number; month: number; day: number };
  const left = a.year === b.year ? `${a.day} ${namaBulan[a.month - 1]}` : formatDateId(period.start);
  return `${left} – ${formatDateId(period.end)}`;
}
