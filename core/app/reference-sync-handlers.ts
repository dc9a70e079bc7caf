import type { Handlers } from '../api/contract';
import { createSyncClient } from '../adapters/sync-client/sync-client';
import { createReferenceSyncService, type ReferenceSyncService } from '../services/reference-sync-service';
import { outboxServiceFor } from './outbox-handlers';
import { rencanaAksiServiceFor } from './rencana-aksi-handlers';
import type { Workspace } from './workspace';

type ReferenceChannel = 'referenceSync';

/** Milliseconds from an environment variable (tests shorten timeouts), or the default. */
function envMs(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const services = new WeakMap<Workspace, ReferenceSyncService>();

/**
 * The one reference sync of a workspace: the device token and server come
 * from the outbox service, the catalog goes through the workspace's rencana
 * aksi service (its import, its cache). It also runs after every send cycle
 * of the outbox that delivered something. Closing the workspace waits for a
 * fetch in flight before the database closes.
 */
export function referenceSyncServiceFor(ws: Workspace): ReferenceSyncService {
  const existing = services.get(ws);
  if (existing) return existing;
  const outbox = outboxServiceFor(ws);
  const plans = rencanaAksiServiceFor(ws);
  const transport = createSyncClient({ idleTimeoutMs: envMs('BERKAS_SYNC_IDLE_TIMEOUT_MS', 30_000), userAgent: `Berkas/${ws.appVersion}` });
  const service = createReferenceSyncService({
    db: ws.db,
    clock: ws.clock,
    transport,
    enrolledServer: () => {
      const e = outbox.enrollment();
      return e ? { serverUrl: e.serverUrl, isRevoked: e.revokedAt !== null } : null;
    },
    connection: () => outbox.deviceConnection(),
    importCatalog: (input) => plans.importCatalog(input),
    catalogInfo: () => plans.catalogInfo(),
  });
  services.set(ws, service);
  const unsubscribe = outbox.onSendCycle(() => service.syncAfterSend());
  const close = ws.close.bind(ws);
  ws.close = async () => {
    unsubscribe();
    await service.idle();
    await close();
    transport.close();
  };
  return service;
}

/** The reference data channels, spread into createHandlers. */
export function createReferenceSyncHandlers(ws: Workspace): Pick<Handlers, ReferenceChannel> {
  const service = referenceSyncServiceFor(ws);
  return {
    referenceSync: () => service.syncCatalog(),
  };
}
