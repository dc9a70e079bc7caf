import { useId, useState } from 'react';
import type { DocumentSummary } from '@core/domain/documents/model';
import { formatByteSize } from '@core/domain/format/byte-size';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { PathInput } from '../../components/path-picker';
import { useT } from '../../i18n/i18n-context';
import { useAction } from '../../lib/use-action';

/**
 * A kept file missing or altered: the same signed bytes written again from
 * the outbox's package (documentExport fromOutbox), checked against the hash
 * the revision recorded. Nothing is re-signed.
 */
export function ReexportForm({ doc, onClose }: { doc: DocumentSummary; onClose(): void }) {
  const t = useT();
  const { api } = useWorkspace();
  const id = useId();
  const [outPath, setOutPath] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const reexport = useAction(async (target: string) => {
    const written = await api.documentExport({ id: doc.signedRevisionId ?? doc.id, outPath: target, fromOutbox: true });
    setDone(t('doc.reexport.done', { path: written.path, size: formatByteSize(written.size) }));
  });
  const submit = () => {
    if (outPath.trim() === '') reexport.setError(t('doc.reexport.pathRequired'));
    else void reexport.run(outPath.trim());
  };
  return (
    <form
      className="doc-reexport"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="doc-reexport"
    >
      <FieldFrame id={id} label={t('doc.reexport.path')} hint={t('doc.reexport.hint')} error={reexport.error}>
        {(aria) => <PathInput id={id} mode="save" title={t('doc.reexport.pick')} value={outPath} onChange={setOutPath} aria={aria} />}
      </FieldFrame>
      <div className="doc-row-actions">
        <button type="submit" className="button button-primary" disabled={reexport.isBusy}>
          {t('doc.reexport.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('sign.close')}
        </button>
      </div>
      <p role="status">{done}</p>
    </form>
  );
}
