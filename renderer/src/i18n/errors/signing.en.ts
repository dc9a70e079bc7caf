import type { ErrorTexts } from './error-text';

/** Signing: certificates and keys, PDFs read, signed and checked, time stamps. */
export const signingErrorsEn: ErrorTexts = {
  ICC_MISSING: 'The sRGB colour profile was not found at {file} ({errno}); reinstall Berkas.',
  FONT_MISSING: 'The DejaVu Sans fonts were not found in {dir} ({errno}); reinstall Berkas.',
};
