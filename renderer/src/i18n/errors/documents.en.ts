import type { ErrorTexts } from './error-text';

/** Documents: signed revisions kept, exported, countersigned, sent and revised (core/services/documents). */
export const documentsErrorsEn: ErrorTexts = {
  NOT_FOUND: 'No document or revision with id {id} was found.',
  DOCUMENT_CORRUPT: 'The stored data of document {id} in the database is damaged or not recognised.',
  REVISION_CONFLICT: '"{title}" was changed elsewhere in the meantime; load it again before saving.',
  ID_TAKEN: 'The id {id} is already used by a document of kind {kind}.',
  JOB_NOT_FOUND: 'The job {jobId} is not known (it finished long ago, or the app was restarted).',

  // Exporting a signed revision's files
  DOCUMENT_NOT_SIGNED: '"{title}" is not signed yet: sign it first, then send or download it.',
  DOCUMENT_FILE_DAMAGED:
    'The signed file {files:list} of revision {revision} "{title}" is missing or changed on this computer (it is no longer what was signed). If the outbox holds the same copy, export it again from there; otherwise restore it from a backup, or sign the document again as a new revision.',
  DOCUMENT_FILE_TOO_LARGE: '{fileName} is too large to download through the screen; save it to a folder with Export.',
  DOCUMENT_NO_OUTBOX_COPY: 'Revision {revision} "{title}" has never been in the outbox, so there is no copy of it there.',
  DOCUMENT_OUTBOX_PACKAGE_MISSING: 'The outbox package of revision {revision} "{title}" was not found.',
  DOCUMENT_OUTBOX_COPY_DAMAGED: 'The copy of {fileName} of revision {revision} "{title}" in the outbox is also damaged or missing; restore it from a backup.',

  // Sending and revising
  DOCUMENT_CHANGED_SINCE_SIGNED: '"{title}" was changed after revision {revision} was signed, so revision {draftRevision} is still a draft. Sign it first, then send it.',
  DOCUMENT_REVISION_OLD: 'Revision {revision} is not the latest revision of "{title}" (the latest is revision {newestRevision}); send the latest revision.',
  DOCUMENT_ALREADY_QUEUED: 'Revision {revision} "{title}" is already in the outbox (package {submissionId}); a revision is sent only once.',
  DOCUMENT_EARLIER_PENDING:
    'Revision {pendingRevision} "{title}" is still in the outbox (package {submissionId}). Wait until it is sent, or cancel that package, then send revision {revision}: two revisions waiting together would become two submissions.',
  DOCUMENT_REJECTED: '"{title}" was rejected by {ictOffice}. A rejected document is not revised; make a new document if needed.',
  DOCUMENT_REJECTED_WITH_NOTE: '"{title}" was rejected by {ictOffice} with the note: "{note}". A rejected document is not revised; make a new document if needed.',
  DOCUMENT_NOT_RETURNED:
    '"{title}" was not returned for revision; a revision is made for a document {ictOffice} returned (needs revision). To correct another document, just edit it: the changes become a new revision.',
  DOCUMENT_DRAFT_MISSING: 'The draft of "{title}" has been deleted from this Berkas, so its revision cannot be made here.',

  // Signing and countersigning
  DOCUMENT_PACKAGE_SIGNED:
    'The handover package "{title}" revision {revision} is already signed and packaged; a package is not signed again. Change its handover files to make a new revision.',
  DOCUMENT_DRAFT_DELETED: 'The draft of "{title}" has been deleted; there is nothing to sign.',
  SIGNER_ALREADY_SIGNED: 'The certificate "{commonName}" has already signed revision {revision} "{title}"; the next signature is made by another official (the head of the agency).',
  SIGNER_DIFFERS:
    'The certificate holder "{certificateName}" differs from the officer in Settings ({differing:list}); the signature block will carry the certificate holder\'s details. Check who signs, then confirm to sign anyway.',
};
