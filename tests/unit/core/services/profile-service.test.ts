import path from 'node:path';
import { loadProfiles } from '../../../../core/adapters/profile-loader';
import { createProfileService } from '../../../../core/services/profile-service';
import type { Settings } from '../../../../core/domain/settings/settings';
import type { ProfileSource } from '../../../../core/ports';

const repo = path.resolve(__dirname, '../../../..');
let profiles: ProfileSource;

beforeAll(async () => {
  profiles = await loadProfiles(path.join(repo, 'assets', 'profiles'));
});

const settingsOf = (profileId: string) => ({ opd: { name: 'Dinas Uji', code: 'UJI', profileId } }) as unknown as Settings;

describe('profile service', () => {
  it('gives the named profile’s checklist and report types without reading the settings', async () => {
    const svc = createProfileService({
      profiles,
      settings: {
        load: async () => {
          throw new Error('settings must not be read when a profile is named');
        },
      },
    });
    const checklist = await svc.handoverChecklist('jambi');
    expect(checklist.profile.id).toBe('jambi');
    expect(checklist.items.length).toBeGreaterThan(0);
    expect((await svc.reportTypes('pontianak')).map((t) => t.key)).toEqual(profiles.get('pontianak').reports.map((r) => r.key));
  });

  it('takes the active profile from the settings when none is named', async () => {
    const svc = createProfileService({ profiles, settings: { load: async () => settingsOf('prabumulih') } });
    expect((await svc.handoverChecklist()).profile.id).toBe('prabumulih');
    expect((await svc.reportTypes()).map((t) => t.key)).toEqual(profiles.get('prabumulih').reports.map((r) => r.key));
  });

  it('says what to fill in when there are no settings and no profile is named', async () => {
    const svc = createProfileService({ profiles, settings: { load: async () => null } });
    await expect(svc.handoverChecklist()).rejects.toMatchObject({ code: 'SETTINGS_MISSING', message: expect.stringContaining('sebutkan profil daerahnya') });
    await expect(svc.reportTypes()).rejects.toMatchObject({ code: 'SETTINGS_MISSING', message: expect.stringContaining('isi nama OPD, profil daerah') });
  });

  it('lists every profile as a summary', () => {
    const svc = createProfileService({ profiles, settings: { load: async () => null } });
    expect(svc.list().map((p) => p.id).sort()).toEqual(profiles.list().map((p) => p.id).sort());
  });
});
