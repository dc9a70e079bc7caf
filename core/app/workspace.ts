import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { BlobStore, Clock, Database, KeyVault, ProfileSource, SettingsStore } from '../ports';
import { settingsSchema } from '../api/contract-app';
import { createJsonSettingsStore } from '../adapters/json-settings-store';
import { openDatabase } from '../adapters/sqljs-database';
import { createBlobStore } from '../adapters/blob-store';
import { loadProfiles } from '../adapters/profile-loader';
import { migrations } from '../adapters/migrations';
import { describeFsError } from '../adapters/fs-atomic';
import packageJson from '../../package.json';
import { defaultAssetsDir } from './assets';

export type Transport = 'electron' | 'http' | 'in-process';

/** Everything the services need, opened once per data folder. */
export interface Workspace {
  dataDir: string;
  appVersion: string;
  transport: Transport;
  db: Database;
  blobs: BlobStore;
  settings: SettingsStore;
  profiles: ProfileSource;
  clock: Clock;
  notices: { code: string; message: string }[];
  /** Where fonts, the ICC profile and logos are read from (absent: defaultAssetsDir). */
  assetsDir?: string;
  /** The OS key vault (Electron safeStorage); absent outside Electron, where a passphrase file vault is used. */
  keyVault?: KeyVault;
  /**
   * Work to finish before the database closes (the services' senders and
   * fetches, services.ts): run by close(), the last registered first.
   */
  onClose(hook: () => Promise<void> | void): void;
  /** Runs the onClose hooks, then flushes and closes the database and releases the folder lock. */
  close(): Promise<void>;
}

export interface WorkspaceOptions {
  dataDir: string;
  transport: Transport;
  /** Where region profiles and fonts live (differs once packaged by Electron). */
  assetsDir?: string;
  /** sql.js's WebAssembly file, when it is not beside the sql.js package (packaged app). */
  wasmPath?: string;
  /** Electron passes its electron-store adapter; elsewhere settings.json in dataDir. */
  settings?: SettingsStore;
  clock?: Clock;
  /** Electron passes its safeStorage vault; elsewhere certificates are sealed with a passphrase. */
  keyVault?: KeyVault;
}

export { defaultAssetsDir };

export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const dataDir = path.resolve(options.dataDir);
  try {
    await fs.mkdir(dataDir, { recursive: true });
  } catch (err) {
    throw describeFsError(err, dataDir);
  }
  const assetsDir = options.assetsDir ?? defaultAssetsDir;
  const profiles = await loadProfiles(path.join(assetsDir, 'profiles'));
  const opened = await openDatabase({ dir: dataDir, migrations, ...(options.wasmPath ? { wasmPath: options.wasmPath } : {}) });
  const blobs = createBlobStore(path.join(dataDir, 'blobs'));
  const settings = options.settings ?? createJsonSettingsStore(dataDir, (v) => settingsSchema.parse(v));
  const hooks: (() => Promise<void> | void)[] = [];
  return {
    dataDir,
    appVersion: packageJson.version,
    transport: options.transport,
    db: opened.db,
    blobs,
    settings,
    profiles,
    clock: options.clock ?? { now: () => new Date() },
    notices: opened.notices,
    assetsDir,
    ...(options.keyVault ? { keyVault: options.keyVault } : {}),
    onClose: (hook) => void hooks.push(hook),
    async close() {
      // Every hook runs and the database closes even when one fails; the first failure is reported.
      let failure: unknown = null;
      for (let hook = hooks.pop(); hook; hook = hooks.pop()) {
        try {
          await hook();
        } catch (err) {
          failure ??= err;
        }
      }
      await opened.db.close();
      if (failure !== null) throw failure;
    },
  };
}
