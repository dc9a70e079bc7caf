import type { BerkasApi } from '@core/api/contract';
import type { ProfileSummary, RegionProfile } from '@core/domain/profiles/profile';
import type { NipCheck } from '@core/domain/settings/nip';
import { useT } from '../../i18n/i18n-context';
import { delay, useAsync } from '../../lib/use-async';

const nipCheckDelayMs = 250;

/** The words a profile gives the form, or neutral words before one is chosen. */
export interface FormTerms {
  agency: string;
  ictOffice: string;
  ictOfficeShort: string;
  officer: string;
}

/**
 * The chosen region profile, loaded for its words (ICT office short name,
 * officer); the last one stays while another loads, and the list's summary
 * or neutral words stand in until one is there.
 */
export function useChosenProfile(api: BerkasApi, profiles: ProfileSummary[], profileId: string): { profile: RegionProfile | null; terms: FormTerms } {
  const t = useT();
  const call = useAsync(() => (profileId === '' ? null : api.getProfile({ id: profileId })), [api, profileId], { stale: 'keep' });
  const profile = call.status === 'failed' ? null : (call.value ?? null);
  const summary = profiles.find((p) => p.id === profileId) ?? null;
  return {
    profile,
    terms: {
      agency: profile?.terms.agency ?? summary?.agency ?? t('generic.agency'),
      ictOffice: profile?.terms.ictOffice ?? summary?.ictOffice ?? t('generic.ictOffice'),
      ictOfficeShort: profile?.terms.ictOfficeShort ?? t('generic.ictOfficeShort'),
      officer: profile?.terms.officer ?? t('generic.officer'),
    },
  };
}

/** The NIP checked live on the server's rule, a moment after typing stops; the last answer stays meanwhile. */
export function useNipCheck(api: BerkasApi, nip: string): { nipCheck: NipCheck | null; isCheckingNip: boolean } {
  const call = useAsync((signal) => (nip.trim() === '' ? null : delay(nipCheckDelayMs, signal).then(() => api.checkNip({ nip }))), [api, nip], { stale: 'keep' });
  return { nipCheck: call.status === 'failed' ? null : (call.value ?? null), isCheckingNip: call.status === 'pending' };
}
