import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const focusable = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

interface ModalProps {
  title: string;
  children: ReactNode;
  /** Escape, or the dialog's own cancel: the same as the Batal button. */
  onCancel(): void;
  testId?: string;
  /** Wider for the signing confirmation, which shows two columns. */
  isWide?: boolean;
}

/**
 * A modal dialog: a native <dialog> opened with showModal, so the page behind
 * is inert; Tab and Shift+Tab cycle inside, Escape cancels, focus starts on
 * the title (so a screen reader reads what is asked from the top) and
 * returns where it was when the dialog closes.
 */
export function Modal({ title, children, onCancel, testId, isWide }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    titleRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      if (previous?.isConnected) previous.focus({ preventScroll: true });
    };
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onCancelEvent = (e: Event) => {
      e.preventDefault();
      onCancel();
    };
    dialog.addEventListener('cancel', onCancelEvent);
    return () => dialog.removeEventListener('cancel', onCancelEvent);
  }, [onCancel]);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    // Keys typed in the dialog are not the page's shortcuts (the plan editor listens for some).
    e.stopPropagation();
    if (e.key !== 'Tab') return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(focusable) ?? [])].filter((el) => el.offsetParent !== null);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === titleRef.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  // In <body>, not where the button sits: no enclosing form, toolbar or overflow rule applies to it.
  return createPortal(
    <dialog ref={ref} className={isWide ? 'sg-dialog sg-dialog-wide' : 'sg-dialog'} aria-labelledby={titleId} aria-modal="true" onKeyDown={onKeyDown} data-testid={testId}>
      <h2 id={titleId} ref={titleRef} tabIndex={-1} className="sg-dialog-title">
        {title}
      </h2>
      {children}
    </dialog>,
    document.body,
  );
}
