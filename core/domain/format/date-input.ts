/**
 * What an officer types into a date or time field, read the Indonesian way
 * whatever the browser's locale: "17/06/2021" (day first), "17-6-2021",
 * "17 Juni 2021", and the stored "2021-06-17" pasted from elsewhere; times
 * on a 24-hour clock, "07.30" or "07:30". Stored values stay ISO
 * ("2021-06-17", "07:30"), so documents and files do not change.
 */
import { namaBulan } from './tanggal';

const two = (n: number) => String(n).padStart(2, '0');

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** "jan", "Juni", "agu", "nop" (an old spelling): a month named by at least its first three letters. */
function monthOfName(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w === 'nop' || w === 'nopember') return 11;
  if (w.length < 3) return null;
  const found = namaBulan.map((name, i) => (name.toLowerCase().startsWith(w) ? i + 1 : 0)).filter((i) => i > 0);
  return found.length === 1 ? (found[0] as number) : null;
}

function iso(year: number, month: number, day: number): string | null {
  return isRealDate(year, month, day) ? `${year}-${two(month)}-${two(day)}` : null;
}

/** "YYYY-MM-DD" from a typed date, or null when it is not one (31/02/2026, 2026/13/01, "besok"). */
export function parseDateTyped(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(t);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s+([A-Za-z]+\.?)\s+(\d{4})$/.exec(t);
  if (m) {
    const month = monthOfName(m[2] as string);
    return month === null ? null : iso(Number(m[3]), month, Number(m[1]));
  }
  return null;
}

/** "17/06/2021" from "2021-06-17"; anything else as it is (a half-typed value stays on screen). */
export function formatDateTyped(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** "HH:MM" from "07.30", "7:30", "0730" (24-hour), or null ("25.00", "7.5", "pagi"). */
export function parseTimeTyped(text: string): string | null {
  const m = /^(\d{1,2})[.:](\d{2})$/.exec(text.trim()) ?? /^(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 23 && minute <= 59 ? `${two(hour)}:${two(minute)}` : null;
}

/** "07.30" from "07:30" (how Indonesian writes the time of day). */
export function formatTimeTyped(value: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(value.trim());
  return m ? `${m[1]}.${m[2]}` : value;
}
