import { useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { messageOf } from '../../lib/errors';
import type { BerkasApi } from '@core/api/contract';
import { isBerkasError } from '@core/domain/errors';
import type { ProfileSummary } from '@core/domain/profiles/profile';
import type { Language, Settings } from '@core/domain/settings/settings';
import { ErrorSummary } from './error-summary';
import { FieldFrame } from '../../components/form-field';
import { MonthInput } from '../../components/date-fields';
import { useT } from '../../i18n/i18n-context';
import { NipFeedback } from './nip-feedback';
import { useChosenProfile, useNipCheck } from './use-settings-lookups';
import {
  fieldPaths,
  isLanguage,
  maxLengths,
  optionalFields,
  placeServerError,
  settingsFromValues,
  validateLocally,
  type FieldErrors,
  type FieldPath,
  type FormValues,
} from './settings-values';

export interface SettingsFormProps {
  api: BerkasApi;
  profiles: ProfileSummary[];
  initial: FormValues;
  submitLabel: string;
  /** Called with what the server saved; resolves once the app shows it. */
  onSaved(saved: Settings): Promise<void>;
  /** The first-run screen speaks the chosen language before anything is saved. */
  onLanguageChange?(language: Language): void;
  /** Offer "discard changes" (Pengaturan); the first run has nothing to go back to. */
  canDiscard?: boolean;
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

export function SettingsForm({ api, profiles, initial, submitLabel, onSaved, onLanguageChange, canDiscard }: SettingsFormProps) {
  const t = useT();
  const idBase = useId();
  const fieldId = (path: FieldPath) => `${idBase}-${path.replace('.', '-')}`;
  const [baseline, setBaseline] = useState(initial);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const summaryRef = useRef<HTMLDivElement>(null);
  const profileId = values['opd.profileId'];
  const nip = values['officer.nip'];

  const { profile, terms } = useChosenProfile(api, profiles, profileId);
  const { nipCheck, isCheckingNip } = useNipCheck(api, nip);

  const labels: Record<FieldPath, string> = {
    'opd.profileId': t('field.profile'),
    'opd.name': t('field.opdName', { agency: terms.agency }),
    'opd.code': t('field.opdCode', { agency: terms.agency }),
    'officer.name': t('field.officerName'),
    'officer.nip': t('field.nip'),
    'officer.jabatan': t('field.jabatan'),
    'officer.pangkatGolongan': t('field.pangkat'),
    serverUrl: t('field.serverUrl', { ictOfficeShort: terms.ictOfficeShort }),
    language: t('field.language'),
    reportsStartOn: t('field.reportsStartOn'),
  };

  const isDirty = useMemo(() => fieldPaths.some((p) => values[p] !== baseline[p]), [values, baseline]);

  const setField = (path: FieldPath, value: string) => {
    setValues((v) => ({ ...v, [path]: value }));
    setErrors((e) => {
      if (!e[path]) return e;
      const next = { ...e };
      delete next[path];
      return next;
    });
    if (save.kind !== 'saving') setSave({ kind: 'idle' });
    if (path === 'language' && isLanguage(value)) onLanguageChange?.(value);
  };

  const focusField = (path: FieldPath) => {
    document.getElementById(fieldId(path))?.focus();
  };

  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    const first = fieldPaths.find((p) => found[p]);
    // After React has drawn the messages, so the field's description includes its error.
    window.setTimeout(() => (first ? focusField(first) : summaryRef.current?.focus()), 0);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (save.kind === 'saving') return;
    const problems = validateLocally(values);
    if (Object.keys(problems).length > 0) {
      const found: FieldErrors = {};
      for (const path of fieldPaths) {
        const key = problems[path];
        if (key) found[path] = t(key);
      }
      setSave({ kind: 'idle' });
      showErrors(found);
      return;
    }
    setErrors({});
    setSave({ kind: 'saving' });
    try {
      const saved = await api.saveSettings(settingsFromValues(values));
      await onSaved(saved);
      const savedValues: FormValues = { ...values, 'officer.nip': saved.officer.nip };
      setValues(savedValues);
      setBaseline(savedValues);
      setSave({ kind: 'saved' });
    } catch (err) {
      if (isBerkasError(err)) {
        // The service's words in the UI's language, placed by the field its details name.
        const placed = placeServerError({ ...err.toPayload(), message: messageOf(err) });
        setSave(placed.general ? { kind: 'failed', message: placed.general } : { kind: 'idle' });
        showErrors(placed.fields);
      } else {
        setSave({ kind: 'failed', message: messageOf(err) });
      }
    }
  };

  const discard = () => {
    setValues(baseline);
    setErrors({});
    setSave({ kind: 'idle' });
    if (isLanguage(baseline.language)) onLanguageChange?.(baseline.language);
  };

  const errorCount = fieldPaths.filter((p) => errors[p]).length;
  const liveNipError: ReactNode =
    nipCheck && !nipCheck.isValid && !isCheckingNip ? <NipFeedback check={nipCheck} isChecking={false} /> : null;

  const textField = (
    path: FieldPath,
    extra: { hint?: ReactNode; inputMode?: 'numeric'; autoComplete?: string; error?: ReactNode; feedback?: ReactNode; isErrorLive?: boolean } = {},
  ) => (
    <FieldFrame
      id={fieldId(path)}
      label={labels[path]}
      hint={extra.hint}
      error={extra.error ?? errors[path] ?? null}
      isOptional={optionalFields.has(path)}
      feedback={extra.feedback}
      isErrorLive={extra.isErrorLive}
    >
      {(aria) => (
        <input
          id={fieldId(path)}
          name={path}
          type="text"
          className="input"
          value={values[path]}
          maxLength={maxLengths[path]}
          inputMode={extra.inputMode}
          autoComplete={extra.autoComplete ?? 'off'}
          spellCheck={false}
          onChange={(e) => setField(path, e.target.value)}
          {...aria}
        />
      )}
    </FieldFrame>
  );

  return (
    <form className="settings-form" noValidate onSubmit={(e) => void submit(e)}>
      {errorCount > 0 ? <ErrorSummary ref={summaryRef} errors={errors} labels={labels} onChoose={focusField} /> : null}

      <fieldset className="form-section">
        <legend>{t('settings.section.region')}</legend>
        <FieldFrame
          id={fieldId('opd.profileId')}
          label={labels['opd.profileId']}
          hint={t('field.profile.hint')}
          error={errors['opd.profileId'] ?? null}
          feedback={
            profile ? (
              <>
                <p className="feedback-info" data-testid="profile-terms">
                  {t('field.profile.terms', {
                    regulation: profile.regulation.title,
                    agency: profile.terms.agency,
                    ictOffice: profile.terms.ictOffice,
                  })}
                </p>
                {/* A switch changes what comes next, not what was made: said before it is saved. */}
                {baseline['opd.profileId'] !== '' && profileId !== baseline['opd.profileId'] ? (
                  <p className="feedback-info" data-testid="profile-switch-note">
                    {t('field.profile.switch', { name: profile.name })}
                  </p>
                ) : null}
              </>
            ) : null
          }
        >
          {(aria) => (
            <select
              id={fieldId('opd.profileId')}
              name="opd.profileId"
              className="input"
              value={profileId}
              onChange={(e) => setField('opd.profileId', e.target.value)}
              {...aria}
            >
              {profileId === '' ? <option value="">{t('field.profile.choose')}</option> : null}
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('field.profile.option', { name: p.name, regulation: p.regulation })}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('settings.section.agency', { agency: terms.agency })}</legend>
        <div className="form-grid">
          {textField('opd.name', { hint: t('field.opdName.hint'), autoComplete: 'organization' })}
          {textField('opd.code', { hint: t('field.opdCode.hint', { ictOfficeShort: terms.ictOfficeShort }) })}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('settings.section.officer', { officer: terms.officer })}</legend>
        <div className="form-grid">
          {textField('officer.name', { autoComplete: 'name' })}
          {textField('officer.nip', {
            hint: t('field.nip.hint'),
            inputMode: 'numeric',
            error: liveNipError ?? errors['officer.nip'] ?? null,
            isErrorLive: true,
            feedback: <NipFeedback check={nipCheck && nipCheck.isValid ? nipCheck : null} isChecking={isCheckingNip} />,
          })}
          {textField('officer.jabatan', { hint: t('field.jabatan.hint') })}
          {textField('officer.pangkatGolongan', { hint: t('field.pangkat.hint') })}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('settings.section.connection', { ictOfficeShort: terms.ictOfficeShort })}</legend>
        {textField('serverUrl', { hint: t('field.serverUrl.hint', { ictOffice: terms.ictOffice }), autoComplete: 'url' })}
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('settings.section.reporting')}</legend>
        <FieldFrame id={fieldId('reportsStartOn')} label={labels.reportsStartOn} hint={t('field.reportsStartOn.hint')} error={errors.reportsStartOn ?? null}>
          {(aria) => (
            <MonthInput
              id={fieldId('reportsStartOn')}
              name="reportsStartOn"
              label={labels.reportsStartOn}
              value={values.reportsStartOn}
              aria={aria}
              onChange={(value) => setField('reportsStartOn', value)}
            />
          )}
        </FieldFrame>
      </fieldset>

      <fieldset className="form-section">
        <legend>{labels.language}</legend>
        <div className="radio-row">
          {(['id', 'en'] as const).map((lang, index) => (
            <label key={lang} className="radio">
              <input
                id={index === 0 ? fieldId('language') : `${fieldId('language')}-${lang}`}
                type="radio"
                name={`${idBase}-language`}
                value={lang}
                checked={values.language === lang}
                onChange={() => setField('language', lang)}
              />
              <span lang={lang}>{lang === 'id' ? t('field.language.id') : t('field.language.en')}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-busy={save.kind === 'saving'}>
          {save.kind === 'saving' ? t('form.saving') : submitLabel}
        </button>
        {canDiscard ? (
          <button type="button" className="button button-secondary" onClick={discard} disabled={!isDirty || save.kind === 'saving'}>
            {t('form.discard')}
          </button>
        ) : null}
        <p className={save.kind === 'failed' ? 'save-status save-status-error' : 'save-status'} role="status" aria-live="polite" data-testid="save-status">
          {save.kind === 'saving' ? t('form.saving') : null}
          {save.kind === 'saved' ? t('form.saved') : null}
          {save.kind === 'failed' ? t('form.saveFailed', { message: save.message }) : null}
          {save.kind === 'idle' && canDiscard && isDirty ? t('form.unsaved') : null}
        </p>
      </div>
    </form>
  );
}
