import type { ErrorTexts } from './error-text';

/** The outbox: enrolment, adding packages, sending, and the reference catalog fetched from the intake server. */
export const outboxErrorsEn: ErrorTexts = {
  // Enrolment and the device token
  NOT_ENROLLED:
    'This device is not enrolled with the ICT office\'s server yet. Ask the ICT office for an enrolment code, then enrol in the Outbox (or: berkas enroll --server URL --code CODE). What is already here is kept.',
  TOKEN_REVOKED: 'The server {serverUrl} refused this device\'s token. Enrol this device again with a new enrolment code from the ICT office; what is already here is kept.',
  TOKEN_MISSING: 'The device token is not in this computer\'s key vault. Enrol the device again with a new enrolment code from the ICT office.',
  ENROLLMENT_CODE_FORMAT: 'An enrolment code has 16 letters/digits, for example K7QM-4XTD-9HPA-2WEC; check the code from the ICT office again.',

  // Adding a package
  OPD_CODE_MISSING:
    'The agency code "{code}" cannot be used for a submission; fill in the agency code in Settings (capital letters, digits, dots, underscores, hyphens) or enrol the device first.',
  OUTBOX_DUPLICATE_ID: 'The outbox already holds package {id} with other contents; packages with the same id cannot differ.',
  OUTBOX_DUPLICATE:
    'This PDF is already in the outbox as "{title}" (id {id}). A signed document is sent once; a correction is sent as a revision with a newly signed PDF.',
  PDF_NOT_SIGNED: '{file}: the PDF is not signed electronically, and an unsigned document cannot be sent. Sign it first (Rencana Aksi → Sign, or: berkas sign), then add it to the outbox.',
  SIGNATURE_INVALID: '{file}: the electronic signature in the PDF is not intact; a PDF changed after it was signed cannot be sent.',
  OUTBOX_DATA_MISSING:
    'The PDF {file} does not come from a document kept in this Berkas, so its data.json is not known. Include its data (--data FILE.json) with its type and period.',
  OUTBOX_DATA_CHANGED:
    '"{title}" was changed ({updatedAt}) after the PDF {file} was signed ({signedAt}); data.json no longer matches the PDF. Sign the PDF again, or include matching data with --data.',
  OUTBOX_DATA_INVALID: 'The submission\'s data.json must be a valid JSON object ({ … }).',
  OUTBOX_TYPE_MISSING: 'Name the type of submission: {types:list}.',
  OUTBOX_PERIOD_INVALID: 'The period "{period}" is not valid; for example: 2025, 2025-T1, 2025-S2, 2025-06, 2025-06-17.',
  OUTBOX_REVISION_INVALID: '"{revisionOf}" is not a submission id (UUIDv7 or ULID) that can be revised.',
  OPD_MISMATCH: 'The package {file} was made for agency {packageOpd}, but this device is enrolled for {enrolledOpd}; the server would refuse it.',

  // The server address, package manifests and the outbox's states (core/domain/outbox)
  SERVER_URL_INVALID: 'The server address "{url}" is not valid: write it in full, starting with https:// or http://, without a user name, password, "?" or "#" (for example https://berkas.contoh.go.id).',
  OUTBOX_CORRUPT: 'The submission manifest in the database is damaged.',
  OUTBOX_TRANSITION: 'A package in the state "{state}" cannot take the action "{event}".',
  CANONICAL_JSON: 'Canonical JSON holds only text, whole non-negative numbers, true/false, null, lists and objects.',
  UUID_TIME: 'The time {time} is outside the range of a UUIDv7.',
  UUID_RANDOM: 'A UUIDv7 needs 10 random bytes.',

  // Packages in the outbox
  OUTBOX_NOT_FOUND: 'There is no package with id {id} in the outbox.',
  OUTBOX_CANCELLED: 'Package {id} has been cancelled; a cancelled package is not exported.',
  CANCELLED: 'Stopped before it finished (held, cancelled, or the app was closed).',
  OUTBOX_BUSY: 'The automatic sender is running in this app; use "send now" on each package.',

  // The activity catalog from the intake server
  REFERENCE_REFUSED: 'The activity catalog from the server {serverUrl} was refused: {cause:error} The catalog you have stays in use.',
  REFERENCE_SYNC_FAILED: 'The activity catalog could not be updated from the server {serverUrl}: {cause:error} The catalog you have stays in use.',
};
