/**
 * Reference data from Diskominfo's intake server (issue 7 item 7, issue 3
 * item 4): the catalog of every OPD's accepted activities (PROTOCOL.md §9.2)
 * is fetched with the device token and installed through the very import a
 * catalog file goes through (same reader, same validation, same table), so
 * the duplicate check KEGIATAN_GANDA_KATALOG sees other agencies' plans
 * without anyone carrying a file around.
 *
 * - The ETag of what was installed is remembered (table reference_sync) and
 *   sent as If-None-Match; an unchanged catalog costs one 304.
 * - A catalog file imported by hand afterwards replaces the server's copy, so
 *   the remembered ETag counts only while the installed catalog is the one
 *   it belongs to.
 * - A refused body (too large, altered, not a catalog) changes nothing: the
 *   old catalog stays.
 * - After the outbox delivered something, the sync runs on its own; a failure
 *   there is kept as a reason and never reaches the sender.
 */
import type { Clock, Database, ReferenceTransport, SyncConnection } from '../ports';
import { BerkasError, isBerkasError } from '../domain/errors';
import type { ReferenceSyncResult } from '../domain/outbox/reference';
import type { CatalogInfo } from '../domain/rencana-aksi';

export interface ReferenceSyncServiceDeps {
  db: Database;
  clock: Clock;
  transport: ReferenceTransport;
  /** The enrolled server, or null when this device is not enrolled (or its token was revoked). */
  enrolledServer(): { serverUrl: string; isRevoked: boolean } | null;
  /** The device token from the key vault (outbox service). */
  connection(): Promise<SyncConnection>;
  /** The rencana aksi catalog import (readCatalogJson for a .json name; one atomic write). */
  importCatalog(input: { fileName: string; bytes: Uint8Array }): Promise<CatalogInfo>;
  catalogInfo(): CatalogInfo | null;
}

/** The name the installed catalog carries (the catalog import reads a .json name as JSON). */
export const SERVER_CATALOG_FILE_NAME = 'katalog-kegiatan-server.json';

interface SyncRow {
  [key: string]: string | number | null | Uint8Array;
  name: string;
  etag: string | null;
  installed_at: string | null;
  checked_at: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_at: string | null;
}

export interface ReferenceSyncFailure {
  code: string;
  message: string;
  at: string;
}

