/**
 * A refusal of the intake server (PROTOCOL.md §1.1, §10) as the BerkasError
 * the outbox judges: the server's own code and message (Bahasa Indonesia) and
 * its details, beside what the app knows of the answer (the server's address,
 * the HTTP status, Retry-After). The code is received, not chosen here, so it
 * is a string: its English text is in renderer/src/i18n/errors/sync.en.ts and
 * the code in receivedCodes of tests/unit/renderer/i18n/error-texts.test.ts,
 * which reads this file as a pass-through.
 */
import { BerkasError } from '../../domain/errors';

/** What every refusal carries, read by the outbox (httpStatus, retryAfterMs, isMaybeDelivered) and the English texts (serverUrl, httpStatus). */
export interface RefusalDetails {
  [key: string]: unknown;
  httpStatus: number;
  retryAfterMs: number;
  isMaybeDelivered: true;
  serverUrl: string;
}

/**
 * The server's details are also spread at the top, so an English text can
 * name them ({field}); the app's own keys win over a server key of the same name.
 */
export function refusalDetails(serverDetails: unknown, own: RefusalDetails): RefusalDetails {
  if (typeof serverDetails !== 'object' || serverDetails === null || Array.isArray(serverDetails)) return own;
  return { ...(serverDetails as Record<string, unknown>), serverDetails, ...own };
}

export function serverRefusal(code: string, message: string, details: RefusalDetails): BerkasError {
  return new BerkasError(code, message, details);
}
