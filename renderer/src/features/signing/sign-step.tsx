import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { SignedFileResponse } from '@core/api/contract-signing';
import type { CertificateInfo } from '@core/domain/signing/certificate';
import type { SignPreview } from '@core/domain/signing/stamp';
import { useT } from '../../i18n/i18n-context';
import { CertificatePicker } from '../../components/certificate-picker';
import { CertifiedBadge, ValidityText } from '../../components/certificate-facts';
import { shownError } from '../../lib/errors';
import { SigningSecretFields } from '../../components/secret-fields';
import { signingHref, writeSigningTab } from './signing-tabs';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid';
import { useVaultInput } from '../../lib/use-vault-input';

/** Who signs, as the confirmation shows it (from signPreview, or from the stored certificate). */
export interface SignerView {
  name: string;
  nip: string | null;
  issuer: string;
  isCertified: boolean;
  notBefore: string;
  notAfter: string;
}

export function signerOf(cert: CertificateInfo): SignerView {
  return { name: cert.commonName, nip: cert.nip, issuer: cert.issuerCommonName, isCertified: cert.isCertified, notBefore: cert.notBefore, notAfter: cert.notAfter };
}

/**
 * The signer to show once the preview is in: name, NIP and issuer as the
 * signature will carry them, validity start from the certificate list.
 */
export function previewSignerOf(cert: CertificateInfo | null | undefined, preview: { signer: SignPreview['signer'] } | null | undefined): SignerView | null {
  if (!preview || !cert) return null;
  const { name, nip, issuer, isCertified, notAfter } = preview.signer;
  return { ...signerOf(cert), name, nip, issuer, isCertified, notAfter };
}

export interface SignSecrets {
  password?: string;
  vaultPassphrase?: string;
}

interface SignStepProps<R> {
  certs: CertificateInfo[];
  certId: string | null;
  onCertId(id: string): void;
  /** "Yang ditandatangani": the document, as the officer should recognise it. */
  document: ReactNode;
  /** Null while the preview is loading. */
  signer: SignerView | null;
  /** Why signing cannot go ahead (expired, key usage, preview failed): the button is refused. */
  problems: string[];
  isPreparing: boolean;
  /** Optional fields (document number, approver) shown folded. */
  extra?: ReactNode;
  /** Shown under the signer's facts: how they differ from the officer in Pengaturan, to be confirmed. */
  signerNote?: ReactNode;
  /** Something the officer must still confirm (a signer who differs from Pengaturan): the button waits, without an error. */
  isHeldBack?: boolean;
  /**
   * Whether "Batalkan" may drop a signature under way: not when the service
   * keeps what it signs (documentSign), where dropping the answer would not
   * undo the kept revision.
   */
  isCancelWhileSigning?: boolean;
  sign(secrets: SignSecrets): Promise<R>;
  onSigned(result: R): void;
  onCancel(): void;
  now: Date;
}

/**
 * The confirmation before anything is signed (Jambi Pasal 7 ayat (7) huruf c):
 * what will be signed and by whom side by side, problems that stop it, the
 * certificate password, then an explicit "Tanda tangani" or "Batal". While
 * signing, "Batalkan" drops the result (nothing is stored until the officer
 * downloads it). Passwords are emptied after every attempt.
 */
