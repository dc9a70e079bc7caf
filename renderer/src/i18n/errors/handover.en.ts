import type { ErrorTexts } from './error-text';

export const handoverErrorsEn: ErrorTexts = {};
