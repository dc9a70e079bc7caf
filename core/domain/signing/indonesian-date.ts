/**
 * Dates as Indonesian official documents write them ("17 Juni 2021",
 * "Pontianak, 17 Juni 2021"). The UTC offset is passed in, never read from the
 * machine, so the rule stays pure and the same document renders the same
 * anywhere; adapters pass the offset of the officer's clock.
 */
import { namaBulan } from '../format/tanggal';

export const monthNames = namaBulan;

/** WIB, WITA, WIT for Indonesia's three zones; other offsets as "UTC+h:mm". */
export function zoneName(offsetMinutes: number): string {
  if (offsetMinutes === 420) return 'WIB';
  if (offsetMinutes === 480) return 'WITA';
  if (offsetMinutes === 540) return 'WIT';
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(date: Date, offsetMinutes: number): LocalParts {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** "17 Juni 2021". Default offset: WIB (UTC+7). */
export function formatIndonesianDate(date: Date, offsetMinutes = 420): string {
  const p = localParts(date, offsetMinutes);
  return `${p.day} ${monthNames[p.month - 1]} ${p.year}`;
}

/** "17 Juni 2021 14.05 WIB": Indonesian writes the time with a dot. */
export function formatIndonesianDateTime(date: Date, offsetMinutes = 420): string {
  const p = localParts(date, offsetMinutes);
  const hh = String(p.hour).padStart(2, '0');
  const mm = String(p.minute).padStart(2, '0');
  return `${formatIndonesianDate(date, offsetMinutes)} ${hh}.${mm} ${zoneName(offsetMinutes)}`;
}

/** "Pontianak, 17 Juni 2021": the place and date line above a signature. */
export function formatPlaceAndDate(place: string, date: Date, offsetMinutes = 420): string {
  return `${place}, ${formatIndonesianDate(date, offsetMinutes)}`;
}

/** "Juni 2021" (timeline headings). */
export function formatMonthYear(year: number, month: number): string {
  return `${monthNames[month - 1]} ${year}`;
}

/** "Jun" style short month for narrow chart columns. */
export function shortMonthName(month: number): string {
  const name = monthNames[month - 1];
  return name === 'Agustus' ? 'Agu' : name.slice(0, 3);
}

/**
 * A PDF date string (ISO 32000 7.9.4) in local time with its offset:
 * D:20210617140500+07'00'. Used for /M of a signature, where the time lives
 * in PAdES instead of the CMS signing-time attribute.
 */
export function toPdfDate(date: Date, offsetMinutes = 420): string {
  const p = localParts(date, offsetMinutes);
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `D:${p.year}${two(p.month)}${two(p.day)}${two(p.hour)}${two(p.minute)}${two(p.second)}${sign}${two(Math.floor(abs / 60))}'${two(abs % 60)}'`;
}

/** Parses a PDF date string (with or without offset, apostrophes optional) to a Date; null if it is not one. */
export function parsePdfDate(text: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+\-Z])(\d{2})?'?(\d{2})?'?)?/.exec(text.trim());
  if (!m) return null;
  const num = (s: string | undefined, fallback: number) => (s === undefined ? fallback : Number(s));
  const utc = Date.UTC(num(m[1], 0), num(m[2], 1) - 1, num(m[3], 1), num(m[4], 0), num(m[5], 0), num(m[6], 0));
  let offset = 0;
  if (m[7] === '+' || m[7] === '-') {
    offset = (num(m[8], 0) * 60 + num(m[9], 0)) * (m[7] === '-' ? -1 : 1);
  }
  const date = new Date(utc - offset * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}
