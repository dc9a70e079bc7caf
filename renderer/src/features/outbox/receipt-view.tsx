import { useRef } from 'react';
import type { OutboxItemView } from '@core/domain/outbox/views';
import { useWorkspace } from '../../app-context';
import { openTechnicalDetails, TechnicalDetails } from '../../components/technical-details';
import { useI18n } from '../../i18n/i18n-context';
import { stateLabel, typeLabel } from './labels';

type Row = [label: string, value: string, isCode: boolean];

function Fields({ rows }: { rows: Row[] }) {
  return (
    <dl className="ob-receipt-fields">
      {rows.map(([label, value, isCode]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{isCode ? <code>{value}</code> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The tanda terima of one package, as a page to print: what the officer
 * recognises the package by, then (under "Rincian teknis", opened for
 * printing) the four signed members (id, manifest hash, time received, key)
 * with the signature. Printing shows only this.
 */
export function ReceiptView({ item, serverUrl, onClose }: { item: OutboxItemView; serverUrl: string | null; onClose(): void }) {
  const { t, dateTime } = useI18n();
  const { profile } = useWorkspace();
  const box = useRef<HTMLElement>(null);
  const receipt = item.status.receipt;
  if (!receipt) return null;
  const rows: Row[] = [
    [t('outbox.receipt.id'), receipt.submissionId, true],
    [t('outbox.receipt.docTitle'), item.title, false],
    [t('outbox.receipt.type'), typeLabel(t, item.type), false],
    [t('outbox.receipt.opd', { agency: profile.terms.agency }), item.opd, false],
    [t('outbox.receipt.period'), item.periodLabel, false],
    [t('outbox.receipt.receivedAt'), dateTime(receipt.receivedAt), false],
    [t('outbox.receipt.review'), `${stateLabel(t, item)}${item.status.review?.note ? ` — ${item.status.review.note}` : ''}`, false],
  ];
  const technical: Row[] = [
    [t('outbox.receipt.receivedAtUtc'), receipt.receivedAt, true],
    [t('outbox.receipt.manifest'), receipt.manifestSha256, true],
    [t('outbox.receipt.package'), item.packageSha256, true],
    [t('outbox.receipt.keyId'), receipt.keyId, true],
    [t('outbox.receipt.signature'), receipt.signature, true],
    ...(serverUrl ? ([[t('outbox.receipt.server'), serverUrl, true]] as Row[]) : []),
  ];
  return (
    <section className="ob-receipt" aria-labelledby="ob-receipt-title" data-testid="outbox-receipt" ref={box}>
      <h2 id="ob-receipt-title">{t('outbox.receipt.title')}</h2>
      <p className="ob-receipt-issuer">{profile.terms.government}</p>
      <p>{t('outbox.receipt.lead', { ictOffice: profile.terms.ictOffice })}</p>
      <Fields rows={rows} />
      <TechnicalDetails testId="outbox-receipt-technical">
        <Fields rows={technical} />
      </TechnicalDetails>
      <div className="ob-receipt-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            openTechnicalDetails(box.current);
            window.print();
          }}
        >
          {t('outbox.receipt.print')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('outbox.receipt.close')}
        </button>
      </div>
    </section>
  );
}
