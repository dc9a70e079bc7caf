import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo } from '@core/api/contract-app';
import type { BerkasApi } from '@core/api/contract';
import type { ProfileSummary, RegionProfile } from '@core/domain/profiles/profile';
import type { Language, Settings } from '@core/domain/settings/settings';
import { WorkspaceContext, type Workspace } from './app-context';
import { FirstRunScreen, emptyValues, valuesFromSettings } from './features/settings';
import { I18nProvider, useT } from './i18n/i18n-context';
import { Shell } from './shell';
import { messageOf } from './lib/errors';
import { useAsync } from './lib/use-async';

/** What the app needs before any screen: set when loaded, its settings and profile replaced when saved. */
interface Boot {
  info: AppInfo;
  profiles: ProfileSummary[];
  settings: Settings | null;
  profile: RegionProfile | null;
  /** Set when saved settings exist but their profile does not load. */
  profileProblem: { id: string; message: string } | null;
}

async function loadProfile(api: BerkasApi, id: string): Promise<{ profile: RegionProfile | null; problem: { id: string; message: string } | null }> {
  try {
    return { profile: await api.getProfile({ id }), problem: null };
  } catch (err) {
    return { profile: null, problem: { id, message: messageOf(err) } };
  }
}

function Loading() {
  const t = useT();
  return (
    <p className="boot-message" role="status">
      {t('app.loading')}
    </p>
  );
}

function LoadFailed({ message, onRetry }: { message: string; onRetry(): void }) {
  const t = useT();
  return (
    <div className="boot-message" role="alert">
      <p>{t('app.loadFailed', { message })}</p>
      <button type="button" className="button button-primary" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </div>
  );
}

function ProfileProblem({ id, message }: { id: string; message: string }) {
  const t = useT();
  return <>{t('app.profileFailed', { id, message })}</>;
}

export function App({ api }: { api: BerkasApi }) {
  // The first-run form's language choice, before any settings exist.
  const [draftLanguage, setDraftLanguage] = useState<Language>('id');

  const boot = useAsync(async (): Promise<Boot> => {
    const [info, profiles, settings] = await Promise.all([api.appInfo({}), api.listProfiles({}), api.getSettings({})]);
    const loaded = settings ? await loadProfile(api, settings.opd.profileId) : { profile: null, problem: null };
    return { info, profiles, settings, profile: loaded.profile, profileProblem: loaded.problem };
  }, [api]);
  const loaded = boot.value;
  const updateBoot = boot.update;

  const applySettings = useCallback(
    async (saved: Settings) => {
      const profile = await api.getProfile({ id: saved.opd.profileId });
      updateBoot((b) => ({ ...b, settings: saved, profile, profileProblem: null }));
    },
    [api, updateBoot],
  );

  const language: Language = loaded?.settings ? loaded.settings.language : draftLanguage;

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const workspace = useMemo<Workspace | null>(() => {
    if (!loaded?.settings || !loaded.profile) return null;
    return { api, info: loaded.info, profiles: loaded.profiles, settings: loaded.settings, profile: loaded.profile, applySettings };
  }, [api, loaded, applySettings]);

  let content;
  if (boot.error && !loaded) content = <LoadFailed message={messageOf(boot.error)} onRetry={boot.reload} />;
  else if (!loaded) content = <Loading />;
  else if (workspace) {
    content = (
      <WorkspaceContext.Provider value={workspace}>
        <Shell />
      </WorkspaceContext.Provider>
    );
  } else {
    content = (
      <FirstRunScreen
        api={api}
        profiles={loaded.profiles}
        notices={loaded.info.notices}
        initial={loaded.settings ? valuesFromSettings(loaded.settings) : emptyValues(draftLanguage, loaded.info.today)}
        problem={loaded.profileProblem ? <ProfileProblem {...loaded.profileProblem} /> : null}
        onSaved={applySettings}
        onLanguageChange={setDraftLanguage}
      />
    );
  }
  return (
    <I18nProvider language={language} timeZone={loaded?.profile?.timeZone ?? 'WIB'}>
      {content}
    </I18nProvider>
  );
}
