/**
 * The "Durasi" cell, read the way officers write it: "1 Bulan", "2 minggu",
 * "4 Bulan", "1 Hari", "2 Hari, 5 Kali" (two days each, held five times).
 *
 * Conversions (fixed so totals are reproducible): 1 minggu = 7 hari,
 * 1 bulan = 30 hari, 1 triwulan = 90 hari, 1 semester = 180 hari,
 * 1 tahun = 365 hari. Several periods add up ("1 bulan 2 minggu" = 44 hari).
 * Ranges ("2-3 bulan"), hours and anything else are reported, never guessed.
 */
import type { Durasi } from './model';
import { readNumber, scaleExact } from './decimal';
import { cleanCell } from './text';

export type DurasiStatus = 'empty' | 'ok' | 'unreadable';

export interface DurasiReading {
  value: Durasi;
  status: DurasiStatus;
  reason?: string;
}

const UNIT_DAYS: Record<string, bigint> = {
  hari: 1n,
  hr: 1n,
  minggu: 7n,
  mgg: 7n,
  pekan: 7n,
  bulan: 30n,
  bln: 30n,
  triwulan: 90n,
  semester: 180n,
  tahun: 365n,
  thn: 365n,
};

const WORD_NUMBERS: Record<string, string> = {
  se: '1',
  satu: '1',
  dua: '2',
  tiga: '3',
  empat: '4',
  lima: '5',
  enam: '6',
  tujuh: '7',
  delapan: '8',
  sembilan: '9',
  sepuluh: '10',
  sebelas: '11',
  'dua belas': '12',
};

const NUMBER = String.raw`(\d+(?:[.,]\d+)?|dua belas|sebelas|sepuluh|sembilan|delapan|tujuh|enam|lima|empat|tiga|dua|satu|se(?=hari|minggu|pekan|bulan|tahun|semester|triwulan|kali))`;
const UNIT = String.raw`(hari|hr|minggu|mgg|pekan|bulan|bln|triwulan|semester|tahun|thn|jam|kali|x)\b\.?`;
const TOKEN = new RegExp(`${NUMBER}\\s*-?\\s*${UNIT}`, 'gu');
/** "x 5" / "× 5" after a period: five times. */
const TIMES_AFTER = /(?:^|\s)[x×]\s*(\d+)(?!\s*(?:hari|hr|minggu|mgg|pekan|bulan|bln|triwulan|semester|tahun|thn|jam))/gu;

const HINT = 'tulis seperti "1 Bulan", "2 minggu", atau "2 Hari, 5 Kali"';

function unreadable(text: string, reason: string): DurasiReading {
  return { value: { text }, status: 'unreadable', reason };
}

/** Recent readings by text (plans repeat "1 Bulan" and the like; the editor re-reads on every keystroke). */
const cache = new Map<string, DurasiReading>();
const CACHE_LIMIT = 5000;

/** Reads one "Durasi" cell. Pure and cheap: the editor calls it on every keystroke. */
export function readDurasi(input: string): DurasiReading {
  let reading = cache.get(input);
  if (!reading) {
    reading = parseDurasi(input);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(input, reading);
  }
  // A copy: callers put `value` into plans they may later change.
  return { ...reading, value: { ...reading.value } };
}

function parseDurasi(input: string): DurasiReading {
  const text = cleanCell(input);
  if (text === '' || /^[-–—.]+$/.test(text)) return { value: { text }, status: 'empty' };
  let s = ` ${(/[^\x20-\x7e]/.test(text) ? text.normalize('NFKC') : text).toLowerCase().replace(/\s+/g, ' ')} `;

  if (/\d\s*[-–—]\s*\d|\bs\s?[./]?\s?d\b|\bsampai\b|\bhingga\b/u.test(s)) {
    return unreadable(text, `berupa rentang; tulis satu lama yang direncanakan (${HINT})`);
  }

  let dayNum = 0n; // exact days × 100, so "0,5 hari" stays exact
  let hasPeriod = false;
  let times: number | undefined;

  const setTimes = (value: number): string | undefined => {
    if (times !== undefined) return 'menyebut jumlah kali lebih dari sekali';
    if (!Number.isSafeInteger(value) || value < 1) return `jumlah kali "${value}" tidak sah`;
    times = value;
    return undefined;
  };

  for (const m of s.matchAll(TOKEN)) {
    const [, rawNumber = '', unit = ''] = m;
    const digits = WORD_NUMBERS[rawNumber] ?? rawNumber;
    const number = readNumber(digits);
    if (!number.isOk) return unreadable(text, number.reason);
    if (unit === 'jam') {
      return unreadable(text, `lama dalam jam tidak dapat dihitung sebagai hari; tulis dalam hari (mis. "1 Hari")`);
    }
    if (unit === 'kali' || unit === 'x') {
      if (number.value.den !== 1n) return unreadable(text, `jumlah kali "${rawNumber}" harus bilangan bulat`);
      const problem = setTimes(Number(number.value.num));
      if (problem) return unreadable(text, problem);
      continue;
    }
    const scaled = scaleExact(number.value, (UNIT_DAYS[unit] ?? 1n) * 100n);
    if (scaled === null) return unreadable(text, `"${m[0].trim()}" tidak menghasilkan jumlah hari yang tepat`);
    dayNum += scaled;
    hasPeriod = true;
  }
  s = s.replace(TOKEN, ' ');
  for (const m of s.matchAll(TIMES_AFTER)) {
    const problem = setTimes(Number(m[1]));
    if (problem) return unreadable(text, problem);
  }
  s = s.replace(TIMES_AFTER, ' ');

  // Connectors that may stand between the parts: "2 Hari, 5 Kali", "2 hari x 5 kali", "(5 kali)".
  const rest = s.replace(/[,;&+()/@×±~]|\bx\b|\b(?:dan|selama|sebanyak|masing-masing|masing|tiap|per|kurang lebih|kurang|lebih|lk)\b/gu, ' ').trim();
  if (rest !== '') return unreadable(text, `"${rest}" tidak dikenali; ${HINT}`);
  if (!hasPeriod) {
    return unreadable(text, times === undefined ? `tidak menyebut lama; ${HINT}` : `menyebut jumlah kali tanpa lama tiap kali; ${HINT}`);
  }
  if (dayNum === 0n) return unreadable(text, `lama nol hari`);
  const days = Number(dayNum) / 100;
  const value: Durasi = times === undefined ? { text, days } : { text, days, times };
  return { value, status: 'ok' };
}

/** Total days a stage occupies: days per occurrence times the number of occurrences. */
export function totalDays(durasi: Durasi): number | undefined {
  if (durasi.days === undefined) return undefined;
  return durasi.days * (durasi.times ?? 1);
}
