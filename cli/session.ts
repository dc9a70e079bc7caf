import { createClient } from '../core/api/client';
import { dispatch } from '../core/api/dispatch';
import type { BerkasApi } from '../core/api/contract';
import { createHandlers } from '../core/app/create-handlers';
import { openWorkspace, type Workspace } from '../core/app/workspace';
import { defaultDataDir } from './command';

/** The in-process transport: the same dispatch (and schemas) as IPC and HTTP. */
export function inProcessClient(ws: Workspace): BerkasApi {
  const handlers = createHandlers(ws);
  return createClient((channel, payload) => dispatch(handlers, channel, payload));
}

/** Opens the workspace of --data-dir, runs `fn` with an in-process client, closes it. */
export async function withWorkspace<T>(dataDir: string | undefined, fn: (api: BerkasApi, ws: Workspace) => Promise<T>): Promise<T> {
  const ws = await openWorkspace({ dataDir: dataDir ?? defaultDataDir(), transport: 'in-process' });
  try {
    for (const notice of ws.notices) process.stderr.write(`Perhatian: ${notice.message}\n`);
    return await fn(inProcessClient(ws), ws);
  } finally {
    await ws.close();
  }
}
