import { useId, useRef, useState } from 'react';
import type { SignedFileResponse } from '@core/api/contract-signing';
import { maxPdfBytes } from '@core/domain/signing/limits';
import type { VerificationReport } from '@core/domain/signing/verification';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { FileInput } from '../../components/file-input';
import { useT } from '../../i18n/i18n-context';
import { shownError } from '../../lib/errors';
import { fileToBase64 } from '../../lib/files';
import { pdfFileAccept } from './file-types';
import { Modal } from '../../components/modal';
import { AddSignatureStep } from './sign-pdf';
import { SignedResult } from './signed-result';
import { VerificationView } from './verification-view';
import { canAddSignature, verdictOf } from './verdict';
import { formatByteSize } from '@core/domain/format/byte-size';

interface Checked {
  fileName: string;
  size: number;
  contentBase64: string;
  report: VerificationReport;
}

/**
 * "Periksa PDF": any PDF an officer opens — one Berkas made, or one another
 * agency sent — checked the way `berkas verify` checks it, and shown in plain
 * words (issue 4 item 5). From here a further signature can be added.
 */
export function VerifyPanel() {
  const t = useT();
  const { api, profile } = useWorkspace();
  const idBase = useId();
  const [checked, setChecked] = useState<Checked | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isAdding, setIsAdding] = useState(false);
  const [signed, setSigned] = useState<SignedFileResponse | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const attempt = useRef(0);

  const check = async (file: File | null | undefined) => {
    if (!file) return;
    const mine = ++attempt.current;
    setError(null);
    setChecked(null);
    if (file.size > maxPdfBytes) {
      setError(t('sign.verify.tooLarge', { file: file.name, size: formatByteSize(file.size), max: formatByteSize(maxPdfBytes) }));
      return;
    }
    setChecking(file.name);
    try {
      const contentBase64 = await fileToBase64(file);
      const report = await api.pdfVerify({ fileName: file.name, contentBase64 });
      if (mine !== attempt.current) return;
      setChecked({ fileName: file.name, size: file.size, contentBase64, report });
    } catch (err) {
      if (mine !== attempt.current) return;
      setError(shownError(err).message);
    } finally {
      if (mine === attempt.current) setChecking(null);
    }
  };

  const closeAdding = () => {
    setIsAdding(false);
    setSigned(null);
  };

  const verdict = checked ? verdictOf(checked.report) : null;

  return (
    <div className="sg-panel" data-testid="sign-verify-panel">
      <p className="lead">{t('sign.verify.lead')}</p>
      <div className="form-section sg-form sg-form-narrow">
        <FieldFrame id={`${idBase}-file`} label={t('sign.verify.file')} hint={t('sign.verify.fileHint', { max: formatByteSize(maxPdfBytes) })} error={error}>
          {(aria) => (
            <FileInput key={inputKey} id={`${idBase}-file`} name="verify-file" accept={pdfFileAccept} onChange={(picked) => void check(picked ?? undefined)} aria={aria} />
          )}
        </FieldFrame>
      </div>
      <div role="status" aria-live="polite" className="sg-live">
        {checking ? (
          <p className="sg-progress">
            <span className="sg-spinner" aria-hidden="true" />
            {t('sign.verify.checkingFile', { file: checking })}
          </p>
        ) : null}
      </div>
      {checked && verdict ? (
        <>
          <p className="sg-file-line" data-testid="sign-verify-file">
            {t('sign.verify.fileLine', { file: checked.fileName, size: formatByteSize(checked.size) })}
          </p>
          <VerificationView report={checked.report} fileName={checked.fileName} headingLevel={2} />
          <div className="form-actions">
            {canAddSignature(verdict) ? (
              <button type="button" className="button button-secondary" onClick={() => setIsAdding(true)} data-testid="sign-verify-add">
                {verdict.total > 0 ? t('sign.verify.addSignature', { agency: profile.terms.agency }) : t('sign.verify.signThis')}
              </button>
            ) : (
              <p className="sg-note">{t('sign.verify.noAddOnBroken')}</p>
            )}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setChecked(null);
                setInputKey((k) => k + 1);
              }}
            >
              {t('sign.verify.another')}
            </button>
          </div>
        </>
      ) : null}
      {isAdding && checked ? (
        <Modal title={signed ? t('sign.result.title') : t('sign.again.title')} onCancel={closeAdding} testId="sign-dialog" isWide>
          {signed ? (
            <SignedResult key={signed.fieldName} signed={signed} onClose={closeAdding} />
          ) : (
            <AddSignatureStep pdf={{ fileName: checked.fileName, contentBase64: checked.contentBase64, report: checked.report }} onSigned={setSigned} onCancel={closeAdding} />
          )}
        </Modal>
      ) : null}
    </div>
  );
}
