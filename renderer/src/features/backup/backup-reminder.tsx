import { useState } from 'react';
import { useWorkspace } from '../../app-context';
import { useI18n } from '../../i18n/i18n-context';
import { useAsync } from '../../lib/use-async';
import { useWindowEvent } from '../../lib/use-window-event';
import { backupStatusEvent } from './backup-events';

/** The reminder shown above every screen when a backup is due (issue 8 item 3). */
export function BackupReminder() {
  const { t, date } = useI18n();
  const { api } = useWorkspace();
  const [isDismissed, setIsDismissed] = useState(false);
  // A failed read keeps what was shown: Pengaturan › Cadangan names the problem.
  const statusCall = useAsync(() => api.backupStatus({}), [api], { stale: 'keep' });
  useWindowEvent(backupStatusEvent, statusCall.reload);
  const status = statusCall.value;

  if (!status?.isDue || isDismissed) return null;
  return (
    <section className="notice-banner" role="status" aria-label={t('backup.banner.title')} data-testid="backup-reminder">
      <div className="notice-body">
        <h2 className="notice-title">{t('backup.banner.title')}</h2>
        <p className="notice-list">
          {status.lastBackupAt
            ? t('backup.banner.old', { date: date(new Date(status.lastBackupAt)), days: status.intervalDays })
            : t('backup.banner.never')}{' '}
          <a href="#/pengaturan">{t('backup.banner.action')}</a>
        </p>
      </div>
      <button type="button" className="button button-secondary" onClick={() => setIsDismissed(true)}>
        {t('backup.banner.later')}
      </button>
    </section>
  );
}
