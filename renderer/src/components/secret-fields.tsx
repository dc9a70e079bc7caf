import type { Ref } from 'react';
import { FieldFrame } from './form-field';
import { useT } from '../i18n/i18n-context';
import type { VaultInput } from '../lib/use-vault-input';

/** The certificate's own password (as BSrE issues it), asked at every use and emptied after it. */
export function PasswordField({
  id,
  value,
  error,
  onChange,
  label,
  hint,
}: {
  id: string;
  value: string;
  error: string | null;
  onChange(value: string): void;
  label?: string;
  hint?: string;
}) {
  const t = useT();
  return (
    <FieldFrame id={id} label={label ?? t('sign.password')} hint={hint ?? t('sign.password.hint')} error={error}>
      {(aria) => (
        <input
          id={id}
          name="certificate-password"
          className="input sg-input-secret"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        />
      )}
    </FieldFrame>
  );
}

/**
 * The vault passphrase: typed once per session in `berkas ui`, twice when the
 * vault is being created. Nothing at all inside Electron.
 */
export function VaultFields({ idBase, vault }: { idBase: string; vault: VaultInput }) {
  const t = useT();
  if (!vault.isAsked) return null;
  const id = `${idBase}-vault`;
  const confirmId = `${idBase}-vault-confirm`;
  return (
    <div className="sg-vault-fields" data-testid="sign-vault-fields">
      <FieldFrame id={id} label={vault.isNew ? t('sign.vault.new') : t('sign.vault.label')} hint={vault.isNew ? t('sign.vault.newHint') : t('sign.vault.hint')} error={vault.error}>
        {(aria) => (
          <input
            id={id}
            name="vault-passphrase"
            className="input sg-input-secret"
            type="password"
            autoComplete={vault.isNew ? 'new-password' : 'current-password'}
            spellCheck={false}
            value={vault.value}
            onChange={(e) => vault.setValue(e.target.value)}
            {...aria}
          />
        )}
      </FieldFrame>
      {vault.isNew ? (
        <FieldFrame id={confirmId} label={t('sign.vault.confirm')} error={vault.confirmError}>
          {(aria) => (
            <input
              id={confirmId}
              name="vault-passphrase-confirm"
              className="input sg-input-secret"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              value={vault.confirm}
              onChange={(e) => vault.setConfirm(e.target.value)}
              {...aria}
            />
          )}
        </FieldFrame>
      ) : null}
    </div>
  );
}

/**
 * The secrets a signature asks for, where it asks them (a document's sign step,
 * a handover package): the certificate's password for an imported key, then
 * the vault passphrase when the session needs it. `ref` is the box the first
 * invalid field is focused in.
 */
export function SigningSecretFields({
  ref,
  idBase,
  isPasswordNeeded,
  password,
  passwordError,
  onPasswordChange,
  vault,
}: {
  ref: Ref<HTMLDivElement>;
  idBase: string;
  isPasswordNeeded: boolean;
  password: string;
  passwordError: string | null;
  onPasswordChange(value: string): void;
  vault: VaultInput;
}) {
  return (
    <div ref={ref} className="sg-secrets">
      {isPasswordNeeded ? <PasswordField id={`${idBase}-password`} value={password} error={passwordError} onChange={onPasswordChange} /> : null}
      <VaultFields idBase={idBase} vault={vault} />
    </div>
  );
}
