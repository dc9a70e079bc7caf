import type { ErrorPayload } from '@core/domain/errors';

/**
 * An English text for one error code of core (or electron/main), written with
 * the parameters its throw sites put in the error's details: `{name}` is the
 * value as given (sizes, amounts and counts arrive formatted the Indonesian
 * way, which the UI keeps in both languages); `{name:date}` turns an ISO date
 * ("2021-06-17") into "17 June 2021"; `{name:list}` joins an array with commas;
 * `{name:error}` is a nested error (an ErrorPayload) rendered the same way.
 * The Indonesian text is the message written at the throw site.
 */
export type ErrorTexts = Readonly<Record<string, string>>;

const placeholder = /\{([A-Za-z][A-Za-z0-9]*)(?::(date|list|error))?\}/g;

/** The parameter names a text uses, for the coverage test. */
export function errorTextParams(text: string): string[] {
  return [...new Set([...text.matchAll(placeholder)].map((m) => m[1] ?? ''))].sort();
}

const englishMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function englishDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const month = m ? englishMonths[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : undefined;
}

function isPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['code'] === 'string' && typeof v['message'] === 'string';
}

function shown(value: unknown, kind: string | undefined, texts: ErrorTexts): string | undefined {
  if (kind === 'date') return englishDate(value);
  if (kind === 'list') return Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number') ? value.join(', ') : undefined;
  if (kind === 'error') return isPayload(value) ? englishErrorText(value, texts) : undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * An error in English: its code's text filled from its details. Where the code
 * has no text, or a parameter the text names is missing or of the wrong kind,
 * the Indonesian message is shown whole rather than a sentence with a hole.
 */
export function englishErrorText(error: ErrorPayload, texts: ErrorTexts): string {
  const text = Object.prototype.hasOwnProperty.call(texts, error.code) ? texts[error.code] : undefined;
  if (text === undefined) return error.message;
  const details = error.details ?? {};
  let isComplete = true;
  const filled = text.replace(placeholder, (_whole, name: string, kind: string | undefined) => {
    const value = shown(details[name], kind, texts);
    if (value === undefined) isComplete = false;
    return value ?? '';
  });
  return isComplete ? filled : error.message;
}