export function createReferenceSyncService(deps: ReferenceSyncServiceDeps) {
  const now = () => deps.clock.now().toISOString();
  let running: Promise<ReferenceSyncResult> | null = null;

  function stateRow(): SyncRow | null {
    return deps.db.query<SyncRow>("SELECT * FROM reference_sync WHERE name = 'catalog'")[0] ?? null;
  }

  async function record(fields: { etag?: string | null; installedAt?: string; checkedAt: string; error: ReferenceSyncFailure | null }): Promise<void> {
    const before = stateRow();
    await deps.db.write([
      {
        sql: `INSERT INTO reference_sync (name, etag, installed_at, checked_at, last_error_code, last_error_message, last_error_at)
              VALUES ('catalog', ?, ?, ?, ?, ?, ?)
              ON CONFLICT(name) DO UPDATE SET etag = excluded.etag, installed_at = excluded.installed_at, checked_at = excluded.checked_at,
                last_error_code = excluded.last_error_code, last_error_message = excluded.last_error_message, last_error_at = excluded.last_error_at`,
        params: [
          fields.etag !== undefined ? fields.etag : (before?.etag ?? null),
          fields.installedAt ?? before?.installed_at ?? null,
          fields.checkedAt,
          fields.error?.code ?? null,
          fields.error?.message ?? null,
          fields.error?.at ?? null,
        ],
      },
    ]);
  }

  /** The ETag to offer: only while the installed catalog is still the one fetched with it. */
  function currentEtag(): string | null {
    const r = stateRow();
    const info = deps.catalogInfo();
    if (!r?.etag || !info || info.fileName !== SERVER_CATALOG_FILE_NAME || info.importedAt !== r.installed_at) return null;
    return r.etag;
  }

  function notEnrolled(): BerkasError {
    return new BerkasError(
      'NOT_ENROLLED',
      'Katalog kegiatan belum dapat diperbarui dari server Diskominfo: perangkat ini belum terdaftar. Daftarkan perangkat di Kotak Keluar (atau: berkas enroll --server URL --code KODE); sementara itu katalog yang ada tetap dipakai, dan katalog berkas dapat diimpor manual.',
    );
  }

  function syncFailed(serverUrl: string, err: unknown): BerkasError {
    const cause = isBerkasError(err) ? err.toPayload() : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
    const message = isBerkasError(err) && /^Katalog/.test(err.message)
      ? `${err.message} Katalog yang ada tetap dipakai.`
      : `Katalog kegiatan tidak dapat diperbarui dari server ${serverUrl}: ${cause.message}${isBerkasError(err) ? '' : '.'} Katalog yang ada tetap dipakai.`;
    return new BerkasError('REFERENCE_SYNC_FAILED', message, { serverUrl, cause });
  }

  async function syncOnce(): Promise<ReferenceSyncResult> {
    const server = deps.enrolledServer();
    if (!server) throw notEnrolled();
    if (server.isRevoked) {
      throw new BerkasError(
        'TOKEN_REVOKED',
        `Katalog kegiatan tidak dapat diperbarui: server ${server.serverUrl} menolak token perangkat ini. Daftarkan ulang perangkat dengan kode pendaftaran baru dari Diskominfo; katalog yang ada tetap dipakai.`,
        { serverUrl: server.serverUrl },
      );
    }
    const checkedAt = now();
    try {
      const conn = await deps.connection();
      const fetched = await deps.transport.fetchReferenceCatalog(conn, currentEtag());
      let status: 'updated' | 'unchanged' = 'unchanged';
      let info = deps.catalogInfo();
      if (fetched.status === 'updated') {
        try {
          info = await deps.importCatalog({ fileName: SERVER_CATALOG_FILE_NAME, bytes: fetched.bytes });
        } catch (err) {
          if (isBerkasError(err)) {
            throw new BerkasError('REFERENCE_REFUSED', `Katalog kegiatan dari server ${server.serverUrl} ditolak: ${err.message} Katalog yang ada tetap dipakai.`, {
              serverUrl: server.serverUrl,
              cause: err.toPayload(),
            });
          }
          throw err;
        }
        status = 'updated';
        await record({ etag: fetched.etag, installedAt: info.importedAt, checkedAt, error: null });
      } else {
        await record({ checkedAt, error: null });
      }
      return {
        catalog: { status, entryCount: info?.entryCount ?? 0, opdCount: info?.opdCount ?? 0, importedAt: info?.importedAt ?? null, serverUrl: server.serverUrl, checkedAt },
      };
    } catch (err) {
      // A failure that already says the catalog stays (a refused body) goes on as it is; any other is wrapped, its own code kept as the cause.
      const failure = isBerkasError(err) && /tetap dipakai/.test(err.message) ? err : syncFailed(server.serverUrl, err);
      await record({ checkedAt, error: { code: failure.code, message: failure.message, at: checkedAt } }).catch(() => undefined);
      throw failure;
    }
  }

  /** A second call while one runs shares it. */
  function syncCatalog(): Promise<ReferenceSyncResult> {
    running ??= syncOnce().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    /** Fetches the catalog now and installs it when it changed. */
    syncCatalog,

    /** After the outbox delivered: best-effort, the reason of a failure is kept (lastFailure), nothing thrown. */
    async syncAfterSend(): Promise<void> {
      const server = deps.enrolledServer();
      if (!server || server.isRevoked) return;
      await syncCatalog().catch(() => undefined);
    },

    /** Why the last fetch failed, until one succeeds. */
    lastFailure(): ReferenceSyncFailure | null {
      const r = stateRow();
      if (!r?.last_error_code || !r.last_error_message || !r.last_error_at) return null;
      return { code: r.last_error_code, message: r.last_error_message, at: r.last_error_at };
    },

    /** Resolves once no fetch is running (before the workspace closes). */
    async idle(): Promise<void> {
      await running?.catch(() => undefined);
    },
  };
}

export type ReferenceSyncService = ReturnType<typeof createReferenceSyncService>;
