import type { ErrorTexts } from './error-text';

export const storeErrorsEn: ErrorTexts = {};
