import type { Handlers } from '../api/contract';
import { checkNip } from '../domain/settings/nip';
import { summarize } from '../domain/profiles/profile';
import { createSettingsService } from '../services/settings-service';
import type { Workspace } from './workspace';
import { createBackupHandlers } from './backup-handlers';
import { createHandoverHandlers } from './handover-handlers';
import { createRencanaAksiHandlers } from './rencana-aksi-handlers';
import { createSigningHandlers } from './signing-handlers';
import { createOutboxHandlers } from './outbox-handlers';
import { createReportsHandlers } from './reports-handlers';
import { createReferenceSyncHandlers } from './reference-sync-handlers';
import { BerkasError } from '../domain/errors';
import os from 'node:os';
import { listFolder } from '../adapters/folder-listing';

export const restoreChannels = ['backupRestoreState', 'backupRestoreStart', 'backupRestoreStatus', 'backupRestoreCancel', 'backupUndoRestore'] as const;
export type RestoreChannel = (typeof restoreChannels)[number];
export type RestoreHandlers = Pick<Handlers, RestoreChannel>;

/**
 * Restoring from the screens replaces the open workspace, which only a host
 * that can close and reopen it does (workspace-host.ts: the desktop app and
 * `berkas ui`). A bare workspace (CLI verbs, tests) says where restore is.
 */
const restoreNeedsHost = async (): Promise<never> => {
  throw new BerkasError(
    'RESTORE_NEEDS_APP',
    'Pemulihan dari layar hanya tersedia di aplikasi Berkas dan "berkas ui". Dari baris perintah gunakan: npm run -s berkas -- backup restore BERKAS --data-dir D --passphrase-env VAR',
  );
};
/** The account name for /media/<user>; absent when the system has no entry for this user (containers). */
function currentUserName(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
}

const restoreWithoutHost: RestoreHandlers = Object.fromEntries(restoreChannels.map((c) => [c, restoreNeedsHost])) as unknown as RestoreHandlers;

/**
 * The composition root's one map from channel to service call. Every transport
 * (Electron IPC, `berkas ui` HTTP, in-process for CLI and tests) dispatches
 * into the object this returns, so they cannot drift apart.
 */
export function createHandlers(ws: Workspace, restore: RestoreHandlers = restoreWithoutHost): Handlers {
  const settings = createSettingsService(ws);
  return {
    appInfo: async () => ({
      name: 'Berkas',
      version: ws.appVersion,
      transport: ws.transport,
      dataDir: ws.dataDir,
      notices: ws.notices,
    }),
    getSettings: () => settings.load(),
    saveSettings: (request) => settings.save(request),
    checkNip: async ({ nip }) => checkNip(nip, ws.clock.now()),
    listProfiles: async () => ws.profiles.list().map(summarize),
    getProfile: async ({ id }) => ws.profiles.get(id),
    browseFolder: ({ path: target, extensions, isWithPlaces }) => {
      const home = os.homedir();
      const userName = currentUserName();
      return listFolder(target ?? home, { home, platform: process.platform, isWithPlaces: isWithPlaces === true, ...(userName ? { userName } : {}), ...(extensions ? { extensions } : {}) });
    },
    ...createRencanaAksiHandlers(ws),
    ...createSigningHandlers(ws),
    ...createBackupHandlers(ws),
    ...createHandoverHandlers(ws),
    ...createOutboxHandlers(ws),
    ...createReportsHandlers(ws),
    ...createReferenceSyncHandlers(ws),
    ...restore,
  };
}