export function SignStep<R = SignedFileResponse>({ certs, certId, onCertId, document, signer, problems, isPreparing, isHeldBack, isCancelWhileSigning = true, extra, signerNote, sign, onSigned, onCancel, now }: SignStepProps<R>) {
  const t = useT();
  const idBase = useId();
  const vault = useVaultInput(certs.length === 0);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isSigning, setIsSigning] = useState(false);
  const attempt = useRef(0);
  const passwordRef = useRef<HTMLDivElement>(null);

  const cert = certs.find((c) => c.id === certId) ?? null;
  const isPasswordNeeded = cert?.kind === 'imported';
  const isBlocked = !cert || isPreparing || problems.length > 0 || isHeldBack === true;

  // A stale answer must not land after the dialog has gone.
  useEffect(
    () => () => {
      attempt.current += 1;
    },
    [],
  );

  const focusFirstError = useFocusFirstInvalid(passwordRef);

  const submit = async () => {
    if (isBlocked || isSigning) return;
    setFormError(null);
    setNotice(null);
    let isOk = vault.check(t);
    if (isPasswordNeeded && password === '') {
      setPasswordError(t('sign.password.required'));
      isOk = false;
    }
    if (!isOk) {
      focusFirstError();
      return;
    }
    const mine = ++attempt.current;
    const secrets: SignSecrets = { ...vault.request(), ...(isPasswordNeeded ? { password } : {}) };
    // The password has been handed over: it leaves the form now, whatever the outcome.
    setPassword('');
    setIsSigning(true);
    try {
      const result = await sign(secrets);
      if (mine !== attempt.current) return;
      vault.succeeded();
      setIsSigning(false);
      onSigned(result);
    } catch (err) {
      if (mine !== attempt.current) return;
      setIsSigning(false);
      const shown = shownError(err);
      if (vault.failed(shown)) {
        focusFirstError();
        return;
      }
      if (shown.target === 'password') {
        setPasswordError(shown.message);
        focusFirstError();
      } else {
        setFormError(shown.message);
      }
    }
  };

  const cancelSigning = () => {
    attempt.current += 1;
    setIsSigning(false);
    setNotice(t('sign.step.cancelledWhileSigning'));
  };

  if (certs.length === 0) {
    return (
      <div className="sg-step">
        <p className="callout callout-info">{t('sign.step.noCertificates')}</p>
        <div className="sg-dialog-actions">
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('sign.close')}
          </button>
          <a className="button button-primary" href={signingHref} onClick={() => writeSigningTab('certificates')}>
            {t('sign.step.toCertificates')}
          </a>
        </div>
      </div>
    );
  }

  return (
    <form
      className="sg-step"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      aria-busy={isSigning}
    >
      <div className="sg-confirm-grid">
        <section className="sg-confirm-part" aria-labelledby={`${idBase}-what`} data-testid="sign-what">
          <h3 id={`${idBase}-what`}>{t('sign.step.what')}</h3>
          {document}
          {extra}
        </section>
        <section className="sg-confirm-part" aria-labelledby={`${idBase}-who`} data-testid="sign-who">
          <h3 id={`${idBase}-who`}>{t('sign.step.who')}</h3>
          {certs.length > 1 ? <CertificatePicker certs={certs} value={certId} onChange={onCertId} now={now} name={`${idBase}-cert`} isDisabled={isSigning} /> : null}
          {signer ? (
            <dl className="facts sg-facts sg-facts-narrow">
              <div>
                <dt>{t('sign.step.name')}</dt>
                <dd data-testid="sign-signer-name">{signer.name}</dd>
              </div>
              <div>
                <dt>{t('sign.step.nip')}</dt>
                <dd>{signer.nip ?? t('sign.cert.noIdentity')}</dd>
              </div>
              <div>
                <dt>{t('sign.cert.issuer')}</dt>
                <dd>{signer.isCertified ? signer.issuer : t('sign.cert.issuerSelf')}</dd>
              </div>
              <div>
                <dt>{t('sign.step.certification')}</dt>
                <dd>
                  <CertifiedBadge isCertified={signer.isCertified} />
                  {signer.isCertified ? null : <span className="sg-note sg-block">{t('sign.step.uncertifiedMeaning')}</span>}
                </dd>
              </div>
              <div>
                <dt>{t('sign.cert.validity')}</dt>
                <dd>
                  <ValidityText cert={signer} now={now} />
                </dd>
              </div>
            </dl>
          ) : (
            <p role="status">{t('sign.step.preparing')}</p>
          )}
          {signerNote}

          {problems.length > 0 ? (
            <div className="callout callout-error" role="alert" data-testid="sign-problems">
              <p className="sg-callout-title">{t('sign.step.blocked')}</p>
              <ul className="sg-problems">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}

          <SigningSecretFields
            ref={passwordRef}
            idBase={idBase}
            isPasswordNeeded={isPasswordNeeded}
            password={password}
            passwordError={passwordError}
            onPasswordChange={(v) => {
              setPassword(v);
              setPasswordError(null);
            }}
            vault={vault}
          />

          {signer && !isBlocked ? <p className="sg-statement">{t('sign.step.statement', { name: signer.name })}</p> : null}

          <div role="status" aria-live="polite" className="sg-live">
            {isSigning ? (
              <p className="sg-progress" data-testid="sign-progress">
                <span className="sg-spinner" aria-hidden="true" />
                {t('sign.step.signing')}
              </p>
            ) : null}
            {notice ? <p className="save-status">{notice}</p> : null}
          </div>
          {formError ? (
            <p className="callout callout-error" role="alert" data-testid="sign-error">
              {formError}
            </p>
          ) : null}

          <div className="sg-dialog-actions">
            {isSigning && !isCancelWhileSigning ? null : isSigning ? (
              <button type="button" className="button button-secondary" onClick={cancelSigning}>
                {t('sign.step.cancelSigning')}
              </button>
            ) : (
              <button type="button" className="button button-secondary" onClick={onCancel}>
                {t('sign.cancel')}
              </button>
            )}
            <button type="submit" className="button button-primary" disabled={isBlocked || isSigning} data-testid="sign-submit">
              {t('sign.step.sign')}
            </button>
          </div>
        </section>
      </div>
    </form>
  );
}
