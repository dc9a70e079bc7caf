import { formatSumberDaya, readSumberDaya } from '../../../../../core/domain/rencana-aksi/money';
import { readNumber } from '../../../../../core/domain/rencana-aksi/decimal';

describe('readSumberDaya: budgets as officers write them', () => {
  it.each([
    ['APBD : 10 Juta', 'APBD', 10_000_000],
    ['APBD: Rp 7.500.000', 'APBD', 7_500_000],
    ['APBN : 15 jt', 'APBN', 15_000_000],
    ['APBD Provinsi : 3 Juta', 'APBD-PROV', 3_000_000],
    ['APBD Prov. : 2,5 juta', 'APBD-PROV', 2_500_000],
    ['APBD I : 1 juta', 'APBD-PROV', 1_000_000],
    ['APBD II : 1 juta', 'APBD', 1_000_000],
    ['APBD Kota Prabumulih : 4 Juta', 'APBD', 4_000_000],
    ['Hibah : 25.000.000', 'HIBAH', 25_000_000],
    ['APBD : 0,25 M', 'APBD', 250_000_000],
    ['APBD : Rp. 7.500.000,-', 'APBD', 7_500_000],
    ['APBD : Rp 7.500.000,00', 'APBD', 7_500_000],
    ['10 Juta (APBN)', 'APBN', 10_000_000],
    ['Lainnya : 500 ribu', 'LAIN', 500_000],
    ['CSR: 1,5 jt', 'LAIN', 1_500_000],
    ['apbd:rp7500000', 'APBD', 7_500_000],
    ['APBD : 0', 'APBD', 0],
  ])('%s -> %s %d', (text, source, amount) => {
    const r = readSumberDaya(text);
    expect(r.status).toBe('ok');
    expect(r.value).toEqual({ text, source, amount });
  });

  it.each([
    ['Rp 1,5 Miliar', 1_500_000_000],
    ['500 ribu', 500_000],
    ['Rp 1.234.567', 1_234_567],
    ['1,2 T', 1_200_000_000_000],
    ['7500000', 7_500_000],
  ])('%s is an amount without a source (%d)', (text, amount) => {
    const r = readSumberDaya(text);
    expect(r.status).toBe('amount-only');
    expect(r.value).toEqual({ text, amount });
  });

  it('uses exact integer arithmetic: 0,1 M + 0,2 M style values have no float error', () => {
    // 0.1 * 1e9 and 0.29 * 1e9 are not exact in floating point; here they must be.
    expect(readSumberDaya('APBD : 0,29 M').value.amount).toBe(290_000_000);
    expect(readSumberDaya('APBD : 1,15 jt').value.amount).toBe(1_150_000);
    expect(readSumberDaya('APBD : 0,1 M').value.amount).toBe(100_000_000);
    expect(readSumberDaya('APBD : 4,35 juta').value.amount).toBe(4_350_000);
  });

  it('an empty cell or "-" is missing, not zero', () => {
    for (const text of ['', '   ', '-', '—']) {
      const r = readSumberDaya(text);
      expect(r.status).toBe('empty');
      expect(r.value.amount).toBeUndefined();
    }
  });

  it('a source without amount is source-only', () => {
    expect(readSumberDaya('APBD')).toEqual({ value: { text: 'APBD', source: 'APBD' }, status: 'source-only' });
  });

  it.each([
    ['Tenaga ahli internal', /tidak dikenali/],
    ['DAK : 10 Juta', /sumber dana "DAK" tidak dikenal/],
    ['APBD : 5 Juta, APBN : 5 Juta', /lebih dari satu sumber dana/],
    ['APBD : 5 Juta + 3 Juta', /lebih dari satu angka/],
    ['APBD : 1,500 Juta', /bermakna ganda/],
    ['APBD : 10 Kuintal', /satuan "kuintal" tidak dikenal/],
    ['Rp 1.234,5', /pecahan sen/],
    ['APBD : 1.23.4 Juta', /tidak sah/],
  ])('keeps %s verbatim and reports why', (text, reason) => {
    const r = readSumberDaya(text);
    expect(r.status).toBe('unreadable');
    expect(r.value.text).toBe(text);
    expect(r.value.amount).toBeUndefined();
    expect(r.reason).toMatch(reason);
  });

  it('formats a picked source and amount so that it reads back the same', () => {
    for (const [source, amount] of [
      ['APBD', 10_000_000],
      ['APBD-PROV', 3_000_000],
      ['APBN', 15_000_000],
      ['HIBAH', 25_000_000],
      ['LAIN', 1_234],
    ] as const) {
      const text = formatSumberDaya(source, amount);
      expect(readSumberDaya(text).value).toEqual({ text, source, amount });
    }
    expect(formatSumberDaya('APBD', 186_000_000)).toBe('APBD : Rp 186.000.000');
  });
});

describe('readNumber: Indonesian and English separators', () => {
  const value = (raw: string) => {
    const r = readNumber(raw);
    return r.isOk ? Number(r.value.num) / Number(r.value.den) : r.reason;
  };
  it('reads dot thousands and decimal commas', () => {
    expect(value('7.500.000')).toBe(7_500_000);
    expect(value('7.500')).toBe(7_500);
    expect(value('0,25')).toBe(0.25);
    expect(value('1.234.567,89')).toBe(1_234_567.89);
    expect(value('1,234,567.89')).toBe(1_234_567.89);
    expect(value('1,500,000')).toBe(1_500_000);
    expect(value('1.5')).toBe(1.5);
  });
  it('refuses ambiguous and malformed numbers', () => {
    expect(value('1,500')).toMatch(/bermakna ganda/);
    expect(value('1.2.3')).toMatch(/tidak sah/);
    expect(value('1.234,5.6')).toMatch(/tidak konsisten/);
    expect(value('12.')).toMatch(/tidak lazim/);
  });
});
