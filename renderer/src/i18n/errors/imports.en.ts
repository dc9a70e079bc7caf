import type { ErrorTexts } from './error-text';

export const importsErrorsEn: ErrorTexts = {};
