import { useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useModalDialog } from './modal-dialog';

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
  const titleRef = useRef<HTMLHeadingElement>(null);
  const { ref, onKeyDown } = useModalDialog(onCancel, titleRef);
  const titleId = useId();

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
