import { useEffect, useId, useRef, useState } from 'react';
import type { CertificateInfo } from '@core/domain/signing/certificate';
import type { HandoverJobStatus, HandoverPackageResult, HandoverView } from '@core/domain/handover/views';
import type { RegionProfile } from '@core/domain/profiles/profile';
import { useWorkspace } from '../../app-context';
import { useT } from '../../i18n/i18n-context';
import { signingProblems } from '../../lib/certificate-status';
import { Modal } from '../../components/modal';
import { SigningSecretFields } from '../../components/secret-fields';
import { useVaultInput } from '../../lib/use-vault-input';
import { messageOf, shownError, shownPayload, type ShownError } from '../../lib/errors';
import { busyJobOf } from './errors';
import { JobProgress } from './job-progress';
import { formatCount } from './model';
import { PackageWhat, PackageWho } from './package-facts';

const pollMs = 250;

export interface PackageChoice {
  cert: CertificateInfo;
  outPath: string;
  nomor: string;
  isSecretsAcknowledged: boolean;
  secrets: number;
}

type Stage = { kind: 'confirm' } | { kind: 'starting' } | { kind: 'running'; jobId: string } | { kind: 'cancelled'; message: string };

/**
 * The confirmation before the berita acara is signed and the bundle packaged
 * (Jambi Pasal 7 ayat (7) huruf c): what will be signed — the bundle, its
 * items, files and size — and by whom, then the run itself with its phases,
 * a bar, and Batalkan (huruf b, d). A cancelled or failed run leaves no file
 * (the service removes it); the officer may try again from here.
 */
