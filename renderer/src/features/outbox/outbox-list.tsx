import { useId, useState, type FormEvent } from 'react';
import { messageOf, messageOfPayload } from '../../lib/errors';
import type { OutboxItemView } from '@core/domain/outbox/views';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { useI18n } from '../../i18n/i18n-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { TechnicalDetails } from '../../components/technical-details';
import { formatByteSize } from '@core/domain/format/byte-size';
import { announceOutboxChange, stateLabel, typeLabel } from './labels';
import { PathInput } from '../../components/path-picker';
import { useAction } from '../../lib/use-action';
import { ErrorCallout } from '../../components/error-callout';

type Action = 'sendNow' | 'hold' | 'resume' | 'cancel';

function ExportForm({ item, onClose }: { item: OutboxItemView; onClose(): void }) {
  const { t } = useI18n();
  const { api, profile } = useWorkspace();
  const fieldId = useId();
  const [outPath, setOutPath] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const exportCopy = useAction(async (target: string) => {
    const result = await api.outboxExport({ id: item.id, outPath: target });
    setDone(t('outbox.export.done', { path: result.path, size: formatByteSize(result.size), ictOfficeShort: profile.terms.ictOfficeShort }));
    announceOutboxChange();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (outPath.trim() === '') exportCopy.setError(t('error.required'));
    else void exportCopy.run(outPath.trim());
  };
  return (
    <form className="ob-export" onSubmit={submit} noValidate data-testid="outbox-export-form">
      <FieldFrame id={fieldId} label={t('outbox.export.path')} hint={t('outbox.export.path.hint')} error={exportCopy.error}>
        {(aria) => <PathInput id={fieldId} name="outPath" mode="folder" title={t('outbox.export.pick')} value={outPath} onChange={setOutPath} aria={aria} />}
      </FieldFrame>
      <div className="ob-row">
        <button type="submit" className="button button-primary" disabled={exportCopy.isBusy}>
          {t('outbox.export.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('outbox.export.close')}
        </button>
      </div>
      <p role="status" className="ob-status">
        {done}
      </p>
    </form>
  );
}

function ItemRow({ item, onAction, onReceipt, onCancel }: { item: OutboxItemView; onAction(a: Action, item: OutboxItemView): void; onReceipt(item: OutboxItemView): void; onCancel(item: OutboxItemView): void }) {
  const { t, date } = useI18n();
  const { profile } = useWorkspace();
  const [isExporting, setIsExporting] = useState(false);
  const s = item.status;
  const isProgressShown = s.state === 'mengirim' || ((s.state === 'antre' || s.state === 'belum-pasti') && s.bytesSent > 0);
  const isReasonShown = s.lastError !== null && s.receipt === null && s.state !== 'dibatalkan';
  return (
    <li className={`ob-item ob-item-${s.state}`} data-testid="outbox-item" data-id={item.id} data-state={s.state} data-held={s.isHeld ? 'true' : 'false'}>
      <div className="ob-item-head">
        <h3 className="ob-item-title">{item.title}</h3>
        <span className={`badge ob-badge ob-badge-${s.state}`} data-testid="outbox-state">
          {stateLabel(t, item)}
        </span>
      </div>
      <p className="ob-item-meta">{t('outbox.item.meta', { type: typeLabel(t, item.type), period: item.periodLabel, size: formatByteSize(item.packageSize) })}</p>
      <p className="ob-item-id">
        {t('outbox.item.id')}: <code>{item.id}</code>
      </p>
      {isProgressShown ? (
        <div className="ob-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={item.percent} aria-label={t('outbox.item.progress', { title: item.title })}>
          <div className="ob-progress-bar" style={{ width: `${item.percent}%` }} />
        </div>
      ) : null}
      {isReasonShown ? (
        <div className="ob-reason" data-testid="outbox-reason">
          <p>
            <strong>{t('outbox.item.reason')}:</strong> {s.lastError ? messageOfPayload(s.lastError) : null}
          </p>
          {/* The failure's code (NETWORK_REFUSED) is for whoever the officer calls for help. */}
          <TechnicalDetails>
            <code>{s.lastError?.code}</code>
          </TechnicalDetails>
        </div>
      ) : null}
      {s.review?.note ? (
        <p className="ob-review">
          <strong>{t('outbox.item.review', { ictOfficeShort: profile.terms.ictOfficeShort })}:</strong> {s.review.note}
        </p>
      ) : null}
      {item.exportedAt ? <p className="ob-item-meta">{t('outbox.item.exported', { date: date(new Date(item.exportedAt)) })}</p> : null}
      <div className="ob-actions">
        {item.actions.canSendNow ? (
          <button type="button" className="button button-primary button-small" onClick={() => onAction('sendNow', item)}>
            {t('outbox.action.sendNow')}
          </button>
        ) : null}
        {item.actions.canHold ? (
          <button type="button" className="button button-secondary button-small" onClick={() => onAction('hold', item)}>
            {t('outbox.action.hold')}
          </button>
        ) : null}
        {item.actions.canResume ? (
          <button type="button" className="button button-secondary button-small" onClick={() => onAction('resume', item)}>
            {t('outbox.action.resume')}
          </button>
        ) : null}
        {item.actions.hasReceipt ? (
          <button type="button" className="button button-secondary button-small" onClick={() => onReceipt(item)}>
            {t('outbox.action.receipt')}
          </button>
        ) : null}
        {item.actions.canExport ? (
          <button type="button" className="button button-secondary button-small" aria-expanded={isExporting} onClick={() => setIsExporting((v) => !v)}>
            {t('outbox.action.export')}
          </button>
        ) : null}
        {item.actions.canCancel ? (
          <button type="button" className="button button-danger-quiet button-small" onClick={() => onCancel(item)}>
            {t('outbox.action.cancel')}
          </button>
        ) : null}
      </div>
      {isExporting ? <ExportForm item={item} onClose={() => setIsExporting(false)} /> : null}
    </li>
  );
}

/** Every package, oldest first, with its state, progress, reason and the actions it allows. */
export function OutboxList({ items, onChanged, onReceipt }: { items: OutboxItemView[]; onChanged(): void; onReceipt(item: OutboxItemView): void }) {
  const { t } = useI18n();
  const { api } = useWorkspace();
  const [toCancel, setToCancel] = useState<OutboxItemView | null>(null);

  // Not disabled while busy, as before: each row's actions stand on their own.
  const { run, error } = useAction(
    async (action: Action, item: OutboxItemView) => {
      if (action === 'sendNow') await api.outboxSendNow({ id: item.id });
      else if (action === 'hold') await api.outboxHold({ id: item.id });
      else if (action === 'resume') await api.outboxResume({ id: item.id });
      else await api.outboxCancel({ id: item.id });
      announceOutboxChange();
      onChanged();
    },
    { describe: (err) => t('outbox.actionFailed', { message: messageOf(err) }) },
  );

  return (
    <section aria-labelledby="ob-list-title">
      <h2 id="ob-list-title">{t('outbox.list.title')}</h2>
      <ErrorCallout message={error} />
      {items.length === 0 ? (
        <p className="empty-state">{t('outbox.empty')}</p>
      ) : (
        <>
          <p className="caption-count">{t('outbox.list.caption', { count: items.length })}</p>
          <ul className="ob-list">
            {items.map((item) => (
              <ItemRow key={item.id} item={item} onAction={(a, i) => void run(a, i)} onReceipt={onReceipt} onCancel={setToCancel} />
            ))}
          </ul>
        </>
      )}
      {toCancel ? (
        <ConfirmDialog
          title={t('outbox.cancel.title')}
          confirmLabel={t('outbox.cancel.confirm')}
          cancelLabel={t('outbox.cancel.keep')}
          onCancel={() => setToCancel(null)}
          onConfirm={() => {
            const item = toCancel;
            setToCancel(null);
            void run('cancel', item);
          }}
        >
          <p>{t('outbox.cancel.body', { title: toCancel.title })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
