import type { ErrorTexts } from './error-text';

export const settingsErrorsEn: ErrorTexts = {};
