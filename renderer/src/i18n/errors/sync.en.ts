import type { ErrorTexts } from './error-text';

export const syncErrorsEn: ErrorTexts = {};
