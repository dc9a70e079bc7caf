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

type Boot =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | {
      kind: 'ready';
      info: AppInfo;
      profiles: ProfileSummary[];
      settings: Settings | null;
      profile: RegionProfile | null;
      /** Set when saved settings exist but their profile does not load. */
      profileProblem: { id: string; message: string } | null;
    };

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
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The first-run form's language choice, before any settings exist.
  const [draftLanguage, setDraftLanguage] = useState<Language>('id');

  useEffect(() => {
    let isCurrent = true;
    (async () => {
      const [info, profiles, settings] = await Promise.all([api.appInfo({}), api.listProfiles({}), api.getSettings({})]);
      const loaded = settings ? await loadProfile(api, settings.opd.profileId) : { profile: null, problem: null };
      if (isCurrent) setBoot({ kind: 'ready', info, profiles, settings, profile: loaded.profile, profileProblem: loaded.problem });
    })().catch((err: unknown) => {
      if (isCurrent) setBoot({ kind: 'failed', message: messageOf(err) });
    });
    return () => {
      isCurrent = false;
    };
  }, [api, attempt]);

  const applySettings = useCallback(
    async (saved: Settings) => {
      const profile = await api.getProfile({ id: saved.opd.profileId });
      setBoot((b) => (b.kind === 'ready' ? { ...b, settings: saved, profile, profileProblem: null } : b));
    },
    [api],
  );

  const language: Language = boot.kind === 'ready' && boot.settings ? boot.settings.language : draftLanguage;

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const workspace = useMemo<Workspace | null>(() => {
    if (boot.kind !== 'ready' || !boot.settings || !boot.profile) return null;
    return { api, info: boot.info, profiles: boot.profiles, settings: boot.settings, profile: boot.profile, applySettings };
  }, [api, boot, applySettings]);

  let content;
  if (boot.kind === 'loading') content = <Loading />;
  else if (boot.kind === 'failed') content = <LoadFailed message={boot.message} onRetry={() => setAttempt((a) => a + 1)} />;
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
        profiles={boot.profiles}
        notices={boot.info.notices}
        initial={boot.settings ? valuesFromSettings(boot.settings) : emptyValues(draftLanguage)}
        problem={boot.profileProblem ? <ProfileProblem {...boot.profileProblem} /> : null}
        onSaved={applySettings}
        onLanguageChange={setDraftLanguage}
      />
    );
  }
  return <I18nProvider language={language}>{content}</I18nProvider>;
}
