import { sharedId } from './shared.id';
import { settingsId } from '../features/settings/i18n.id';
import { rencanaAksiId } from '../features/rencana-aksi/i18n.id';
import { handoverId } from '../features/handover/i18n.id';
import { reportsId } from '../features/reports/i18n.id';
import { outboxId } from '../features/outbox/i18n.id';
import { backupId } from '../features/backup/i18n.id';
import { signingId } from '../features/signing/i18n.id';
import { documentsId } from '../features/documents/i18n.id';
import { berandaId } from '../features/beranda/i18n.id';

/**
 * Bahasa Indonesia: the reference catalog. Every string the renderer shows
 * comes from here (or from the active region profile, for the regulation's
 * own words: agency, ICT office, officer, document names). `{name}` marks a
 * parameter; its type is read from this literal, so `t()` demands it.
 *
 * No region's word belongs here (tests/unit/renderer/i18n check it): where a
 * label names the agency or the ICT office, it takes the profile's term.
 *
 * Each feature writes its own texts (features/<area>/i18n.id.ts, with its
 * English in i18n.en.ts); shared.id.ts holds the shell's, the shared kit's
 * and those more than one feature uses. A key lives in exactly one part.
 */
export const idParts = {
  shared: sharedId,
  settings: settingsId,
  rencanaAksi: rencanaAksiId,
  handover: handoverId,
  reports: reportsId,
  outbox: outboxId,
  backup: backupId,
  signing: signingId,
  documents: documentsId,
  beranda: berandaId,
} as const;

export const id = {
  ...sharedId,
  ...settingsId,
  ...rencanaAksiId,
  ...handoverId,
  ...reportsId,
  ...outboxId,
  ...backupId,
  ...signingId,
  ...documentsId,
  ...berandaId,
} as const;
