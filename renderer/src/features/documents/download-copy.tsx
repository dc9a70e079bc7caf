import { useState } from 'react';
import { useWorkspace } from '../../app-context';
import { useT } from '../../i18n/i18n-context';
import { base64ToBytes, downloadBytes } from '../../lib/files';
import { messageOf } from '../../lib/errors';

/**
 * "Unduh salinan": the kept signed file (PDF or package ZIP) of a revision as
 * a download. An extra for whoever wants a copy; sending never needs it.
 */
export function DownloadCopyButton({ id, className, label, testId }: { id: string; className?: string; label?: string; testId?: string }) {
  const t = useT();
  const { api } = useWorkspace();
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setIsBusy(true);
    setError(null);
    try {
      const file = await api.documentFile({ id, file: 'dokumen' });
      downloadBytes(base64ToBytes(file.contentBase64), file.fileName, file.mediaType);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={className ?? 'button button-secondary'} onClick={() => void download()} disabled={isBusy} data-testid={testId ?? 'doc-download'}>
        {label ?? t('doc.download')}
      </button>
      {error ? (
        <span className="doc-inline-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
