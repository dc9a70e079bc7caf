import { isBerkasError } from '@core/domain/errors';

/** The job a HANDOVER_BUSY refusal names: the package already being made for this bundle. */
export function busyJobOf(err: unknown): string | null {
  if (!isBerkasError(err) || err.code !== 'HANDOVER_BUSY') return null;
  const jobId = err.details?.jobId;
  return typeof jobId === 'string' ? jobId : null;
}
