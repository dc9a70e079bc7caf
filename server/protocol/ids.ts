/** Submission ids (PROTOCOL.md §1): a UUIDv7 in canonical lowercase form, or a ULID. */
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// Crockford base32 without I, L, O, U; the first character is at most 7 (128 bits).
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const OPD_CODE = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;

export function isSubmissionId(value: unknown): value is string {
  return typeof value === 'string' && (UUID_V7.test(value) || ULID.test(value));
}

export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256.test(value);
}

/** A device token as a request shows it (Authorization: Bearer …, PROTOCOL.md §4): the token, or null when the header has another shape. */
export function bearerTokenOf(authorization: string | undefined): string | null {
  return /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(authorization ?? '')?.[1] ?? null;
}

export function isOpdCode(value: unknown): value is string {
  return typeof value === 'string' && OPD_CODE.test(value);
}
