import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DocumentSignJob, DocumentSignResult } from '@core/api/contract-documents';
import type { DocumentKind, SignedRevisionView } from '@core/domain/documents/model';
import { useWorkspace } from '../../app-context';
import { Modal } from '../../components/modal';
import { ProgressBar } from '../../components/progress-bar';
import { useT } from '../../i18n/i18n-context';
import { preferredCertificate } from '../../lib/certificate-status';
import { messageOf, messageOfPayload, shownError } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { useCertificates } from '../../lib/use-certificates';
import { SignStep, previewSignerOf, type SignSecrets } from '../signing';
import { announceDocumentsChanged } from './documents-events';
import { kindText } from './lifecycle-text';
import { SignedDocumentResult } from './signed-result';
import { SignerDifferences } from './signer-differences';
import { ErrorCallout } from '../../components/error-callout';

/** What a kind adds to documentSign: the plan's nomor and approver, a package's acknowledged secrets. */
export interface SignExtras {
  nomor?: string;
  approver?: { name: string; nip: string; jabatan: string };
  isSecretsAcknowledged?: boolean;
}

export interface DocumentSignDialogProps {
  id: string;
  kind: DocumentKind;
  /** Shown until the preview names the document. */
  title: string;
  /** Further rows of "Yang ditandatangani" the kind knows (a report's period, a plan's totals). */
  facts?: ReactNode;
  /** Optional folded fields for the first signature (nomor, approver), and what they add to the request. */
  extra?: ReactNode;
  extras?: SignExtras;
  /** Something of the kind's own that stops signing (an invalid approver NIP). */
  problems?: string[];
  /** A revision was kept (signed, or a further signature added): the caller reads its document again. */
  onKept?(revision: SignedRevisionView): void;
  onClose(): void;
  testId?: string;
}

type Stage = { kind: 'confirm' } | { kind: 'job'; jobId: string } | { kind: 'done'; revision: SignedRevisionView };

const pollMs = 300;

/** A serah terima package being made: its phase and bar, until it is kept (or fails with its reason). */
function JobWait({ jobId, onDone, onFailed }: { jobId: string; onDone(revision: SignedRevisionView): void; onFailed(message: string): void }) {
  const t = useT();
  const { api } = useWorkspace();
  const [status, setStatus] = useState<DocumentSignJob | null>(null);
  useEffect(() => {
    let isAlive = true;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const s = await api.documentSignJob({ jobId });
        if (!isAlive) return;
        setStatus(s);
        if (s.done) {
          if (s.revision) onDone(s.revision);
          else onFailed(s.error ? messageOfPayload(s.error) : t('doc.sign.jobFailed'));
          return;
        }
      } catch (err) {
        if (isAlive) onFailed(messageOf(err));
        return;
      }
      timer = window.setTimeout(() => void poll(), pollMs);
    };
    void poll();
    return () => {
      isAlive = false;
      window.clearTimeout(timer);
    };
  }, [api, jobId, onDone, onFailed, t]);
  const percent = status && status.total > 0 ? Math.min(100, Math.round((status.bytes / status.total) * 100)) : null;
  return (
    <div className="sg-step" data-testid="doc-sign-job">
      <p role="status">{t('doc.sign.packaging')}</p>
      <ProgressBar id={`doc-job-${jobId}`} percent={percent} />
      {status?.current ? <p className="doc-note">{status.current}</p> : null}
    </div>
  );
}

/**
 * Signing any document of the journey (issue 13): documentSignPreview shows
 * what will be signed and by whom — and how the certificate holder differs
 * from the officer in Pengaturan, which must be confirmed — then
 * documentSign keeps the signed revision in the workspace. Nothing needs
 * downloading: the result offers "Kirim ke Diskominfo" at once.
 */
