import { useCallback, useId, useMemo, useState } from 'react';
import type { SignedFileResponse } from '@core/api/contract-signing';
import type { VerificationReport } from '@core/domain/signing/verification';
import { checkNip } from '@core/domain/settings/nip';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { useI18n, useT } from '../../i18n/i18n-context';
import { preferredCertificate } from '../../lib/certificate-status';
import { shownError } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { Modal } from '../../components/modal';
import { AddSignatureStep } from './sign-pdf';
import { SignStep, previewSignerOf } from './sign-step';
import { SignedResult } from './signed-result';
import { useCertificates } from '../../lib/use-certificates';

type Stage = { kind: 'confirm' } | { kind: 'done'; signed: SignedFileResponse } | { kind: 'again'; signed: SignedFileResponse; report: VerificationReport };

/** Printed on the PDF when given: its nomor, and the kepala in the approval column. */
function DocumentDetails({
  nomor,
  approverName,
  approverNip,
  onChange,
  nipError,
}: {
  nomor: string;
  approverName: string;
  approverNip: string;
  onChange(field: 'nomor' | 'approverName' | 'approverNip', value: string): void;
  nipError: string | null;
}) {
  const t = useT();
  const { profile } = useWorkspace();
  const idBase = useId();
  return (
    <details className="sg-details">
      <summary>{t('sign.plan.details')}</summary>
      <div className="sg-details-grid">
        <FieldFrame id={`${idBase}-nomor`} label={t('sign.plan.nomor')} hint={t('sign.plan.nomor.hint')} isOptional>
          {(aria) => <input id={`${idBase}-nomor`} className="input" maxLength={100} value={nomor} onChange={(e) => onChange('nomor', e.target.value)} {...aria} />}
        </FieldFrame>
        <FieldFrame id={`${idBase}-approver`} label={t('sign.plan.approverName', { agency: profile.terms.agency })} hint={t('sign.plan.approverName.hint')} isOptional>
          {(aria) => (
            <input id={`${idBase}-approver`} className="input" maxLength={200} value={approverName} onChange={(e) => onChange('approverName', e.target.value)} {...aria} />
          )}
        </FieldFrame>
        <FieldFrame id={`${idBase}-approver-nip`} label={t('sign.plan.approverNip')} error={nipError} isOptional>
          {(aria) => (
            <input
              id={`${idBase}-approver-nip`}
              className="input"
              inputMode="numeric"
              maxLength={40}
              value={approverNip}
              onChange={(e) => onChange('approverNip', e.target.value)}
              {...aria}
            />
          )}
        </FieldFrame>
      </div>
    </details>
  );
}

