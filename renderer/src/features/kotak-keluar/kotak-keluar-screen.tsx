import { useWorkspace } from '../../app-context';
import { NotAvailable } from '../../components/not-available';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/i18n-context';
import { useIsOnline } from '../../lib/use-online';
import { hrefOf } from '../../lib/routes';

/**
 * Kotak keluar: where signed packages wait for a connection. Packaging and
 * sending arrive in a later version; the destination and connection shown
 * here are the real ones of this workspace.
 */
export function KotakKeluarScreen() {
  const t = useT();
  const { profile, settings } = useWorkspace();
  const isOnline = useIsOnline();
  const { terms } = profile;
  return (
    <>
      <ScreenHeading lead={t('outbox.lead', { ictOffice: terms.ictOffice, actionPlan: terms.actionPlan })}>{t('outbox.title')}</ScreenHeading>
      <NotAvailable what={t('outbox.send')} />
      <dl className="facts">
        <div>
          <dt>{t('outbox.destination')}</dt>
          <dd>{terms.ictOffice}</dd>
        </div>
        <div>
          <dt>{t('outbox.server')}</dt>
          <dd>
            {settings.serverUrl !== '' ? (
              <code>{settings.serverUrl}</code>
            ) : (
              <>
                {t('outbox.serverNotSet')} <a href={hrefOf('pengaturan')}>{t('outbox.toSettings')}</a>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('outbox.connection')}</dt>
          <dd>{isOnline ? t('status.online') : t('status.offline')}</dd>
        </div>
      </dl>
      <h2>{t('outbox.packages')}</h2>
      <p className="empty-state">{t('outbox.empty')}</p>
    </>
  );
}
