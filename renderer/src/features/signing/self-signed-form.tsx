import { useId, useRef, useState, type FormEvent } from 'react';
import type { CertificateInfo } from '@core/domain/signing/certificate';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { FormSubmitRow } from '../../components/form-submit-row';
import { useT } from '../../i18n/i18n-context';
import { shownError } from '../../lib/errors';
import { VaultFields } from '../../components/secret-fields';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid';
import { useVaultInput } from '../../lib/use-vault-input';

/** A certificate made on this computer, "tidak tersertifikasi" and said so wherever it signs; the officer confirms understanding it first. */
export function SelfSignedForm({ isNewVault, onCreated }: { isNewVault: boolean; onCreated(cert: CertificateInfo): void }) {
  const t = useT();
  const [done, setDone] = useState<string | null>(null);
  const { api, settings } = useWorkspace();
  const idBase = useId();
  const vault = useVaultInput(isNewVault);
  const [name, setName] = useState(settings.officer.name);
  const [nip, setNip] = useState(settings.officer.nip);
  const [isUnderstood, setIsUnderstood] = useState(false);
  const [errors, setErrors] = useState<{ name?: string | undefined; nip?: string | undefined; understood?: string | undefined; form?: string | undefined }>({});
  const [isBusy, setIsBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const focusError = useFocusFirstInvalid(formRef);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (isBusy) return;
    setDone(null);
    const found: typeof errors = {};
    if (name.trim() === '') found.name = t('error.required');
    if (!isUnderstood) found.understood = t('sign.self.mustUnderstand');
    const isVaultOk = vault.check(t);
    setErrors(found);
    if (found.name || found.understood || !isVaultOk) {
      focusError();
      return;
    }
    setIsBusy(true);
    try {
      const cert = await api.certificateCreateSelfSigned({ name: name.trim(), nip: nip.trim(), ...vault.request() });
      vault.succeeded();
      setIsUnderstood(false);
      setErrors({});
      setDone(t('sign.self.done', { label: cert.label }));
      onCreated(cert);
    } catch (err) {
      const shown = shownError(err);
      if (!vault.failed(shown)) {
        if (shown.code === 'NIP_INVALID') setErrors({ nip: shown.message });
        else if (shown.code === 'NAME_EMPTY') setErrors({ name: shown.message });
        else setErrors({ form: shown.message });
      }
      focusError();
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <form ref={formRef} className="form-section sg-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${idBase}-title`} data-testid="sign-self-form">
      <h3 id={`${idBase}-title`}>{t('sign.self.title')}</h3>
      <div className="sg-uncertified-explain">
        <p>
          <strong>{t('sign.self.whatTitle')}</strong> {t('sign.self.what')}
        </p>
        <p>{t('sign.self.when')}</p>
      </div>
      <FieldFrame id={`${idBase}-name`} label={t('sign.self.name')} error={errors.name ?? null}>
        {(aria) => <input id={`${idBase}-name`} name="self-name" className="input" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} {...aria} />}
      </FieldFrame>
      <FieldFrame id={`${idBase}-nip`} label={t('field.nip')} hint={t('sign.self.nipHint')} error={errors.nip ?? null} isOptional>
        {(aria) => (
          <input id={`${idBase}-nip`} name="self-nip" className="input" inputMode="numeric" maxLength={40} value={nip} onChange={(e) => setNip(e.target.value)} {...aria} />
        )}
      </FieldFrame>
      <div className={errors.understood ? 'field field-has-error' : 'field'}>
        {errors.understood ? (
          <p className="field-error" id={`${idBase}-understood-error`}>
            {errors.understood}
          </p>
        ) : null}
        <label className="radio sg-check" htmlFor={`${idBase}-understood`}>
          <input
            id={`${idBase}-understood`}
            type="checkbox"
            checked={isUnderstood}
            onChange={(e) => {
              setIsUnderstood(e.target.checked);
              setErrors((x) => ({ ...x, understood: undefined }));
            }}
            aria-invalid={errors.understood ? true : undefined}
            aria-describedby={errors.understood ? `${idBase}-understood-error` : undefined}
          />
          <span>{t('sign.self.understand')}</span>
        </label>
      </div>
      <VaultFields idBase={idBase} vault={vault} />
      <FormSubmitRow error={errors.form} isBusy={isBusy} label={t('sign.self.submit')} busyLabel={t('sign.self.busy')} done={done} testIdBase="sign-self" isPrimary={false} />
    </form>
  );
}
