import { useState } from 'react';
import type { DocumentSendResult } from '@core/api/contract-documents';
import type { DocumentSummary } from '@core/domain/documents/model';
import { useWorkspace } from '../../app-context';
import { useT } from '../../i18n/i18n-context';
import { messageOf } from '../../lib/errors';
import { openDocument } from '../../lib/open-document';
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
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revise = async () => {
    setIsBusy(true);
    setError(null);
    try {
      const draft = await api.documentRevise({ id: doc.id });
      announceDocumentsChanged();
      openDocument(draft.kind, draft.id);
    } catch (err) {
      setError(messageOf(err));
      setIsBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={className ?? 'button button-primary'} onClick={() => void revise()} disabled={isBusy} data-testid="doc-revise">
        {t('doc.action.revise')}
      </button>
      {error ? (
        <span className="doc-inline-error" role="alert">
          {error}
        </span>
      ) : null}
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
