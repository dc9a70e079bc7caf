import path from 'node:path';
import { promises as fs } from 'node:fs';
import { ipcMain } from 'electron';
import Store from 'electron-store';
import type { SettingsStore } from '../../core/ports';
import type { Settings } from '../../core/domain/settings/settings';
import { settingsSchema } from '../../core/api/contract-app';
import { BerkasError } from '../../core/domain/errors';
import { describeFsError } from '../../core/adapters/fs-atomic';

/** The part of electron-store used here: the whole file as one object (a file-backed fake in tests). */
export interface SettingsFile {
  store: Record<string, unknown>;
}

export const settingsFileName = 'settings.json';
/** The ipcMain.on channel electron-store opens for stores in a renderer (see openElectronStore). */
export const electronStoreChannel = 'electron-store-get-data';
/** conf's bookkeeping key; never part of the settings (it appears only with conf migrations, unused here). */
const confInternalKey = '__internal__';

/**
 * electron-store (conf) writes through atomically's temp + fsync + rename, so
 * a crash leaves the old or the new file. 0600: the file names the officer
 * and their NIP. It reads the file on every access, so an outside edit is seen.
 * The file holds the Settings object itself, the same format as the JSON
 * store of the CLI, so `berkas ui --data-dir <userData>` reads the same file.
 */
export function openElectronStore(dir: string): SettingsFile {
  const store = new Store<Record<string, unknown>>({
    cwd: dir,
    name: path.basename(settingsFileName, '.json'),
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
    watch: false,
  });
  // electron-store also answers any page's ipcRenderer.sendSync('electron-store-get-data') with the data
  // folder, unchecked; Berkas never opens a store in a page, and the contract's channels are its only IPC.
  ipcMain.removeAllListeners(electronStoreChannel);
  return store;
}

const isSyntaxError = (err: unknown) => err instanceof Error && err.name === 'SyntaxError';

/**
 * Settings inside Electron, behind the same port as the JSON file of the CLI
 * and `berkas ui`. Whatever is read back is checked with the contract's
 * schema, so a hand-edited or damaged file is reported with the fields that
 * are wrong instead of reaching the services. A file that is not JSON at all
 * is reported on load and, on the next save, moved aside under a timestamped
 * name (never overwritten), then replaced.
 */
export function createElectronSettingsStore(
  dir: string,
  open: (dir: string) => SettingsFile = openElectronStore,
  now: () => Date = () => new Date(),
): SettingsStore {
  const file = path.join(dir, settingsFileName);
  let opened: SettingsFile | undefined;
  const backing = () => (opened ??= open(dir));

  function readFailure(err: unknown): BerkasError {
    if (isSyntaxError(err)) {
      return new BerkasError(
        'SETTINGS_CORRUPT',
        `Berkas pengaturan ${file} rusak: isinya bukan JSON yang sah. Isi kembali pengaturan lalu simpan; berkas lama akan disisihkan, tidak ditimpa.`,
        { file },
      );
    }
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    return new BerkasError('SETTINGS_UNREADABLE', `Berkas pengaturan ${file} tidak dapat dibaca${code ? ` (${code})` : ''}. Periksa izin folder data.`, {
      file,
      systemCode: code ?? 'galat',
    });
  }

  return {
    async load(): Promise<Settings | null> {
      let value: Record<string, unknown>;
      try {
        value = { ...backing().store };
      } catch (err) {
        throw readFailure(err);
      }
      delete value[confInternalKey];
      // conf reads a missing file as {}: nothing set up yet (first run).
      if (Object.keys(value).length === 0) return null;
      const parsed = settingsSchema.safeParse(value);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(seluruh isi)'))];
        throw new BerkasError('SETTINGS_CORRUPT', `Berkas pengaturan ${file} tidak sah pada kolom: ${fields.slice(0, 8).join(', ')}.`, {
          file,
          fields,
        });
      }
      return parsed.data;
    },

    async save(settings: Settings): Promise<void> {
      const parsed = settingsSchema.safeParse(settings);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.map(String).join('.'));
        throw new BerkasError('INVALID_SETTINGS', `Pengaturan tidak disimpan: kolom tidak sah: ${fields.join(', ')}.`, { fields });
      }
      // conf's setter would silently overwrite a damaged file, so it is read first and, if not JSON, set aside.
      try {
        void backing().store;
      } catch (err) {
        if (!isSyntaxError(err)) throw readFailure(err);
        const aside = `${file}.rusak-${now().toISOString().replace(/[:.]/g, '-')}`;
        try {
          await fs.rename(file, aside);
        } catch (renameErr) {
          throw describeFsError(renameErr, aside);
        }
        console.warn(`[berkas] berkas pengaturan rusak disisihkan sebagai ${aside}`);
        opened = undefined;
      }
      try {
        backing().store = { ...parsed.data };
      } catch (err) {
        throw describeFsError(err, file);
      }
    },
  };
}
