import { useId, useMemo, useRef, useState } from 'react';
import type { BagVerification } from '@core/domain/handover/packaging';
import type { HandoverPackageResult, HandoverView } from '@core/domain/handover/views';
import type { RegionProfile } from '@core/domain/profiles/profile';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { useI18n } from '../../i18n/i18n-context';
import { CertificatePicker } from '../../components/certificate-picker';
import { preferredCertificate } from '../../lib/certificate-status';
import { signingHref, writeSigningTab } from '../signing';
import { useCertificates } from '../../lib/use-certificates';
import { messageOf } from '../../lib/errors';
import { basisSentences, formatCount, pathProblem, secretsOf, shortSha256, suggestOutPath, titleOf, validityPattern } from './model';
import { PackageDialog, type PackageChoice } from './package-dialog';
import { SecretsWarning } from './secrets-warning';
import { VerificationView } from './verification-view';
import { PathInput } from '../../components/path-picker';
import { formatByteSize } from '@core/domain/format/byte-size';
import { TableFrame } from '../../components/table-frame';
import { TechnicalDetails } from '../../components/technical-details';
import { SignPackageButton } from '../documents';
import { ErrorCallout } from '../../components/error-callout';

const zipExtensions = ['.zip'];

interface Checked {
  path: string;
  report: BagVerification | null;
  error: string | null;
  isBusy: boolean;
}

/**
 * Signing the berita acara and packaging the bundle (issue 5 items 3–5):
 * refused, with the reason beside the button, while a required item is
 * missing (Banjarmasin Pasal 12 ayat (6): not valid without them), while the
 * record has problems or unsaved changes, or while suspected secrets are not
 * acknowledged. Then certificate and output path, a confirmation, the run,
 * and the finished package read back.
 */
