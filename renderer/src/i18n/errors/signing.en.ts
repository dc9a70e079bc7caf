import type { ErrorTexts } from './error-text';

export const signingErrorsEn: ErrorTexts = {};
