import type { ErrorTexts } from './error-text';

export const rencanaAksiErrorsEn: ErrorTexts = {
  // Saving a plan (core/services/rencana-aksi-service.ts)
  TITLE_EMPTY: 'The title of the action plan is empty; fill in its title.',
  TOO_MANY_STAGES: 'The action plan "{title}" has {count} stages, more than the limit of {max} stages.',
  CATALOG_NOT_UTF8: 'The activity catalog {file} is not valid: it is not UTF-8 text.',
};
