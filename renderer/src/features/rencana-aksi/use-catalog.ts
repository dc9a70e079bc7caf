import { useMemo } from 'react';
import { messageOf } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import type { BerkasApi } from '@core/api/contract';
import { buildCatalogIndex, type CatalogIndex, type CatalogSnapshot } from '@core/domain/rencana-aksi';

export interface CatalogState {
  snapshot: CatalogSnapshot | null;
  /** For the live duplicate check (KEGIATAN_GANDA_KATALOG); undefined while none is imported. */
  index: CatalogIndex | undefined;
  error: string | null;
  reload(): void;
}

/** The catalog of other agencies' activities, loaded once per screen and after every catalog import. */
export function useCatalog(api: BerkasApi): CatalogState {
  const catalog = useAsync(() => api.rencanaAksiCatalogGet({}), [api], { stale: 'keep' });
  const snapshot = catalog.value ?? null;
  const index = useMemo(() => (snapshot && snapshot.entries.length > 0 ? buildCatalogIndex(snapshot.entries) : undefined), [snapshot]);
  return { snapshot, index, error: catalog.error ? messageOf(catalog.error) : null, reload: catalog.reload };
}
