import type { ErrorTexts } from './error-text';
import { signingErrorsEn } from './signing.en';
import { packagesErrorsEn } from './packages.en';
import { syncErrorsEn } from './sync.en';
import { backupErrorsEn } from './backup.en';
import { storeErrorsEn } from './store.en';
import { importsErrorsEn } from './imports.en';
import { documentsErrorsEn } from './documents.en';
import { reportsErrorsEn } from './reports.en';
import { rencanaAksiErrorsEn } from './rencana-aksi.en';
import { handoverErrorsEn } from './handover.en';
import { outboxErrorsEn } from './outbox.en';
import { settingsErrorsEn } from './settings.en';
import { appErrorsEn } from './app.en';

/**
 * English texts of core's error codes, one part per area (the Indonesian text
 * is written where the error is thrown). tests/unit/renderer/i18n/error-texts
 * fails on a code thrown without its English text here, or on a text naming a
 * parameter its throw site does not give.
 */
export const errorTextParts: Readonly<Record<string, ErrorTexts>> = {
  'signing': signingErrorsEn,
  'packages': packagesErrorsEn,
  'sync': syncErrorsEn,
  'backup': backupErrorsEn,
  'store': storeErrorsEn,
  'imports': importsErrorsEn,
  'documents': documentsErrorsEn,
  'reports': reportsErrorsEn,
  'rencana-aksi': rencanaAksiErrorsEn,
  'handover': handoverErrorsEn,
  'outbox': outboxErrorsEn,
  'settings': settingsErrorsEn,
  'app': appErrorsEn,
};

export const errorTextsEn: ErrorTexts = Object.assign({}, ...Object.values(errorTextParts)) as ErrorTexts;
