import { formatJam, formatTanggalDi, isTimeZone, isoDateIn, zoneOffsetMinutes, zonedParts } from '../../../../../core/domain/format/waktu';
import { isBerkasError } from '../../../../../core/domain/errors';

describe('times on the region clock', () => {
  it('knows the three Indonesian zones and their fixed offsets', () => {
    expect([zoneOffsetMinutes('WIB'), zoneOffsetMinutes('WITA'), zoneOffsetMinutes('WIT')]).toEqual([420, 480, 540]);
    expect(['WIB', 'WITA', 'WIT'].every(isTimeZone)).toBe(true);
    expect([isTimeZone('UTC'), isTimeZone('wib'), isTimeZone(7), isTimeZone(null)]).toEqual([false, false, false, false]);
  });

  it('names the zone and writes a 24-hour clock with a dot, whatever the machine says', () => {
    // 01:43 UTC is 08.43 in Jambi and 09.43 in Banjarmasin.
    expect(formatJam('2026-11-22T01:43:10.000Z', 'WIB')).toBe('08.43 WIB');
    expect(formatJam('2026-11-22T01:43:10.000Z', 'WITA')).toBe('09.43 WITA');
    expect(formatJam('2026-11-22T13:05:00Z', 'WIT')).toBe('22.05 WIT');
    expect(formatJam(new Date(Date.UTC(2026, 0, 1, 17, 0)), 'WIB')).toBe('00.00 WIB');
  });

  it('dates a moment on the region clock: late evening UTC is already tomorrow in WIB', () => {
    const moment = '2026-06-16T18:30:00Z';
    expect(formatTanggalDi(moment, 'WIB')).toBe('17 Juni 2026');
    expect(isoDateIn(moment, 'WIB')).toBe('2026-06-17');
    expect(isoDateIn('2026-06-16T16:30:00Z', 'WIB')).toBe('2026-06-16');
    expect(isoDateIn('2026-12-31T15:00:00Z', 'WIT')).toBe('2027-01-01');
    expect(formatTanggalDi(moment, 'WIB', ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'])).toBe('17 June 2026');
  });

  it('reads a moment written with another offset', () => {
    expect(zonedParts('2026-03-01T10:00:00+08:00', 'WIB')).toEqual({ year: 2026, month: 3, day: 1, hour: 9, minute: 0 });
  });

  it('refuses what is not a moment, quoting it', () => {
    let caught: unknown;
    try {
      formatJam('kemarin sore', 'WIB');
    } catch (err) {
      caught = err;
    }
    expect(isBerkasError(caught) && caught.code === 'DATE_INVALID' && caught.message.includes('kemarin sore')).toBe(true);
  });
});
