import { useMemo, useState } from 'react';
import type { SignedFileResponse } from '@core/api/contract-signing';
import type { VerificationReport } from '@core/domain/signing/verification';
import { useWorkspace } from '../../app-context';
import { useT } from '../../i18n/i18n-context';
import { preferredCertificate, signingProblems } from '../../lib/certificate-status';
import { base64Size } from '../../lib/files';
import { SignStep, signerOf } from './sign-step';
import { useCertificates } from '../../lib/use-certificates';
import { formatByteSize } from '@core/domain/format/byte-size';

export interface PdfToSign {
  fileName: string;
  contentBase64: string;
  /** Its signatures as verified just before: the confirmation lists who signed already. */
  report: VerificationReport;
}

/**
 * A further signature on a PDF (pdfSign): the kepala approving a plan the
 * officer signed, as an incremental update that leaves the earlier
 * signatures valid. The same confirmation as the first signature; the
 * signer's facts come from the stored certificate, the problems from the
 * same rule the service applies.
 */
export function AddSignatureStep({ pdf, onSigned, onCancel }: { pdf: PdfToSign; onSigned(result: SignedFileResponse): void; onCancel(): void }) {
  const t = useT();
  const { api } = useWorkspace();
  const { certs, error } = useCertificates();
  const [chosen, setChosen] = useState<string | null>(null);
  const now = useMemo(() => new Date(), []);

  const list = certs ?? [];
  const certId = chosen ?? preferredCertificate(list, now)?.id ?? null;
  const cert = list.find((c) => c.id === certId) ?? null;
  const problems = cert ? signingProblems(cert, now) : [];
  const signers = pdf.report.signatures.map((s) => s.signer || t('sign.verify.signerUnreadable'));

  if (error) {
    return (
      <p className="callout callout-error" role="alert">
        {error}
      </p>
    );
  }
  if (!certs) return <p role="status">{t('sign.step.preparing')}</p>;

  return (
    <SignStep
      certs={list}
      certId={certId}
      onCertId={setChosen}
      now={now}
      isPreparing={false}
      signer={cert ? signerOf(cert) : null}
      problems={problems}
      document={
        <dl className="facts sg-facts sg-facts-narrow">
          <div>
            <dt>{t('sign.step.file')}</dt>
            <dd className="sg-break" data-testid="sign-document-title">
              {pdf.fileName}
            </dd>
          </div>
          <div>
            <dt>{t('sign.step.size')}</dt>
            <dd>{formatByteSize(base64Size(pdf.contentBase64))}</dd>
          </div>
          <div>
            <dt>{t('sign.step.existing')}</dt>
            <dd>{signers.length > 0 ? signers.join(', ') : t('sign.step.existingNone')}</dd>
          </div>
          <div>
            <dt>{t('sign.step.how')}</dt>
            <dd>{t('sign.step.incremental')}</dd>
          </div>
        </dl>
      }
      sign={(secrets) => api.pdfSign({ fileName: pdf.fileName, contentBase64: pdf.contentBase64, certificateId: certId ?? '', ...secrets })}
      onSigned={onSigned}
      onCancel={onCancel}
    />
  );
}
