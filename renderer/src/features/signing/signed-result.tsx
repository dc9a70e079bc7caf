import { useState } from 'react';
import type { SignedFileResponse } from '@core/api/contract-signing';
import type { VerificationReport } from '@core/domain/signing/verification';
import { useWorkspace } from '../../app-context';
import { useT } from '../../i18n/i18n-context';
import { base64ToBytes, base64Size, downloadBytes } from '../../lib/files';
import { shownError } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { VerificationView } from './verification-view';
import { canAddSignature, verdictOf } from './verdict';
import { formatByteSize } from '@core/domain/format/byte-size';

/**
 * After signing: the signed PDF offered as a download (nothing is written
 * anywhere until the officer takes it), and its signatures checked at once
 * by the same verifier any recipient's `berkas verify` runs. From here a
 * further signature can be added (the kepala approving).
 */
export function SignedResult({ signed, onAddSignature, onClose }: { signed: SignedFileResponse; onAddSignature?(report: VerificationReport): void; onClose(): void }) {
  const t = useT();
  const { api, profile } = useWorkspace();
  const [isDownloaded, setIsDownloaded] = useState(false);
  const [isClosing, setIsClosing] = useState(false);

  const verification = useAsync(() => api.pdfVerify({ fileName: signed.fileName, contentBase64: signed.contentBase64 }), [api, signed]);
  const report = verification.value ?? null;
  const verifyError = verification.error ? shownError(verification.error).message : null;

  const download = () => {
    downloadBytes(base64ToBytes(signed.contentBase64), signed.fileName, 'application/pdf');
    setIsDownloaded(true);
    setIsClosing(false);
  };

  const close = () => {
    if (!isDownloaded && !isClosing) {
      setIsClosing(true);
      return;
    }
    onClose();
  };

  const isAddAllowed = report !== null && canAddSignature(verdictOf(report));

  return (
    <div className="sg-step" data-testid="sign-result">
      <p className="callout sg-callout-ok" role="status">
        <span className="sg-mark" aria-hidden="true">
          ✓
        </span>
        {t('sign.result.signed', { file: signed.fileName, level: signed.level })}
      </p>
      <div className="sg-download">
        <button type="button" className="button button-primary" onClick={download} data-testid="sign-download">
          {t('sign.result.download', { size: formatByteSize(base64Size(signed.contentBase64)) })}
        </button>
        <span className="sg-note" role="status">
          {isDownloaded ? t('sign.result.downloaded', { file: signed.fileName }) : t('sign.result.notYetDownloaded')}
        </span>
      </div>

      <h3>{t('sign.result.checkTitle')}</h3>
      {report ? <VerificationView report={report} fileName={signed.fileName} headingLevel={3} /> : null}
      {!report && !verifyError ? <p role="status">{t('sign.verify.checking')}</p> : null}
      {verifyError ? (
        <p className="callout callout-error" role="alert">
          {t('sign.verify.failed', { message: verifyError })}
        </p>
      ) : null}

      {isClosing ? (
        <div className="callout callout-error" role="alert" data-testid="sign-close-warning">
          <p>{t('sign.result.closeWithoutDownload')}</p>
        </div>
      ) : null}

      <div className="sg-dialog-actions">
        {onAddSignature ? (
          <button type="button" className="button button-secondary" disabled={!isAddAllowed} onClick={() => report && onAddSignature(report)} data-testid="sign-add-another">
            {t('sign.result.addSignature', { agency: profile.terms.agency })}
          </button>
        ) : null}
        <button type="button" className={isClosing ? 'button sg-button-danger' : 'button button-secondary'} onClick={close} data-testid="sign-close">
          {isClosing ? t('sign.result.closeAnyway') : t('sign.close')}
        </button>
      </div>
    </div>
  );
}
