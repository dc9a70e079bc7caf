import type { Catalog } from './catalog';
import { sharedEn } from './shared.en';
import { settingsEn } from '../features/settings/i18n.en';
import { rencanaAksiEn } from '../features/rencana-aksi/i18n.en';
import { handoverEn } from '../features/handover/i18n.en';
import { reportsEn } from '../features/reports/i18n.en';
import { outboxEn } from '../features/outbox/i18n.en';
import { backupEn } from '../features/backup/i18n.en';
import { signingEn } from '../features/signing/i18n.en';
import { documentsEn } from '../features/documents/i18n.en';
import { berandaEn } from '../features/beranda/i18n.en';

/** English: exactly the keys of id.ts, part by part (each part's type refuses a missing or extra key; this one a missing part). */
export const en: Catalog = {
  ...sharedEn,
  ...settingsEn,
  ...rencanaAksiEn,
  ...handoverEn,
  ...reportsEn,
  ...outboxEn,
  ...backupEn,
  ...signingEn,
  ...documentsEn,
  ...berandaEn,
};
