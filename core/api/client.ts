import { channels, type Channel } from './channels';
import type { BerkasApi } from './contract';
import type { Envelope } from './envelope';
import { unwrap } from './dispatch';

export type Invoke = (channel: Channel, payload: unknown) => Promise<Envelope<unknown>>;

/** Builds the typed verbs over any transport; every client derives from the channel list. */
export function createClient(invoke: Invoke): BerkasApi {
  const api: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const channel of channels) {
    api[channel] = async (request: unknown) => unwrap(await invoke(channel, request));
  }
  return api as BerkasApi;
}
