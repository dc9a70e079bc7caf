import { useCallback, useEffect, useRef, useState } from 'react';
import type { RegionProfile } from '@core/domain/profiles/profile';
import type { HandoverView } from '@core/domain/handover/views';
import { useWorkspace } from '../../app-context';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/i18n-context';
import { ApplicationForm, type ApplicationFormHandle } from './application-form';
import { Checklist } from './checklist';
import { CompletenessPanel } from './completeness-panel';
import { messageOf } from '../../lib/errors';
import { titleOf } from './model';
import { PackagePanel } from './package-panel';

/** One bundle: its completeness, the application record, the checklist with attachments, and packaging. */
export function BundleEditor({ id, onClose, isFocused }: { id: string; onClose(): void; isFocused: boolean }) {
  const t = useT();
  const { api, profile: activeProfile } = useWorkspace();
  const [view, setView] = useState<HandoverView | null>(null);
  const [profile, setProfile] = useState<RegionProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isDirty, setIsDirty] = useState(false);
  const [isLeaving, setIsLeaving] = useState(false);
  const formRef = useRef<ApplicationFormHandle>(null);
  const headingRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let isCurrent = true;
    api
      .handoverGet({ id })
      .then(async (v) => {
        // The bundle keeps the region it was started under, even after the settings change.
        const p = v.bundle.profileId === activeProfile.id ? activeProfile : await api.getProfile({ id: v.bundle.profileId });
        if (!isCurrent) return;
        setProfile(p);
        setView(v);
      })
      .catch((err: unknown) => {
        if (isCurrent) setError(messageOf(err));
      });
    return () => {
      isCurrent = false;
    };
  }, [api, id, activeProfile]);

  const isLoaded = view !== null && profile !== null;
  useEffect(() => {
    if (isLoaded && isFocused) headingRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [isLoaded, isFocused]);

  const onView = useCallback((next: HandoverView) => setView(next), []);

  // Unsaved changes of the record are saved on the way out; if they cannot be, the officer stays and sees why.
  const leave = async () => {
    if (isDirty && formRef.current) {
      setIsLeaving(true);
      const isSaved = await formRef.current.save();
      setIsLeaving(false);
      if (!isSaved) return;
    }
    onClose();
  };

  const back = (
    <button type="button" className="link-button ho-link ho-back" onClick={() => void leave()} disabled={isLeaving} data-testid="handover-back">
      <span aria-hidden="true">← </span>
      {t('handover.back')}
    </button>
  );

  if (error) {
    return (
      <>
        {back}
        <ScreenHeading>{t('handover.openFailed')}</ScreenHeading>
        <p className="callout callout-error" role="alert">
          {error}
        </p>
      </>
    );
  }
  if (!view || !profile) {
    return (
      <>
        {back}
        <p role="status">{t('handover.loading')}</p>
      </>
    );
  }

  const title = titleOf(view.bundle.application) ?? t('handover.untitled');
  return (
    <div className="ho-editor" data-testid="handover-editor" data-bundle={view.bundle.id}>
      {back}
      <div ref={headingRef}>
        <ScreenHeading
          lead={t('handover.editor.lead', { ictOffice: profile.terms.ictOffice, article: profile.handover.article, regulation: profile.regulation.shortTitle })}
        >
          {title}
        </ScreenHeading>
      </div>
      {profile.id !== activeProfile.id ? <p className="callout callout-info">{t('handover.editor.otherProfile', { name: profile.name, regulation: profile.regulation.shortTitle })}</p> : null}
      <CompletenessPanel completeness={view.completeness} profile={profile} />
      <ApplicationForm ref={formRef} bundle={view.bundle} problems={view.completeness.problems} profile={profile} onSaved={onView} onDirtyChange={setIsDirty} />
      <Checklist view={view} profile={profile} onView={onView} />
      <PackagePanel view={view} profile={profile} isFormDirty={isDirty} onView={onView} />
    </div>
  );
}
