/**
 * Times as an officer reads them: on the clock of the workspace's region
 * (its profile says WIB, WITA or WIT), not the browser's or the server's,
 * and always with the zone named ("14.05 WIB"). Indonesia has kept fixed
 * offsets without daylight saving since 1988, so each zone is one offset.
 */
import { BerkasError } from '../errors';
import { namaBulan, type MonthNames } from './tanggal';

export const timeZones = ['WIB', 'WITA', 'WIT'] as const;
export type TimeZone = (typeof timeZones)[number];

const offsets: Record<TimeZone, number> = { WIB: 7 * 60, WITA: 8 * 60, WIT: 9 * 60 };

/** Minutes east of UTC: WIB 420, WITA 480, WIT 540. */
export function zoneOffsetMinutes(zone: TimeZone): number {
  return offsets[zone];
}

export function isTimeZone(value: unknown): value is TimeZone {
  return typeof value === 'string' && (timeZones as readonly string[]).includes(value);
}

export interface ZonedParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function toDate(value: string | Date): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new BerkasError('DATE_INVALID', `Waktu "${String(value)}" tidak sah.`, { value: String(value), pattern: 'YYYY-MM-DDTHH:MM:SS+07:00', example: '2021-06-17T09:30:00+07:00' });
  return date;
}

/** The wall-clock reading of a moment in `zone`. */
export function zonedParts(value: string | Date, zone: TimeZone): ZonedParts {
  const shifted = new Date(toDate(value).getTime() + offsets[zone] * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes() };
}

const two = (n: number) => String(n).padStart(2, '0');

/** "14.05 WIB": 24-hour clock, a dot between hour and minute, the zone named. */
export function formatJam(value: string | Date, zone: TimeZone): string {
  const p = zonedParts(value, zone);
  return `${two(p.hour)}.${two(p.minute)} ${zone}`;
}

/** "17 Juni 2021", the date of the moment in `zone` (not the machine's). */
export function formatTanggalDi(value: string | Date, zone: TimeZone, months: MonthNames = namaBulan): string {
  const p = zonedParts(value, zone);
  return `${p.day} ${months[p.month - 1]} ${p.year}`;
}

/** "YYYY-MM-DD" of the moment in `zone`: today as the officer's region counts it. */
export function isoDateIn(value: string | Date, zone: TimeZone): string {
  const p = zonedParts(value, zone);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}
