/** Reference data (PROTOCOL.md §9): the reporting calendar (the catalog's rules: tests/unit/server/consolidation/). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RegionProfile } from '../../../core/domain/profiles/profile';
import { calendarOf, periodsOf } from '../../../server/reference/calendar';

describe('reporting calendar', () => {
  test('triwulan periods end on the quarter end; due is end + dueDays, across month and year ends', () => {
    expect(periodsOf('triwulan', 2024, 15)).toEqual([
      { period: '2024-T1', start: '2024-01-01', end: '2024-03-31', due: '2024-04-15' },
      { period: '2024-T2', start: '2024-04-01', end: '2024-06-30', due: '2024-07-15' },
      { period: '2024-T3', start: '2024-07-01', end: '2024-09-30', due: '2024-10-15' },
      { period: '2024-T4', start: '2024-10-01', end: '2024-12-31', due: '2025-01-15' },
    ]);
    expect(periodsOf('semester', 2025, 30).map((p) => [p.period, p.end, p.due])).toEqual([
      ['2025-S1', '2025-06-30', '2025-07-30'],
      ['2025-S2', '2025-12-31', '2026-01-30'],
    ]);
    expect(periodsOf('tahunan', 2025, 60)).toEqual([{ period: '2025', start: '2025-01-01', end: '2025-12-31', due: '2026-03-01' }]);
    expect(periodsOf('insidental', 2025, 1)).toEqual([]);
  });

  test('a real profile: every report type with its periods', () => {
    const profile = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'assets', 'profiles', 'prabumulih.json'), 'utf8')) as RegionProfile;
    const calendar = calendarOf(profile, 2025);
    expect(calendar.profileId).toBe('prabumulih');
    expect(calendar.reports.map((r) => r.key)).toEqual(profile.reports.map((r) => r.key));
    for (const report of calendar.reports) {
      expect(report.periods.length).toBe({ triwulan: 4, semester: 2, tahunan: 1, insidental: 0 }[report.period]);
    }
  });
});
