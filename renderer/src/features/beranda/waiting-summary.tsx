import { useWorkspace } from '../../app-context';
import { InlineError } from '../../components/inline-error';
import { useI18n } from '../../i18n/i18n-context';
import { hrefOf } from '../../lib/routes';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useWindowEvent } from '../../lib/use-window-event';
import { announceDocumentsChanged, documentsChangedEvent } from '../documents';
import { ageLabel, outboxChangedEvent } from '../outbox';

/**
 * Two facts an officer checks on Monday morning: how long the oldest package
 * has waited to reach the ICT office, and when this workspace was last
 * backed up; each a link to where it is dealt with.
 */
export function WaitingSummary() {
  const { t, date } = useI18n();
  const { api, profile } = useWorkspace();
  const outbox = useAsync(() => api.outboxStatus({}), [api], { stale: 'keep' });
  const backup = useAsync(() => api.backupStatus({}), [api], { stale: 'keep' });
  useWindowEvent(outboxChangedEvent, outbox.reload);
  useWindowEvent(documentsChangedEvent, outbox.reload);
  const o = outbox.value;
  // Decisions reach this computer when it asks (PROTOCOL.md: status refresh); asking makes every list say them.
  const askDecisions = useAction(async () => {
    outbox.set(await api.outboxStatus({ refresh: true }));
    announceDocumentsChanged();
  });
  const b = backup.value;
  return (
    <div className="br-summary" data-testid="br-summary">
      <dl className="br-facts">
        <div>
          <dt>{t('br.outbox')}</dt>
          <dd data-testid="br-oldest">
            {o ? (
              <a href={hrefOf('kotak-keluar')}>
                {o.oldestUnsentAt ? t('br.oldest', { age: ageLabel(t, o.oldestUnsentAt, new Date(o.now)) }) : t('br.allSent', { ictOfficeShort: profile.terms.ictOfficeShort })}
              </a>
            ) : (
              '…'
            )}
            {o && !o.enrollment ? <span className="br-doc-meta">{t('br.notEnrolled')}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('br.backup')}</dt>
          <dd data-testid="br-last-backup">{b ? <a href="#/pengaturan">{b.lastBackupAt ? t('br.lastBackup', { date: date(new Date(b.lastBackupAt)) }) : t('br.neverBackedUp')}</a> : '…'}</dd>
        </div>
      </dl>
      {o?.enrollment ? (
        <p className="br-check">
          <button type="button" className="button button-secondary doc-small" onClick={() => void askDecisions.run()} disabled={askDecisions.isBusy} data-testid="br-check-decisions">
            {t('br.checkDecisions', { ictOfficeShort: profile.terms.ictOfficeShort })}
          </button>
          <InlineError message={askDecisions.error} />
        </p>
      ) : null}
    </div>
  );
}
