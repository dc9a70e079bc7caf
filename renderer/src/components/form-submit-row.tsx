import { ErrorCallout } from './error-callout';

/**
 * The end of a key form (import a .p12, make a self-signed certificate): the
 * form's own error as an alert, the submit button that says it is busy, and
 * the outcome announced politely beside it, so both forms read and announce
 * alike.
 */
export function FormSubmitRow({
  error,
  isBusy,
  label,
  busyLabel,
  done,
  testIdBase,
  isPrimary,
}: {
  error: string | undefined;
  isBusy: boolean;
  label: string;
  busyLabel: string;
  done: string | null;
  /** `${testIdBase}-submit` on the button, `${testIdBase}-done` on the outcome. */
  testIdBase: string;
  isPrimary: boolean;
}) {
  return (
    <>
      <ErrorCallout message={error} />
      <div className="form-actions">
        <button type="submit" className={isPrimary ? 'button button-primary' : 'button button-secondary'} disabled={isBusy} aria-busy={isBusy} data-testid={`${testIdBase}-submit`}>
          {isBusy ? busyLabel : label}
        </button>
        <p className="save-status" role="status" aria-live="polite" data-testid={`${testIdBase}-done`}>
          {done}
        </p>
      </div>
    </>
  );
}
