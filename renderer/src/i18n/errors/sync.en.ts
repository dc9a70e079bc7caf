import type { ErrorTexts } from './error-text';

const queued = 'The package stays in the queue and is sent automatically once the connection is back.';

/**
 * Sending packages to the intake server: the sync client's own failures, and
 * the server's refusals it passes on (their Indonesian words are the server's;
 * the app adds serverUrl and httpStatus to each, and the server's details are
 * read where it gives them).
 */
export const syncErrorsEn: ErrorTexts = {
  // The link (core/adapters/sync-client/http-request.ts)
  NETWORK_REFUSED: `The server {serverUrl} refused the connection from this computer: the server is down or its address is wrong. ${queued}`,
  NETWORK_UNREACHABLE: `The server {serverUrl} cannot be reached: check this computer's network. ${queued}`,
  NETWORK_DNS: `The server name in {serverUrl} was not found: check the server address or the internet connection. ${queued}`,
  NETWORK_RESET: `The connection to {serverUrl} broke off in the middle of sending. ${queued} The parts the server has already received are not sent again.`,
  NETWORK_TIMEOUT: `The server {serverUrl} did not answer in time: the connection is slow or stuck. ${queued}`,
  NETWORK_TLS: `The secure connection (TLS) to {serverUrl} failed: the server's certificate cannot be trusted, or this computer's clock is wrong. ${queued}`,
  NETWORK_BAD_RESPONSE: `The answer of the server {serverUrl} could not be read ({problem}). ${queued}`,
  HTTP_ERROR: 'The server {serverUrl} answered HTTP {httpStatus} without an explanation the app can read.',

  // The package's files in this computer's store, read to be sent or exported
  OUTBOX_BLOB_DAMAGED: "The package file {file} in this computer's store is damaged (its size or contents are not what was recorded). Cancel this package, then make a new one.",
  OUTBOX_BLOB_MISSING: "The package file {file} can no longer be read from this computer's store. Cancel this package, then make it again.",

  // The activity catalog fetched from the server
  REFERENCE_TOO_LARGE: 'The activity catalog from the server {serverUrl} is larger than {limit}; the answer was refused without being read.',
  REFERENCE_TAMPERED:
    'The activity catalog from the server {serverUrl} does not match its ETag fingerprint ({etag}): it was changed on the way or cut short. The catalog was refused.',

  // Refusals of the intake server (PROTOCOL.md §10), received rather than thrown
  RATE_LIMITED: 'Too many requests to the server {serverUrl}; the app waits a moment, then tries again.',
  INTERNAL: 'The server {serverUrl} had an internal error (HTTP {httpStatus}); the app tries again later.',
  UNAVAILABLE: 'The server {serverUrl} is not available right now (HTTP {httpStatus}); the app tries again shortly. Parts the server has not confirmed are sent again.',
  BAD_REQUEST: 'The server {serverUrl} could not understand the request (HTTP {httpStatus}). If it happens again, tell the ICT office.',
  METHOD_NOT_ALLOWED: 'The server {serverUrl} does not accept this kind of request at this address (HTTP {httpStatus}).',
  LENGTH_REQUIRED: 'The server {serverUrl} needs the length of the request (Content-Length) and did not get it.',
  UNSUPPORTED_MEDIA_TYPE: 'The server {serverUrl} does not accept the content type of the request.',
  PAYLOAD_TOO_LARGE: 'The request is larger than the server {serverUrl} accepts for this address.',
  AUTH_REQUIRED: "The server {serverUrl} needs this device's token; enrol this device with an enrolment code from the ICT office.",
  TOKEN_INVALID: "The server {serverUrl} does not know this device's token. Enrol this device again with an enrolment code from the ICT office.",
  FORBIDDEN: 'The server {serverUrl} does not allow this request (HTTP {httpStatus}).',
  ENROLLMENT_CODE_INVALID: 'The server {serverUrl} does not know this enrolment code. Check the code from the ICT office (16 letters/digits, for example K7QM-4XTD-9HPA-2WEC).',
  ENROLLMENT_CODE_USED: 'This enrolment code has been used already. Ask the ICT office for a new code; one code is for one device only.',
  ENROLLMENT_CODE_EXPIRED: 'This enrolment code has expired. Ask the ICT office for a new code.',
  OPD_NOT_FOUND: 'The agency of this package is not registered on the server {serverUrl}; ask the ICT office to register it.',
  INVALID_ID: 'The server {serverUrl} refused an id the app sent: it is not a submission id (UUIDv7 or ULID) or a SHA-256.',
  MANIFEST_INVALID: 'The server {serverUrl} refused the list of the package\'s files (the manifest): the field {field} is not valid.',
  MANIFEST_HASH_MISMATCH: 'The server {serverUrl} computed another SHA-256 for the package\'s manifest than the app sent.',
  METADATA_MISMATCH: 'The server {serverUrl} refused the package: its bag-info.txt does not hold {field}, so it is not a Berkas submission package.',
  SUBMISSION_NOT_FOUND: 'The server {serverUrl} does not know this submission for this agency; the app sends its manifest first.',
  SUBMISSION_CONFLICT: 'The server {serverUrl} already holds this submission with other contents.',
  SUBMISSION_ID_TAKEN: 'The id of this package is already used on the server {serverUrl} by someone else. Make a new package (a new id).',
  REVISION_TARGET_UNKNOWN: 'The package revises a submission the server {serverUrl} does not know for this agency.',
  BLOBS_MISSING: 'Some files of this submission have not reached the server {serverUrl} yet; the app uploads them, then tries again.',
  BLOB_NOT_EXPECTED: 'The server {serverUrl} does not expect this file in any open submission of this agency; the app sends the manifest first.',
  BLOB_HASH_MISMATCH: "A file of this submission in the server's store no longer matches its SHA-256; the app sends it again.",
  UPLOAD_OFFSET_MISMATCH: 'The server {serverUrl} holds a different part of the file than the app sent; the app continues from where the server is.',
  UPLOAD_LENGTH_MISMATCH: "The size of the file the app announced differs from the size in the package's manifest.",
  CHUNK_CHECKSUM_MISMATCH: 'A part of a file arrived damaged at the server {serverUrl} (its SHA-256 differs); the app sends it again.',
  CHUNK_OUT_OF_RANGE: 'A part of a file sent to the server {serverUrl} falls outside the size of that file.',
  SIGNATURE_MISSING: 'The server {serverUrl} refused the package: its main document has no electronic signature.',
};
