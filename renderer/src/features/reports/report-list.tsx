import { useState } from 'react';
import { type ReportSummary } from '@core/domain/reports';
import { useWorkspace } from '../../app-context';
import { useI18n } from '../../i18n/i18n-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { periodText } from './labels';
import { messageOf } from '../../lib/errors';
import { announceReportsChanged } from './report-events';
import { TableFrame } from '../../components/table-frame';
import { useDocumentStates } from '../documents';
import { OpenReportButton, ReportStateCell } from './report-cells';
import { ErrorCallout } from '../../components/error-callout';

/** Stored reports, newest first, with status and the way to open or delete each. */
export function ReportList({ reports, onOpen, onDeleted }: { reports: ReportSummary[]; onOpen(id: string): void; onDeleted(message: string): void }) {
  const { t, date } = useI18n();
  const { api } = useWorkspace();
  // Each report's place in the journey (draf … diterima), in the same words as every other list.
  const states = useDocumentStates();
  const [pending, setPending] = useState<ReportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (reports.length === 0) return <p className="empty-state">{t('lap.list.empty')}</p>;
  return (
    <>
      <ErrorCallout message={error} />
      <TableFrame label={t('lap.list.title')}>
        <table className="data-table lap-list-table" data-testid="report-list">
          <thead>
            <tr>
              <th scope="col">{t('reports.col.name')}</th>
              <th scope="col">{t('reports.col.period')}</th>
              <th scope="col">{t('lap.col.status')}</th>
              <th scope="col">{t('lap.col.updated')}</th>
              <th scope="col">{t('lap.col.action')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => {
              const period = periodText(t, r.period, date);
              return (
                <tr key={r.id} data-id={r.id} data-type={r.typeKey}>
                  <th scope="row">
                    <span className="lap-type-name">{r.typeName}</span>
                    {r.madeUnder ? (
                      <span className="item-description" data-testid="list-made-under">
                        {t('lap.list.madeUnder', { name: r.madeUnder })}
                      </span>
                    ) : null}
                    {r.isUrgent ? (
                      <span className="badge badge-urgent" data-testid="list-urgent">
                        {t('reports.urgent')}
                      </span>
                    ) : null}
                    {r.errorCount > 0 ? <span className="item-description">{t('lap.list.errors', { count: r.errorCount })}</span> : null}
                  </th>
                  <td className="col-nowrap">{period}</td>
                  <ReportStateCell due={{ status: r.dueStatus, days: null }} lifecycle={states.get(r.id) ?? null} lead="lifecycle" />
                  <td className="col-nowrap">{date(new Date(r.updatedAt))}</td>
                  <td className="lap-row-actions">
                    <OpenReportButton name={r.typeName} period={period} onOpen={() => onOpen(r.id)} />
                    <button
                      type="button"
                      className="button button-secondary lap-button-sm"
                      onClick={() => setPending(r)}
                      aria-label={t('lap.action.deleteNamed', { name: r.typeName, period })}
                    >
                      {t('lap.action.delete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableFrame>
      {pending ? (
        <ConfirmDialog
          title={t('lap.delete.title')}
          confirmLabel={t('lap.delete.confirm')}
          cancelLabel={t('lap.delete.cancel')}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const target = pending;
            setPending(null);
            api.reportDelete({ id: target.id }).then(
              () => {
                announceReportsChanged();
                onDeleted(t('lap.delete.done', { title: `${target.typeName} — ${periodText(t, target.period, date)}` }));
              },
              (err: unknown) => setError(messageOf(err)),
            );
          }}
        >
          <p>{t('lap.delete.body', { title: `${pending.typeName} — ${periodText(t, pending.period, date)}` })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
