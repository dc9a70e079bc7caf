import { z } from 'zod';
import { op } from './operation';
import type { ReferenceSyncResult } from '../domain/outbox/reference';

/**
 * Reference data from Diskominfo's intake server (PROTOCOL.md §9). The
 * catalog of accepted activities is fetched with the device token (never in
 * the contract) and installed as a catalog import; refused when the device is
 * not enrolled, the server cannot be reached, or the body is not a catalog.
 */
export const referenceContract = {
  referenceSync: op(z.strictObject({})).returns<ReferenceSyncResult>(),
};
