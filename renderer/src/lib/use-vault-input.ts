import { useCallback, useState } from 'react';
import { useWorkspace } from '../app-context';
import type { Translate } from '../i18n/catalog';
import { isVaultRefusal, type ShownError } from './errors';
import { useVaultPassphrase, vaultSession } from './vault-session';

export interface VaultInput {
  /** Outside Electron with nothing remembered: the form shows the passphrase field(s). */
  isAsked: boolean;
  /** The vault does not exist yet: the passphrase is being chosen, so it is typed twice. */
  isNew: boolean;
  value: string;
  confirm: string;
  error: string | null;
  confirmError: string | null;
  setValue(value: string): void;
  setConfirm(value: string): void;
  /** False (and errors set) when a field is missing or the two do not match. */
  check(t: Translate): boolean;
  /** What to add to a request that opens the vault. */
  request(): { vaultPassphrase?: string };
  /** After the request: keep the passphrase for the session, empty the fields. */
  succeeded(): void;
  /**
   * After a refused request. A refused passphrase is emptied, forgotten and
   * shown as the reason (true); anything else (a wrong certificate password,
   * a bad file) leaves the vault fields as typed, for the form to say what
   * was wrong where (false).
   */
  failed(error: ShownError): boolean;
}

/**
 * The vault passphrase part of every form that stores, removes or uses a
 * certificate. Asked once per session (see vault-session.ts), never inside
 * Electron, where the OS key vault needs none.
 */
export function useVaultInput(isNewVault: boolean): VaultInput {
  const { info } = useWorkspace();
  const remembered = useVaultPassphrase();
  const isAsked = info.transport !== 'electron' && remembered === null;
  const [value, setValueState] = useState('');
  const [confirm, setConfirmState] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);

  const setValue = useCallback((next: string) => {
    setValueState(next);
    setError(null);
  }, []);
  const setConfirm = useCallback((next: string) => {
    setConfirmState(next);
    setConfirmError(null);
  }, []);

  const clear = () => {
    setValueState('');
    setConfirmState('');
  };

  return {
    isAsked,
    isNew: isNewVault,
    value,
    confirm,
    error,
    confirmError,
    setValue,
    setConfirm,
    check(t) {
      if (!isAsked) return true;
      let isOk = true;
      if (value === '') {
        setError(t('sign.vault.required'));
        isOk = false;
      }
      if (isNewVault && value !== '' && confirm !== value) {
        setConfirmError(t('sign.vault.mismatch'));
        isOk = false;
      }
      return isOk;
    },
    request() {
      if (isAsked) return { vaultPassphrase: value };
      return remembered === null ? {} : { vaultPassphrase: remembered };
    },
    succeeded() {
      if (isAsked) vaultSession.remember(value);
      else if (remembered !== null) vaultSession.remember(remembered); // used now: the idle time starts again
      clear();
      setError(null);
      setConfirmError(null);
    },
    failed(shown) {
      if (!isVaultRefusal(shown) && shown.code !== 'VAULT_PASSPHRASE_WEAK') return false;
      clear();
      vaultSession.forget();
      setError(shown.message);
      return true;
    },
  };
}
