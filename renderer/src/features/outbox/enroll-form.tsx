import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { messageOf } from '../../lib/errors';
import { isBerkasError } from '@core/domain/errors';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { useT } from '../../i18n/i18n-context';
import { announceOutboxChange } from './labels';
import { useVaultPassphrase, vaultSession } from '../../lib/vault-session';
import { ErrorCallout } from '../../components/error-callout';

type Field = 'serverUrl' | 'code' | 'vaultPassphrase' | 'form';

const fieldOfCode: Record<string, Field> = {
  SERVER_URL_INVALID: 'serverUrl',
  ENROLLMENT_CODE_FORMAT: 'code',
  ENROLLMENT_CODE_INVALID: 'code',
  ENROLLMENT_CODE_USED: 'code',
  ENROLLMENT_CODE_EXPIRED: 'code',
  VAULT_PASSPHRASE: 'vaultPassphrase',
  VAULT_PASSPHRASE_REQUIRED: 'vaultPassphrase',
  VAULT_PASSPHRASE_WEAK: 'vaultPassphrase',
};

/**
 * Trades Diskominfo's one-time code for a device token (kept in the key vault
 * by the core, never seen here). In `berkas ui` the vault's passphrase is the
 * one of the session: sent if this page already holds it (from signing),
 * else asked only when the vault turns out to need it (no
 * BERKAS_VAULT_PASSPHRASE where `berkas ui` runs) — the core checks the vault
 * before it spends the code. Never asked inside Electron.
 */
export function EnrollForm({ isAgain, onDone }: { isAgain: boolean; onDone(): void }) {
  const t = useT();
  const { api, info, profile, settings, applySettings } = useWorkspace();
  const base = useId();
  const id = (f: string) => `${base}-${f}`;
  const [serverUrl, setServerUrl] = useState(settings.serverUrl);
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const remembered = useVaultPassphrase();
  const [isVaultAsked, setIsVaultAsked] = useState(false);
  const isVaultShown = info.transport !== 'electron' && remembered === null && isVaultAsked;
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [isBusy, setIsBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { terms } = profile;
  // A field that appears with the next render is focused once that render is committed:
  // a frame callback could run before React commits under load, and find no field.
  const focusAfterRender = useRef<Field | null>(null);
  useEffect(() => {
    const field = focusAfterRender.current;
    const el = field === null ? null : document.getElementById(id(field));
    if (el === null) return;
    focusAfterRender.current = null;
    el.focus();
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (serverUrl.trim() === '') found.serverUrl = t('error.required');
    else if (!/^https?:\/\//i.test(serverUrl.trim())) found.serverUrl = t('error.urlFormat');
    if (code.trim() === '') found.code = t('error.required');
    if (isVaultShown && vaultPassphrase === '') found.vaultPassphrase = t('sign.vault.required');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(id(found.serverUrl ? 'serverUrl' : found.code ? 'code' : 'vaultPassphrase'))?.focus();
      return;
    }
    const sentPassphrase = isVaultShown ? vaultPassphrase : (remembered ?? '');
    setIsBusy(true);
    setDone(null);
    try {
      const enrolled = await api.enroll({
        serverUrl: serverUrl.trim(),
        code: code.trim(),
        ...(deviceName.trim() ? { deviceName: deviceName.trim() } : {}),
        ...(sentPassphrase ? { vaultPassphrase: sentPassphrase } : {}),
      });
      // The vault opened with it: the rest of the session (signing too) does not ask again.
      if (sentPassphrase) vaultSession.remember(sentPassphrase);
      setCode('');
      setVaultPassphrase('');
      setDone(t('outbox.enroll.done', { code: enrolled.opdCode }));
      const saved = await api.getSettings({});
      if (saved) await applySettings(saved);
      announceOutboxChange();
      onDone();
    } catch (err) {
      const message = messageOf(err);
      const detail = isBerkasError(err) ? err.details?.field : undefined;
      const field: Field = (isBerkasError(err) ? fieldOfCode[err.code] : undefined) ?? (detail === 'serverUrl' || detail === 'code' ? detail : 'form');
      if (field === 'vaultPassphrase') {
        // Asked now, in the page's words (the core's names the environment variable of the command line).
        vaultSession.forget();
        setVaultPassphrase('');
        setIsVaultAsked(true);
        setErrors({ vaultPassphrase: isBerkasError(err) && err.code === 'VAULT_PASSPHRASE_REQUIRED' ? t('outbox.enroll.vault.needed') : message });
        focusAfterRender.current = 'vaultPassphrase';
        return;
      }
      setErrors({ [field]: message });
      if (field !== 'form') document.getElementById(id(field))?.focus();
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <section className="ob-panel" aria-labelledby={id('title')} data-testid="outbox-enroll">
      <h2 id={id('title')}>{t('outbox.enroll.title')}</h2>
      <p>{isAgain ? t('outbox.enroll.again', { ictOffice: terms.ictOffice }) : t('outbox.enroll.lead', { ictOffice: terms.ictOffice })}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorCallout message={errors.form} />
        <FieldFrame id={id('serverUrl')} label={t('outbox.enroll.server', { ictOfficeShort: terms.ictOfficeShort })} hint={t('outbox.enroll.server.hint')} error={errors.serverUrl}>
          {(aria) => <input id={id('serverUrl')} name="serverUrl" className="input" type="url" inputMode="url" autoComplete="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} {...aria} />}
        </FieldFrame>
        <FieldFrame id={id('code')} label={t('outbox.enroll.code')} hint={t('outbox.enroll.code.hint')} error={errors.code}>
          {(aria) => <input id={id('code')} name="code" className="input" autoComplete="off" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} {...aria} />}
        </FieldFrame>
        <FieldFrame id={id('device')} label={t('outbox.enroll.device')} hint={t('outbox.enroll.device.hint', { ictOfficeShort: terms.ictOfficeShort })} isOptional>
          {(aria) => <input id={id('device')} name="deviceName" className="input" maxLength={200} value={deviceName} onChange={(e) => setDeviceName(e.target.value)} {...aria} />}
        </FieldFrame>
        {isVaultShown ? (
          <FieldFrame id={id('vaultPassphrase')} label={t('outbox.enroll.vault')} hint={t('outbox.enroll.vault.hint')} error={errors.vaultPassphrase}>
            {(aria) => (
              <input id={id('vaultPassphrase')} name="vaultPassphrase" className="input" type="password" autoComplete="current-password" value={vaultPassphrase} onChange={(e) => setVaultPassphrase(e.target.value)} {...aria} />
            )}
          </FieldFrame>
        ) : null}
        <button type="submit" className="button button-primary" disabled={isBusy}>
          {isBusy ? t('outbox.enroll.busy') : t('outbox.enroll.submit')}
        </button>
        <p role="status" className="ob-status">
          {done}
        </p>
      </form>
    </section>
  );
}
