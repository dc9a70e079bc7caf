import type { Handlers } from '../api/contract';
import type { Services } from './services';

/** The reference data channels, spread into createHandlers. */
export function createReferenceSyncHandlers(services: Services): Pick<Handlers, 'referenceSync'> {
  return {
    referenceSync: () => services.referenceSync.syncCatalog(),
  };
}
