import { useRef, useState } from 'react';
import type { DocumentSendResult } from '@core/api/contract-documents';
import type { DocumentKind } from '@core/domain/documents/model';
import { useWorkspace } from '../../app-context';
import { ModalDialog } from '../../components/modal-dialog';
import { useT } from '../../i18n/i18n-context';
import { messageOf } from '../../lib/errors';
import { hrefOf } from '../../lib/routes';
import { useAsync } from '../../lib/use-async';
import { outboxChangedEvent } from '../outbox';
import { announceDocumentsChanged } from './documents-events';
import { kindText } from './lifecycle-text';

/** What is about to be sent: the newest signed revision of one document. */
export interface SendTarget {
  id: string;
  kind: DocumentKind;
  title: string;
  revision: number;
  /** The signed file's name when known ("laporan-….pdf", "serah-terima-….zip"). */
  fileName?: string;
}

/**
 * The confirmation before a document goes to Diskominfo (Jambi Pasal 7
 * ayat (7) huruf c): what is sent — the kept signed file and the data.json
 * signed with it — and to whom, read from the device's enrolment. Not
 * enrolled: it says the package waits in Kotak Keluar and how to enrol.
 */
function SendConfirm({ target, onCancel, onSent }: { target: SendTarget; onCancel(): void; onSent(result: DocumentSendResult): void }) {
  const t = useT();
  const { api, profile } = useWorkspace();
  const ict = { ictOfficeShort: profile.terms.ictOfficeShort };
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [isSending, setIsSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = useAsync(() => api.outboxStatus({}), [api]);
  const enrollment = status.value?.enrollment ?? null;
  const isEnrolled = enrollment !== null && enrollment.revokedAt === null;

  const send = async () => {
    setIsSending(true);
    setError(null);
    try {
      const result = await api.documentSend({ id: target.id });
      announceDocumentsChanged();
      // The header's "oldest unsent" and the outbox screen read the queue again.
      window.dispatchEvent(new Event(outboxChangedEvent));
      onSent(result);
    } catch (err) {
      setError(messageOf(err));
      setIsSending(false);
    }
  };

  return (
    <ModalDialog
      title={t('doc.send.confirmTitle', ict)}
      onCancel={onCancel}
      initialFocus={cancelRef}
      actions={
        <>
          <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel} disabled={isSending}>
            {t('sign.cancel')}
          </button>
          <button type="button" className="button button-primary" onClick={() => void send()} disabled={isSending || status.status === 'pending'} data-testid="doc-send-confirm">
            {isEnrolled ? t('doc.send.confirm') : t('doc.send.confirmQueue')}
          </button>
        </>
      }
    >
      <div data-testid="doc-send-dialog">
        <dl className="facts doc-facts">
          <div>
            <dt>{t('doc.send.what')}</dt>
            <dd data-testid="doc-send-what">
              {t('doc.send.whatValue', { kind: kindText(t, target.kind), title: target.title, revision: target.revision })}
              <span className="doc-note">{target.fileName ? t('doc.send.files', { file: target.fileName }) : t('doc.send.filesUnnamed')}</span>
            </dd>
          </div>
          <div>
            <dt>{t('doc.send.to')}</dt>
            <dd data-testid="doc-send-to">
              {status.status === 'pending' && !status.value ? t('doc.send.reading') : null}
              {isEnrolled && enrollment ? t('doc.send.toValue', { ...ict, name: enrollment.opdName, code: enrollment.opdCode, server: enrollment.serverUrl }) : null}
              {status.value && !isEnrolled ? t(enrollment ? 'doc.send.revoked' : 'doc.send.notEnrolled', ict) : null}
              {status.error ? t('doc.send.statusFailed', { message: messageOf(status.error) }) : null}
            </dd>
          </div>
        </dl>
        {error ? (
          <p className="callout callout-error" role="alert" data-testid="doc-send-error">
            {error}
          </p>
        ) : null}
        {isSending ? <p role="status">{t('doc.send.sending')}</p> : null}
      </div>
    </ModalDialog>
  );
}

/** Where it went: the service's sentence when enrolled, otherwise how to enrol, and a way to Kotak Keluar. */
export function SentNotice({ result }: { result: DocumentSendResult }) {
  const t = useT();
  const { profile } = useWorkspace();
  const ict = { ictOfficeShort: profile.terms.ictOfficeShort };
  return (
    <div className={result.destination ? 'callout sg-callout-ok' : 'callout callout-info'} role="status" data-testid="doc-sent">
      <p>{result.destination ? result.message : t('doc.sent.waiting', { ...ict, title: result.document.title })}</p>
      <p>
        <a href={hrefOf('kotak-keluar')}>{result.destination ? t('doc.sent.toOutbox') : t('doc.sent.toEnroll')}</a>
      </p>
    </div>
  );
}

/** "Kirim ke Diskominfo" with its confirmation; the result is handed up (shown by SentNotice). */
export function SendDocumentButton({ target, onSent, className, label }: { target: SendTarget; onSent(result: DocumentSendResult): void; className?: string; label?: string }) {
  const t = useT();
  const { profile } = useWorkspace();
  const ict = { ictOfficeShort: profile.terms.ictOfficeShort };
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" className={className ?? 'button button-primary'} onClick={() => setIsOpen(true)} data-testid="doc-send">
        {label ?? t('doc.send.open', ict)}
      </button>
      {isOpen ? (
        <SendConfirm
          target={target}
          onCancel={() => setIsOpen(false)}
          onSent={(result) => {
            setIsOpen(false);
            onSent(result);
          }}
        />
      ) : null}
    </>
  );
}
