import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { CertificateInfo } from '@core/domain/signing/certificate';
import { useWorkspace } from '../../app-context';
import { useT } from '../../i18n/i18n-context';
import { CertificateFacts, CertifiedBadge, ValidityText } from '../../components/certificate-facts';
import { shownError } from '../../lib/errors';
import { Modal } from '../../components/modal';
import { VaultFields } from '../../components/secret-fields';
import { useCertificates } from '../../lib/use-certificates';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid';
import { useVaultInput } from '../../lib/use-vault-input';
import { useVaultPassphrase, vaultIdleMs, vaultSession } from '../../lib/vault-session';
import { ImportForm } from './certificate-import-form';
import { SelfSignedForm } from './self-signed-form';
import { ErrorCallout } from '../../components/error-callout';

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
        <ErrorCallout message={error} />
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
      <ErrorCallout message={error} />
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
