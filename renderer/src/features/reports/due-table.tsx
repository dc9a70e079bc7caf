import { type DueItem, type ReportSummary } from '@core/domain/reports';
import { useWorkspace } from '../../app-context';
import { useI18n } from '../../i18n/i18n-context';
import { periodText } from './labels';
import { TableFrame } from '../../components/table-frame';
import { OpenReportButton, ReportStateCell } from './report-cells';

/** The latest stored report of a type for a period before `period` (what a new period starts from). */
export function previousReport(reports: readonly ReportSummary[], typeKey: string, period: string): ReportSummary | null {
  return (
    reports
      .filter((r) => r.typeKey === typeKey && r.period.code < period)
      .sort((a, b) => b.period.code.localeCompare(a.period.code) || Number(b.status === 'ditandatangani') - Number(a.status === 'ditandatangani'))[0] ?? null
  );
}

interface DueTableProps {
  items: DueItem[];
  today: string;
  busyKey: string | null;
  onOpen(id: string): void;
  onCreate(item: DueItem): void;
}

/** The due calendar (issue 6 item 2): late first, each with its deadline, status, and the way to the report. */
export function DueTable({ items, today, busyKey, onOpen, onCreate }: DueTableProps) {
  const { t, date } = useI18n();
  const { profile } = useWorkspace();
  if (items.length === 0) return <p className="empty-state">{t('lap.due.empty')}</p>;
  const late = items.filter((i) => i.status === 'terlambat').length;
  return (
    <TableFrame label={t('lap.due.title')}>
      <table className="data-table lap-due-table" data-testid="due-table">
        <caption>
          {t('lap.due.caption', { date: date(today), regulation: profile.regulation.shortTitle })}{' '}
          {late > 0 ? <span className="lap-late-count">{t('lap.due.lateCount', { count: late })}</span> : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.col.name')}</th>
            <th scope="col">{t('reports.col.period')}</th>
            <th scope="col">{t('reports.col.due')}</th>
            <th scope="col">{t('lap.col.status')}</th>
            <th scope="col">{t('lap.col.action')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => {
            const key = `${i.typeKey}:${i.period}`;
            const period = periodText(t, { kind: i.periodKind, code: i.period, year: Number(i.period.slice(0, 4)) }, date);
            return (
              <tr key={key} data-type={i.typeKey} data-period={i.period} data-status={i.status} className={i.status === 'terlambat' ? 'lap-row-late' : undefined}>
                <th scope="row">
                  <span className="lap-type-name">{i.typeName}</span>
                  {i.isUrgent ? <span className="badge badge-urgent">{t('reports.urgent')}</span> : null}
                  <span className="item-description">{i.article}</span>
                </th>
                <td className="col-nowrap">{period}</td>
                <td className="col-nowrap">{i.dueDate ? date(i.dueDate) : t('reports.due.noFixedDeadline')}</td>
                {/* Not yet received: what is still missing, in the lifecycle's words ("Ditandatangani, belum dikirim"). */}
                <ReportStateCell due={i} lifecycle={i.state && i.status !== 'selesai' ? { state: i.state, queue: null } : null} lead="due" />
                <td>
                  {i.reportId ? (
                    <OpenReportButton name={i.typeName} period={period} onOpen={() => onOpen(i.reportId as string)} />
                  ) : (
                    <button
                      type="button"
                      className="button button-primary lap-button-sm"
                      disabled={busyKey !== null}
                      onClick={() => onCreate(i)}
                      aria-label={t('lap.action.createNamed', { name: i.typeName, period })}
                    >
                      {busyKey === key ? t('lap.new.creating') : t('lap.action.create')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableFrame>
  );
}

