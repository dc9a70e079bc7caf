import { parseArgs, type ParseArgsConfig } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { BerkasError } from '../core/domain/errors';

/** One `berkas` verb. `name` may have several words ("rencana-aksi import"). */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** Where Electron keeps userData for "Berkas", so the CLI and the app share one workspace. */
export function defaultDataDir(): string {
  if (process.env.BERKAS_DATA_DIR) return process.env.BERKAS_DATA_DIR;
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Berkas');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Berkas');
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Berkas');
  }
}

/** parseArgs with strict checking, turning its English errors into a usage error. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  usage: string,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new BerkasError('USAGE', `${(err as Error).message}\nPemakaian: ${usage}`);
  }
}

export const dataDirOption = { 'data-dir': { type: 'string' } } as const;

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
