/**
 * The region profiles as the officer meets them: the list, one profile, the
 * handover checklist and the report types of a profile. Needs no workspace:
 * the active profile comes from the settings, only ever read here, so
 * `berkas bundle checklist` and `berkas report types` never open the folder.
 */
import type { ProfileSource, SettingsStore } from '../ports';
import { BerkasError } from '../domain/errors';
import { summarize, type ProfileSummary, type RegionProfile } from '../domain/profiles/profile';
import { checklistOf } from '../domain/handover/completeness';
import type { HandoverChecklist } from '../domain/handover/views';
import { typeInfo, type ReportTypeInfo } from '../domain/reports';

export interface ProfileServiceDeps {
  profiles: ProfileSource;
  settings: Pick<SettingsStore, 'load'>;
}

export function createProfileService(deps: ProfileServiceDeps) {
  /** The named profile, else the one of the OPD settings; `missing` says what to do when neither is there. */
  async function profileFor(profileId: string | undefined, missing: string): Promise<RegionProfile> {
    if (profileId) return deps.profiles.get(profileId);
    const settings = await deps.settings.load();
    if (!settings) throw new BerkasError('SETTINGS_MISSING', missing);
    return deps.profiles.get(settings.opd.profileId);
  }

  return {
    list: (): ProfileSummary[] => deps.profiles.list().map(summarize),

    get: (id: string): RegionProfile => deps.profiles.get(id),

    async handoverChecklist(profileId?: string): Promise<HandoverChecklist> {
      const profile = await profileFor(profileId, 'Profil daerah belum dipilih: isi pengaturan OPD terlebih dahulu, atau sebutkan profil daerahnya.');
      return {
        profile: { id: profile.id, name: profile.name, regulation: profile.regulation.shortTitle, article: profile.handover.article, basis: profile.handover.basis ?? null },
        items: checklistOf(profile),
      };
    },

    async reportTypes(profileId?: string): Promise<ReportTypeInfo[]> {
      const profile = await profileFor(profileId, 'Pengaturan OPD dan pejabat belum diisi: isi nama OPD, profil daerah, dan data pejabat dulu.');
      return profile.reports.map(typeInfo);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
