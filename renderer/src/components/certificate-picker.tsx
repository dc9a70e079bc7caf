import type { CertificateInfo } from '@core/domain/signing/certificate';
import { useT } from '../i18n/i18n-context';
import { CertifiedBadge, IdentityText, ValidityText } from './certificate-facts';

/** Which certificate signs: every stored one, with its certification and validity, one chosen. */
export function CertificatePicker({
  certs,
  value,
  onChange,
  now,
  name,
  isDisabled,
}: {
  certs: CertificateInfo[];
  value: string | null;
  onChange(id: string): void;
  now: Date;
  name: string;
  isDisabled?: boolean;
}) {
  const t = useT();
  return (
    <fieldset className="sg-picker" disabled={isDisabled}>
      <legend className="field-label">{t('sign.step.chooseCertificate')}</legend>
      {certs.map((c) => (
        <label key={c.id} className={c.id === value ? 'sg-picker-option is-chosen' : 'sg-picker-option'}>
          <input type="radio" name={name} value={c.id} checked={c.id === value} onChange={() => onChange(c.id)} />
          <span className="sg-picker-text">
            <span className="sg-picker-name">
              {c.commonName}
              {' — '}
              <IdentityText cert={c} />
            </span>
            <span className="sg-picker-meta">
              <CertifiedBadge isCertified={c.isCertified} /> <ValidityText cert={c} now={now} />
            </span>
          </span>
        </label>
      ))}
      {certs.length === 0 ? <p>{t('sign.step.noCertificates')}</p> : null}
    </fieldset>
  );
}