export function PackagePanel({ view, profile, isFormDirty, isFresh = false, onView }: { view: HandoverView; profile: RegionProfile; isFormDirty: boolean; isFresh?: boolean; onView(view: HandoverView): void }) {
  const { t, date } = useI18n();
  const { api } = useWorkspace();
  const idBase = useId();
  const { certs, error: certsError } = useCertificates();
  const [certId, setCertId] = useState<string | null>(null);
  const [typedOut, setTypedOut] = useState<string | null>(null);
  const [nomor, setNomor] = useState('');
  const [isAcknowledged, setIsAcknowledged] = useState(false);
  const [certError, setCertError] = useState<string | null>(null);
  const [outError, setOutError] = useState<string | null>(null);
  const [choice, setChoice] = useState<PackageChoice | null>(null);
  const [result, setResult] = useState<HandoverPackageResult | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const { bundle, completeness } = view;
  const now = useMemo(() => new Date(), []);
  const suggestion = useMemo(() => suggestOutPath(bundle, now), [bundle, now]);
  const outPath = typedOut ?? suggestion;
  const chosen = certs?.find((c) => c.id === certId) ?? (certs ? preferredCertificate(certs, now) : null);
  const labelOf = (key: string) => completeness.items.find((i) => i.key === key)?.label ?? key;
  const secrets = secretsOf(bundle, labelOf);

  const blockers: string[] = [];
  if (!completeness.isComplete) blockers.push(t('handover.block.incomplete', { count: formatCount(completeness.missing.length), list: completeness.missing.map((m) => `${m.label} (${m.article})`).join(', ') }));
  // A fresh draft's record is simply not filled in yet: said once, not as a list of "wajib diisi".
  if (completeness.problems.length > 0) blockers.push(isFresh ? t('handover.block.recordEmpty') : t('handover.block.record', { list: completeness.problems.map((p) => p.message).join('; ') }));
  if (isFormDirty) blockers.push(t('handover.block.unsaved'));
  if (secrets.length > 0 && !isAcknowledged) blockers.push(t('handover.block.secrets'));
  const validity = completeness.isComplete ? [] : basisSentences(profile.handover.basis, validityPattern);
  const isBlocked = blockers.length > 0;

  const verify = async (path: string) => {
    setChecked({ path, report: null, error: null, isBusy: true });
    try {
      const report = await api.handoverVerify({ path });
      setChecked({ path, report, error: null, isBusy: false });
    } catch (err) {
      setChecked({ path, report: null, error: messageOf(err), isBusy: false });
    }
  };

  const open = () => {
    let isOk = true;
    if (!chosen) {
      setCertError(t('handover.package.certRequired'));
      isOk = false;
    }
    const problem = pathProblem(outPath, { isZip: true });
    if (problem) {
      setOutError(t(problem === 'notZip' ? 'handover.path.notZip' : problem === 'empty' ? 'handover.path.outEmpty' : problem === 'relative' ? 'handover.path.relative' : 'handover.path.tooLong'));
      isOk = false;
    }
    if (!isOk || !chosen) {
      window.setTimeout(() => document.querySelector<HTMLElement>('.ho-package [aria-invalid="true"], .ho-package input[type="radio"]')?.focus(), 0);
      return;
    }
    setChoice({ cert: chosen, outPath: outPath.trim(), nomor, isSecretsAcknowledged: secrets.length > 0 && isAcknowledged, secrets: secrets.length });
  };

  const done = async (finished: HandoverPackageResult) => {
    setChoice(null);
    setResult(finished);
    setTypedOut(null);
    window.setTimeout(() => resultRef.current?.focus(), 0);
    try {
      onView(await api.handoverGet({ id: bundle.id }));
    } catch {
      // The package is written and verified; the list of packages shows it after the next load.
    }
    // Read back once more, as anyone receiving it would (handoverVerify), not only the run's own check.
    await verify(finished.path);
  };

  const packages = [...bundle.packages].reverse();
  const outId = `${idBase}-out`;
  const nomorId = `${idBase}-nomor`;
  const ackId = `${idBase}-ack`;

  return (
    <section className="ho-section ho-package form-section" aria-labelledby="ho-package-title" data-testid="handover-package">
      <h2 id="ho-package-title" className="ho-section-title">
        {t('handover.package.title')}
      </h2>
      <p className="field-hint ho-section-lead">{t('handover.package.lead', { ictOffice: profile.terms.ictOffice })}</p>

      {secrets.length > 0 ? (
        <SecretsWarning secrets={secrets} title={t('handover.package.secretsTitle', { count: formatCount(secrets.length) })}>
          <label className="ho-ack" htmlFor={ackId}>
            <input id={ackId} type="checkbox" checked={isAcknowledged} onChange={(e) => setIsAcknowledged(e.target.checked)} data-testid="handover-secrets-ack" />
            <span>{t('handover.package.secretsAck')}</span>
          </label>
        </SecretsWarning>
      ) : null}

      {certsError ? (
        <p className="callout callout-error" role="alert">
          {certsError}
        </p>
      ) : certs === null ? (
        <p role="status">{t('handover.package.certsLoading')}</p>
      ) : certs.length === 0 ? (
        <div className="callout callout-info" data-testid="handover-no-certificate">
          <p>{t('handover.package.noCertificate')}</p>
          <a className="button button-secondary" href={signingHref} onClick={() => writeSigningTab('certificates')}>
            {t('handover.package.toCertificates')}
          </a>
        </div>
      ) : (
        <div className="ho-cert-choice">
          <CertificatePicker certs={certs} value={chosen?.id ?? null} onChange={(id) => {
              setCertId(id);
              setCertError(null);
            }} now={now} name={`${idBase}-cert`} />
          {certError ? <p className="field-error">{certError}</p> : null}
        </div>
      )}

      <div className="form-grid">
        <FieldFrame id={outId} label={t('handover.package.out')} hint={t('handover.package.outHint')} error={outError}>
          {(aria) => (
            <PathInput
              id={outId}
              name="outPath"
              mode="save"
              title={t('handover.package.pick')}
              extensions={zipExtensions}
              value={outPath}
              onChange={(next) => {
                setTypedOut(next);
                setOutError(null);
              }}
              aria={aria}
            />
          )}
        </FieldFrame>
        <FieldFrame id={nomorId} label={t('handover.package.nomor')} hint={t('handover.package.nomorHint')} isOptional>
          {(aria) => <input id={nomorId} name="nomor" className="input" type="text" maxLength={200} autoComplete="off" value={nomor} onChange={(e) => setNomor(e.target.value)} {...aria} />}
        </FieldFrame>
      </div>

      {isBlocked ? (
        <div className={isFresh ? 'callout callout-info' : 'callout callout-error'} id={`${idBase}-blocked`} data-testid="handover-package-blocked">
          <p className="ho-callout-title">{t('handover.block.title')}</p>
          <ul className="ho-plain-list">
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
          {validity.map((s) => (
            <p key={s} className="ho-basis-quote">
              {s}
            </p>
          ))}
        </div>
      ) : null}

      <div className="form-actions">
        {/* The package kept in Berkas, to send from there: no path to choose. Writing it to a folder stays the other button. */}
        <SignPackageButton
          bundleId={bundle.id}
          title={titleOf(bundle.application) ?? t('handover.untitled')}
          nomor={nomor}
          isSecretsAcknowledged={secrets.length > 0 && isAcknowledged}
          isBlocked={isBlocked}
          {...(isBlocked ? { describedBy: `${idBase}-blocked` } : {})}
          onKept={() => void api.handoverGet({ id: bundle.id }).then(onView, () => undefined)}
        />
        <button
          type="button"
          className="button button-secondary"
          disabled={isBlocked || certs === null || certs.length === 0}
          aria-describedby={isBlocked ? `${idBase}-blocked` : undefined}
          onClick={open}
          data-testid="handover-package-open"
        >
          {t('handover.package.open')}
        </button>
      </div>

      {result ? (
        <div className="ho-result" ref={resultRef} tabIndex={-1} data-testid="handover-result" aria-labelledby={`${idBase}-result`}>
          <h3 id={`${idBase}-result`} className="ho-result-title">
            <span aria-hidden="true">✓ </span>
            {t('handover.result.title')}
          </h3>
          <dl className="facts ho-facts">
            <div>
              <dt>{t('handover.result.path')}</dt>
              <dd>
                <code data-testid="handover-result-path">{result.path}</code>
              </dd>
            </div>
            <div>
              <dt>{t('handover.result.size')}</dt>
              <dd>{t('handover.result.sizeValue', { size: formatByteSize(result.size), files: formatCount(result.files), payload: formatByteSize(result.bytes) })}</dd>
            </div>
          </dl>
          {/* The package's hash and BagIt's Payload-Oxum are for whoever checks it against what Diskominfo received. */}
          <TechnicalDetails testId="handover-result-technical">
            <dl className="facts ho-facts">
              <div>
                <dt>{t('handover.files.sha256')}</dt>
                <dd>
                  <code className="sg-break" data-testid="handover-result-sha256">
                    {result.sha256}
                  </code>
                </dd>
              </div>
              <div>
                <dt>{t('handover.result.oxum')}</dt>
                <dd>
                  <code>{result.payloadOxum}</code>
                </dd>
              </div>
            </dl>
          </TechnicalDetails>
        </div>
      ) : null}

      {checked ? (
        <div className="ho-checked" aria-live="polite">
          {checked.isBusy ? <p role="status">{t('handover.verify.running', { path: checked.path })}</p> : null}
          <ErrorCallout message={checked.error} />
          {checked.report ? <VerificationView report={checked.report} /> : null}
        </div>
      ) : null}

      {packages.length > 0 ? (
        <TableFrame label={t('handover.packages.caption', { count: formatCount(packages.length) })}>
          <table className="ho-packages" data-testid="handover-packages">
            <caption>{t('handover.packages.caption', { count: formatCount(packages.length) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('handover.packages.date')}</th>
                <th scope="col">{t('handover.result.path')}</th>
                <th scope="col" className="ho-num">
                  {t('handover.files.size')}
                </th>
                <th scope="col">{t('handover.files.sha256')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('handover.packages.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {packages.map((p) => (
                <tr key={p.sha256}>
                  <td className="col-nowrap">{date(new Date(p.createdAt))}</td>
                  <td className="ho-path-cell">{p.path}</td>
                  <td className="ho-num col-nowrap">{formatByteSize(p.size)}</td>
                  <td className="col-nowrap">
                    <code title={p.sha256}>{shortSha256(p.sha256)}</code>
                  </td>
                  <td>
                    <button type="button" className="button button-secondary ho-small-button" disabled={checked?.isBusy === true} onClick={() => void verify(p.path)} aria-label={t('handover.packages.verifyOne', { path: p.path })}>
                      {t('handover.packages.verify')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      ) : null}

      {choice ? <PackageDialog view={view} profile={profile} choice={choice} onClose={() => setChoice(null)} onDone={(r) => void done(r)} /> : null}
    </section>
  );
}
