import type { DocumentSendResult } from '@core/api/contract-documents';
import type { DocumentSummary } from '@core/domain/documents/model';
import { useWorkspace } from '../../app-context';
import { InlineError } from '../../components/inline-error';
import { useT } from '../../i18n/i18n-context';
import { openDocument } from '../../lib/open-document';
import { useAction } from '../../lib/use-action';
import { announceDocumentsChanged } from './documents-events';
import { DownloadCopyButton } from './download-copy';
import { SendDocumentButton } from './send-document';

/** The newest signed revision's own file is whole on disk: it can be downloaded (and, when not yet sent, sent). */
export function isFileWhole(doc: DocumentSummary): boolean {
  return doc.signedRevisionId !== null && !doc.problems.some((p) => p.file === 'dokumen');
}

/**
 * "Revisi": Diskominfo returned the document, so documentRevise starts its
 * next draft revision (with the reviewer's note beside it) and the draft
 * opens in its editor.
 */
export function ReviseButton({ doc, className }: { doc: DocumentSummary; className?: string }) {
  const t = useT();
  const { api } = useWorkspace();
  // Stays busy on success: the draft's editor opens in its place.
  const revise = useAction(
    async () => {
      const draft = await api.documentRevise({ id: doc.id });
      announceDocumentsChanged();
      openDocument(draft.kind, draft.id);
    },
    { staysBusyOnSuccess: true },
  );
  return (
    <>
      <button type="button" className={className ?? 'button button-primary'} onClick={() => void revise.run()} disabled={revise.isBusy} data-testid="doc-revise">
        {t('doc.action.revise')}
      </button>
      <InlineError message={revise.error} />
    </>
  );
}

/** What can be done with a document from a list: Kirim, Unduh, Revisi, or open its draft. */
export function DocumentActionsCell({ doc, onSent }: { doc: DocumentSummary; onSent(result: DocumentSendResult): void }) {
  const t = useT();
  const small = 'button button-secondary doc-small';
  const isDraft = doc.state === 'draf';
  return (
    <div className="doc-row-actions">
      {doc.state === 'ditandatangani' && isFileWhole(doc) ? (
        <SendDocumentButton
          target={{ id: doc.id, kind: doc.kind, title: doc.title, revision: doc.revision }}
          onSent={onSent}
          className="button button-primary doc-small"
          label={t('doc.action.send')}
        />
      ) : null}
      {doc.state === 'perlu-revisi' ? <ReviseButton doc={doc} className="button button-primary doc-small" /> : null}
      {isDraft ? (
        <button type="button" className={small} onClick={() => openDocument(doc.kind, doc.id)} data-testid="doc-open">
          {doc.revisionNote ? t('doc.action.openRevision') : t('doc.action.open')}
        </button>
      ) : null}
      {doc.signedRevisionId && isFileWhole(doc) ? <DownloadCopyButton id={doc.signedRevisionId} className={small} label={t('doc.action.download')} /> : null}
    </div>
  );
}
