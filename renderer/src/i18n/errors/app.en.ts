import type { ErrorTexts } from './error-text';

export const appErrorsEn: ErrorTexts = {};
