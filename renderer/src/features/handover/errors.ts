import { isBerkasError } from '@core/domain/errors';

/** The service's own message (already in Bahasa Indonesia, naming the file or field). */
export { messageOf } from '../../lib/errors';

export function codeOf(err: unknown): string {
  return isBerkasError(err) ? err.code : 'UNKNOWN';
}

/** The job a HANDOVER_BUSY refusal names: the package already being made for this bundle. */
export function busyJobOf(err: unknown): string | null {
  if (!isBerkasError(err) || err.code !== 'HANDOVER_BUSY') return null;
  const jobId = err.details?.jobId;
  return typeof jobId === 'string' ? jobId : null;
}
