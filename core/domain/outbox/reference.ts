/**
 * Reference data fetched from the intake server (PROTOCOL.md §9): what the
 * transport hands over and what a reference sync reports. The catalog of
 * accepted activities is installed through the same reader and table as a
 * catalog file the officer imports by hand.
 */

/** The answer to GET /v1/reference/catalog: unchanged (304) or the new body with its ETag. */
export type ReferenceCatalogFetch = { status: 'unchanged' } | { status: 'updated'; etag: string | null; bytes: Uint8Array };

/** The largest catalog body accepted from a server (100 000 entries of a few hundred bytes each, with room). */
export const MAX_REFERENCE_CATALOG_BYTES = 32 * 1024 * 1024;

export interface ReferenceCatalogResult {
  /** updated: a new catalog was installed; unchanged: the server's catalog is the one already installed. */
  status: 'updated' | 'unchanged';
  entryCount: number;
  opdCount: number;
  /** When the installed catalog was imported (null: none installed). */
  importedAt: string | null;
  serverUrl: string;
  checkedAt: string;
}

export interface ReferenceSyncResult {
  catalog: ReferenceCatalogResult;
}
