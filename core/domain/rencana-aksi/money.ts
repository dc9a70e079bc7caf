/**
 * The "Sumber daya yang digunakan" cell, read the way officers write it:
 *   "APBD : 10 Juta", "APBD: Rp 7.500.000", "APBN : 15 jt", "APBD Provinsi : 3 Juta",
 *   "Hibah : 25.000.000", "APBD : 0,25 M" (M = miliar), "Rp 1,5 Miliar", "500 ribu".
 * Amounts are exact integer Rupiah. Text that cannot be read keeps its verbatim
 * text, gets no amount and a reason; it is never read as zero.
 */
import { FUNDING_SOURCE_LABELS, type FundingSource, type SumberDaya } from './model';
import { MAX_SAFE, readNumber, scaleExact } from './decimal';
import { cleanCell, formatThousands } from './text';

export type SumberDayaStatus =
  /** Nothing written (or only "-"). */
  | 'empty'
  /** A source and an amount. */
  | 'ok'
  /** A source without an amount ("APBD"). */
  | 'source-only'
  /** An amount without a source ("Rp 1,5 Miliar"). */
  | 'amount-only'
  | 'unreadable';

export interface SumberDayaReading {
  value: SumberDaya;
  status: SumberDayaStatus;
  /** Why the text could not be read (Bahasa Indonesia), for unreadable. */
  reason?: string;
}

const SOURCE_PATTERNS: ReadonlyArray<readonly [RegExp, FundingSource]> = [
  // "APBD Provinsi", "APBD Prov.", "APBD-Prop", "APBD Tk. I", "APBD I" (Roman one: the province).
  [/\bapbd\s*[-.]?\s*(?:provinsi|propinsi|prov|prop|tk\.?\s*i(?![i\p{L}])|i(?![i\p{L}]))\.?/u, 'APBD-PROV'],
  // "APBD", "APBD Kota", "APBD Kabupaten", "APBD Tk. II", "APBD II".
  [/\bapbd(?:\s*[-.]?\s*(?:kota|kabupaten|kab\.?|tk\.?\s*ii|ii)(?!\p{L}))?/u, 'APBD'],
  [/\bapbn\b/u, 'APBN'],
  [/\b(?:dana\s+)?hibah\b/u, 'HIBAH'],
  [/\b(?:lain\s*-\s*lain|lainnya|lain|csr|swasta|swadaya)\b/u, 'LAIN'],
];

const MULTIPLIERS: Record<string, bigint> = {
  ribu: 1_000n,
  rb: 1_000n,
  rbu: 1_000n,
  k: 1_000n,
  juta: 1_000_000n,
  jt: 1_000_000n,
  jta: 1_000_000n,
  miliar: 1_000_000_000n,
  milyar: 1_000_000_000n,
  mlyr: 1_000_000_000n,
  mly: 1_000_000_000n,
  m: 1_000_000_000n,
  triliun: 1_000_000_000_000n,
  trilyun: 1_000_000_000_000n,
  t: 1_000_000_000_000n,
  tn: 1_000_000_000_000n,
};

const HINT = 'tulis seperti "APBD : 10 Juta" atau "APBN : Rp 7.500.000"';

function unreadable(text: string, reason: string, source?: FundingSource): SumberDayaReading {
  const value: SumberDaya = source ? { text, source } : { text };
  return { value, status: 'unreadable', reason };
}

/** The patterns compiled once for search-and-remove (a global regex is stateful: reset before use). */
const GLOBAL_SOURCE_PATTERNS = SOURCE_PATTERNS.map(([pattern, source]) => [new RegExp(pattern.source, 'gu'), source] as const);

function findSources(lowered: string): { sources: FundingSource[]; rest: string } {
  let rest = lowered;
  const sources: FundingSource[] = [];
  for (const [pattern, source] of GLOBAL_SOURCE_PATTERNS) {
    pattern.lastIndex = 0;
    if (pattern.test(rest)) {
      sources.push(source);
      pattern.lastIndex = 0;
      rest = rest.replace(pattern, ' ');
    }
  }
  return { sources, rest };
}

/**
 * Recent readings by text. Plans repeat the same few texts ("APBD : 10 Juta")
 * and the editor re-reads every cell after each keystroke, so most reads are hits.
 */
const cache = new Map<string, SumberDayaReading>();
const CACHE_LIMIT = 5000;

