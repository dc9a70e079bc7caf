/**
 * The services that need no workspace: region profiles, NIP-free lookups and
 * the verification of outside files. `berkas verify`, `profiles list`,
 * `bundle checklist` and `report types` run on these alone, so they never
 * open the database nor take the folder lock, and work while the app has the
 * data folder open.
 *
 * From the data folder they only ever read two things, both written by
 * rename so a reader never sees half a file: settings.json (which profile is
 * active, when none is named) and trust-roots/ (the roots installed with
 * `berkas trust add`). Nothing is created there: a missing folder reads as
 * no settings and no installed roots.
 */
import os from 'node:os';
import path from 'node:path';
import type { Clock, FolderBrowser, ProfileSource, SettingsStore, TrustStore } from '../ports';
import { createProfileService, type ProfileService } from '../services/profile-service';
import { createVerificationService, type VerificationService } from '../services/verification-service';
import { createVerifierEngine } from '../adapters/signing/verifier-engine';
import { createPackageVerifier } from '../adapters/bagit/package-verifier';
import { createFileTrustStore } from '../adapters/signing/trust-store';
import { createJsonSettingsStore } from '../adapters/json-settings-store';
import { listFolder } from '../adapters/folder-listing';
import { loadProfiles } from '../adapters/profile-loader';
import { defaultAssetsDir } from './assets';

export interface StandaloneServices {
  readonly profiles: ProfileService;
  readonly verification: VerificationService;
  readonly folders: FolderBrowser;
  readonly clock: Clock;
}

/** The account name for /media/<user>; absent when the system has no entry for this user (containers). */
function currentUserName(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
}

const folderBrowser: FolderBrowser = {
  list(target, options) {
    const home = os.homedir();
    const userName = currentUserName();
    return listFolder(target ?? home, {
      home,
      platform: process.platform,
      isWithPlaces: options.isWithPlaces,
      ...(userName ? { userName } : {}),
      ...(options.extensions ? { extensions: options.extensions } : {}),
    });
  },
};

/** Built from ports a caller already holds: a workspace's (services.ts) or those read from a folder (openStandalone). */
export function buildStandaloneServices(parts: { profiles: ProfileSource; settings: Pick<SettingsStore, 'load'>; trust: Pick<TrustStore, 'list'>; clock: Clock }): StandaloneServices {
  return {
    profiles: createProfileService({ profiles: parts.profiles, settings: parts.settings }),
    verification: createVerificationService({ verifier: createVerifierEngine(), trust: parts.trust, packages: createPackageVerifier(), clock: parts.clock }),
    folders: folderBrowser,
    clock: parts.clock,
  };
}

export interface StandaloneOptions {
  /** The officer's data folder, read as described above; absent: nothing of a workspace is read. */
  dataDir?: string;
  assetsDir?: string;
  clock?: Clock;
}

export async function openStandalone(options: StandaloneOptions = {}): Promise<StandaloneServices> {
  const assetsDir = options.assetsDir ?? defaultAssetsDir;
  const profiles = await loadProfiles(path.join(assetsDir, 'profiles'));
  const dataDir = options.dataDir === undefined ? null : path.resolve(options.dataDir);
  const settings: Pick<SettingsStore, 'load'> = dataDir
    ? {
        async load() {
          // The contract's schema (zod) loads only when settings are read: `berkas verify` never needs it.
          const { settingsSchema } = await import('../api/contract-app');
          return createJsonSettingsStore(dataDir, (v) => settingsSchema.parse(v)).load();
        },
      }
    : { load: async () => null };
  const trust = dataDir ? createFileTrustStore(path.join(dataDir, 'trust-roots')) : { list: async () => [] };
  return buildStandaloneServices({ profiles, settings, trust, clock: options.clock ?? { now: () => new Date() } });
}
