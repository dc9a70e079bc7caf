import { useI18n } from '../../i18n/i18n-context';
import type { SaveStatus } from './plan-saver';

/** Whether the plan on screen is saved, and the way out when a save failed (again, or over a newer copy). */
export function SaveStatusView({ status, onRetry }: { status: SaveStatus; onRetry(overwrite: boolean): void }) {
  const { t, time } = useI18n();
  let text: string;
  switch (status.kind) {
    case 'saved':
      text = t('ra.save.saved', { time: time(status.at) });
      break;
    case 'pending':
    case 'saving':
      text = t('ra.save.saving');
      break;
    case 'invalid':
      text = t('ra.save.needsTitle');
      break;
    case 'error':
      text = t('ra.save.failed', { message: status.message });
      break;
  }
  const isProblem = status.kind === 'error' || status.kind === 'invalid';
  return (
    <div className={isProblem ? 'ra-save ra-save-problem' : 'ra-save'} data-testid="ra-save-status" data-state={status.kind}>
      <p role="status" aria-live="polite" className="ra-save-text">
        {isProblem ? (
          <span className="ra-mark ra-mark-error" aria-hidden="true">
            !
          </span>
        ) : null}
        {text}
      </p>
      {status.kind === 'error' ? (
        <span className="ra-save-actions">
          <button type="button" className="button button-small button-secondary" onClick={() => onRetry(false)}>
            {t('ra.save.retry')}
          </button>
          {status.isConflict ? (
            <button type="button" className="button button-small button-secondary" onClick={() => onRetry(true)}>
              {t('ra.save.overwrite')}
            </button>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}
