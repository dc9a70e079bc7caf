import { BerkasError } from '../errors';

export const namaBulan = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** Twelve month names, January first; a UI in another language passes its own. */
export type MonthNames = readonly string[];

interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

function isRealDate({ year, month, day }: CalendarDate): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** A stored moment ("2026-11-22T22:06:24.530Z", always with its zone): read as a Date. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** How a date is written, for the English text of DATE_INVALID (the Indonesian one says TTTT-BB-HH). */
const dateFormat = { pattern: 'YYYY-MM-DD', example: '2021-06-17' } as const;

/**
 * A calendar date from "YYYY-MM-DD" (how dates are stored), a stored moment
 * (ISO time with its zone, how times are stored) or a Date. Moments and Dates
 * are read in local time: the date on the officer's own clock is the one they sign.
 */
function toCalendarDate(value: string | Date): CalendarDate {
  if (typeof value === 'string' && TIMESTAMP.test(value.trim())) {
    // The day as written must exist: Date would roll 30 February over into March.
    const [y, m, d] = value.trim().slice(0, 10).split('-').map(Number) as [number, number, number];
    if (!isRealDate({ year: y, month: m, day: d })) throw new BerkasError('DATE_INVALID', `Tanggal "${value}" tidak sah: tulis sebagai TTTT-BB-HH, misalnya 2021-06-17.`, { value, ...dateFormat });
    return toCalendarDate(new Date(value.trim()));
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new BerkasError('DATE_INVALID', 'Tanggal tidak sah (waktu kosong atau rusak).', { value: String(value), ...dateFormat });
    return { year: value.getFullYear(), month: value.getMonth() + 1, day: value.getDate() };
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  if (!date || !isRealDate(date)) {
    throw new BerkasError('DATE_INVALID', `Tanggal "${value}" tidak sah: tulis sebagai TTTT-BB-HH, misalnya 2021-06-17.`, { value, ...dateFormat });
  }
  return date;
}

function checkMonthNames(months: MonthNames): void {
  if (months.length !== 12) throw new BerkasError('MONTH_NAMES', `Daftar nama bulan harus berisi 12 nama, bukan ${months.length}.`, { count: months.length });
}

/** "17 Juni 2021" (no leading zero, month written out), as on Indonesian official documents. */
export function formatTanggal(value: string | Date, months: MonthNames = namaBulan): string {
  checkMonthNames(months);
  const { year, month, day } = toCalendarDate(value);
  return `${day} ${months[month - 1]} ${year}`;
}

/** "Januari 2010", from "YYYY-MM" (e.g. the TMT in a NIP) or a Date. */
export function formatBulanTahun(value: string | Date, months: MonthNames = namaBulan): string {
  checkMonthNames(months);
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})$/.exec(value.trim());
    const month = m ? Number(m[2]) : 0;
    if (!m || month < 1 || month > 12) {
      throw new BerkasError('DATE_INVALID', `Bulan "${value}" tidak sah: tulis sebagai TTTT-BB, misalnya 2010-01.`, { value, pattern: 'YYYY-MM', example: '2010-01' });
    }
    return `${months[month - 1]} ${Number(m[1])}`;
  }
  const { year, month } = toCalendarDate(value);
  return `${months[month - 1]} ${year}`;
}
