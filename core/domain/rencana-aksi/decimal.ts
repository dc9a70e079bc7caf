/**
 * Numbers as Indonesian officers type them, read exactly: "7.500.000" (dot
 * thousands), "0,25" (decimal comma), and the English forms Excel sometimes
 * leaves behind ("1,500,000", "1.5"). The result is an integer fraction
 * (numerator / 10^k) so that "0,25 M" becomes 250.000.000 with no floating
 * point rounding anywhere.
 */
export interface Fraction {
  num: bigint;
  den: bigint;
}

export type NumberReading = { isOk: true; value: Fraction } | { isOk: false; reason: string };

const pow10 = (k: number): bigint => 10n ** BigInt(k);

function fromParts(intDigits: string, fracDigits: string): Fraction {
  return { num: BigInt(intDigits + fracDigits), den: pow10(fracDigits.length) };
}

/** True when "1.234.567" style groups follow a 1–3 digit head. */
function isGrouped(text: string, separator: '.' | ','): boolean {
  const parts = text.split(separator);
  const head = parts[0] ?? '';
  return head.length >= 1 && head.length <= 3 && parts.slice(1).every((p) => p.length === 3);
}

/** `raw` must consist of digits, dots and commas only (the caller isolates it). */
export function readNumber(raw: string): NumberReading {
  if (!/^\d[\d.,]*$/.test(raw) || /[.,]$/.test(raw) || /[.,]{2}/.test(raw)) {
    return { isOk: false, reason: `angka "${raw}" tidak lazim` };
  }
  const dots = (raw.match(/\./g) ?? []).length;
  const commas = (raw.match(/,/g) ?? []).length;
  if (dots === 0 && commas === 0) return { isOk: true, value: fromParts(raw, '') };

  if (dots > 0 && commas > 0) {
    // Both present: the one that comes last is the decimal separator.
    const lastDot = raw.lastIndexOf('.');
    const lastComma = raw.lastIndexOf(',');
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const at = raw.lastIndexOf(decimal);
    const whole = raw.slice(0, at);
    const frac = raw.slice(at + 1);
    if (whole.includes(decimal) || !isGrouped(whole, thousands)) {
      return { isOk: false, reason: `pemisah ribuan/desimal pada "${raw}" tidak konsisten` };
    }
    return { isOk: true, value: fromParts(whole.split(thousands).join(''), frac) };
  }

  const separator = dots > 0 ? '.' : ',';
  const count = dots + commas;
  const [whole = '', frac = ''] = raw.split(separator);
  if (count > 1) {
    // "7.500.000" or "1,500,000": only thousands groups make sense.
    if (!isGrouped(raw, separator)) return { isOk: false, reason: `pengelompokan ribuan pada "${raw}" tidak sah` };
    return { isOk: true, value: fromParts(raw.split(separator).join(''), '') };
  }
  if (frac.length === 3) {
    // Indonesian writing: "7.500" is seven thousand five hundred. "1,500" could be
    // 1,5 (Indonesian decimal) or 1.500 (English thousands): refuse to guess.
    if (separator === '.') return { isOk: true, value: fromParts(whole + frac, '') };
    return { isOk: false, reason: `"${raw}" bermakna ganda (1,5 atau 1.500?); tulis "${whole},${frac.replace(/0+$/, '') || '0'}" atau "${whole}.${frac}"` };
  }
  // One separator followed by 1–2 or 4+ digits can only be a decimal point.
  return { isOk: true, value: fromParts(whole, frac) };
}

/** value × multiplier as an exact integer, or null when a fraction of one unit remains. */
export function scaleExact(value: Fraction, multiplier: bigint, denominatorScale = 1n): bigint | null {
  const num = value.num * multiplier;
  const den = value.den * denominatorScale;
  if (num % den !== 0n) return null;
  return num / den;
}

export const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
