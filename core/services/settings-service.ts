import type { Clock, ProfileSource, SettingsStore } from '../ports';
import type { Settings } from '../domain/settings/settings';
import { checkNip } from '../domain/settings/nip';
import { BerkasError } from '../domain/errors';

export function createSettingsService(deps: { settings: SettingsStore; profiles: ProfileSource; clock: Clock }) {
  return {
    load: () => deps.settings.load(),

    /** Validates what the schema cannot (NIP structure, a known profile), then saves. */
    async save(input: Settings): Promise<Settings> {
      const nip = checkNip(input.officer.nip, deps.clock.now());
      if (!nip.isValid) {
        throw new BerkasError('NIP_INVALID', nip.message, { field: 'officer.nip', part: nip.part });
      }
      const profile = deps.profiles.list().find((p) => p.id === input.opd.profileId);
      if (!profile) {
        throw new BerkasError('PROFILE_UNKNOWN', `Profil daerah "${input.opd.profileId}" tidak dikenal.`, { field: 'opd.profileId', id: input.opd.profileId });
      }
      // Chosen on the first run, changed in Pengaturan: a save without it (a script's, an emptied month) keeps it.
      const reportsStartOn = input.reportsStartOn ?? (await deps.settings.load())?.reportsStartOn;
      const settings: Settings = { ...input, officer: { ...input.officer, nip: nip.nip }, ...(reportsStartOn ? { reportsStartOn } : {}) };
      await deps.settings.save(settings);
      return settings;
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
