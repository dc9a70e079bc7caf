import { BerkasError } from '../errors';

const units = ['KB', 'MB', 'GB', 'TB'] as const;

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * A file or package size, spelled one way on every screen, document and
 * command: "512 B", "850 KB", "1,5 MB", "50 MB", "2,1 GB". Units of 1024
 * (as file managers on the officers' Windows desktops count), a decimal comma
 * with at most one digit under 100 ("6 MB", not "6,0 MB") and whole numbers
 * from 100, in both UI languages like Rupiah. "B" rather than "bita" or "bait": the word varies between
 * writers, the letter does not.
 */
export function formatByteSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    throw new BerkasError('SIZE_INVALID', `Ukuran berkas tidak sah: ${String(bytes)}.`, { value: String(bytes) });
  }
  const whole = Math.round(bytes);
  if (whole < 1024) return `${grouped(whole)} B`;
  let value = whole / 1024;
  let unit = 0;
  for (;;) {
    // Rounded before choosing, so 99,96 KB reads "100 KB" and 1023,6 KB reads "1 MB".
    const tenths = Math.round(value * 10) / 10;
    if (tenths < 100) return `${String(tenths).replace('.', ',')} ${units[unit]}`;
    const rounded = Math.round(value);
    if (rounded < 1024 || unit === units.length - 1) return `${grouped(rounded)} ${units[unit]}`;
    value /= 1024;
    unit += 1;
  }
}