export function PackageDialog({ view, profile, choice, onClose, onDone }: { view: HandoverView; profile: RegionProfile; choice: PackageChoice; onClose(): void; onDone(result: HandoverPackageResult): void }) {
  const t = useT();
  const { api } = useWorkspace();
  const idBase = useId();
  const vault = useVaultInput(false);
  const vaultRef = useRef(vault);
  vaultRef.current = vault;
  const [stage, setStage] = useState<Stage>({ kind: 'confirm' });
  const [status, setStatus] = useState<HandoverJobStatus | null>(null);
  const [isCancelling, setIsCancelling] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const secretsRef = useRef<HTMLDivElement>(null);
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;

  const { cert, outPath, nomor } = choice;
  const now = new Date();
  const certProblems = signingProblems(cert, now);
  const isPasswordNeeded = cert.kind === 'imported';
  const { bundle } = view;

  const focusFirstError = () => window.setTimeout(() => secretsRef.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus(), 0);

  const showFailure = (err: unknown) => showShown(shownError(err));

  const showShown = (shown: ShownError) => {
    if (vaultRef.current.failed(shown)) {
      focusFirstError();
      return;
    }
    if (shown.target === 'password') {
      setPasswordError(shown.message);
      focusFirstError();
    } else {
      setFormError(shown.message);
    }
  };

  const submit = async () => {
    if (stage.kind !== 'confirm' || certProblems.length > 0) return;
    setFormError(null);
    let isOk = vault.check(t);
    if (isPasswordNeeded && password === '') {
      setPasswordError(t('sign.password.required'));
      isOk = false;
    }
    if (!isOk) {
      focusFirstError();
      return;
    }
    const secrets = { ...vault.request(), ...(isPasswordNeeded ? { password } : {}) };
    // The certificate password has been handed over: it leaves the form now, whatever the outcome.
    setPassword('');
    setStage({ kind: 'starting' });
    setStatus(null);
    setIsCancelling(false);
    try {
      const { jobId } = await api.handoverPackage({
        bundleId: bundle.id,
        outPath,
        certificateId: cert.id,
        ...secrets,
        ...(nomor.trim() ? { nomor: nomor.trim() } : {}),
        isSecretsAcknowledged: choice.isSecretsAcknowledged,
      });
      setStage({ kind: 'running', jobId });
    } catch (err) {
      // A package of this bundle is already being made (e.g. before a reload): follow that one instead.
      const busy = busyJobOf(err);
      if (busy) {
        setStage({ kind: 'running', jobId: busy });
        return;
      }
      setStage({ kind: 'confirm' });
      showFailure(err);
    }
  };

  const jobId = stage.kind === 'running' ? stage.jobId : null;
  useEffect(() => {
    if (!jobId) return;
    let isAlive = true;
    let isVaultSettled = false;
    let timer: number | undefined;
    const poll = async () => {
      let s: HandoverJobStatus;
      try {
        s = await api.handoverJobStatus({ jobId });
      } catch (err) {
        if (!isAlive) return;
        setStage({ kind: 'confirm' });
        setFormError(messageOf(err));
        return;
      }
      if (!isAlive) return;
      setStatus(s);
      // Past signing, the vault opened: the passphrase is remembered for the session (and emptied from the form).
      if (!isVaultSettled && (s.phase === 'writing' || s.phase === 'verifying' || s.phase === 'done')) {
        isVaultSettled = true;
        vaultRef.current.succeeded();
      }
      if (!s.done) {
        timer = window.setTimeout(() => void poll(), pollMs);
        return;
      }
      if (s.phase === 'done' && s.result) {
        onDoneRef.current(s.result);
      } else if (s.phase === 'cancelled') {
        setStage({ kind: 'cancelled', message: s.error ? shownPayload(s.error).message : t('handover.progress.cancelled') });
      } else {
        setStage({ kind: 'confirm' });
        // The job's own error, passed on as it was thrown: its code places it, its details give the English text.
        showShown(s.error ? shownPayload(s.error) : { target: 'form', code: 'INTERNAL', message: t('handover.progress.failed') });
      }
    };
    void poll();
    return () => {
      isAlive = false;
      window.clearTimeout(timer);
    };
    // showShown and t read refs or stable values; the job id alone starts a run's polling.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId, api]);

  const cancelJob = async () => {
    if (!jobId || isCancelling) return;
    setIsCancelling(true);
    try {
      await api.handoverJobCancel({ jobId });
    } catch (err) {
      setIsCancelling(false);
      setFormError(messageOf(err));
    }
  };

  const onEscape = () => {
    if (stage.kind === 'running') void cancelJob();
    else if (stage.kind !== 'starting') onClose();
  };

  const isRunning = stage.kind === 'running' || stage.kind === 'starting';

  return (
    <Modal title={t('handover.confirm.title')} onCancel={onEscape} testId="handover-package-dialog" isWide>
      {isRunning ? (
        <JobProgress status={status} isCancelling={isCancelling} onCancel={() => void cancelJob()} />
      ) : stage.kind === 'cancelled' ? (
        <div data-testid="handover-cancelled">
          <p className="callout callout-info" role="status">
            {stage.message}
          </p>
          <div className="sg-dialog-actions">
            <button type="button" className="button button-secondary" onClick={onClose}>
              {t('handover.close')}
            </button>
            <button type="button" className="button button-primary" onClick={() => setStage({ kind: 'confirm' })} data-testid="handover-retry">
              {t('handover.confirm.again')}
            </button>
          </div>
        </div>
      ) : (
        <form
          className="sg-step"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="sg-confirm-grid">
            <PackageWhat headingId={`${idBase}-what`} view={view} profile={profile} nomor={nomor} outPath={outPath} />
            <PackageWho headingId={`${idBase}-who`} cert={cert} now={now} />
          </div>

          {certProblems.length > 0 ? (
            <div className="callout callout-error" role="alert">
              <p className="ho-callout-title">{t('handover.confirm.certBlocked')}</p>
              <ul className="ho-plain-list">
                {certProblems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {choice.secrets > 0 ? (
            <p className="callout ho-callout-warn">
              <span aria-hidden="true">⚠ </span>
              {t('handover.confirm.secrets', { count: formatCount(choice.secrets) })}
            </p>
          ) : null}

          <SigningSecretFields
            ref={secretsRef}
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

          {certProblems.length === 0 ? <p className="ho-statement">{t('handover.confirm.statement', { name: cert.commonName })}</p> : null}
          {formError ? (
            <p className="callout callout-error" role="alert" data-testid="handover-package-error">
              {formError}
            </p>
          ) : null}
          <div className="sg-dialog-actions">
            <button type="button" className="button button-secondary" onClick={onClose}>
              {t('handover.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={certProblems.length > 0} data-testid="handover-package-submit">
              {t('handover.confirm.submit')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
