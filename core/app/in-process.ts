import { createClient } from '../api/client';
import { dispatch } from '../api/dispatch';
import type { BerkasApi } from '../api/contract';
import { createHandlers } from './handlers';
import type { Services } from './services';

/** The in-process transport (CLI verbs, tests): the same dispatch and request schemas as IPC and HTTP. */
export function inProcessClient(services: Services): BerkasApi {
  const handlers = createHandlers(services);
  return createClient((channel, payload) => dispatch(handlers, channel, payload));
}
