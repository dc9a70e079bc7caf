import type { CertificateDetails } from '@core/domain/signing/certificate';
import { useT } from '../i18n/i18n-context';
import { groupedFingerprint, validityOf } from '../lib/certificate-status';
import { useSigningFormat } from '../lib/use-signing-format';

/**
 * Certified (issued by a certification authority) or "tidak tersertifikasi"
 * (made on this computer): said in words and with a mark, never by colour
 * alone (issue 4 item 1).
 */
export function CertifiedBadge({ isCertified }: { isCertified: boolean }) {
  const t = useT();
  return isCertified ? (
    <span className="sg-badge sg-badge-ok">
      <span aria-hidden="true">✓ </span>
      {t('sign.cert.certified')}
    </span>
  ) : (
    <span className="sg-badge sg-badge-warn" data-testid="sign-uncertified">
      <span aria-hidden="true">⚠ </span>
      {t('sign.cert.uncertified')}
    </span>
  );
}

/** "berlaku s.d. 17 Juni 2027", or expired / not yet valid, marked in words. */
export function ValidityText({ cert, now }: { cert: Pick<CertificateDetails, 'notBefore' | 'notAfter'>; now: Date }) {
  const t = useT();
  const f = useSigningFormat();
  const validity = validityOf(cert, now);
  if (validity === 'expired') {
    return (
      <span className="sg-status-bad">
        <span aria-hidden="true">✗ </span>
        {t('sign.cert.expiredSince', { date: f.day(cert.notAfter) })}
      </span>
    );
  }
  if (validity === 'notYetValid') {
    return (
      <span className="sg-status-bad">
        <span aria-hidden="true">✗ </span>
        {t('sign.cert.notYetValid', { date: f.day(cert.notBefore) })}
      </span>
    );
  }
  return <span>{t('sign.cert.validUntil', { date: f.day(cert.notAfter) })}</span>;
}

/** Identity line: "NIP 1987…", "NIK 3171…", or that neither is in the certificate. */
export function IdentityText({ cert }: { cert: Pick<CertificateDetails, 'nip' | 'nik'> }) {
  const t = useT();
  if (cert.nip) return <>{t('sign.cert.nipValue', { nip: cert.nip })}</>;
  if (cert.nik) return <>{t('sign.cert.nikValue', { nik: cert.nik })}</>;
  return <>{t('sign.cert.noIdentity')}</>;
}

/** Everything an officer may want to compare with what the issuer sent: one definition list. */
export function CertificateFacts({ cert }: { cert: CertificateDetails }) {
  const t = useT();
  const f = useSigningFormat();
  return (
    <>
      <dl className="facts sg-facts">
        <div>
          <dt>{t('sign.cert.identity')}</dt>
          <dd>
            <IdentityText cert={cert} />
          </dd>
        </div>
        <div>
          <dt>{t('sign.cert.issuer')}</dt>
          <dd>{cert.isSelfSigned ? t('sign.cert.issuerSelf') : cert.issuerCommonName}</dd>
        </div>
        <div>
          <dt>{t('sign.cert.validity')}</dt>
          <dd>{t('sign.cert.validityRange', { from: f.day(cert.notBefore), to: f.day(cert.notAfter) })}</dd>
        </div>
        <div>
          <dt>{t('sign.cert.keyUsage')}</dt>
          <dd>{f.keyUsage(cert.keyUsage)}</dd>
        </div>
      </dl>
      <details className="sg-tech">
        <summary>{t('sign.cert.technical')}</summary>
        <dl className="facts sg-facts">
          <div>
            <dt>{t('sign.cert.subject')}</dt>
            <dd className="sg-break">{cert.subject}</dd>
          </div>
          <div>
            <dt>{t('sign.cert.serial')}</dt>
            <dd className="sg-break">
              <code>{cert.serialNumber}</code>
            </dd>
          </div>
          <div>
            <dt>{t('sign.cert.fingerprint')}</dt>
            <dd className="sg-break">
              <code>{groupedFingerprint(cert.fingerprintSha256)}</code>
            </dd>
          </div>
        </dl>
      </details>
    </>
  );
}
