import { useCallback, useEffect, useState } from 'react';
import type { CertificateInfo } from '@core/domain/signing/certificate';
import { useWorkspace } from '../app-context';
import { shownError } from './errors';

export interface CertificatesState {
  certs: CertificateInfo[] | null;
  error: string | null;
  reload(): Promise<void>;
}

/** The stored certificates (metadata only: keys stay sealed in the vault). */
export function useCertificates(): CertificatesState {
  const { api } = useWorkspace();
  const [certs, setCerts] = useState<CertificateInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setCerts(await api.certificateList({}));
      setError(null);
    } catch (err) {
      setError(shownError(err).message);
    }
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { certs, error, reload };
}
