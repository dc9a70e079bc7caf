import type { ErrorTexts } from './error-text';

export const outboxErrorsEn: ErrorTexts = {};
