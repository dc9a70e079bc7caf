import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { CertificateInfo } from '@core/domain/signing/certificate';
import { maxP12Bytes } from '@core/domain/signing/limits';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { useT } from '../../i18n/i18n-context';
import { CertificateFacts, CertifiedBadge, ValidityText } from '../../components/certificate-facts';
import { shownError } from '../../lib/errors';
import { fileToBase64, formatSize, hasExtension } from '../../lib/files';
import { certificateFileAccept } from './file-types';
import { Modal } from '../../components/modal';
import { PasswordField, VaultFields } from '../../components/secret-fields';
import { useCertificates } from '../../lib/use-certificates';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid';
import { useVaultInput } from '../../lib/use-vault-input';
import { useVaultPassphrase, vaultIdleMs, vaultSession } from '../../lib/vault-session';

/** Outside Electron: whether this page holds the vault passphrase, and a way to drop it now. */
function VaultStatus() {
  const t = useT();
  const { info } = useWorkspace();
  const remembered = useVaultPassphrase();
  if (info.transport === 'electron') return null;
  return (
    <div className="sg-vault-status" data-testid="sign-vault-status">
      <p>
        <strong>{t('sign.vault.title')}</strong> {remembered ? t('sign.vault.open', { minutes: Math.round(vaultIdleMs / 60_000) }) : t('sign.vault.locked')}
      </p>
      {remembered ? (
        <button type="button" className="button sg-small button-secondary" onClick={() => vaultSession.forget()}>
          {t('sign.vault.lockNow')}
        </button>
      ) : null}
    </div>
  );
}

