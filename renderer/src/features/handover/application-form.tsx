import { useEffect, useImperativeHandle, useMemo, useState, type Ref } from 'react';
import { applicationFields, checkApplication, type FieldProblem } from '@core/domain/handover/application';
import type { HandoverBundle } from '@core/domain/handover/bundle';
import type { HandoverView } from '@core/domain/handover/views';
import type { RegionProfile } from '@core/domain/profiles/profile';
import { useWorkspace } from '../../app-context';
import { DateInput } from '../../components/date-fields';
import { FieldFrame } from '../../components/form-field';
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/i18n-context';
import { messageOf } from '../../lib/errors';
import { basisSentences, copyrightPattern, fromForm, isFormChanged, problemsByField, toForm, type ApplicationForm as Form, type ApplicationKey } from './model';
import { ErrorCallout } from '../../components/error-callout';

export interface ApplicationFormHandle {
  /** Saves the draft; false (and the reason on screen) when it could not be saved. */
  save(): Promise<boolean>;
}

const labels = {
  name: 'handover.app.name',
  version: 'handover.app.version',
  purpose: 'handover.app.purpose',
  owningOpd: 'handover.app.owningOpd',
  vendor: 'handover.app.vendor',
  contractNumber: 'handover.app.contractNumber',
  contractDate: 'handover.app.contractDate',
  fundingSource: 'handover.app.fundingSource',
  fundingYear: 'handover.app.fundingYear',
  repository: 'handover.app.repository',
  licence: 'handover.app.licence',
  copyrightHolder: 'handover.app.copyrightHolder',
} as const satisfies Record<ApplicationKey, MessageKey>;

const hints = {
  name: 'handover.app.name.hint',
  version: 'handover.app.version.hint',
  purpose: 'handover.app.purpose.hint',
  owningOpd: 'handover.app.owningOpd.hint',
  vendor: 'handover.app.vendor.hint',
  contractNumber: 'handover.app.contractNumber.hint',
  contractDate: 'handover.app.contractDate.hint',
  fundingSource: 'handover.app.fundingSource.hint',
  fundingYear: 'handover.app.fundingYear.hint',
  repository: 'handover.app.repository.hint',
  licence: 'handover.app.licence.hint',
  copyrightHolder: 'handover.app.copyrightHolder.hint',
} as const satisfies Record<ApplicationKey, MessageKey>;

/** Budget names as the regional finance documents write them (the same in both languages). */
const fundingSources = ['APBD', 'APBD Provinsi', 'APBN', 'Hibah', 'DAK', 'Dana Desa'];
/** Licence names to pick from; any other text may be typed. */
const licences = ['GPL-3.0-or-later', 'AGPL-3.0-or-later', 'LGPL-3.0-or-later', 'MIT', 'Apache-2.0', 'BSD-3-Clause', 'MPL-2.0'];

const wide = new Set<ApplicationKey>(['purpose', 'copyrightHolder']);
const isRequired = Object.fromEntries(applicationFields.map((f) => [f.key, f.isRequired])) as Record<ApplicationKey, boolean>;

interface Props {
  ref?: Ref<ApplicationFormHandle>;
  bundle: HandoverBundle;
  problems: FieldProblem[];
  profile: RegionProfile;
  onSaved(view: HandoverView): void;
  onDirtyChange(isDirty: boolean): void;
}

/**
 * The application record (issue 5 item 1), saved as a draft whatever is
 * missing: the service's problems appear next to their fields after the
 * first save, and stop only signing, never saving.
 */