export function DocumentSignDialog({ id, kind, title, facts, extra, extras, problems: ownProblems, onKept, onClose, testId }: DocumentSignDialogProps) {
  const t = useT();
  const { api } = useWorkspace();
  const { certs, error: certsError } = useCertificates();
  const now = useMemo(() => new Date(), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'confirm' });
  const [isSignerConfirmed, setIsSignerConfirmed] = useState(false);
  const [jobError, setJobError] = useState<string | null>(null);

  const list = useMemo(() => certs ?? [], [certs]);
  const certId = chosen ?? preferredCertificate(list, now)?.id ?? null;
  const cert = list.find((c) => c.id === certId) ?? null;

  // Each confirm stage previews again (the deps change on the way back): after a first signature, the next is a further signature on the kept PDF.
  const previewCall = useAsync(() => (certId && stage.kind === 'confirm' ? api.documentSignPreview({ id, certificateId: certId }) : null), [api, id, certId, stage.kind]);
  const preview = previewCall.value ?? null;
  const previewError = previewCall.error ? shownError(previewCall.error).message : null;
  const differences = preview?.signerDifferences ?? [];
  const problems = [...(preview?.problems ?? []), ...(preview?.documentErrors ?? []), ...(previewError ? [previewError] : []), ...(ownProblems ?? [])];
  const isCountersign = preview?.isCountersign === true;
  // A further signature: who signed the PDF already, so the kepala sees what is being approved.
  const earlier = useAsync(() => (isCountersign ? api.documentGet({ id }) : null), [api, id, isCountersign]);
  const signedBy = isCountersign ? [...new Set((earlier.value?.revisions ?? []).map((r) => r.signer.name))] : [];

  const kept = useCallback(
    (revision: SignedRevisionView) => {
      announceDocumentsChanged();
      onKept?.(revision);
      setStage({ kind: 'done', revision });
    },
    [onKept],
  );
  const jobFailed = useCallback((message: string) => {
    setJobError(message);
    setStage({ kind: 'confirm' });
  }, []);

  const sign = useCallback(
    (secrets: SignSecrets) =>
      api.documentSign({
        id,
        certificateId: certId ?? '',
        ...secrets,
        ...(differences.length > 0 ? { isSignerConfirmed } : {}),
        // A further signature adds nothing but itself: the data stays exactly as signed before.
        ...(isCountersign ? {} : (extras ?? {})),
      }),
    [api, id, certId, differences.length, isSignerConfirmed, isCountersign, extras],
  );

  const signed = (result: DocumentSignResult) => {
    if (result.revision) kept(result.revision);
    else if (result.jobId) setStage({ kind: 'job', jobId: result.jobId });
  };

  let dialogTitle = isCountersign ? t('doc.sign.titleCountersign', { kind: kindText(t, kind) }) : t('doc.sign.title', { kind: kindText(t, kind) });
  if (stage.kind === 'job') dialogTitle = t('doc.sign.titlePackaging');
  if (stage.kind === 'done') dialogTitle = t('doc.sign.titleDone');

  return (
    <Modal title={dialogTitle} onCancel={onClose} testId={testId ?? 'doc-sign-dialog'} isWide>
      <ErrorCallout message={certsError} />
      {jobError && stage.kind === 'confirm' ? (
        <p className="callout callout-error" role="alert" data-testid="doc-sign-job-error">
          {jobError}
        </p>
      ) : null}
      {!certs && !certsError ? <p role="status">{t('sign.step.preparing')}</p> : null}
      {certs && stage.kind === 'confirm' ? (
        <SignStep<DocumentSignResult>
          certs={list}
          certId={certId}
          onCertId={(value) => {
            setChosen(value);
            setIsSignerConfirmed(false);
          }}
          now={now}
          isPreparing={!preview && !previewError}
          isHeldBack={differences.length > 0 && !isSignerConfirmed}
          isCancelWhileSigning={false}
          signer={previewSignerOf(cert, preview)}
          problems={problems}
          document={
            <dl className="facts sg-facts sg-facts-narrow">
              <div>
                <dt>{t('sign.step.document')}</dt>
                {/* The title as the signed document will carry it, once the preview has rendered it. */}
                <dd data-testid={preview ? 'sign-document-title' : undefined}>{preview?.documentTitle ?? title}</dd>
              </div>
              <div>
                <dt>{t('doc.sign.kind')}</dt>
                <dd>{kindText(t, kind)}</dd>
              </div>
              {preview ? (
                <div>
                  <dt>{t('doc.sign.revision')}</dt>
                  <dd data-testid="sign-revision">{isCountersign ? t('doc.sign.revisionCountersign', { revision: preview.revision }) : t('doc.sign.revisionValue', { revision: preview.revision })}</dd>
                </div>
              ) : null}
              {facts}
              {signedBy.length > 0 ? (
                <div>
                  <dt>{t('doc.sign.signedBy')}</dt>
                  <dd data-testid="sign-signed-by">{signedBy.join(', ')}</dd>
                </div>
              ) : null}
              {preview && preview.pages > 0 ? (
                <div>
                  <dt>{t('sign.step.pages')}</dt>
                  <dd data-testid="sign-document-pages">{t('sign.step.pagesValue', { pages: preview.pages })}</dd>
                </div>
              ) : null}
              {preview ? (
                <div>
                  <dt>{t('sign.step.documentId')}</dt>
                  <dd className="sg-break">
                    <code data-testid="sign-document-id">{preview.documentId}</code>
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>{t('sign.step.how')}</dt>
                <dd>{t('doc.sign.how')}</dd>
              </div>
            </dl>
          }
          extra={isCountersign ? null : extra}
          signerNote={<SignerDifferences differences={differences} isConfirmed={isSignerConfirmed} onConfirm={setIsSignerConfirmed} />}
          sign={sign}
          onSigned={signed}
          onCancel={onClose}
        />
      ) : null}
      {stage.kind === 'job' ? <JobWait jobId={stage.jobId} onDone={kept} onFailed={jobFailed} /> : null}
      {stage.kind === 'done' ? (
        <SignedDocumentResult
          revision={stage.revision}
          onCountersign={
            kind === 'serah-terima'
              ? undefined
              : () => {
                  setIsSignerConfirmed(false);
                  setStage({ kind: 'confirm' });
                }
          }
          onClose={onClose}
        />
      ) : null}
    </Modal>
  );
}
