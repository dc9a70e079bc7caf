import { useId, useRef, useState, type FormEvent } from 'react';
import type { CertificateInfo } from '@core/domain/signing/certificate';
import { maxP12Bytes } from '@core/domain/signing/limits';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { FormSubmitRow } from '../../components/form-submit-row';
import { FileInput } from '../../components/file-input';
import { useT } from '../../i18n/i18n-context';
import { shownError } from '../../lib/errors';
import { fileToBase64, hasExtension } from '../../lib/files';
import { certificateFileAccept } from './file-types';
import { PasswordField, VaultFields } from '../../components/secret-fields';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid';
import { useVaultInput } from '../../lib/use-vault-input';
import { formatByteSize } from '@core/domain/format/byte-size';

/** A certificate from a .p12 or .pfx file (as the issuer sends it), checked, then sealed in the vault with its key. */
export function ImportForm({ isNewVault, onImported }: { isNewVault: boolean; onImported(cert: CertificateInfo): void }) {
  const t = useT();
  const [done, setDone] = useState<string | null>(null);
  const { api } = useWorkspace();
  const idBase = useId();
  const vault = useVaultInput(isNewVault);
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ file?: string | undefined; password?: string | undefined; form?: string | undefined }>({});
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
    else if (file.size > maxP12Bytes) found.file = t('sign.import.tooLarge', { file: file.name, size: formatByteSize(file.size) });
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
          <FileInput
            key={fileKey}
            id={`${idBase}-file`}
            name="certificate-file"
            accept={certificateFileAccept}
            onChange={(picked) => {
              setFile(picked);
              setErrors((x) => ({ ...x, file: undefined, form: undefined }));
            }}
            aria={aria}
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
      <FormSubmitRow error={errors.form} isBusy={isBusy} label={t('sign.import.submit')} busyLabel={t('sign.import.busy')} done={done} testIdBase="sign-import" isPrimary />
    </form>
  );
}
