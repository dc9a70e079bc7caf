import type { ErrorTexts } from './error-text';

/** Signing: certificates and keys, PDFs read, signed and checked, time stamps. */
export const signingErrorsEn: ErrorTexts = {
  // Certificate files (.p12/.pfx) and the key vault
  P12_PASSWORD: 'The password of the certificate {file} is wrong. Check the password (upper and lower case matter), then try again.',
  P12_PASSWORD_REQUIRED: 'Enter the password of the certificate {label} to sign.',
  P12_NO_KEY: 'The file {file} does not hold a private key together with its certificate; export the certificate again with its key (.p12/.pfx).',
  P12_UNSUPPORTED: 'The file {file} is protected by an encryption or integrity method that Berkas does not support.',
  P12_CORRUPT: 'The file {file} is not an intact PKCS#12 certificate file (.p12/.pfx): its contents cannot be read.',
  P12_LIMIT:
    'The file {file} was not opened: one of its counts or sizes is {value}, over the limit of {max}. Certificate files from certificate authorities, OpenSSL, Windows or a browser stay far below these limits; ask the certificate issuer for a new .p12/.pfx file.',
  CERT_SECRET_CORRUPT: 'The key of the certificate {label} in the key vault is damaged or not recognised; delete that certificate, then import or make it again.',
  CERT_FILE: 'The file {file} is not an X.509 certificate (PEM or DER).',
  KEY_UNSUPPORTED: 'Keys of type {keyType} cannot sign yet; use an RSA or ECDSA certificate.',
  TRUST_READ: 'The folder of trusted roots {dir} could not be read ({errno}).',

  // Stored certificates and who may sign (core/services/signing)
  CERT_NOT_FOUND: 'The certificate with id {id} was not found; choose a certificate from the list.',
  CERT_EXISTS: 'This certificate is already stored as "{label}".',
  CERT_SECRET_MISSING: 'The key of the certificate "{label}" is not in the key vault; delete that certificate, then import it again.',
  P12_TOO_LARGE: 'The file {file} is {size}; a .p12/.pfx certificate file is never that large.',
  NAME_EMPTY: 'The name of the certificate holder is empty; fill in the full name.',
  CERT_EXPIRED: 'The certificate "{commonName}" expired on {notAfter:date}; ask its issuer ({issuer}) for a new certificate.',
  CERT_NOT_YET_VALID: 'The certificate "{commonName}" is valid only from {notBefore:date}; check the computer\'s clock, or wait until that date.',
  CERT_KEY_USAGE: 'The certificate "{commonName}" may not be used for signing: its key is only for {keyUsage:list}.',
  PDF_MODIFIED_AFTER_SIGNING:
    'The PDF {file} was not signed: it was changed after it was signed. A new signature would also vouch for that change; ask the previous signer for the original file.',
  PDF_SIGNATURE_BROKEN: 'The PDF {file} was not signed: a signature already in it is not intact, so its contents are no longer as they were when signed.',

  // PDFs read and signed
  NOT_PDF: 'The file {file} is not a PDF (a PDF starts with "%PDF-" and ends with "%%EOF"). If it is a Berkas package (a ZIP), check it with "berkas verify PACKAGE.zip".',
  PDF_TRUNCATED: 'The file {file} is cut short: the end mark of a PDF (%%EOF) is not at its end.',
  PDF_STRUCTURE: 'The PDF {file} cannot be read: its structure is damaged. Save the PDF again with the application that made it, then try again.',
  PDF_ENCRYPTED: 'The PDF {file} is encrypted (password-protected): Berkas can neither sign it nor read the signatures inside it. Remove the protection first to sign it.',
  PDF_TOO_LARGE: 'The PDF {file} is too large for Berkas to read or sign. Make the PDF smaller (for example by compressing its images), then try again.',
  PDF_LOCKED: 'The PDF {file} is certified by the signature "{field}" with no changes allowed; another signature would invalidate it.',
  SIGNATURE_TOO_LARGE: 'The signature of {file} does not fit in the space reserved for it in the PDF.',

  // Time stamps (TSA)
  TSA_URL: 'The address of the time-stamp server (TSA) is not valid: {tsaUrl}. It must be an http:// or https:// address.',
  TSA_UNREACHABLE: 'The time-stamp server (TSA) {origin} could not be reached. The document was not signed; try again when connected, or sign without a TSA.',
  TSA_REJECTED: 'The time-stamp server (TSA) {origin} gave an answer that cannot be used ({problem}). The document was not signed.',

  // Fonts and colour profile the PDFs are made with
  ICC_MISSING: 'The sRGB colour profile was not found at {file} ({errno}); reinstall Berkas.',
  FONT_MISSING: 'The DejaVu Sans fonts were not found in {dir} ({errno}); reinstall Berkas.',
};
