import type { z } from 'zod';
import type { Channel } from './channels';
import type { Operation } from './operation';
import type { Envelope } from './envelope';
import { appContract } from './contract-app';
import { backupContract } from './contract-backup';
import { handoverContract } from './contract-handover';
import { outboxContract } from './contract-outbox';
import { rencanaAksiContract } from './contract-rencana-aksi';
import { signingContract } from './contract-signing';
import { reportsContract } from './contract-reports';
import { referenceContract } from './contract-reference';
import { documentsContract } from './contract-documents';

/**
 * THE contract: every channel, its request schema, its response type. Areas keep
 * their operations in contract-<area>.ts; this map must hold exactly `channels`.
 */
export const contract = {
  ...appContract,
  ...rencanaAksiContract,
  ...signingContract,
  ...backupContract,
  ...handoverContract,
  ...outboxContract,
  ...reportsContract,
  ...referenceContract,
  ...documentsContract,
} satisfies { [C in Channel]: Operation<z.ZodType, unknown> };

type Contract = typeof contract;
// Fails to compile when channels.ts names an operation the contract lacks, or the reverse.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const contractCoversChannels: Exact<keyof Contract, Channel> = true;
void contractCoversChannels;

export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = Contract[C] extends Operation<z.ZodType, infer R> ? R : never;

/** What the services implement: one async function per channel. */
export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

/** What a caller sees (renderer, tests): the verbs, throwing BerkasError on failure. */
export type BerkasApi = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/** What the Electron preload exposes as window.berkas: the verbs, returning envelopes. */
export type BerkasBridge = { [C in Channel]: (request: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>> };
