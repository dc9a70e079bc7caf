import type { ErrorTexts } from './error-text';

export const documentsErrorsEn: ErrorTexts = {};
