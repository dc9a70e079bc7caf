import { useId, useState, type ChangeEvent } from 'react';
import { MAX_ATTACHMENT_BYTES, mediaTypeName, type AttachmentRef, type FieldDef } from '@core/domain/reports';
import { useI18n } from '../../i18n/i18n-context';
import { fileToBase64 } from '../../lib/files';
import { hintOf, labelOf } from './labels';
import { messageOf } from '../../lib/errors';
import { formatByteSize } from '@core/domain/format/byte-size';

interface AttachmentFieldProps {
  field: FieldDef;
  value: AttachmentRef | null;
  /** Stores the file in the workspace (reportAttach) and returns nothing; the editor reloads the report. */
  onAttach(fileName: string, contentBase64: string): Promise<void>;
  onRemove(): void;
  isDisabled: boolean;
}

const ACCEPT = '.png,.jpg,.jpeg,.pdf,.svg,.drawio,.vsdx,.dwg';

/** An attachment (a LAN diagram): chosen, stored in the blob store, named with its type and size; replaced or removed. */
export function AttachmentField({ field, value, onAttach, onRemove, isDisabled }: AttachmentFieldProps) {
  const { t, language } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = labelOf(field, language);
  const hint = hintOf(field, language);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setError(t('lap.attach.tooLarge', { file: file.name, limit: formatByteSize(MAX_ATTACHMENT_BYTES) }));
      return;
    }
    setBusy(true);
    try {
      await onAttach(file.name, await fileToBase64(file));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={error ? 'field field-has-error' : 'field'} data-field={field.key}>
      <span className="field-label" id={`${id}-label`}>
        {label}
        {field.isRequired ? null : <span className="field-optional"> {t('field.optional')}</span>}
      </span>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {value ? (
        <p className="lap-attachment" data-testid={`attachment-${field.key}`}>
          <strong>{value.name}</strong> — {mediaTypeName(value.mediaType)}, {formatByteSize(value.size)}
          <br />
          <code className="lap-sha">{value.sha256}</code>
        </p>
      ) : (
        <p className="lap-empty">{t('lap.attach.none')}</p>
      )}
      <div className="lap-table-actions">
        <span className="lap-file">
          <input id={id} type="file" className="lap-file-input" accept={ACCEPT} onChange={(e) => void onFile(e)} disabled={isDisabled || busy} aria-describedby={`${id}-label`} />
          <label htmlFor={id} className="button button-secondary lap-button-sm">
            {busy ? t('lap.attach.busy') : value ? t('lap.attach.replace') : t('lap.attach.choose')}
          </label>
        </span>
        {value ? (
          <button type="button" className="button button-secondary lap-button-sm" onClick={onRemove} disabled={isDisabled || busy}>
            {t('lap.attach.remove')}
          </button>
        ) : null}
      </div>
      {hint ? <p className="field-hint">{hint}</p> : null}
    </div>
  );
}
