import type { ErrorTexts } from './error-text';

export const reportsErrorsEn: ErrorTexts = {};
