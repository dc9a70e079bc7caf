import { useId, type ChangeEvent } from 'react';

interface FileButtonProps {
  label: string;
  accept: string;
  isBusy?: boolean;
  onFile(file: File): void;
  className?: string;
  testId?: string;
  /** What choosing a file does, when the label alone does not say it (a tooltip and a description). */
  hint?: string;
  /** The compact size of a toolbar (default) or a form's full-size button. */
  isSmall?: boolean;
}

/**
 * A file input that looks like a button: the input itself stays in the tab
 * order (visually hidden, its focus ring shown on the label), so keyboard and
 * screen-reader users get the browser's own file picker.
 */
export function FileButton({ label, accept, isBusy, onFile, className, testId, hint, isSmall = true }: FileButtonProps) {
  const look = `button button-secondary${isSmall ? ' button-small' : ''}${isBusy ? ' is-busy' : ''}`;
  const id = useId();
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Cleared at once, so choosing the same file again is a change too.
    e.target.value = '';
    if (file) onFile(file);
  };
  return (
    <span className={className ? `ra-file ${className}` : 'ra-file'}>
      <input
        id={id}
        type="file"
        className="ra-file-input"
        accept={accept}
        onChange={onChange}
        disabled={isBusy}
        data-testid={testId}
        title={hint}
        aria-description={hint}
      />
      <label htmlFor={id} className={look} title={hint}>
        {label}
      </label>
    </span>
  );
}
