/**
 * Protocol errors (PROTOCOL.md §10): a stable code, the HTTP status it travels
 * with, a message in Bahasa Indonesia, and per code a few top-level fields
 * next to `error` (server, missing, offset).
 */
import { BerkasError } from '../../core/domain/errors';

export const statusOfCode: Record<string, number> = {
  BAD_REQUEST: 400,
  MANIFEST_INVALID: 400,
  MANIFEST_HASH_MISMATCH: 400,
  INVALID_ID: 400,
  CHUNK_CHECKSUM_MISMATCH: 400,
  CHUNK_OUT_OF_RANGE: 400,
  UPLOAD_LENGTH_MISMATCH: 400,
  ENROLLMENT_CODE_INVALID: 400,
  AUTH_REQUIRED: 401,
  TOKEN_INVALID: 401,
  TOKEN_REVOKED: 401,
  OPD_MISMATCH: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SUBMISSION_NOT_FOUND: 404,
  BLOB_NOT_EXPECTED: 404,
  OPD_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  SUBMISSION_CONFLICT: 409,
  SUBMISSION_ID_TAKEN: 409,
  UPLOAD_OFFSET_MISMATCH: 409,
  ENROLLMENT_CODE_USED: 410,
  ENROLLMENT_CODE_EXPIRED: 410,
  LENGTH_REQUIRED: 411,
  BLOBS_MISSING: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BLOB_HASH_MISMATCH: 422,
  BAG_INVALID: 422,
  METADATA_MISMATCH: 422,
  SIGNATURE_MISSING: 422,
  SIGNATURE_INVALID: 422,
  REVISION_TARGET_UNKNOWN: 422,
  PACKAGE_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export class IntakeError extends BerkasError {
  readonly status: number;
  /** Top-level fields of the error body besides `error` (PROTOCOL.md §10). */
  readonly extra: Record<string, unknown>;
  /** Response headers (Retry-After). */
  readonly headers: Record<string, string>;

  constructor(code: string, message: string, options: { details?: Record<string, unknown>; extra?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
    super(code, message, options.details);
    this.name = 'IntakeError';
    this.status = statusOfCode[code] ?? 500;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }

  body(): Record<string, unknown> {
    return { error: this.toPayload(), ...this.extra };
  }
}

export function isIntakeError(value: unknown): value is IntakeError {
  return value instanceof IntakeError;
}
