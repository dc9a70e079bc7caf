/**
 * The due-date calendar (issue 6 item 2): for every report type of the
 * profile, the periods that have started and whose deadline falls within
 * the last year, each with its due date and status, plus one entry per
 * stored event report. A pure function of the profile's report types,
 * today's date and the stored reports; the service passes today from its
 * injectable clock, so tests and `berkas ui --today` can set the day.
 */
import type { ReportType } from '../profiles/profile';
import { describeLifecycle, isReportDone, type DocumentLifecycle } from '../documents/lifecycle';
import type { DueItem, DueStatus } from './model';
import { addDays, daysBetween, dueDateOf, parsePeriod, periodContaining, previousPeriod, type Period } from './periods';

/** What the calendar needs to know of a stored report. */
export interface DueReportRecord {
  id: string;
  typeKey: string;
  period: string;
  /** The report's lifecycle now (core/domain/documents/lifecycle.ts). */
  lifecycle: DocumentLifecycle;
  /**
   * Diskominfo received some revision of it (diterima). A received report
   * stays reported while a later correction is drafted or sent.
   */
  isReceived: boolean;
  updatedAt: string;
}

/** Whether a stored report has reported its period: received by Diskominfo, never merely signed or sent. */
export function isPeriodReported(record: Pick<DueReportRecord, 'lifecycle' | 'isReceived'>): boolean {
  return record.isReceived || isReportDone(record.lifecycle);
}

export interface DueOptions {
  /** How far back a missed deadline is still listed. */
  lookbackDays?: number;
  /** Settings' reportsStartOn: a period that ended before this day is listed only when a report of it is stored. */
  startsOn?: string | undefined;
}

const DEFAULT_LOOKBACK_DAYS = 366;

/** selesai only once the period is reported (received); until then belum, or terlambat after the due date. */
export function dueStatusOf(dueDate: string | null, isReported: boolean, today: string): DueStatus {
  if (isReported) return 'selesai';
  return dueDate !== null && today > dueDate ? 'terlambat' : 'belum';
}

function item(type: ReportType, period: Period, today: string, report: DueReportRecord | undefined): DueItem {
  const dueDate = dueDateOf(period, type.dueDays);
  const status = dueStatusOf(dueDate, report ? isPeriodReported(report) : false, today);
  return {
    typeKey: type.key,
    typeName: type.name,
    article: type.article,
    period: period.code,
    periodKind: period.kind,
    periodLabel: period.label,
    dueDate,
    status,
    isUrgent: type.isUrgent === true,
    reportId: report?.id ?? null,
    // What is missing before the period counts, in the lifecycle's words ("Ditandatangani, belum dikirim").
    state: report ? (isPeriodReported(report) ? 'diterima' : report.lifecycle.state) : null,
    stateLabel: report ? (isPeriodReported(report) ? describeLifecycle({ state: 'diterima', queue: null }) : describeLifecycle(report.lifecycle)) : null,
    days: dueDate === null || status === 'selesai' ? null : status === 'terlambat' ? daysBetween(dueDate, today) : daysBetween(today, dueDate),
    basis: type.basis ?? null,
  };
}

/** The received report wins over one still on its way, which wins over a draft of the same period; then the newest. */
function pick(reports: DueReportRecord[]): DueReportRecord | undefined {
  const rank = (r: DueReportRecord) => (isPeriodReported(r) ? 2 : r.lifecycle.state === 'draf' ? 0 : 1);
  return [...reports].sort((a, b) => rank(b) - rank(a) || b.updatedAt.localeCompare(a.updatedAt))[0];
}

export function dueCalendar(types: readonly ReportType[], today: string, reports: readonly DueReportRecord[], options: DueOptions = {}): DueItem[] {
  const since = addDays(today, -(options.lookbackDays ?? DEFAULT_LOOKBACK_DAYS));
  const byTypePeriod = new Map<string, DueReportRecord[]>();
  for (const r of reports) {
    const key = `${r.typeKey}|${r.period}`;
    const list = byTypePeriod.get(key);
    if (list) list.push(r);
    else byTypePeriod.set(key, [r]);
  }
  const items: DueItem[] = [];
  for (const type of types) {
    if (type.period === 'insidental') {
      const periods = new Set(reports.filter((r) => r.typeKey === type.key).map((r) => r.period));
      for (const code of periods) {
        let period: Period;
        try {
          period = parsePeriod(code, 'insidental');
        } catch {
          continue; // A stored report from another profile's period kind: not this type's calendar.
        }
        items.push(item(type, period, today, pick(byTypePeriod.get(`${type.key}|${code}`) ?? [])));
      }
      continue;
    }
    // The current period (already started), then back while its deadline is within the lookback.
    for (let period = periodContaining(today, type.period); ; period = previousPeriod(period)) {
      const due = dueDateOf(period, type.dueDays) as string;
      if (due < since) break;
      const report = pick(byTypePeriod.get(`${type.key}|${period.code}`) ?? []);
      // Before the OPD started reporting through Berkas: not Berkas's to ask for, unless it was made here anyway.
      if (!report && options.startsOn !== undefined && period.end < options.startsOn) continue;
      items.push(item(type, period, today, report));
    }
  }
  const rank: Record<DueStatus, number> = { terlambat: 0, belum: 1, selesai: 2 };
  return items.sort(
    (a, b) =>
      rank[a.status] - rank[b.status] ||
      Number(b.isUrgent) - Number(a.isUrgent) ||
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
      a.typeName.localeCompare(b.typeName),
  );
}

/** The overdue entries, for the banner on start. */
export function overdueItems(items: readonly DueItem[]): DueItem[] {
  return items.filter((i) => i.status === 'terlambat');
}

/**
 * The clause of a report type's basis that names the consequence of not
 * reporting ("Pasal 22 ayat (3): OPD yang tidak melapor diberi teguran oleh
 * Walikota."), quoted from the region profile; null when the regulation
 * names none. The overdue banner shows it so the officer reads the rule itself.
 */
export function sanctionClause(basis: string | null | undefined): string | null {
  if (!basis) return null;
  const clauses = basis.split(/;\s+|(?<=\.)\s+(?=Pasal|Perwali|Perbup|Berkas)/);
  const found = clauses.find((c) => /teguran|ditegur|sanksi/i.test(c));
  if (!found) return null;
  const text = found.trim();
  return /[.!]$/.test(text) ? text : `${text}.`;
}
