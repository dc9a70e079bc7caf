import type { Handlers } from '../api/contract';
import { BerkasError } from '../domain/errors';
import type { Services } from './services';
import { createAppHandlers } from './app-handlers';
import { createBackupHandlers } from './backup-handlers';
import { createHandoverHandlers } from './handover-handlers';
import { createRencanaAksiHandlers } from './rencana-aksi-handlers';
import { createSigningHandlers } from './signing-handlers';
import { createOutboxHandlers } from './outbox-handlers';
import { createReportsHandlers } from './reports-handlers';
import { createReferenceSyncHandlers } from './reference-sync-handlers';
import { createDocumentsHandlers } from './documents-handlers';

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

const restoreWithoutHost: RestoreHandlers = Object.fromEntries(restoreChannels.map((c) => [c, restoreNeedsHost])) as unknown as RestoreHandlers;

/**
 * The one map from channel to service call. Every transport (Electron IPC,
 * `berkas ui` HTTP, in-process for CLI and tests) dispatches into the object
 * this returns, so they cannot drift apart. The services come from
 * createServices (services.ts); the *-handlers.ts files only map.
 */
export function createHandlers(services: Services, restore: RestoreHandlers = restoreWithoutHost): Handlers {
  return {
    ...createAppHandlers(services),
    ...createRencanaAksiHandlers(services),
    ...createSigningHandlers(services),
    ...createBackupHandlers(services),
    ...createHandoverHandlers(services),
    ...createOutboxHandlers(services),
    ...createReportsHandlers(services),
    ...createReferenceSyncHandlers(services),
    ...createDocumentsHandlers(services),
    ...restore,
  };
}
