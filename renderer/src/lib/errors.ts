import { isBerkasError } from '@core/domain/errors';

/** The text to show for a failed call: a BerkasError's Indonesian message, or whatever was thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
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
 * it. Messages come from the services, already in Bahasa Indonesia and naming
 * the file or field; this only decides where they go. A vault passphrase that
 * did not open the vault is one the page must stop sending, so the caller
 * forgets it (see isVaultRefusal).
 */
export function shownError(err: unknown): ShownError {
  return { target: targets[codeOf(err)] ?? 'form', code: codeOf(err), message: messageOf(err) };
}

/** The passphrase sent was wrong or missing: forget it so the next attempt asks again. */
export function isVaultRefusal(error: ShownError): boolean {
  return error.code === 'VAULT_PASSPHRASE' || error.code === 'VAULT_PASSPHRASE_REQUIRED';
}
