import {
  formatIndonesianDate,
  formatIndonesianDateTime,
  formatPlaceAndDate,
  parsePdfDate,
  toPdfDate,
  zoneName,
} from '../../../../../core/domain/signing/indonesian-date';

describe('Indonesian dates', () => {
  const date = new Date('2021-06-17T07:05:09Z');

  it('writes the day without a leading zero and the month in full', () => {
    expect(formatIndonesianDate(date)).toBe('17 Juni 2021');
    expect(formatIndonesianDate(new Date('2021-03-01T00:00:00Z'), 420)).toBe('1 Maret 2021');
    expect(formatPlaceAndDate('Pontianak', date)).toBe('Pontianak, 17 Juni 2021');
  });

  it('shifts to the local day of the offset given', () => {
    // 17:30 UTC on 17 June is already 18 June in WIB (+7) and WITA (+8).
    const evening = new Date('2021-06-17T17:30:00Z');
    expect(formatIndonesianDate(evening, 0)).toBe('17 Juni 2021');
    expect(formatIndonesianDate(evening, 420)).toBe('18 Juni 2021');
    expect(formatIndonesianDateTime(evening, 480)).toBe('18 Juni 2021 01.30 WITA');
  });

  it('names the three Indonesian zones and others by offset', () => {
    expect([zoneName(420), zoneName(480), zoneName(540), zoneName(0), zoneName(330), zoneName(-300)]).toEqual(['WIB', 'WITA', 'WIT', 'UTC', 'UTC+5:30', 'UTC-5']);
  });

  it('writes PDF dates with the local offset and reads them back to the same instant', () => {
    expect(toPdfDate(date, 420)).toBe("D:20210617140509+07'00'");
    expect(toPdfDate(date, 0)).toBe("D:20210617070509+00'00'");
    expect(parsePdfDate(toPdfDate(date, 420))?.toISOString()).toBe(date.toISOString());
    expect(parsePdfDate("D:20210617070509Z")?.toISOString()).toBe(date.toISOString());
    expect(parsePdfDate('D:2021')?.toISOString()).toBe('2021-01-01T00:00:00.000Z');
    expect(parsePdfDate('17 Juni 2021')).toBeNull();
  });
});
