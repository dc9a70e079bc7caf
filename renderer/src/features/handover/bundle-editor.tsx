import { useCallback, useEffect, useRef, useState } from 'react';
import type { HandoverView } from '@core/domain/handover/views';
import { useWorkspace } from '../../app-context';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/i18n-context';
import { ApplicationForm, type ApplicationFormHandle } from './application-form';
import { Checklist } from './checklist';
import { CompletenessPanel } from './completeness-panel';
import { messageOf } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { titleOf } from './model';
import { PackagePanel } from './package-panel';
import { DocumentStateLine } from '../documents';

/** Nothing typed, saved or attached yet: a new draft is a to-do list, not a list of errors. */
function isFresh(bundle: HandoverView['bundle']): boolean {
  return bundle.application.name.trim() === '' && Object.values(bundle.items).every((list) => list.length === 0);
}

/** One bundle: its completeness, the application record, the checklist with attachments, and packaging. */

export function BundleEditor({ id, onClose, isFocused }: { id: string; onClose(): void; isFocused: boolean }) {
  const t = useT();
  const { api, profile: activeProfile } = useWorkspace();
  const [isDirty, setIsDirty] = useState(false);
  const [isLeaving, setIsLeaving] = useState(false);
  const formRef = useRef<ApplicationFormHandle>(null);
  const headingRef = useRef<HTMLDivElement>(null);

  const loaded = useAsync(async () => {
    const view = await api.handoverGet({ id });
    // The bundle keeps the region it was started under, even after the settings change.
    const profile = view.bundle.profileId === activeProfile.id ? activeProfile : await api.getProfile({ id: view.bundle.profileId });
    return { view, profile };
  }, [api, id, activeProfile]);
  const view = loaded.value?.view ?? null;
  const profile = loaded.value?.profile ?? null;
  const error = loaded.error ? messageOf(loaded.error) : null;

  const isLoaded = loaded.value !== undefined;
  useEffect(() => {
    if (isLoaded && isFocused) headingRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [isLoaded, isFocused]);

  const updateLoaded = loaded.update;
  const onView = useCallback((next: HandoverView) => updateLoaded((l) => ({ ...l, view: next })), [updateLoaded]);

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
      <DocumentStateLine id={view.bundle.id} />
      {profile.id !== activeProfile.id ? <p className="callout callout-info">{t('handover.editor.otherProfile', { name: profile.name, regulation: profile.regulation.shortTitle })}</p> : null}
      <CompletenessPanel completeness={view.completeness} profile={profile} isFresh={isFresh(view.bundle)} />
      <ApplicationForm ref={formRef} bundle={view.bundle} problems={view.completeness.problems} profile={profile} onSaved={onView} onDirtyChange={setIsDirty} />
      <Checklist view={view} profile={profile} onView={onView} />
      <PackagePanel view={view} profile={profile} isFormDirty={isDirty} isFresh={isFresh(view.bundle)} onView={onView} />
    </div>
  );
}
