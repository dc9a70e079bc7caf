import { useT } from '../../i18n/i18n-context';

export interface ToastState {
  id: number;
  message: string;
  /** The action offered with the message, e.g. Urungkan after a delete. */
  actionLabel?: string;
  onAction?(): void;
}

/**
 * A message after an action, with the way back (Urungkan). It stays until it is
 * closed or replaced: a time limit on undo would shut out slower users.
 */
export function Toast({ toast, onClose }: { toast: ToastState | null; onClose(): void }) {
  const t = useT();
  return (
    <div className="ra-toast-region" role="status" aria-live="polite">
      {toast ? (
        <div className="ra-toast" key={toast.id}>
          <span className="ra-toast-message">{toast.message}</span>
          {toast.actionLabel && toast.onAction ? (
            <button type="button" className="button button-small button-inverse" onClick={toast.onAction}>
              {toast.actionLabel}
            </button>
          ) : null}
          <button type="button" className="button button-small button-inverse-quiet" onClick={onClose} aria-label={t('ra.toast.close')}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
