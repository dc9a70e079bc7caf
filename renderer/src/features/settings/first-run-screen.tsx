import { useEffect, type ReactNode } from 'react';
import type { BerkasApi } from '@core/api/contract';
import type { AppInfo } from '@core/api/contract-app';
import type { ProfileSummary } from '@core/domain/profiles/profile';
import type { Language, Settings } from '@core/domain/settings/settings';
import { NoticeBanner } from '../../components/notice-banner';
import { SkipLink } from '../../components/skip-link';
import { useT } from '../../i18n/i18n-context';
import { RestorePanel } from '../backup';
import { SettingsForm } from './settings-form';
import type { FormValues } from './settings-values';
import { ErrorCallout } from '../../components/error-callout';

export interface FirstRunScreenProps {
  api: BerkasApi;
  profiles: ProfileSummary[];
  /** What the workspace reported on opening (e.g. a damaged database moved aside). */
  notices: AppInfo['notices'];
  initial: FormValues;
  /** Why the set-up is shown again (e.g. the saved profile no longer loads). */
  problem?: ReactNode;
  onSaved(saved: Settings): Promise<void>;
  onLanguageChange(language: Language): void;
}

/** Nothing set up yet: agency, officer and region profile before any other screen. */
export function FirstRunScreen({ api, profiles, notices, initial, problem, onSaved, onLanguageChange }: FirstRunScreenProps) {
  const t = useT();
  useEffect(() => {
    document.title = `${t('firstRun.title')} — ${t('app.name')}`;
  }, [t]);
  return (
    <div className="first-run">
      <SkipLink targetId="main" />
      <header className="first-run-header">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </header>
      <main id="main" className="first-run-main" tabIndex={-1}>
        <NoticeBanner notices={notices} />
        <div className="screen-heading">
          <h1>{t('firstRun.title')}</h1>
          <p className="lead">{t('firstRun.lead')}</p>
        </div>
        <ErrorCallout message={problem} />
        <SettingsForm
          api={api}
          profiles={profiles}
          initial={initial}
          submitLabel={t('firstRun.submit')}
          onSaved={onSaved}
          onLanguageChange={onLanguageChange}
        />
        <details className="first-run-restore" data-testid="first-run-restore">
          <summary>{t('firstRun.restore')}</summary>
          <RestorePanel api={api} isBackupRunning={false} />
        </details>
      </main>
    </div>
  );
}
