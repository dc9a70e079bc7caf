import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Command } from '../command';
import { dataDirOption, defaultDataDir, parseCommandArgs } from '../command';
import { openWorkspace } from '../../core/app/workspace';
import { openWorkspaceHost } from '../../core/app/workspace-host';
import { BerkasError } from '../../core/domain/errors';
import { startUiServer } from '../ui-server';
import { fixedDayClock } from './reports';

export const defaultRendererDir = path.resolve(__dirname, '..', '..', 'dist', 'renderer');

const ui: Command = {
  name: 'ui',
  summary: 'Menjalankan Berkas di peramban (untuk mesin tanpa Electron), hanya di 127.0.0.1',
  usage: 'berkas ui [--data-dir D] [--port P] [--renderer-dir DIR] [--today TTTT-BB-HH]',
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      // --today: the calendar date the app sees (due reports, event dates), for tests and demonstrations; the hour follows the computer.
      { ...dataDirOption, port: { type: 'string' }, 'renderer-dir': { type: 'string' }, today: { type: 'string' } },
      this.usage,
      false,
    );
    const rendererDir = path.resolve(values['renderer-dir'] ?? defaultRendererDir);
    if (!existsSync(path.join(rendererDir, 'index.html'))) {
      throw new BerkasError('RENDERER_MISSING', `Tampilan belum dibangun di ${rendererDir}: jalankan "npm run ui" (membangun lalu menjalankan).`);
    }
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new BerkasError('USAGE', `--port harus bilangan 0–65535, bukan "${values.port}".`);
    }
    const options = { dataDir: values['data-dir'] ?? defaultDataDir(), transport: 'http' as const, ...(values.today ? { clock: fixedDayClock(values.today) } : {}) };
    // A host, not a bare workspace: a restore from the Pengaturan screen replaces the workspace while the server runs.
    const host = await openWorkspaceHost(() => openWorkspace(options));
    const server = await startUiServer({ handlers: host.handlers, rendererDir, port });
    process.stdout.write(`Berkas UI: ${server.url}\nFolder data: ${host.current().dataDir}\nTekan Ctrl+C untuk berhenti.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await host.close();
    return 0;
  },
};

export const uiCommands: Command[] = [ui];
