import { channels, ipcPrefix, type Channel } from '../../core/api/channels';
import type { BerkasBridge, RequestOf, ResponseOf } from '../../core/api/contract';
import type { Envelope } from '../../core/api/envelope';

/** Sends one request over IPC (ipcRenderer.invoke in the preload, a fake in tests). */
export type Invoke = (ipcChannel: string, payload: unknown) => Promise<unknown>;

/** One verb: exactly one argument forwarded, to the channel's prefixed IPC name. */
function verb<C extends Channel>(invoke: Invoke, channel: C) {
  return (request: RequestOf<C>): Promise<Envelope<ResponseOf<C>>> =>
    // The main process answers every channel with dispatch()'s envelope for that channel.
    invoke(ipcPrefix + channel, request) as Promise<Envelope<ResponseOf<C>>>;
}

type Verbs = { [C in Channel]: ReturnType<typeof verb<C>> };

/**
 * window.berkas: one function per channel, derived from the channel list and
 * nothing else, so the renderer can reach the contract's verbs and never
 * ipcRenderer, `send` or `on`. `satisfies` holds each verb to the contract.
 */
export function createBridge(invoke: Invoke): BerkasBridge {
  const bridge = Object.fromEntries(channels.map((channel) => [channel, verb(invoke, channel)])) as Verbs;
  return Object.freeze(bridge satisfies BerkasBridge);
}
