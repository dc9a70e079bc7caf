import { useId } from 'react';
import type { SignerDifference } from '@core/domain/documents/model';
import { useT } from '../../i18n/i18n-context';

/**
 * The officer in Pengaturan and the certificate holder differ (name,
 * NIP/NIK): the signature block names the certificate holder, so the officer
 * confirms who signs before the button works (issue 13 item 6).
 */
export function SignerDifferences({ differences, isConfirmed, onConfirm }: { differences: SignerDifference[]; isConfirmed: boolean; onConfirm(value: boolean): void }) {
  const t = useT();
  const id = useId();
  if (differences.length === 0) return null;
  return (
    <div className="callout sg-callout-warn doc-differences" data-testid="sign-signer-differences">
      <p className="sg-callout-title">{t('doc.sign.differencesTitle')}</p>
      <table className="doc-diff-table">
        <thead>
          <tr>
            <th scope="col">{t('doc.sign.differenceField')}</th>
            <th scope="col">{t('doc.sign.differenceSettings')}</th>
            <th scope="col">{t('doc.sign.differenceCertificate')}</th>
          </tr>
        </thead>
        <tbody>
          {differences.map((d) => (
            <tr key={d.field}>
              <th scope="row">{d.field === 'name' ? t('doc.sign.fieldName') : t('doc.sign.fieldNip')}</th>
              <td>{d.settings || t('doc.sign.empty')}</td>
              <td>{d.certificate || t('doc.sign.empty')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="doc-note">{t('doc.sign.differencesLead')}</p>
      <label className="doc-check" htmlFor={id}>
        <input id={id} type="checkbox" checked={isConfirmed} onChange={(e) => onConfirm(e.target.checked)} data-testid="sign-signer-confirm" />
        <span>{t('doc.sign.differencesConfirm')}</span>
      </label>
    </div>
  );
}
