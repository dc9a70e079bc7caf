import { BerkasError } from '../errors';

/** Groups the digits of a non-negative integer string with dots: "186000000" -> "186.000.000". */
function groupThousands(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    const fromEnd = digits.length - i;
    out += digits[i];
    if (fromEnd > 1 && (fromEnd - 1) % 3 === 0) out += '.';
  }
  return out;
}

/**
 * Rupiah as Indonesian documents write it: "Rp 186.000.000", sen (if any) after
 * a comma: "Rp 1.500,50". Written by hand rather than with Intl because ICU
 * builds differ (some put a no-break space, some none) and documents must not.
 */
export function formatRupiah(amount: number): string {
  if (!Number.isFinite(amount)) {
    throw new BerkasError('AMOUNT_INVALID', `Jumlah rupiah tidak sah: ${String(amount)}.`, { value: String(amount) });
  }
  if (Math.abs(amount) > Number.MAX_SAFE_INTEGER) {
    throw new BerkasError('AMOUNT_INVALID', `Jumlah rupiah terlalu besar untuk ditulis dengan tepat: ${String(amount)}.`, { value: String(amount) });
  }
  const sen = Math.round(Math.abs(amount) * 100);
  const rupiah = Math.floor(sen / 100);
  const rest = sen % 100;
  const sign = amount < 0 && sen !== 0 ? '-' : '';
  const whole = `${sign}Rp ${groupThousands(String(rupiah))}`;
  return rest === 0 ? whole : `${whole},${String(rest).padStart(2, '0')}`;
}
