import { useCallback, useMemo, useState } from 'react';
import type { ReportPdfResponse } from '@core/api/contract-reports';
import type { ReportView } from '@core/domain/reports';
import { useWorkspace } from '../../app-context';
import { useT } from '../../i18n/i18n-context';
import { preferredCertificate } from '../../lib/certificate-status';
import { shownError } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { downloadBytes } from '../../lib/files';
import { Modal } from '../../components/modal';
import { SignStep, SignedResult, previewSignerOf } from '../signing';
import { useCertificates } from '../../lib/use-certificates';

/**
 * Signing a report with the signing screens' confirmation (SignStep): what
 * will be signed (the report, its period, its pages) and by whom, problems
 * that stop it (the certificate's, and every report field still wrong),
 * then the signed PDF and its data.json to download.
 */
function SignReportDialog({ report, onClose, onSigned }: { report: ReportView; onClose(): void; onSigned(view: ReportView): void }) {
  const t = useT();
  const { api } = useWorkspace();
  const { certs, error: certsError } = useCertificates();
  const now = useMemo(() => new Date(), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const [signed, setSigned] = useState<ReportPdfResponse | null>(null);

  const list = useMemo(() => certs ?? [], [certs]);
  const certId = chosen ?? preferredCertificate(list, now)?.id ?? null;
  const cert = list.find((c) => c.id === certId) ?? null;

  // The whole report is a dep: a new revision saved meanwhile is previewed again.
  const previewCall = useAsync(() => (certId ? api.reportSignPreview({ id: report.id, certificateId: certId }) : null), [api, report, certId]);
  const preview = previewCall.value ?? null;
  const previewError = previewCall.error ? shownError(previewCall.error).message : null;
  const problems = [...(preview?.problems ?? []), ...(preview?.reportErrors ?? []), ...(previewError ? [previewError] : [])];

  const sign = useCallback(
    (secrets: { password?: string; vaultPassphrase?: string }) => api.reportPdf({ id: report.id, certificateId: certId ?? '', ...secrets }),
    [api, report.id, certId],
  );

  return (
    <Modal title={signed ? t('sign.result.title') : t('lap.sign.title')} onCancel={onClose} testId="report-sign-dialog" isWide>
      {certsError ? (
        <p className="callout callout-error" role="alert">
          {certsError}
        </p>
      ) : null}
      {!certs && !certsError ? <p role="status">{t('sign.step.preparing')}</p> : null}
      {certs && !signed ? (
        <SignStep
          certs={list}
          certId={certId}
          onCertId={setChosen}
          now={now}
          isPreparing={!preview && !previewError}
          signer={previewSignerOf(cert, preview)}
          problems={problems}
          document={
            <dl className="facts sg-facts sg-facts-narrow">
              <div>
                <dt>{t('sign.step.document')}</dt>
                <dd data-testid="sign-document-title">{preview?.documentTitle ?? report.title}</dd>
              </div>
              <div>
                <dt>{t('lap.sign.period')}</dt>
                <dd>{report.period.label}</dd>
              </div>
              {preview && preview.pages > 0 ? (
                <div>
                  <dt>{t('sign.step.pages')}</dt>
                  <dd>{t('sign.step.pagesValue', { pages: preview.pages })}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t('sign.step.documentId')}</dt>
                <dd className="sg-break">
                  <code>{report.id}</code>
                </dd>
              </div>
              <div>
                <dt>{t('sign.step.how')}</dt>
                <dd>{t('lap.sign.how')}</dd>
              </div>
            </dl>
          }
          sign={sign}
          onSigned={(result) => {
            // What sign() returned: the report's PDF response, which carries the data JSON and the updated report.
            const response = result as ReportPdfResponse;
            setSigned(response);
            onSigned(response.report);
          }}
          onCancel={onClose}
        />
      ) : null}
      {signed ? (
        <>
          <div className="lap-data-download">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => downloadBytes(new Uint8Array(new TextEncoder().encode(signed.dataJson)), signed.dataFileName, 'application/json')}
              data-testid="report-data-download"
            >
              {t('lap.sign.downloadData', { file: signed.dataFileName })}
            </button>
          </div>
          <SignedResult signed={signed} onClose={onClose} />
        </>
      ) : null}
    </Modal>
  );
}

/** "Tanda tangani" for the open report; the editor saves pending changes first. */
export function SignReportButton({ report, beforeOpen, onSigned }: { report: ReportView; beforeOpen(): Promise<ReportView | null>; onSigned(view: ReportView): void }) {
  const t = useT();
  const [open, setOpen] = useState<ReportView | null>(null);
  const [isOpening, setIsOpening] = useState(false);
  const start = async () => {
    setIsOpening(true);
    const saved = await beforeOpen().catch(() => null);
    setIsOpening(false);
    if (saved) setOpen(saved);
  };
  return (
    <>
      <button type="button" className="button button-primary" onClick={() => void start()} disabled={isOpening} data-testid="report-sign-open">
        {t('lap.sign.open')}
      </button>
      {open ? <SignReportDialog report={open} onClose={() => setOpen(null)} onSigned={onSigned} /> : null}
      {report.status === 'ditandatangani' ? <span className="lap-signed-note">{t('lap.sign.alreadySigned')}</span> : null}
    </>
  );
}
