import { useCallback, useEffect, useMemo, useState } from 'react';
import { messageOf } from '../../lib/errors';
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
  const [snapshot, setSnapshot] = useState<CatalogSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    api.rencanaAksiCatalogGet({}).then(
      (s) => {
        if (!isCurrent) return;
        setSnapshot(s);
        setError(null);
      },
      (err: unknown) => {
        if (isCurrent) setError(messageOf(err));
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [api, attempt]);

  const index = useMemo(() => (snapshot && snapshot.entries.length > 0 ? buildCatalogIndex(snapshot.entries) : undefined), [snapshot]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { snapshot, index, error, reload };
}
