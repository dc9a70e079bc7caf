import { useState } from 'react';
import type { DocumentSendResult } from '@core/api/contract-documents';
import type { SignedRevisionView } from '@core/domain/documents/model';
import { formatByteSize } from '@core/domain/format/byte-size';
import { useWorkspace } from '../../app-context';
import { useI18n } from '../../i18n/i18n-context';
import { shownError } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { VerificationView } from '../signing';
import { DownloadCopyButton } from './download-copy';
import { SendDocumentButton, SentNotice } from './send-document';

/**
 * After signing: the revision is kept in the workspace (nothing to
 * download), so the next step is "Kirim ke Diskominfo". A copy can still be
 * downloaded; a plan or report can take a further signature (the kepala
 * approving) before it is sent. A PDF's signatures are checked at once by
 * the verifier any recipient runs.
 */
export function SignedDocumentResult({ revision, onCountersign, onClose }: { revision: SignedRevisionView; onCountersign?: (() => void) | undefined; onClose(): void }) {
  const { t, dateTime } = useI18n();
  const { api, profile } = useWorkspace();
  const [sent, setSent] = useState<DocumentSendResult | null>(null);
  const isPdf = revision.mediaType === 'application/pdf';

  const verification = useAsync(async () => {
    if (!isPdf) return null;
    const file = await api.documentFile({ id: revision.id, file: 'dokumen' });
    return api.pdfVerify({ fileName: file.fileName, contentBase64: file.contentBase64 });
  }, [api, revision.id, isPdf]);
  const report = verification.value ?? null;

  return (
    <div className="sg-step" data-testid="sign-result">
      <div className="callout sg-callout-ok" role="status">
        <p>
          <span className="sg-mark" aria-hidden="true">
            ✓
          </span>
          {t('doc.result.kept', { file: revision.fileName, revision: revision.revision, size: formatByteSize(revision.fileSize) })}
        </p>
        <p className="doc-note">{t('doc.result.signedBy', { name: revision.signer.name, when: dateTime(new Date(revision.signedAt)) })}</p>
        {sent ? null : <p>{t('doc.result.next', { ictOfficeShort: profile.terms.ictOfficeShort })}</p>}
      </div>

      {sent ? <SentNotice result={sent} /> : null}

      {isPdf ? (
        <section className="doc-verify" aria-label={t('sign.result.checkTitle')}>
          <h3>{t('sign.result.checkTitle')}</h3>
          {report ? <VerificationView report={report} fileName={revision.fileName} headingLevel={3} /> : null}
          {!report && !verification.error ? <p role="status">{t('sign.verify.checking')}</p> : null}
          {verification.error ? (
            <p className="callout callout-error" role="alert">
              {t('sign.verify.failed', { message: shownError(verification.error).message })}
            </p>
          ) : null}
        </section>
      ) : null}

      <div className="sg-dialog-actions doc-result-actions">
        <button type="button" className="button button-secondary" onClick={onClose} data-testid="sign-close">
          {t('sign.close')}
        </button>
        <DownloadCopyButton id={revision.id} testId="sign-download" label={t('doc.result.download', { size: formatByteSize(revision.fileSize) })} />
        {onCountersign && !sent ? (
          <button type="button" className="button button-secondary" onClick={onCountersign} data-testid="sign-add-another">
            {t('sign.result.addSignature', { agency: profile.terms.agency })}
          </button>
        ) : null}
        {sent ? null : (
          <SendDocumentButton target={{ id: revision.documentId, kind: revision.kind, title: revision.title, revision: revision.revision, fileName: revision.fileName }} onSent={setSent} />
        )}
      </div>
    </div>
  );
}
