import type { ErrorTexts } from './error-text';

export const rencanaAksiErrorsEn: ErrorTexts = {};
