import type { ErrorPayload } from '../domain/errors';

/** What every transport carries back: a value, or an error a person can read. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
