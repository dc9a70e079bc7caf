import { useState } from 'react';
import { messageOf, messageOfPayload } from '../../lib/errors';
import type { OutboxItemView } from '@core/domain/outbox/views';
import { useWorkspace } from '../../app-context';
import { ScreenHeading } from '../../components/screen-heading';
import { useI18n } from '../../i18n/i18n-context';
import { AddPackageForm } from './add-package-form';
import { EnrollForm } from './enroll-form';
import { OutboxList } from './outbox-list';
import { ReceiptView } from './receipt-view';
import { useOutbox } from './use-outbox';
import './outbox.css';

/**
 * Kotak keluar (issue 7): what waits for Diskominfo, what is on its way
 * (n %), what arrived (with its signed receipt) and how Diskominfo judged it.
 * Sending happens on its own in the background; this screen shows it, lets
 * the officer hurry, hold or cancel a package, copy it to a flash drive, and
 * enrol the device when it is not yet.
 */
export function OutboxScreen() {
  const { t, dateTime } = useI18n();
  const { api, profile } = useWorkspace();
  const { overview, items, loadError, refresh } = useOutbox();
  const [receiptOf, setReceiptOf] = useState<OutboxItemView | null>(null);
  const [serverNote, setServerNote] = useState<string | null>(null);
  const { terms } = profile;
  const enrollment = overview?.enrollment ?? null;
  const isEnrolled = enrollment !== null && enrollment.revokedAt === null;
  const sender = overview?.sender;

  const senderText = (): string | null => {
    if (!sender) return null;
    if (sender.state === 'not-enrolled') return t('outbox.sender.notEnrolled');
    if (!sender.isAutomatic) return t('outbox.sender.manual');
    if (sender.state === 'sending') return t('outbox.sender.sending');
    if (sender.state === 'waiting') return t('outbox.sender.waiting');
    if (sender.state === 'stopped') return t('outbox.sender.stopped');
    return t('outbox.sender.idle');
  };

  const checkServer = async () => {
    try {
      setServerNote((await api.serverStatus({})).message);
    } catch (err) {
      setServerNote(messageOf(err));
    }
  };

  if (receiptOf) {
    const current = items.find((i) => i.id === receiptOf.id) ?? receiptOf;
    return <ReceiptView item={current} serverUrl={enrollment?.serverUrl ?? null} onClose={() => setReceiptOf(null)} />;
  }

  return (
    <div className="ob-screen">
      <ScreenHeading lead={t('outbox.lead', { ictOffice: terms.ictOffice, actionPlan: terms.actionPlan })}>{t('outbox.title')}</ScreenHeading>
      {loadError ? (
        <p className="callout callout-error" role="alert">
          {t('outbox.loadFailed', { message: loadError })}
        </p>
      ) : null}
      {overview ? (
        <div className="ob-summary" data-testid="outbox-summary" data-sender={sender?.state}>
          {enrollment ? (
            <p>{t('outbox.enrolledAs', { code: enrollment.opdCode, name: enrollment.opdName, server: enrollment.serverUrl, device: enrollment.deviceName })}</p>
          ) : null}
          <p role="status">{senderText()}</p>
          {sender?.linkError ? (
            <p className="callout callout-info" data-testid="outbox-link-error">
              {messageOfPayload(sender.linkError)}
            </p>
          ) : null}
          {sender?.nextWakeAt && sender.state === 'waiting' ? <p>{t('outbox.nextTry', { time: dateTime(sender.nextWakeAt) })}</p> : null}
          <div className="ob-row">
            <button type="button" className="button button-secondary button-small" onClick={() => void refresh({ isReviewRefresh: true })}>
              {t('outbox.refresh')}
            </button>
            {enrollment ? (
              <button type="button" className="button button-secondary button-small" onClick={() => void checkServer()}>
                {t('outbox.checkServer')}
              </button>
            ) : null}
          </div>
          {serverNote ? <p role="status">{serverNote}</p> : null}
        </div>
      ) : null}
      {overview && !isEnrolled ? <EnrollForm isAgain={enrollment !== null} onDone={() => void refresh()} /> : null}
      <AddPackageForm onAdded={() => void refresh()} />
      <OutboxList items={items} onChanged={() => void refresh()} onReceipt={setReceiptOf} />
    </div>
  );
}
