import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n-context';

export interface FieldFrameProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: ReactNode;
  isOptional?: boolean;
  /** Live feedback under the field (e.g. the NIP check), announced politely. */
  feedback?: ReactNode;
  /** The error changes while typing (a live check): announce it politely as it appears. */
  isErrorLive?: boolean | undefined;
  children: (aria: { 'aria-describedby'?: string; 'aria-invalid'?: true; 'aria-required'?: true }) => ReactNode;
}

/**
 * One labelled field: label, error (next to the field, tied to it by
 * aria-describedby so a screen reader reads it on focus), the control, then
 * the hint (below, so side-by-side inputs line up whatever the hint's length).
 */
export function FieldFrame({ id, label, hint, error, isOptional, feedback, isErrorLive, children }: FieldFrameProps) {
  const t = useT();
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const feedbackId = feedback !== undefined ? `${id}-feedback` : null;
  const describedBy = [errorId, feedbackId, hintId].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-has-error' : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
        {isOptional ? <span className="field-optional"> {t('field.optional')}</span> : null}
      </label>
      {error || isErrorLive ? (
        // A live region must already exist when its text arrives, so a live error keeps its container.
        <div id={errorId ?? undefined} className={error ? 'field-error' : undefined} aria-live={isErrorLive ? 'polite' : undefined}>
          {error ? (
            <>
              <span className="visually-hidden">{t('field.errorPrefix')} </span>
              {error}
            </>
          ) : null}
        </div>
      ) : null}
      {children({
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(isOptional ? {} : { 'aria-required': true as const }),
      })}
      {hint ? (
        <p id={hintId ?? undefined} className="field-hint">
          {hint}
        </p>
      ) : null}
      {feedback !== undefined ? (
        <div id={feedbackId ?? undefined} className="field-feedback" aria-live="polite">
          {feedback}
        </div>
      ) : null}
    </div>
  );
}
