/**
 * Electron's settings file, written as the Electron adapter writes it
 * (electron/main/electron-settings-store.ts sets conf's whole `store`), by
 * conf itself: electron-store is a thin Electron wrapper of conf and cannot
 * load outside Electron. The options are the ones openElectronStore gives
 * electron-store (which renames `name` to conf's `configName`). conf is an ES
 * module that Jest cannot load, so this kind runs in child processes only,
 * and conf loads only when first used: after the write fault is installed.
 */
import path from 'node:path';
import { settingsSchema } from '../../../core/api/contract-app';
import { describeFsError } from '../../../core/adapters/fs-atomic';
import type { FileKind } from './file-kinds';

interface ConfStore {
  store: Record<string, unknown>;
}

async function open(root: string): Promise<ConfStore> {
  const { default: Conf } = (await import('conf')) as { default: new (options: Record<string, unknown>) => ConfStore };
  const cwd = path.join(root, 'data');
  return new Conf({ cwd, configName: 'settings', clearInvalidConfig: false, accessPropertiesByDotNotation: false, configFileMode: 0o600, watch: false });
}

const settingsOf = (name: string) =>
  settingsSchema.parse({
    opd: { name: 'Dinas Pendidikan', code: 'DISDIK', profileId: 'jambi' },
    officer: { name, nip: '198507172010011003', jabatan: 'Kepala Seksi', pangkatGolongan: 'Penata, III/c' },
    serverUrl: '',
    language: 'id',
  });

/** What the adapter's save does: set the whole store, and name a file-system failure. */
async function save(root: string, name: string): Promise<void> {
  const conf = await open(root);
  try {
    conf.store = { ...settingsOf(name) };
  } catch (err) {
    throw describeFsError(err, path.join(root, 'data', 'settings.json'));
  }
}

export const electronStoreKind: FileKind = {
  prepare: (root) => save(root, 'Siti Lama'),
  write: (root) => save(root, 'Siti Baru'),
  folder: (root) => path.join(root, 'data'),
  target: (root) => path.join(root, 'data', 'settings.json'),
  read: async (root) => {
    const value = (await open(root)).store;
    return Object.keys(value).length === 0 ? null : settingsSchema.parse(value).officer.name;
  },
  before: 'Siti Lama',
  after: 'Siti Baru',
  isPrivate: true,
};
