/**
 * NIP (Nomor Induk Pegawai), 18 digits, as Jambi Pasal 11(5) keys personnel data:
 *   YYYYMMDD  date of birth
 *   YYYYMM    TMT: month of appointment as CPNS
 *   G         1 = male, 2 = female
 *   NNN       sequence, 001-999
 */
export interface NipParts {
  birthDate: string; // YYYY-MM-DD
  tmt: string; // YYYY-MM
  gender: 'L' | 'P';
  sequence: number;
}

export type NipPart = 'panjang' | 'tanggal-lahir' | 'tmt' | 'jenis-kelamin' | 'nomor-urut';

export type NipCheck =
  | { isValid: true; nip: string; parts: NipParts }
  | { isValid: false; part: NipPart; message: string };

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Checks a NIP; `today` is passed in so the rule stays pure and testable. */
export function checkNip(input: string, today: Date): NipCheck {
  const nip = input.replace(/[\s.-]/g, '');
  if (!/^\d+$/.test(nip)) {
    return { isValid: false, part: 'panjang', message: 'NIP hanya boleh berisi angka (18 digit).' };
  }
  if (nip.length !== 18) {
    return { isValid: false, part: 'panjang', message: `NIP harus 18 digit, yang diisi ${nip.length} digit.` };
  }
  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  const thisYear = today.getUTCFullYear();
  if (!isRealDate(by, bm, bd) || by < 1930 || by > thisYear - 15) {
    return {
      isValid: false,
      part: 'tanggal-lahir',
      message: `Digit 1–8 NIP (tanggal lahir ${nip.slice(0, 8)}) bukan tanggal lahir yang mungkin (format TTTTBBHH).`,
    };
  }
  const ty = Number(nip.slice(8, 12));
  const tm = Number(nip.slice(12, 14));
  const tmtIsBeforeToday = ty < thisYear || (ty === thisYear && tm <= today.getUTCMonth() + 1);
  if (tm < 1 || tm > 12 || ty < by + 15 || !tmtIsBeforeToday) {
    return {
      isValid: false,
      part: 'tmt',
      message: `Digit 9–14 NIP (TMT ${nip.slice(8, 14)}) bukan bulan pengangkatan yang mungkin (format TTTTBB, setelah usia 15 tahun dan tidak di masa depan).`,
    };
  }
  const g = nip[14];
  if (g !== '1' && g !== '2') {
    return { isValid: false, part: 'jenis-kelamin', message: `Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), yang diisi ${g}.` };
  }
  const sequence = Number(nip.slice(15));
  if (sequence === 0) {
    return { isValid: false, part: 'nomor-urut', message: 'Digit 16–18 NIP (nomor urut) tidak boleh 000.' };
  }
  return {
    isValid: true,
    nip,
    parts: {
      birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
      tmt: `${nip.slice(8, 12)}-${nip.slice(12, 14)}`,
      gender: g === '1' ? 'L' : 'P',
      sequence,
    },
  };
}
