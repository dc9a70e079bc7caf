import type { ReportPeriod, ReportType } from '../../../../core/domain/profiles/profile';
import { useWorkspace } from '../../app-context';
import { NotAvailable } from '../../components/not-available';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/i18n-context';
import type { Translate } from '../../i18n/catalog';

const periodLabels: Record<ReportPeriod, 'period.triwulan' | 'period.semester' | 'period.tahunan' | 'period.insidental'> = {
  triwulan: 'period.triwulan',
  semester: 'period.semester',
  tahunan: 'period.tahunan',
  insidental: 'period.insidental',
};

function dueText(t: Translate, report: ReportType): string {
  if (report.period === 'insidental') {
    // Zero days on an event-driven document means the regulation sets no deadline (see its basis).
    return report.dueDays === 0 ? t('reports.due.noFixedDeadline') : t('reports.due.afterEvent', { days: report.dueDays });
  }
  return report.dueDays === 0 ? t('reports.due.endOfPeriod') : t('reports.due.afterPeriod', { days: report.dueDays });
}

/** The report types of the active regulation with periods and articles (REQUIREMENTS.md §3). */
export function LaporanScreen() {
  const t = useT();
  const { profile } = useWorkspace();
  const { terms, reports, regulation } = profile;
  return (
    <>
      <ScreenHeading lead={t('reports.lead', { agency: terms.agency, ictOffice: terms.ictOffice, regulation: regulation.shortTitle })}>
        {t('reports.title')}
      </ScreenHeading>
      <NotAvailable what={t('reports.prepare')} />
      {reports.length === 0 ? (
        <p>{t('reports.none')}</p>
      ) : (
        <table className="data-table">
          <caption>{t('reports.caption', { regulation: regulation.shortTitle })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.col.name')}</th>
              <th scope="col">{t('reports.col.period')}</th>
              <th scope="col">{t('reports.col.due')}</th>
              <th scope="col">{t('table.article')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => (
              <tr key={report.key} data-key={report.key}>
                <th scope="row">
                  <span className="item-label">{report.name}</span>
                  {report.isUrgent ? <span className="badge badge-urgent">{t('reports.urgent')}</span> : null}
                  {report.basis ? (
                    <details className="basis basis-inline">
                      <summary>{t('common.basis')}</summary>
                      <p>{report.basis}</p>
                    </details>
                  ) : null}
                </th>
                <td className="col-nowrap">{t(periodLabels[report.period])}</td>
                <td>{dueText(t, report)}</td>
                <td className="col-article">{report.article}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