/** Reads one "Sumber daya" cell. Pure and cheap: the editor calls it on every keystroke. */
export function readSumberDaya(input: string): SumberDayaReading {
  let reading = cache.get(input);
  if (!reading) {
    reading = parseSumberDaya(input);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(input, reading);
  }
  // A copy: callers put `value` into plans they may later change.
  return { ...reading, value: { ...reading.value } };
}

function parseSumberDaya(input: string): SumberDayaReading {
  const text = cleanCell(input);
  if (text === '' || /^[-–—.]+$/.test(text)) return { value: { text }, status: 'empty' };
  const lowered = ` ${(/[^\x20-\x7e]/.test(text) ? text.normalize('NFKC') : text).toLowerCase()} `;

  // "APBD Kota Prabumulih : 10 Juta": when the label before the colon names the
  // source, the rest of the label is a description, not part of the amount.
  const colonAt = lowered.search(/[:=]/);
  const label = colonAt > 0 ? findSources(lowered.slice(0, colonAt)) : undefined;
  const isLabelled = label !== undefined && label.sources.length === 1;
  const body = findSources(isLabelled ? ` ${lowered.slice(colonAt + 1)}` : lowered);
  const found = isLabelled ? [...(label?.sources ?? []), ...body.sources] : body.sources;
  if (found.length > 1) {
    const names = found.map((f) => FUNDING_SOURCE_LABELS[f]).join(', ');
    return unreadable(text, `memuat lebih dari satu sumber dana (${names}); pisahkan menjadi satu tahap per sumber dana`);
  }
  const source = found[0];
  let s = body.rest;

  // Labels and fillers officers put around the number.
  s = s
    .replace(/\b(?:rp|idr)\.?(?=\s|\d)/gu, ' ')
    .replace(/\b(?:rupiah|sebesar|sumber|dana|anggaran|biaya|dari|total)\b/gu, ' ')
    .replace(/(\d)\s*[.,]-(?=\s|$)/gu, '$1 ')
    .replace(/[:=()[\]]/g, ' ')
    .replace(/\s+-\s*$/u, ' ')
    .replace(/\s+/g, ' ')
    .trim();

  if (s === '') {
    if (source) return { value: { text, source }, status: 'source-only' };
    return unreadable(text, `tidak memuat sumber dana maupun jumlah; ${HINT}`);
  }

  const match = /^(\d[\d.,]*)\s*(\p{L}+)?\.?$/u.exec(s);
  if (!match) {
    const label = /^([^:]+):/.exec(text)?.[1]?.trim();
    if (!source && label && !/\d/.test(label)) {
      return unreadable(text, `sumber dana "${label}" tidak dikenal (gunakan APBD, APBD Provinsi, APBN, Hibah, atau Lainnya)`);
    }
    if ((s.match(/\d[\d.,]*/g) ?? []).length > 1) {
      return unreadable(text, `memuat lebih dari satu angka; tulis satu jumlah per tahap`, source);
    }
    return unreadable(text, `jumlah anggaran tidak dikenali; ${HINT}`, source);
  }
  const [, digits = '', unit] = match;
  const multiplier = unit === undefined ? 1n : MULTIPLIERS[unit];
  if (multiplier === undefined) {
    return unreadable(text, `satuan "${unit}" tidak dikenal (gunakan ribu, juta/jt, miliar/M, atau triliun)`, source);
  }
  const number = readNumber(digits);
  if (!number.isOk) return unreadable(text, number.reason, source);
  const amount = scaleExact(number.value, multiplier);
  if (amount === null) return unreadable(text, `jumlah tidak bulat dalam rupiah (ada pecahan sen)`, source);
  if (amount > MAX_SAFE) return unreadable(text, `jumlah terlalu besar untuk dihitung`, source);
  const value: SumberDaya = source ? { text, source, amount: Number(amount) } : { text, amount: Number(amount) };
  return { value, status: source ? 'ok' : 'amount-only' };
}

/** The text Berkas writes when a source and amount are picked rather than typed. */
export function formatSumberDaya(source: FundingSource | undefined, amount: number | undefined): string {
  const money = amount === undefined ? '' : `Rp ${formatThousands(amount)}`;
  if (!source) return money;
  return money ? `${FUNDING_SOURCE_LABELS[source]} : ${money}` : FUNDING_SOURCE_LABELS[source];
}
