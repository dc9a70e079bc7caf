import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RegionProfile } from '../../../../core/domain/profiles/profile';
import type { Settings } from '../../../../core/domain/settings/settings';
import { createSettingsService } from '../../../../core/services/settings-service';
import { FormSubmitRow } from '../../../../renderer/src/components/form-submit-row';
import type { Language } from '../../../../renderer/src/i18n/catalog';
import { I18nProvider } from '../../../../renderer/src/i18n/i18n-context';
import { messageOfPayload } from '../../../../renderer/src/lib/errors';
import { useAction } from '../../../../renderer/src/lib/use-action';
import { isBerkasError, type ErrorPayload } from '../../../../core/domain/errors';
import { flush, perform, renderHook } from '../render-hook';
import { renderSigning, textOf } from '../signing/render';

/**
 * A core error reaches the screen in the UI's language: the settings service
 * refuses an unknown region profile (PROFILE_UNKNOWN, the profile's id in its
 * details), the action hook every form uses keeps the failure's text, and the
 * form's submit row shows it.
 */
const profile = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../assets/profiles/jambi.json'), 'utf8')) as RegionProfile;

const settings: Settings = {
  opd: { name: 'Badan Perencanaan Pembangunan Daerah', code: 'BAPPEDA', profileId: 'atlantis' },
  officer: { name: 'Siti Rahmawati, S.Kom.', nip: '198507172010011003', jabatan: 'Kepala Subbagian Program', pangkatGolongan: 'Penata, III/c' },
  serverUrl: '',
  language: 'en',
};

function settingsService() {
  let saved: Settings | null = null;
  return createSettingsService({
    settings: {
      load: () => Promise.resolve(saved),
      save: (next) => {
        saved = next;
        return Promise.resolve();
      },
    },
    profiles: { list: () => [profile], get: () => profile },
    clock: { now: () => new Date('2026-12-07T10:00:00Z') },
  });
}

/** What the officer reads after pressing save with the unknown profile, the UI in `language`. */
async function refusalShown(language: Language): Promise<string> {
  const service = settingsService();
  const hook = await renderHook(
    () =>
      useAction(async () => {
        await service.save(settings);
      }),
    {},
    { wrapper: (node) => <I18nProvider language={language}>{node}</I18nProvider> },
  );
  await perform(() => void hook.current.run());
  await flush();
  const error = hook.current.error ?? undefined;
  await hook.unmount();
  return textOf(renderSigning(<FormSubmitRow error={error} isBusy={false} label="Simpan" busyLabel="Menyimpan" done={null} testIdBase="t" isPrimary />, { language }));
}

describe('a core error on the screen', () => {
  it('is shown in English, its parameters filled in, when the UI is in English', async () => {
    const shown = await refusalShown('en');
    expect(shown).toContain('The region profile "atlantis" is not known.');
    expect(shown).not.toContain('Profil daerah');
  });

  it('is shown in English when it arrives as data (a background job\'s error, through JSON as over IPC)', async () => {
    const thrown: unknown = await settingsService()
      .save(settings)
      .then(() => null, (err: unknown) => err);
    if (!isBerkasError(thrown)) throw new Error('the settings service accepted an unknown profile');
    const carried = JSON.parse(JSON.stringify(thrown.toPayload())) as ErrorPayload;
    textOf(renderSigning(<span />, { language: 'en' }));
    expect(messageOfPayload(carried)).toBe('The region profile "atlantis" is not known.');
    textOf(renderSigning(<span />, { language: 'id' }));
    expect(messageOfPayload(carried)).toBe('Profil daerah "atlantis" tidak dikenal.');
  });

  it('is shown as the service wrote it when the UI is in Bahasa Indonesia', async () => {
    const shown = await refusalShown('id');
    expect(shown).toContain('Profil daerah "atlantis" tidak dikenal.');
    expect(shown).not.toContain('The region profile');
  });
});
