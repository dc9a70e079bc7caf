import { useWorkspace } from '../../app-context';
import { InlineError } from '../../components/inline-error';
import { useT } from '../../i18n/i18n-context';
import { base64ToBytes, downloadBytes } from '../../lib/files';
import { useAction } from '../../lib/use-action';

/**
 * "Unduh salinan": the kept signed file (PDF or package ZIP) of a revision as
 * a download. An extra for whoever wants a copy; sending never needs it.
 */
export function DownloadCopyButton({ id, className, label, testId }: { id: string; className?: string; label?: string; testId?: string }) {
  const t = useT();
  const { api } = useWorkspace();
  const download = useAction(async () => {
    const file = await api.documentFile({ id, file: 'dokumen' });
    downloadBytes(base64ToBytes(file.contentBase64), file.fileName, file.mediaType);
  });
  return (
    <>
      <button type="button" className={className ?? 'button button-secondary'} onClick={() => void download.run()} disabled={download.isBusy} data-testid={testId ?? 'doc-download'}>
        {label ?? t('doc.download')}
      </button>
      <InlineError message={download.error} />
    </>
  );
}
