/**
 * Kepatuhan laporan (issue 14.5; Jambi Pasal 22 ayat (3), Jember Pasal 24
 * ayat (3), Banjarmasin Pasal 18): for every OPD, report type and period of the
 * region's calendar, whether the report came in time.
 *
 * A report counts as in the other figures (accepted, newest of its chain);
 * its date is when the chain's first submission reached Diskominfo, so an OPD
 * that reported on time and was asked for a correction is not made late by
 * the correction. Dates are compared as calendar dates on the region's clock
 * (its profile's timeZone: WIB, WITA or WIT), where the due dates are written.
 */
import type { CountedRow } from '../store/console-store';
import type { ProfileCalendar } from '../reference/calendar';
import { isoDateIn, type TimeZone } from '../../core/domain/format/waktu';
import { chainRoots, type Opd } from './rules';

export type ComplianceState = 'tepat-waktu' | 'terlambat' | 'diproses' | 'tidak-ada' | 'belum-jatuh-tempo';

export const COMPLIANCE_LABELS: Record<ComplianceState, string> = {
  'tepat-waktu': 'Tepat waktu',
  terlambat: 'Terlambat',
  diproses: 'Masuk, belum diterima',
  'tidak-ada': 'Tidak ada',
  'belum-jatuh-tempo': 'Belum jatuh tempo',
};

export interface ComplianceCell {
  period: string;
  due: string;
  state: ComplianceState;
  /** Calendar date (region's clock) the report first arrived, when it did. */
  receivedOn: string | null;
  submissionId: string | null;
}

export interface ComplianceRow {
  opd: string;
  opdName: string;
  reportKey: string;
  reportName: string;
  cells: ComplianceCell[];
}

export interface ComplianceTable {
  profileId: string;
  profileName: string;
  timeZone: TimeZone;
  year: number;
  reports: { key: string; name: string; article: string; periods: { period: string; due: string }[] }[];
  rows: ComplianceRow[];
  summary: Record<ComplianceState, number>;
}

export function compliance(input: {
  calendar: ProfileCalendar;
  year: number;
  opds: readonly Opd[];
  /** Every committed report (for chain roots and "arrived, not accepted"). */
  reports: readonly CountedRow[];
  /** The reports that count (rules.countedRows). */
  counted: readonly CountedRow[];
  /** Today as a calendar date on the region's clock. */
  today: string;
  timeZone: TimeZone;
}): ComplianceTable {
  const roots = chainRoots(input.reports);
  const byId = new Map(input.reports.map((r) => [r.id, r]));
  const slot = (opd: string, key: string | null, period: string) => `${opd}\u0000${key ?? ''}\u0000${period}`;
  const countedBySlot = new Map<string, CountedRow>();
  for (const r of input.counted) {
    const k = slot(r.opd, r.reportType, r.period);
    const first = byId.get(roots.get(r.id) ?? r.id) ?? r;
    const known = countedBySlot.get(k);
    // Two accepted chains for one slot (sent twice, both accepted): the earlier arrival is the filing.
    if (!known || (byId.get(roots.get(known.id) ?? known.id) ?? known).committedAt > first.committedAt) countedBySlot.set(k, r);
  }
  const arrived = new Set(input.reports.map((r) => slot(r.opd, r.reportType, r.period)));
  const reports = input.calendar.reports
    .filter((r) => r.periods.length > 0)
    .map((r) => ({ key: r.key, name: r.name, article: r.article, periods: r.periods.map((p) => ({ period: p.period, due: p.due })) }));
  const summary: Record<ComplianceState, number> = { 'tepat-waktu': 0, terlambat: 0, diproses: 0, 'tidak-ada': 0, 'belum-jatuh-tempo': 0 };
  const rows: ComplianceRow[] = [];
  for (const opd of [...input.opds].sort((a, b) => a.code.localeCompare(b.code))) {
    for (const report of reports) {
      const cells = report.periods.map((p): ComplianceCell => {
        const k = slot(opd.code, report.key, p.period);
        const counted = countedBySlot.get(k);
        let state: ComplianceState;
        let receivedOn: string | null = null;
        if (counted) {
          const first = byId.get(roots.get(counted.id) ?? counted.id) ?? counted;
          receivedOn = isoDateIn(first.committedAt, input.timeZone);
          state = receivedOn <= p.due ? 'tepat-waktu' : 'terlambat';
        } else if (arrived.has(k)) {
          state = 'diproses';
        } else {
          state = input.today > p.due ? 'tidak-ada' : 'belum-jatuh-tempo';
        }
        summary[state] += 1;
        return { period: p.period, due: p.due, state, receivedOn, submissionId: counted?.id ?? null };
      });
      rows.push({ opd: opd.code, opdName: opd.name, reportKey: report.key, reportName: report.name, cells });
    }
  }
  return { profileId: input.calendar.profileId, profileName: input.calendar.name, timeZone: input.timeZone, year: input.year, reports, rows, summary };
}