export function ApplicationForm({ ref, bundle, problems, profile, onSaved, onDirtyChange }: Props) {
  const { t, time } = useI18n();
  const { api } = useWorkspace();
  const [form, setForm] = useState<Form>(() => toForm(bundle.application));
  const [saved, setSaved] = useState(bundle.application);
  const [isSaving, setIsSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<{ field: ApplicationKey; message: string } | null>(null);
  // A fresh draft is empty on purpose: its "wajib diisi" are shown once the officer has saved, not before.
  const [isChecked, setIsChecked] = useState(bundle.application.name.trim() !== '');

  // Fields the officer has left: their own problems speak at once, the others' wait for a save.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const localProblems = useMemo(() => {
    const result = fromForm(form);
    return result.isOk ? problemsByField(checkApplication(result.record)) : {};
  }, [form]);

  const isDirty = isFormChanged(form, saved);
  useEffect(() => onDirtyChange(isDirty), [isDirty, onDirtyChange]);

  const byField = problemsByField(problems);
  const savedForm = toForm(saved);
  const copyrightNotes = basisSentences(profile.handover.basis, copyrightPattern);
  const government = profile.terms.government;

  const set = (key: ApplicationKey, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setStatus(null);
    if (fieldError?.field === key) setFieldError(null);
  };

  const save = async (): Promise<boolean> => {
    const result = fromForm(form);
    if (!result.isOk) {
      setFieldError({ field: result.field, message: t(result.reason === 'year' ? 'handover.app.yearInvalid' : 'handover.app.dateInvalid') });
      window.setTimeout(() => document.getElementById(`ho-app-${result.field}`)?.focus(), 0);
      return false;
    }
    setIsSaving(true);
    setFormError(null);
    try {
      const view = await api.handoverSave({ id: bundle.id, application: result.record });
      setSaved(view.bundle.application);
      setIsChecked(true);
      setStatus(t('handover.app.saved', { time: time(new Date()) }));
      onSaved(view);
      return true;
    } catch (err) {
      setFormError(messageOf(err));
      return false;
    } finally {
      setIsSaving(false);
    }
  };

  useImperativeHandle(ref, () => ({ save }));

  const field = (key: ApplicationKey) => {
    const id = `ho-app-${key}`;
    const local = fieldError?.field === key ? fieldError.message : null;
    // A problem of the saved record no longer applies once its field is edited.
    const isFieldEdited = form[key].trim() !== savedForm[key].trim();
    const serviceProblems = isChecked && !isFieldEdited ? (byField[key] ?? []) : [];
    const typed = touched.has(key) && (isFieldEdited || !isChecked) ? (localProblems[key] ?? []) : [];
    const error = local ?? (serviceProblems.length > 0 ? serviceProblems.join('; ') : typed.length > 0 ? typed.join('; ') : null);
    const hint =
      key === 'owningOpd' ? t('handover.app.owningOpd.hint', { agency: profile.terms.agency }) : key === 'copyrightHolder' ? copyrightHint() : t(hints[key]);
    const label = key === 'owningOpd' ? t('handover.app.owningOpd', { agency: profile.terms.agency }) : t(labels[key]);
    return (
      <div key={key} className={wide.has(key) ? 'ho-field-wide' : undefined}>
        <FieldFrame id={id} label={label} hint={hint} error={error} isOptional={!isRequired[key]}>
          {(aria) =>
            key === 'contractDate' ? (
              <DateInput id={id} name={`application.${key}`} value={form[key]} onChange={(v) => set(key, v)} aria={aria} />
            ) : key === 'purpose' ? (
              <textarea id={id} name={`application.${key}`} className="input ho-textarea" rows={2} value={form[key]} onChange={(e) => set(key, e.target.value)} {...aria} />
            ) : (
              <input
                id={id}
                name={`application.${key}`}
                className="input"
                type="text"
                inputMode={key === 'fundingYear' ? 'numeric' : undefined}
                maxLength={key === 'fundingYear' ? 4 : 500}
                list={key === 'fundingSource' ? 'ho-funding-sources' : key === 'licence' ? 'ho-licences' : undefined}
                autoComplete="off"
                value={form[key]}
                onChange={(e) => set(key, e.target.value)}
                {...aria}
              />
            )
          }
        </FieldFrame>
      </div>
    );
  };

  function copyrightHint() {
    return (
      <>
        {t('handover.app.copyrightHolder.hint', { government })}
        {copyrightNotes.map((note) => (
          <span key={note} className="ho-basis-quote ho-block" data-testid="handover-copyright-basis">
            {note}
          </span>
        ))}
        {form.copyrightHolder.trim() !== government ? (
          <button type="button" className="link-button ho-link ho-block" onClick={() => set('copyrightHolder', government)}>
            {t('handover.app.copyrightUse', { government })}
          </button>
        ) : null}
      </>
    );
  }

  return (
    <form
      className="ho-section form-section ho-app-form"
      aria-labelledby="ho-app-title"
      noValidate
      onBlur={(e) => {
        const name = (e.target as HTMLElement).getAttribute('name') ?? '';
        if (name.startsWith('application.')) setTouched((set) => (set.has(name.slice(12)) ? set : new Set(set).add(name.slice(12))));
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="handover-application"
    >
      <h2 id="ho-app-title" className="ho-section-title">
        {t('handover.app.title')}
      </h2>
      <p className="field-hint ho-section-lead">{t('handover.app.lead')}</p>
      <div className="form-grid">{(['name', 'version', 'purpose', 'owningOpd', 'vendor', 'contractNumber', 'contractDate', 'fundingSource', 'fundingYear', 'repository', 'licence', 'copyrightHolder'] as const).map(field)}</div>
      <datalist id="ho-funding-sources">
        {fundingSources.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <datalist id="ho-licences">
        {[t('handover.app.licence.closed'), ...licences].map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <ErrorCallout message={formError} />
      <div className="form-actions ho-app-actions">
        <button type="submit" className="button button-primary" disabled={isSaving} data-testid="handover-save">
          {isSaving ? t('handover.app.saving') : t('handover.app.save')}
        </button>
        <p className={isDirty ? 'save-status ho-unsaved' : 'save-status'} role="status" data-testid="handover-save-status">
          {isDirty ? t('handover.app.unsaved') : status}
        </p>
      </div>
    </form>
  );
}
