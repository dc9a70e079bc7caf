/**
 * The reporting calendar (PROTOCOL.md §9.3): each report type of a profile,
 * each period of a year with its first and last day and its due date (last
 * day + dueDays). Dates are calendar dates (YYYY-MM-DD), no time zone.
 */
import type { RegionProfile, ReportPeriod } from '../../core/domain/profiles/profile';

export interface CalendarPeriod {
  period: string;
  start: string;
  end: string;
  due: string;
}

export interface CalendarReport {
  key: string;
  name: string;
  period: ReportPeriod;
  article: string;
  dueDays: number;
  periods: CalendarPeriod[];
}

export interface ProfileCalendar {
  profileId: string;
  name: string;
  reports: CalendarReport[];
}

function day(year: number, month: number, date: number): string {
  return new Date(Date.UTC(year, month - 1, date)).toISOString().slice(0, 10);
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** [label, first month, last month] of each period kind. */
const spans: Record<Exclude<ReportPeriod, 'insidental'>, [string, number, number][]> = {
  triwulan: [
    ['T1', 1, 3],
    ['T2', 4, 6],
    ['T3', 7, 9],
    ['T4', 10, 12],
  ],
  semester: [
    ['S1', 1, 6],
    ['S2', 7, 12],
  ],
  tahunan: [['', 1, 12]],
};

export function periodsOf(kind: ReportPeriod, year: number, dueDays: number): CalendarPeriod[] {
  if (kind === 'insidental') return [];
  return spans[kind].map(([label, first, last]) => {
    // Day 0 of the next month is the last day of this one.
    const end = day(year, last + 1, 0);
    return { period: label ? `${year}-${label}` : String(year), start: day(year, first, 1), end, due: addDays(end, dueDays) };
  });
}

export function calendarOf(profile: RegionProfile, year: number): ProfileCalendar {
  return {
    profileId: profile.id,
    name: profile.name,
    reports: profile.reports.map((r) => ({ key: r.key, name: r.name, period: r.period, article: r.article, dueDays: r.dueDays, periods: periodsOf(r.period, year, r.dueDays) })),
  };
}
