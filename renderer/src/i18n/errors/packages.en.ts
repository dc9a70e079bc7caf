import type { ErrorTexts } from './error-text';

export const packagesErrorsEn: ErrorTexts = {};
