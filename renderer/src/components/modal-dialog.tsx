import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

export interface ModalDialogProps {
  title: string;
  children: ReactNode;
  /** The buttons at the foot, in reading order (the safe choice first). */
  actions: ReactNode;
  onCancel(): void;
  /** What gets the focus on open (the safe choice); absent: the first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>;
  role?: 'dialog' | 'alertdialog';
  className?: string;
}

const focusable = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * The behaviour of every modal of the app, for a native <dialog> opened with
 * showModal (so the page behind is inert): Tab and Shift+Tab cycle inside it,
 * Escape cancels, the focus starts on `initialFocus` (else the first control)
 * and returns where it was on close. Keys typed inside are not the page's
 * shortcuts (the plan editor listens for some).
 */
export function useModalDialog(onCancel: () => void, initialFocus?: RefObject<HTMLElement | null>) {
  const ref = useRef<HTMLDialogElement>(null);

  // Layout effect: the focus goes back before the screen's own effects move it (e.g. to the row after a deleted one).
  useLayoutEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    (initialFocus?.current ?? dialog?.querySelector<HTMLElement>(focusable))?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      if (previous?.isConnected) previous.focus({ preventScroll: true });
    };
    // Opened once per mount; a later initialFocus does not move the focus again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Escape: the browser's cancel event; handled here so the dialog closes through React.
    const onCancelEvent = (e: Event) => {
      e.preventDefault();
      onCancel();
    };
    dialog.addEventListener('cancel', onCancelEvent);
    return () => dialog.removeEventListener('cancel', onCancelEvent);
  }, [onCancel]);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    e.stopPropagation();
    if (e.key !== 'Tab') return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(focusable) ?? [])].filter((el) => el.offsetParent !== null);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    const isAtStart = document.activeElement === first || (initialFocus?.current === document.activeElement && !items.includes(document.activeElement as HTMLElement));
    if (e.shiftKey && isAtStart) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return { ref, onKeyDown };
}

/** A modal with a title, a body and a row of actions (the safe choice first), rendered in <body>. */
export function ModalDialog({ title, children, actions, onCancel, initialFocus, role = 'dialog', className }: ModalDialogProps) {
  const { ref, onKeyDown } = useModalDialog(onCancel, initialFocus);
  const titleId = useId();
  const bodyId = useId();

  // In <body>, not where it is declared: a dialog opened from inside a <form> must not be part of that form.
  return createPortal(
    <dialog ref={ref} className={className ? `modal ${className}` : 'modal'} role={role} aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId} onKeyDown={onKeyDown}>
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      <div id={bodyId} className="modal-body">
        {children}
      </div>
      <div className="modal-actions">{actions}</div>
    </dialog>,
    document.body,
  );
}
