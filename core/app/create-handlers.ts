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

/**
 * The composition root's one map from channel to service call. Every transport
 * (Electron IPC, `berkas ui` HTTP, in-process for CLI and tests) dispatches
 * into the object this returns, so they cannot drift apart.
 */
export function createHandlers(ws: Workspace): Handlers {
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
    ...createRencanaAksiHandlers(ws),
    ...createSigningHandlers(ws),
    ...createBackupHandlers(ws),
    ...createHandoverHandlers(ws),
    ...createOutboxHandlers(ws),
    ...createReportsHandlers(ws),
    ...createReferenceSyncHandlers(ws),
  };
}
