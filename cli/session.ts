/**
 * How a verb reaches the services. Verbs that work on the officer's data
 * open the workspace (database, folder lock) with withWorkspace; verbs that
 * only read outside files or the region profiles use withoutWorkspace and
 * never open, lock or create anything in the data folder, so they also run
 * while the app has it open.
 *
 * The core is imported when a verb runs, not when the CLI starts: `berkas nip
 * check` and `--help` load no database, PDF or ZIP code at all.
 */
import type { BerkasApi } from '../core/api/contract';
import type { Clock } from '../core/ports';
import type { Services } from '../core/app/services';
import type { StandaloneServices } from '../core/app/standalone';
import { defaultDataDir } from './command';

/** Opens the workspace of --data-dir, runs `fn` with an in-process client and the workspace's services, closes it. */
export async function withWorkspace<T>(dataDir: string | undefined, fn: (api: BerkasApi, services: Services) => Promise<T>, options: { clock?: Clock } = {}): Promise<T> {
  const [{ openWorkspace }, { createServices }, { inProcessClient }] = await Promise.all([
    import('../core/app/workspace'),
    import('../core/app/services'),
    import('../core/app/in-process'),
  ]);
  const ws = await openWorkspace({ dataDir: dataDir ?? defaultDataDir(), transport: 'in-process', ...(options.clock ? { clock: options.clock } : {}) });
  try {
    for (const notice of ws.notices) process.stderr.write(`Perhatian: ${notice.message}\n`);
    const services = createServices(ws);
    return await fn(inProcessClient(services), services);
  } finally {
    await ws.close();
  }
}

/**
 * Runs `fn` with the services that need no workspace. From the data folder
 * (--data-dir, else the default one) they only read settings.json and the
 * installed trust roots, when there are any (core/app/standalone.ts).
 */
export async function withoutWorkspace<T>(dataDir: string | undefined, fn: (services: StandaloneServices) => Promise<T>): Promise<T> {
  const { openStandalone } = await import('../core/app/standalone');
  return fn(await openStandalone({ dataDir: dataDir ?? defaultDataDir() }));
}
