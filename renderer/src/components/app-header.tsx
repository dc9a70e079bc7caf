import type { ReactNode } from 'react';
import { useWorkspace } from '../app-context';
import { useT } from '../i18n/i18n-context';
import { useIsOnline } from '../lib/use-online';

/**
 * The top bar: who is working (agency words from the profile) and whether
 * packages can travel now; `status` adds the outbox's own reminder.
 */
export function AppHeader({ status }: { status?: ReactNode }) {
  const t = useT();
  const { settings, profile } = useWorkspace();
  const isOnline = useIsOnline();
  return (
    <header className="app-header">
      <div className="brand" title={profile.terms.government}>
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-government">{profile.terms.government}</span>
      </div>
      {/* A long name wraps to two lines; whatever still does not fit is on hover. */}
      <p className="header-agency" title={`${profile.terms.agency} ${settings.opd.name} (${settings.opd.code})`}>
        <span className="header-agency-term">{profile.terms.agency}</span>
        <span className="header-agency-name" data-testid="header-agency-name">
          {settings.opd.name}
        </span>
        <span className="header-agency-code">{settings.opd.code}</span>
      </p>
      <div className="header-status" role="status" aria-live="polite" aria-label={t('status.connection')}>
        <span className={isOnline ? 'pill pill-online' : 'pill pill-offline'} data-testid="online-status">
          <span className="pill-dot" aria-hidden="true" />
          {isOnline ? t('status.online') : t('status.offline')}
        </span>
        {settings.serverUrl === '' ? (
          <a className="pill pill-warning" href="#/pengaturan" data-testid="server-status">
            {t('status.serverMissing', { ictOfficeShort: profile.terms.ictOfficeShort })}
          </a>
        ) : null}
        {status}
      </div>
    </header>
  );
}