function SignPlanDialog({ planId, onClose }: { planId: string; onClose(): void }) {
  const { t, rupiah } = useI18n();
  const { api } = useWorkspace();
  const { certs, error: certsError } = useCertificates();
  const now = useMemo(() => new Date(), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'confirm' });
  const [details, setDetails] = useState({ nomor: '', approverName: '', approverNip: '' });

  const list = useMemo(() => certs ?? [], [certs]);
  const certId = chosen ?? preferredCertificate(list, now)?.id ?? null;
  const cert = list.find((c) => c.id === certId) ?? null;

  // The plan's own findings: signing goes ahead, but not without saying so.
  // (A plan that cannot be read leaves the summary out; signing itself names the problem.)
  const planCall = useAsync(async () => {
    const doc = await api.rencanaAksiGet({ id: planId });
    return { title: doc.plan.title, year: doc.plan.year, stages: doc.analysis.stageCount, total: doc.analysis.totals.total, errors: doc.analysis.errorCount };
  }, [api, planId]);
  const plan = planCall.value ?? null;

  // What will be signed, rendered by the same service that signs (signPreview).
  const previewCall = useAsync(() => (certId ? api.signPreview({ planId, certificateId: certId }) : null), [api, planId, certId]);
  const preview = previewCall.value ?? null;
  const previewError = previewCall.error ? shownError(previewCall.error).message : null;
  const nip = details.approverNip.trim();
  const nipCheck = nip ? checkNip(nip, now) : null;
  const nipError = nipCheck && !nipCheck.isValid ? nipCheck.message : null;
  const problems = [...(preview?.problems ?? []), ...(previewError ? [previewError] : []), ...(nipError ? [t('sign.plan.approverNipInvalid', { message: nipError })] : [])];

  const sign = useCallback(
    (secrets: { password?: string; vaultPassphrase?: string }) => {
      const approver = details.approverName.trim() || nip ? { name: details.approverName.trim(), nip, jabatan: '' } : undefined;
      return api.pdfRencanaAksi({
        planId,
        certificateId: certId ?? '',
        ...secrets,
        ...(details.nomor.trim() ? { nomor: details.nomor.trim() } : {}),
        ...(approver ? { approver } : {}),
      });
    },
    [api, planId, certId, details, nip],
  );

  let title = t('sign.plan.title');
  if (stage.kind === 'done') title = t('sign.result.title');
  if (stage.kind === 'again') title = t('sign.again.title');

  return (
    <Modal title={title} onCancel={onClose} testId="sign-dialog" isWide>
      {certsError ? (
        <p className="callout callout-error" role="alert">
          {certsError}
        </p>
      ) : null}
      {!certs && !certsError ? <p role="status">{t('sign.step.preparing')}</p> : null}
      {certs && stage.kind === 'confirm' ? (
        <SignStep
          certs={list}
          certId={certId}
          onCertId={setChosen}
          now={now}
          isPreparing={!preview && !previewError}
          signer={previewSignerOf(cert, preview)}
          problems={problems}
          document={
            preview ? (
              <>
                <dl className="facts sg-facts sg-facts-narrow">
                  <div>
                    <dt>{t('sign.step.document')}</dt>
                    <dd data-testid="sign-document-title">{preview.documentTitle}</dd>
                  </div>
                  {plan ? (
                    <div>
                      <dt>{t('sign.plan.content')}</dt>
                      <dd data-testid="sign-plan-content">{t('sign.plan.contentValue', { title: plan.title, year: plan.year, stages: plan.stages, total: rupiah(plan.total) })}</dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>{t('sign.step.pages')}</dt>
                    <dd data-testid="sign-document-pages">{t('sign.step.pagesValue', { pages: preview.pages })}</dd>
                  </div>
                  <div>
                    <dt>{t('sign.step.documentId')}</dt>
                    <dd className="sg-break">
                      <code data-testid="sign-document-id">{preview.documentId}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('sign.step.how')}</dt>
                    <dd>{t('sign.plan.how')}</dd>
                  </div>
                </dl>
                {plan && plan.errors > 0 ? <p className="callout sg-callout-warn">{t('sign.plan.hasErrors', { count: plan.errors })}</p> : null}
              </>
            ) : (
              <p role="status">{previewError ? t('sign.plan.previewFailed') : t('sign.plan.rendering')}</p>
            )
          }
          extra={<DocumentDetails {...details} nipError={nipError} onChange={(field, value) => setDetails((d) => ({ ...d, [field]: value }))} />}
          sign={sign}
          onSigned={(signed) => setStage({ kind: 'done', signed })}
          onCancel={onClose}
        />
      ) : null}
      {stage.kind === 'done' ? (
        <SignedResult key={stage.signed.fieldName} signed={stage.signed} onAddSignature={(report) => setStage({ kind: 'again', signed: stage.signed, report })} onClose={onClose} />
      ) : null}
      {stage.kind === 'again' ? (
        <AddSignatureStep
          pdf={{ fileName: stage.signed.fileName, contentBase64: stage.signed.contentBase64, report: stage.report }}
          onSigned={(signed) => setStage({ kind: 'done', signed })}
          onCancel={() => setStage({ kind: 'done', signed: stage.signed })}
        />
      ) : null}
    </Modal>
  );
}

/**
 * "Tanda tangani PDF" for one stored plan: mounted in the plan view.
 * beforeOpen lets the editor save pending edits first, so what is signed is
 * what the officer sees; a refusal (false) keeps the dialog closed.
 */
export function SignPlanButton({ planId, beforeOpen, className }: { planId: string; beforeOpen?: () => Promise<boolean>; className?: string }) {
  const t = useT();
  const [isOpen, setIsOpen] = useState(false);
  const [isOpening, setIsOpening] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const open = async () => {
    setProblem(null);
    if (beforeOpen) {
      setIsOpening(true);
      const isSaved = await beforeOpen().catch(() => false);
      setIsOpening(false);
      if (!isSaved) {
        setProblem(t('sign.plan.saveFirst'));
        return;
      }
    }
    setIsOpen(true);
  };

  return (
    <>
      <button type="button" className={className ?? 'button sg-small button-primary'} onClick={() => void open()} disabled={isOpening || !planId} data-testid="sign-plan-open">
        {t('sign.plan.open')}
      </button>
      {problem ? (
        <span className="sg-inline-error" role="alert">
          {problem}
        </span>
      ) : null}
      {isOpen ? <SignPlanDialog planId={planId} onClose={() => setIsOpen(false)} /> : null}
    </>
  );
}
