import { useWorkspace } from '../../app-context';
import { useT } from '../../i18n/i18n-context';
import { LifecycleBadge } from './lifecycle-text';
import { ReviseButton } from './document-actions';
import { useDocumentState } from './use-documents';

/**
 * The lifecycle line of an editor header: the state in the lifecycle's
 * words and, when Diskominfo returned the document, the reviewer's note
 * (beside the draft that answers it, or with "Revisi" to start that draft).
 */
export function DocumentStateLine({ id }: { id: string }) {
  const t = useT();
  const { profile } = useWorkspace();
  const doc = useDocumentState(id);
  if (!doc) return null;
  const note = doc.revisionNote ?? (doc.state === 'perlu-revisi' || doc.state === 'ditolak' ? (doc.review?.note ?? null) : null);
  return (
    <div className="doc-state-line" data-testid="doc-state-line">
      <span className="doc-state-label">{t('doc.header.state', { revision: doc.revision })}</span> <LifecycleBadge state={doc.state} queue={doc.queue} />
      {note ? (
        <p className={doc.revisionNote ? 'callout callout-info doc-note-box' : 'callout sg-callout-warn doc-note-box'} data-testid="doc-revision-note">
          {doc.revisionNote ? t('doc.header.answering', { note, ictOfficeShort: profile.terms.ictOfficeShort }) : t('doc.reviewNote', { note, ictOfficeShort: profile.terms.ictOfficeShort })}
        </p>
      ) : null}
      {doc.state === 'perlu-revisi' ? <ReviseButton doc={doc} className="button button-primary doc-small" /> : null}
    </div>
  );
}
