import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SettingsStore } from '../ports';
import type { Settings } from '../domain/settings/settings';
import { BerkasError } from '../domain/errors';
import { writeFileAtomic } from './fs-atomic';

/**
 * Settings outside Electron: settings.json in the data folder, written
 * atomically, owner-only (0600) from its first byte: it names the officer and
 * their NIP, as Electron's store (configFileMode 0600) and a restore do.
 * Inside Electron, electron/main uses electron-store behind the same port. `validate` is the contract's schema, passed in so a hand-edited
 * file is checked the same way a UI request is.
 */
export function createJsonSettingsStore(dataDir: string, validate: (value: unknown) => Settings): SettingsStore {
  const file = path.join(dataDir, 'settings.json');
  return {
    async load() {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      try {
        return validate(JSON.parse(text));
      } catch (err) {
        const detail = err instanceof BerkasError ? err.message : (err as Error).message;
        throw new BerkasError('SETTINGS_CORRUPT', `Berkas pengaturan ${file} rusak: ${detail}`, { file });
      }
    },
    async save(settings) {
      await writeFileAtomic(file, JSON.stringify(settings, null, 2) + '\n', 0o600);
    },
  };
}
