import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { CertificateDetails } from '@core/domain/signing/certificate';
import { maxP12Bytes } from '@core/domain/signing/limits';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { FileInput } from '../../components/file-input';
import { useT } from '../../i18n/i18n-context';
import { ValidityText } from '../../components/certificate-facts';
import { groupedFingerprint } from '../../lib/certificate-status';
import { shownError } from '../../lib/errors';
import { fileToBase64, hasExtension } from '../../lib/files';
import { trustRootFileAccept } from './file-types';
import { formatByteSize } from '@core/domain/format/byte-size';
import { TableFrame } from '../../components/table-frame';
import { ErrorCallout } from '../../components/error-callout';

/**
 * The root certificates signatures are checked up to (issue 4 item 5): the
 * BSrE roots, handed out by the ICT office. A signature whose chain ends
 * elsewhere shows as "tidak tepercaya", however intact its content.
 */
export function TrustRootsPanel() {
  const t = useT();
  const { api, profile } = useWorkspace();
  const idBase = useId();
  const now = useMemo(() => new Date(), []);
  const [roots, setRoots] = useState<{ fileName: string; certificate: CertificateDetails }[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [fileError, setFileError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const reload = useCallback(async () => {
    try {
      setRoots(await api.trustRootList({}));
      setLoadError(null);
    } catch (err) {
      setLoadError(shownError(err).message);
    }
  }, [api]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (isBusy) return;
    setMessage(null);
    let problem: string | null = null;
    if (!file) problem = t('sign.trust.fileRequired');
    else if (!hasExtension(file.name, trustRootFileAccept)) problem = t('sign.trust.wrongType', { file: file.name });
    else if (file.size > maxP12Bytes) problem = t('sign.import.tooLarge', { file: file.name, size: formatByteSize(file.size) });
    setFileError(problem);
    if (problem || !file) {
      inputRef.current?.focus();
      return;
    }
    setIsBusy(true);
    try {
      const added = await api.trustRootImport({ fileName: file.name, contentBase64: await fileToBase64(file) });
      setMessage(t('sign.trust.done', { names: added.map((c) => c.commonName).join(', '), file: file.name }));
      setFile(null);
      setFileKey((k) => k + 1);
      await reload();
    } catch (err) {
      setFileError(shownError(err).message);
      inputRef.current?.focus();
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div className="sg-panel" data-testid="sign-trust-panel">
      <p className="lead">{t('sign.trust.lead', { ictOffice: profile.terms.ictOffice })}</p>
      <ErrorCallout message={loadError} />
      <h2 className="sg-h2">{t('sign.trust.listTitle', { count: roots?.length ?? 0 })}</h2>
      {roots && roots.length === 0 ? <p className="empty-state">{t('sign.trust.empty')}</p> : null}
      {roots && roots.length > 0 ? (
        <TableFrame label={t('sign.trust.caption')}>
          <table className="data-table sg-table" data-testid="sign-trust-list">
            <caption className="visually-hidden">{t('sign.trust.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sign.trust.col.name')}</th>
                <th scope="col">{t('sign.trust.col.validity')}</th>
                <th scope="col">{t('sign.trust.col.fingerprint')}</th>
              </tr>
            </thead>
            <tbody>
              {roots.map((r) => (
                <tr key={`${r.fileName}-${r.certificate.fingerprintSha256}`}>
                  <th scope="row">
                    <span className="item-label">{r.certificate.commonName}</span>
                    <span className="item-description">{t('sign.trust.fromFile', { file: r.fileName })}</span>
                    {r.certificate.organization ? <span className="item-description">{r.certificate.organization}</span> : null}
                  </th>
                  <td>
                    <ValidityText cert={r.certificate} now={now} />
                  </td>
                  <td className="sg-break">
                    <code className="sg-fingerprint">{groupedFingerprint(r.certificate.fingerprintSha256)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      ) : null}

      <form className="form-section sg-form sg-form-narrow" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${idBase}-title`} data-testid="sign-trust-form">
        <h3 id={`${idBase}-title`}>{t('sign.trust.addTitle')}</h3>
        <p className="sg-note">{t('sign.trust.addLead')}</p>
        <FieldFrame id={`${idBase}-file`} label={t('sign.trust.file')} hint={t('sign.trust.fileHint')} error={fileError}>
          {(aria) => (
            <FileInput
              key={fileKey}
              ref={inputRef}
              id={`${idBase}-file`}
              name="trust-root-file"
              accept={trustRootFileAccept}
              onChange={(picked) => {
                setFile(picked);
                setFileError(null);
              }}
              aria={aria}
            />
          )}
        </FieldFrame>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={isBusy} aria-busy={isBusy} data-testid="sign-trust-submit">
            {t('sign.trust.submit')}
          </button>
          <p className="save-status" role="status" aria-live="polite">
            {message}
          </p>
        </div>
      </form>
    </div>
  );
}
