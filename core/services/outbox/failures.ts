/** How the outbox reads a failure: the officer's words for it, the HTTP status behind it, and whether a commit may have happened. */
import { BerkasError, isBerkasError } from '../../domain/errors';
import { isNetworkCode } from '../../domain/outbox/failures';
import type { OutboxFailure } from '../../domain/outbox/machine';

/**
 * The details as the item keeps them (JSON in its status row), or none when
 * they would not survive that: a failure must still be recorded.
 */
function storableDetails(details: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (details === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function errorOf(err: unknown): OutboxFailure {
  if (isBerkasError(err)) {
    const details = storableDetails(err.details);
    return details === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, details };
  }
  return { code: 'OUTBOX_INTERNAL', message: `Kesalahan tak terduga saat mengirim: ${err instanceof Error ? err.message : String(err)}. Paket dicoba lagi nanti.` };
}

export function httpStatusOf(err: unknown): number | null {
  const v = isBerkasError(err) ? err.details?.httpStatus : undefined;
  return typeof v === 'number' ? v : null;
}

/** What the server asked us to wait (Retry-After), or 0. */
export function retryAfterOf(err: unknown): number {
  return isBerkasError(err) && typeof err.details?.retryAfterMs === 'number' ? err.details.retryAfterMs : 0;
}

/** The commit may have happened although no answer came: lost answers and gateway errors. */
export function isUncertain(err: unknown): boolean {
  if (!isBerkasError(err)) return false;
  if (isNetworkCode(err.code)) return err.details?.isMaybeDelivered !== false;
  const status = httpStatusOf(err);
  return status === 500 || status === 502 || status === 504;
}

/**
 * The officer's reason for a refusal: the server's message, plus what to do for
 * the ones that need it. Those composed messages go without details, so the UI
 * shows them whole rather than the code's shorter English text.
 */
export function refusalFor(error: OutboxFailure, err: unknown): OutboxFailure {
  if (error.code === 'SUBMISSION_CONFLICT') {
    const server = (isBerkasError(err) ? err.details?.server : null) as { receivedAt?: string } | null;
    const when = server?.receivedAt ? ` (diterima server ${server.receivedAt})` : '';
    return {
      code: error.code,
      message: `${error.message} Server sudah menyimpan kiriman dengan id ini tetapi isinya lain${when}; kiriman di server tidak ditimpa. Batalkan paket ini dan kirim perbaikannya sebagai revisi baru.`,
    };
  }
  if (error.code === 'OPD_MISMATCH') {
    return { code: error.code, message: `${error.message} Paket ini dibuat untuk OPD lain daripada OPD perangkat yang terdaftar; batalkan lalu buat paket baru.` };
  }
  return error;
}

export const cancelled = () => new BerkasError('CANCELLED', 'Pengiriman dihentikan.');
