import type { ErrorTexts } from './error-text';

export const backupErrorsEn: ErrorTexts = {};