function RemoveDialog({ cert, onRemoved, onCancel }: { cert: CertificateInfo; onRemoved(): void; onCancel(): void }) {
  const t = useT();
  const { api } = useWorkspace();
  const idBase = useId();
  const vault = useVaultInput(false);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusError = useFocusFirstInvalid(formRef);

  const remove = async (e: FormEvent) => {
    e.preventDefault();
    if (isBusy) return;
    if (!vault.check(t)) {
      focusError();
      return;
    }
    setIsBusy(true);
    setError(null);
    try {
      await api.certificateRemove({ id: cert.id, ...vault.request() });
      vault.succeeded();
      onRemoved();
    } catch (err) {
      const shown = shownError(err);
      if (!vault.failed(shown)) setError(shown.message);
      setIsBusy(false);
      focusError();
    }
  };

  return (
    <Modal title={t('sign.remove.title')} onCancel={onCancel} testId="sign-remove-dialog">
      <form ref={formRef} noValidate onSubmit={(e) => void remove(e)}>
        <p>{t('sign.remove.body', { label: cert.label })}</p>
        <p className="sg-note">{t('sign.remove.effects')}</p>
        <VaultFields idBase={idBase} vault={vault} />
        {error ? (
          <p className="callout callout-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="sg-dialog-actions">
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('sign.cancel')}
          </button>
          <button type="submit" className="button sg-button-danger" disabled={isBusy} aria-busy={isBusy}>
            {t('sign.remove.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function CertificateCard({ cert, now, onRemove }: { cert: CertificateInfo; now: Date; onRemove(): void }) {
  const t = useT();
  const headingId = useId();
  return (
    <article className={cert.isCertified ? 'sg-cert' : 'sg-cert sg-cert-uncertified'} aria-labelledby={headingId} data-testid="sign-certificate">
      <div className="sg-cert-head">
        <h3 id={headingId} className="sg-cert-name">
          {cert.commonName}
        </h3>
        <CertifiedBadge isCertified={cert.isCertified} />
        <span className="sg-cert-validity" data-testid="sign-certificate-validity">
          <ValidityText cert={cert} now={now} />
        </span>
        <button type="button" className="button sg-small sg-button-danger-quiet sg-cert-remove" onClick={onRemove} aria-label={t('sign.remove.named', { name: cert.commonName })}>
          {t('sign.remove.button')}
        </button>
      </div>
      {cert.isCertified ? null : <p className="sg-uncertified-note">{t('sign.cert.uncertifiedExplained')}</p>}
      <CertificateFacts cert={cert} />
    </article>
  );
}

function ImportForm({ isNewVault, onImported }: { isNewVault: boolean; onImported(cert: CertificateInfo): void }) {
  const t = useT();
  const [done, setDone] = useState<string | null>(null);
  const { api } = useWorkspace();
  const idBase = useId();
  const vault = useVaultInput(isNewVault);
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ file?: string; password?: string; form?: string }>({});
  const [isBusy, setIsBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const focusError = useFocusFirstInvalid(formRef);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (isBusy) return;
    setDone(null);
    const found: { file?: string } = {};
    if (!file) found.file = t('sign.import.fileRequired');
    else if (!hasExtension(file.name, certificateFileAccept)) found.file = t('sign.import.wrongType', { file: file.name });
    else if (file.size > maxP12Bytes) found.file = t('sign.import.tooLarge', { file: file.name, size: formatSize(file.size) });
    const isVaultOk = vault.check(t);
    setErrors(found);
    if (found.file || !isVaultOk || !file) {
      focusError();
      return;
    }
    setIsBusy(true);
    const typed = password;
    // Handed over once: the password leaves the form whatever happens next.
    setPassword('');
    try {
      const cert = await api.certificateImport({ fileName: file.name, contentBase64: await fileToBase64(file), password: typed, ...vault.request() });
      vault.succeeded();
      setFile(null);
      setFileKey((k) => k + 1);
      setErrors({});
      setDone(t('sign.import.done', { label: cert.label }));
      onImported(cert);
    } catch (err) {
      const shown = shownError(err);
      if (!vault.failed(shown)) {
        if (shown.target === 'password') setErrors({ password: shown.message });
        else if (shown.target === 'file') setErrors({ file: shown.message });
        else setErrors({ form: shown.message });
      }
      focusError();
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <form ref={formRef} className="form-section sg-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${idBase}-title`} data-testid="sign-import-form">
      <h3 id={`${idBase}-title`}>{t('sign.import.title')}</h3>
      <p className="sg-note">{t('sign.import.lead')}</p>
      <FieldFrame id={`${idBase}-file`} label={t('sign.import.file')} hint={t('sign.import.fileHint')} error={errors.file ?? null}>
        {(aria) => (
          <input
            key={fileKey}
            id={`${idBase}-file`}
            name="certificate-file"
            className="input sg-file"
            type="file"
            accept={certificateFileAccept}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setErrors((x) => ({ ...x, file: undefined, form: undefined }));
            }}
            {...aria}
          />
        )}
      </FieldFrame>
      <PasswordField
        id={`${idBase}-password`}
        value={password}
        error={errors.password ?? null}
        hint={t('sign.import.passwordHint')}
        onChange={(v) => {
          setPassword(v);
          setErrors((x) => ({ ...x, password: undefined }));
        }}
      />
      <VaultFields idBase={idBase} vault={vault} />
      {errors.form ? (
        <p className="callout callout-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={isBusy} aria-busy={isBusy} data-testid="sign-import-submit">
          {isBusy ? t('sign.import.busy') : t('sign.import.submit')}
        </button>
        <p className="save-status" role="status" aria-live="polite" data-testid="sign-import-done">
          {done}
        </p>
      </div>
    </form>
  );
}

function SelfSignedForm({ isNewVault, onCreated }: { isNewVault: boolean; onCreated(cert: CertificateInfo): void }) {
  const t = useT();
  const [done, setDone] = useState<string | null>(null);
  const { api, settings } = useWorkspace();
  const idBase = useId();
  const vault = useVaultInput(isNewVault);
  const [name, setName] = useState(settings.officer.name);
  const [nip, setNip] = useState(settings.officer.nip);
  const [isUnderstood, setIsUnderstood] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; nip?: string; understood?: string; form?: string }>({});
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
      {errors.form ? (
        <p className="callout callout-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={isBusy} aria-busy={isBusy} data-testid="sign-self-submit">
          {isBusy ? t('sign.self.busy') : t('sign.self.submit')}
        </button>
        <p className="save-status" role="status" aria-live="polite" data-testid="sign-self-done">
          {done}
        </p>
      </div>
    </form>
  );
}

/**
 * Pengaturan of certificates (issue 4 item 1): the stored ones with subject,
 * NIP/NIK, issuer, validity and key usage; import of a .p12/.pfx with its
 * password; a local "tidak tersertifikasi" certificate for officers without
 * one; removal after confirmation.
 */
export function CertificatesPanel() {
  const t = useT();
  const { certs, error, reload } = useCertificates();
  const now = useMemo(() => new Date(), []);
  const [removing, setRemoving] = useState<CertificateInfo | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const list = certs ?? [];

  const refresh = async (text: string | null = null) => {
    setMessage(text);
    await reload();
  };

  return (
    <div className="sg-panel" data-testid="sign-certificates-panel">
      <p className="lead">{t('sign.certs.lead')}</p>
      <VaultStatus />
      <div role="status" aria-live="polite" className="sg-live">
        {message ? (
          <p className="save-status" data-testid="sign-certificates-message">
            {message}
          </p>
        ) : null}
      </div>
      {error ? (
        <p className="callout callout-error" role="alert">
          {error}
        </p>
      ) : null}
      <h2 className="sg-h2">{t('sign.certs.listTitle', { count: list.length })}</h2>
      {certs && list.length === 0 ? <p className="empty-state">{t('sign.certs.empty')}</p> : null}
      {list.map((c) => (
        <CertificateCard key={c.id} cert={c} now={now} onRemove={() => setRemoving(c)} />
      ))}
      <h2 className="sg-h2">{t('sign.certs.addTitle')}</h2>
      <div className="sg-forms">
        <ImportForm isNewVault={certs !== null && list.length === 0} onImported={() => void refresh()} />
        <SelfSignedForm isNewVault={certs !== null && list.length === 0} onCreated={() => void refresh()} />
      </div>
      {removing ? (
        <RemoveDialog
          cert={removing}
          onCancel={() => setRemoving(null)}
          onRemoved={() => {
            const label = removing.label;
            setRemoving(null);
            void refresh(t('sign.remove.done', { label }));
          }}
        />
      ) : null}
    </div>
  );
}
