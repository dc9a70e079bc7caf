import type { RencanaAksiSummary } from '@core/domain/rencana-aksi';
import { useWorkspace } from '../../app-context';
import { useI18n } from '../../i18n/i18n-context';
import { LifecycleBadge, useDocumentStates } from '../documents';

/** The stored plans: title, year, agency code, stages, total, findings and last change, each to open or delete. */
export function PlanTable({ plans, isBusy, onOpen, onDelete }: { plans: RencanaAksiSummary[]; isBusy: boolean; onOpen(id: string): void; onDelete(plan: RencanaAksiSummary): void }) {
  const { profile } = useWorkspace();
  const { t, rupiah, date, time } = useI18n();
  const agency = profile.terms.agency;
  // Each plan's place in the journey (draf … diterima), in the same words as every other list.
  const states = useDocumentStates();
  const stateOf = (id: string) => {
    const doc = states.get(id);
    return doc ? <LifecycleBadge state={doc.state} queue={doc.queue} /> : null;
  };
  return (
    <div className="ra-table-scroll">
      <table className="data-table ra-plan-table" data-testid="ra-plan-list">
        <thead>
          <tr>
            <th scope="col">{t('ra.field.title')}</th>
            <th scope="col">{t('ra.field.year')}</th>
            <th scope="col">{t('ra.list.agencyCode', { agency })}</th>
            <th scope="col" className="ra-num">
              {t('ra.totals.stages')}
            </th>
            <th scope="col" className="ra-num">
              {t('ra.totals.total')}
            </th>
            <th scope="col">{t('ra.list.findings')}</th>
            <th scope="col">{t('ra.list.updated')}</th>
            <th scope="col">{t('ra.list.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {plans.map((p) => (
            <tr key={p.id} data-plan={p.id}>
              <th scope="row">
                <button type="button" className="link-button ra-open-link" onClick={() => onOpen(p.id)}>
                  {p.title}
                </button>
                {/* Under the title, not a column of its own: the table stays within 1366 px. */}
                <span className="ra-plan-state">{stateOf(p.id)}</span>
              </th>
              <td>{p.year}</td>
              <td>{p.opdCode}</td>
              <td className="ra-num">{p.stageCount}</td>
              <td className="ra-num">{rupiah(p.total)}</td>
              <td>{t('ra.list.findingCounts', { errors: p.errorCount, warnings: p.warningCount })}</td>
              <td className="col-nowrap">{t('ra.list.updatedAt', { date: date(p.updatedAt), time: time(p.updatedAt) })}</td>
              <td className="col-nowrap">
                <button type="button" className="button button-small button-secondary" onClick={() => onOpen(p.id)} aria-label={t('ra.list.openNamed', { title: p.title })}>
                  {t('ra.list.open')}
                </button>{' '}
                <button
                  type="button"
                  className="button button-small button-danger-quiet"
                  onClick={() => onDelete(p)}
                  disabled={isBusy}
                  aria-label={t('ra.list.deleteNamed', { title: p.title })}
                >
                  {t('ra.list.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
