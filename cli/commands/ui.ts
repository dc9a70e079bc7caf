import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Command } from '../command';
import { dataDirOption, defaultDataDir, parseCommandArgs } from '../command';
import { openWorkspace } from '../../core/app/workspace';
import { createHandlers } from '../../core/app/create-handlers';
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
    const ws = await openWorkspace({ dataDir: values['data-dir'] ?? defaultDataDir(), transport: 'http', ...(values.today ? { clock: fixedDayClock(values.today) } : {}) });
    const server = await startUiServer({ handlers: createHandlers(ws), rendererDir, port });
    process.stdout.write(`Berkas UI: ${server.url}\nFolder data: ${ws.dataDir}\nTekan Ctrl+C untuk berhenti.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await ws.close();
    return 0;
  },
};

export const uiCommands: Command[] = [ui];
