import { useState } from 'react';
import type { DocumentSendResult } from '@core/api/contract-documents';
import type { DocumentSummary } from '@core/domain/documents/model';
import { useWorkspace } from '../../app-context';
import { ScreenHeading } from '../../components/screen-heading';
import { TableFrame } from '../../components/table-frame';
import { useI18n } from '../../i18n/i18n-context';
import { messageOf } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { DocumentActionsCell } from './document-actions';
import { kindText, LifecycleBadge, periodLabel } from './lifecycle-text';
import { ReexportForm } from './reexport-form';
import { SentNotice } from './send-document';
import { useDocuments } from './use-documents';

/** One row: the document, its state in the lifecycle's words, what can be done, and any kept file that is missing or altered. */
function DocumentRow({ doc, onSent }: { doc: DocumentSummary; onSent(result: DocumentSendResult): void }) {
  const { t, date } = useI18n();
  const { api, profile } = useWorkspace();
  const [isReexporting, setIsReexporting] = useState(false);
  const hasProblems = doc.problems.length > 0;
  // Only a damaged row asks more: whether the outbox holds the same signed bytes to write out again.
  const detail = useAsync(() => (hasProblems ? api.documentGet({ id: doc.id }) : null), [api, doc.id, hasProblems]);
  const hasOutboxCopy = detail.value?.revisions.some((r) => r.id === doc.signedRevisionId && r.hasOutboxCopy) === true;
  return (
    <>
      <tr data-id={doc.id} data-kind={doc.kind} data-state={doc.state} data-testid="doc-row">
        <th scope="row">
          <span className="doc-title">{doc.title}</span>
          {doc.review?.note && (doc.state === 'perlu-revisi' || doc.state === 'ditolak' || doc.revisionNote) ? (
            <span className="doc-review-note" data-testid="doc-review-note">
              {t('doc.reviewNote', { note: doc.review.note, ictOfficeShort: profile.terms.ictOfficeShort })}
            </span>
          ) : null}
        </th>
        <td className="col-nowrap">{kindText(t, doc.kind)}</td>
        <td className="col-nowrap">{periodLabel(t, date, doc.period)}</td>
        <td className="col-num">{doc.revision}</td>
        <td>
          <LifecycleBadge state={doc.state} queue={doc.queue} />
        </td>
        <td className="col-nowrap">{date(new Date(doc.updatedAt))}</td>
        <td>
          <DocumentActionsCell doc={doc} onSent={onSent} />
        </td>
      </tr>
      {hasProblems ? (
        <tr className="doc-problem-row" data-testid="doc-problems">
          <td colSpan={7}>
            <div className="callout callout-error" role="alert">
              <ul className="doc-problems">
                {doc.problems.map((p) => (
                  <li key={`${p.file}:${p.sha256}`}>{p.message}</li>
                ))}
              </ul>
              {!hasOutboxCopy ? null : isReexporting ? (
                <ReexportForm doc={doc} onClose={() => setIsReexporting(false)} />
              ) : (
                <button type="button" className="button button-secondary doc-small" onClick={() => setIsReexporting(true)} data-testid="doc-reexport-open">
                  {t('doc.reexport.open')}
                </button>
              )}
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}

/**
 * Dokumen: every rencana aksi, laporan and berkas serah terima in one list
 * with its kind, period, revision and lifecycle state, and Kirim, Unduh and
 * Revisi where they apply. A kept signed file missing or altered on disk is
 * named, with the way to write it again from the outbox's copy.
 */
export function DocumentsScreen() {
  const { t } = useI18n();
  const { profile } = useWorkspace();
  const documents = useDocuments();
  const [sent, setSent] = useState<DocumentSendResult | null>(null);
  const list = documents.value ?? null;
  return (
    <>
      <ScreenHeading lead={t('doc.screen.lead', { ictOfficeShort: profile.terms.ictOfficeShort })}>{t('doc.screen.title')}</ScreenHeading>
      {sent ? <SentNotice result={sent} /> : null}
      {documents.error ? (
        <p className="callout callout-error" role="alert">
          {t('doc.loadFailed', { message: messageOf(documents.error) })}
        </p>
      ) : null}
      {!list && !documents.error ? <p role="status">{t('doc.loading')}</p> : null}
      {list && list.length === 0 ? <p className="empty-state">{t('doc.empty')}</p> : null}
      {list && list.length > 0 ? (
        <TableFrame label={t('doc.screen.title')}>
          <table className="data-table doc-table" data-testid="doc-list">
            <thead>
              <tr>
                <th scope="col">{t('doc.col.title')}</th>
                <th scope="col">{t('doc.col.kind')}</th>
                <th scope="col">{t('doc.col.period')}</th>
                <th scope="col" className="col-num">
                  {t('doc.col.revision')}
                </th>
                <th scope="col">{t('doc.col.state')}</th>
                <th scope="col">{t('doc.col.updated')}</th>
                <th scope="col">{t('doc.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((doc) => (
                <DocumentRow key={doc.id} doc={doc} onSent={setSent} />
              ))}
            </tbody>
          </table>
        </TableFrame>
      ) : null}
    </>
  );
}
