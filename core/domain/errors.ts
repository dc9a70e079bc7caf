/**
 * Every failure a person can see carries a stable code (for tests and logs) and
 * a message in Bahasa Indonesia that names what is wrong and where.
 */
export interface ErrorPayload {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export class BerkasError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'BerkasError';
    this.code = code;
    if (details) this.details = details;
  }

  toPayload(): ErrorPayload {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isBerkasError(value: unknown): value is BerkasError {
  return value instanceof BerkasError;
}
