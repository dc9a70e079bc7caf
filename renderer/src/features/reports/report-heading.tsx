import type { ReportTypeInfo, ReportView } from '@core/domain/reports';
import { useI18n } from '../../i18n/i18n-context';
import { dueStatusKeys } from './labels';
import { DocumentStateLine } from '../documents';

function Badges({ report }: { report: ReportView }) {
  const { t } = useI18n();
  return (
    <span className="lap-badges">
      {report.isUrgent ? (
        <span className="badge badge-urgent lap-badge" data-testid="report-urgent">
          {t('reports.urgent')}
        </span>
      ) : null}
      <span className={`badge lap-badge lap-due-${report.dueStatus}`} data-testid="report-due-status">
        {t(dueStatusKeys[report.dueStatus])}
      </span>
    </span>
  );
}

/** The report's name and period, its state, what the regulation says of it, its deadline and where its data came from. */
export function ReportHeading({
  view,
  type,
  summary,
  periodShown,
  carriedText,
}: {
  view: ReportView;
  type: ReportTypeInfo | undefined;
  summary: string;
  periodShown: string;
  carriedText: string | null;
}) {
  const { t, date } = useI18n();
  return (
    <>
      <h2 className="lap-editor-title">
        <span>{view.typeName}</span> <span className="lap-editor-period">— {periodShown}</span>
      </h2>
      <Badges report={view} />
      <DocumentStateLine id={view.id} />
      <p className="lead lap-editor-lead">{summary}</p>
      {view.isUrgent ? (
        <p className="callout callout-error" data-testid="report-urgent-note">
          {t('lap.editor.urgentNote')}
        </p>
      ) : null}
      <dl className="facts lap-facts">
        <div>
          <dt>{view.period.kind === 'insidental' ? t('lap.editor.eventDate') : t('reports.col.period')}</dt>
          <dd>{periodShown}</dd>
        </div>
        <div>
          <dt>{t('reports.col.due')}</dt>
          <dd data-testid="report-due-date">
            {view.dueDate ? t('lap.editor.dueValue', { date: date(view.dueDate), status: t(dueStatusKeys[view.dueStatus]) }) : t('reports.due.noFixedDeadline')}
          </dd>
        </div>
        <div>
          <dt>{t('table.article')}</dt>
          <dd>{type ? type.article : ''}</dd>
        </div>
        {carriedText ? (
          <div>
            <dt>{t('lap.editor.carriedFrom')}</dt>
            <dd>{carriedText}</dd>
          </div>
        ) : null}
      </dl>
    </>
  );
}
