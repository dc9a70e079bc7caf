import type { OutboxItemView } from '@core/domain/outbox/views';
import { useWorkspace } from '../../app-context';
import { useT } from '../../i18n/i18n-context';
import { dateTimeLabel, stateLabel, typeLabel } from './labels';

/**
 * The tanda terima of one package, as a page to print: the four signed
 * members (id, manifest hash, time received, key) with the signature, plus
 * what the officer recognises the package by. Printing shows only this.
 */
export function ReceiptView({ item, serverUrl, onClose }: { item: OutboxItemView; serverUrl: string | null; onClose(): void }) {
  const t = useT();
  const { profile } = useWorkspace();
  const receipt = item.status.receipt;
  if (!receipt) return null;
  const rows: [string, string, boolean][] = [
    [t('outbox.receipt.id'), receipt.submissionId, true],
    [t('outbox.receipt.docTitle'), item.title, false],
    [t('outbox.receipt.type'), typeLabel(t, item.type), false],
    [t('outbox.receipt.opd', { agency: profile.terms.agency }), item.opd, false],
    [t('outbox.receipt.period'), item.periodLabel, false],
    [t('outbox.receipt.receivedAt'), `${dateTimeLabel(t, receipt.receivedAt)} (${receipt.receivedAt})`, false],
    [t('outbox.receipt.manifest'), receipt.manifestSha256, true],
    [t('outbox.receipt.package'), item.packageSha256, true],
    [t('outbox.receipt.keyId'), receipt.keyId, true],
    [t('outbox.receipt.signature'), receipt.signature, true],
    ...(serverUrl ? ([[t('outbox.receipt.server'), serverUrl, true]] as [string, string, boolean][]) : []),
    [t('outbox.receipt.review'), `${stateLabel(t, item)}${item.status.review?.note ? ` — ${item.status.review.note}` : ''}`, false],
  ];
  return (
    <section className="ob-receipt" aria-labelledby="ob-receipt-title" data-testid="outbox-receipt">
      <h2 id="ob-receipt-title">{t('outbox.receipt.title')}</h2>
      <p className="ob-receipt-issuer">{profile.terms.government}</p>
      <p>{t('outbox.receipt.lead', { ictOffice: profile.terms.ictOffice })}</p>
      <dl className="ob-receipt-fields">
        {rows.map(([label, value, isCode]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{isCode ? <code>{value}</code> : value}</dd>
          </div>
        ))}
      </dl>
      <div className="ob-receipt-actions">
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t('outbox.receipt.print')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('outbox.receipt.close')}
        </button>
      </div>
    </section>
  );
}
