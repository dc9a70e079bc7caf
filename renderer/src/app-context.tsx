import { createContext, useContext } from 'react';
import type { AppInfo } from '@core/api/contract-app';
import type { BerkasApi } from '@core/api/contract';
import type { ProfileSummary, RegionProfile } from '@core/domain/profiles/profile';
import type { Settings } from '@core/domain/settings/settings';

/** What every screen of the set-up app may read: the contract client and the active workspace. */
export interface Workspace {
  api: BerkasApi;
  info: AppInfo;
  profiles: ProfileSummary[];
  settings: Settings;
  /** The active region profile: every agency, ICT office and document word comes from here. */
  profile: RegionProfile;
  /** Makes saved settings the active ones (labels follow the new profile at once). */
  applySettings(saved: Settings): Promise<void>;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace dipakai sebelum pengaturan dimuat');
  return value;
}
