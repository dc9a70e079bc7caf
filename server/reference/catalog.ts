/**
 * The catalog of accepted activities (PROTOCOL.md §9.2), in the JSON form
 * core/domain/rencana-aksi/catalog.ts reads; reference-data.ts fills it from
 * the counted plans' facts (consolidation/rules.ts).
 */
import type { Catalog, CatalogEntry } from '../../core/domain/rencana-aksi/catalog';
import { CATALOG_FORMAT } from '../../core/domain/rencana-aksi/catalog';

export function catalogJson(entries: CatalogEntry[], issuedBy: string, issuedAt: string): Catalog & { format: string; version: 1 } {
  return { format: CATALOG_FORMAT, version: 1, issuedBy, issuedAt, entries };
}
