import { isBerkasError, type ErrorPayload } from '@core/domain/errors';
import type { Language } from '../i18n/catalog';
import { englishErrorText } from '../i18n/errors/error-text';
import { errorTextsEn } from '../i18n/errors';

/**
 * A failure in the given language: a BerkasError's message as thrown (Bahasa
 * Indonesia) or its code's English text filled from its details; anything else
 * thrown as it says itself.
 */
export function errorText(err: unknown, language: Language): string {
  if (!isBerkasError(err)) return err instanceof Error ? err.message : String(err);
  return payloadText(err.toPayload(), language);
}

/** A failure that arrived as data (a background job's status) in the given language. */
export function payloadText(error: ErrorPayload, language: Language): string {
  return language === 'en' ? englishErrorText(error, errorTextsEn) : error.message;
}

/**
 * The language failures are shown in: the UI's, set by I18nProvider as it
 * renders. A module value rather than a hook argument because failures are
 * turned into text in event handlers and async callbacks all over the
 * features, after the render that knew the language.
 */
let shownLanguage: Language = 'id';

export function setErrorLanguage(language: Language): void {
  shownLanguage = language;
}

/** The text of a failure that arrived as data (a job's error, an outbox item's last error), in the UI's language. */
export function messageOfPayload(error: ErrorPayload): string {
  return payloadText(error, shownLanguage);
}

/** The text to show for a failed call, in the UI's language. */
export function messageOf(err: unknown): string {
  return errorText(err, shownLanguage);
}

/** A BerkasError's code, or UNKNOWN for anything else thrown. */
function codeOf(err: unknown): string {
  return isBerkasError(err) ? err.code : 'UNKNOWN';
}

/** Where a failure is shown: next to the field it is about, or above the form. */
export type ErrorTarget = 'password' | 'vault' | 'file' | 'form';

const targets: Record<string, ErrorTarget> = {
  P12_PASSWORD: 'password',
  P12_PASSWORD_REQUIRED: 'password',
  VAULT_PASSPHRASE: 'vault',
  VAULT_PASSPHRASE_REQUIRED: 'vault',
  VAULT_PASSPHRASE_WEAK: 'vault',
  P12_CORRUPT: 'file',
  P12_NO_KEY: 'file',
  P12_UNSUPPORTED: 'file',
  P12_TOO_LARGE: 'file',
  CERT_FILE: 'file',
  CERT_EXISTS: 'file',
  CERT_EXPIRED: 'file',
  CERT_NOT_YET_VALID: 'file',
  CERT_KEY_USAGE: 'file',
  TRUST_READ: 'file',
  NOT_PDF: 'file',
  PDF_ENCRYPTED: 'file',
  PDF_STRUCTURE: 'file',
  PDF_TOO_LARGE: 'file',
  PDF_TRUNCATED: 'file',
};

export interface ShownError {
  target: ErrorTarget;
  code: string;
  message: string;
}

/**
 * A failure as the forms that take a certificate, a password or a file show
 * it. Messages come from the services naming the file or field (in English
 * from renderer/src/i18n/errors); this only decides where they go. A vault passphrase that
 * did not open the vault is one the page must stop sending, so the caller
 * forgets it (see isVaultRefusal).
 */
export function shownError(err: unknown): ShownError {
  return isBerkasError(err) ? shownPayload(err.toPayload()) : { target: 'form', code: codeOf(err), message: messageOf(err) };
}

/** The same for a failure that arrived as data, e.g. a background job's error (its details kept for the English text). */
export function shownPayload(error: ErrorPayload): ShownError {
  return { target: targets[error.code] ?? 'form', code: error.code, message: payloadText(error, shownLanguage) };
}

/** The passphrase sent was wrong or missing: forget it so the next attempt asks again. */
export function isVaultRefusal(error: ShownError): boolean {
  return error.code === 'VAULT_PASSPHRASE' || error.code === 'VAULT_PASSPHRASE_REQUIRED';
}
