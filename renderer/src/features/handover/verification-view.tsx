import type { BagVerification } from '@core/domain/handover/packaging';
import { isBagSignerTrusted } from '@core/domain/handover/berkas-package';
import { manifestName } from '@core/domain/handover/bagit';
import type { CertificateStatus } from '@core/domain/signing/verification';
import { useT } from '../../i18n/i18n-context';
import { TechnicalDetails } from '../../components/technical-details';
import { formatCount } from './model';
import { formatByteSize } from '@core/domain/format/byte-size';

const certificateKeys = {
  trusted: 'handover.verify.cert.trusted',
  untrusted: 'handover.verify.cert.untrusted',
  expired: 'handover.verify.cert.expired',
} as const satisfies Record<CertificateStatus, string>;

function PathList({ label, paths, testId }: { label: string; paths: readonly string[]; testId: string }) {
  if (paths.length === 0) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>
        <ul className="ho-plain-list">
          {paths.map((p) => (
            <li key={p}>
              <code>{p}</code>
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}

/**
 * A package read back as anyone would read it (handoverVerify): complete,
 * every digest matching its manifest, the berita acara's signature intact,
 * and who signed it. Anything wrong is named by file.
 */
export function VerificationView({ report }: { report: BagVerification }) {
  const t = useT();
  // Intact and complete is not yet "sah": that also needs the signer's certificate to chain to an installed root.
  const isTrusted = isBagSignerTrusted(report);
  const headline = !report.valid
    ? report.complete
      ? t('handover.verify.invalid')
      : t('handover.verify.incomplete')
    : isTrusted
      ? t('handover.verify.valid')
      : t('handover.verify.validUntrusted');
  return (
    <div className={!report.valid ? 'ho-verify ho-verify-bad' : isTrusted ? 'ho-verify ho-verify-ok' : 'ho-verify ho-verify-untrusted'} data-testid="handover-verification" data-valid={report.valid} data-trusted={isTrusted}>
      <p className="ho-verify-headline" data-testid="handover-verification-headline">
        <span aria-hidden="true">{!report.valid ? '✗ ' : isTrusted ? '✓ ' : '! '}</span>
        {headline}
      </p>
      <dl className="facts ho-facts">
        <div>
          <dt>{t('handover.verify.file')}</dt>
          <dd>
            <code>{report.file}</code>
          </dd>
        </div>
        <div>
          <dt>{t('handover.verify.payload')}</dt>
          <dd>{t('handover.verify.payloadValue', { files: formatCount(report.payload.files), size: formatByteSize(report.payload.bytes) })}</dd>
        </div>
        <div>
          <dt>{t('handover.verify.manifest')}</dt>
          <dd>{report.complete && report.mismatched.length === 0 ? t('handover.verify.manifestOk') : t('handover.verify.manifestBad')}</dd>
        </div>
        <PathList label={t('handover.verify.missing')} paths={report.missing} testId="handover-verify-missing" />
        <PathList label={t('handover.verify.mismatched')} paths={report.mismatched} testId="handover-verify-mismatched" />
        <PathList label={t('handover.verify.unexpected')} paths={report.unexpected} testId="handover-verify-unexpected" />
        {report.problems.length > 0 ? (
          <div>
            <dt>{t('handover.verify.problems')}</dt>
            <dd>
              <ul className="ho-plain-list">
                {report.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {report.signatures.length === 0 ? (
          <div>
            <dt>{t('handover.verify.signature')}</dt>
            <dd>{t('handover.verify.noSignature')}</dd>
          </div>
        ) : (
          report.signatures.map((s) => (
            <div key={`${s.file}:${s.field}`}>
              <dt>{t('handover.verify.signature')}</dt>
              <dd data-testid="handover-verify-signature">
                <span className="ho-block">
                  <code>{s.file}</code>
                </span>
                <span className="ho-block">
                  {s.nip ? t('handover.verify.signerNip', { name: s.signer, nip: s.nip }) : t('handover.verify.signer', { name: s.signer })}
                </span>
                <span className={s.integrity === 'valid' ? 'ho-block ho-status-ok' : 'ho-block ho-status-missing'}>
                  <span aria-hidden="true">{s.integrity === 'valid' ? '✓ ' : '✗ '}</span>
                  {s.integrity === 'valid' ? t('handover.verify.intact') : t('handover.verify.broken')}
                  {' · '}
                  {t(certificateKeys[s.certificate])}
                </span>
                {s.problems.map((p) => (
                  <span key={p} className="ho-block ho-muted">
                    {p}
                  </span>
                ))}
              </dd>
            </div>
          ))
        )}
      </dl>
      {/* The standards' words (the manifest's algorithm, the PAdES level, bag-info's fields) are for the technician. */}
      <TechnicalDetails className="ho-baginfo" testId="handover-verify-technical">
        <dl className="facts ho-facts">
          <div>
            <dt>{t('handover.verify.manifestFile')}</dt>
            <dd>
              <code>{manifestName}</code>
            </dd>
          </div>
          {report.signatures.map((s) => (
            <div key={`level:${s.file}:${s.field}`}>
              <dt>{t('handover.verify.levelOf', { file: s.file })}</dt>
              <dd>{t('handover.verify.level', { level: s.level })}</dd>
            </div>
          ))}
        </dl>
        <p className="ho-muted">{t('handover.verify.bagInfo')}</p>
        <dl className="facts ho-facts">
          {report.bagInfo.map(([k, v], i) => (
            <div key={`${k}:${i}`}>
              <dt>
                <code>{k}</code>
              </dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </TechnicalDetails>
    </div>
  );
}
