import path from 'node:path';
import os from 'node:os';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { promises as fs } from 'node:fs';

// electron-store is ESM and needs Electron; the adapter is tested against a file-backed
// stand-in with conf's semantics (below), and its construction against this mock.
jest.mock('electron-store', () => ({
  __esModule: true,
  default: jest.fn().mockImplementation(function (this: { options: unknown }, options: unknown) {
    this.options = options;
  }),
}));

// Electron's binary may be absent: only the ipcMain the adapter touches.
jest.mock('electron', () => ({ ipcMain: { removeAllListeners: jest.fn() } }));

import { ipcMain } from 'electron';
import Store from 'electron-store';
import {
  createElectronSettingsStore,
  electronStoreChannel,
  openElectronStore,
  settingsFileName,
  type SettingsFile,
} from '../../../../electron/main/electron-settings-store';
import type { Settings } from '../../../../core/domain/settings/settings';

/**
 * What conf does with the whole-store accessor: reads and parses the file on
 * every get (a missing file is {}; a non-JSON file throws SyntaxError), and on
 * set overwrites the file whatever it held before.
 */
function confLike(dir: string): SettingsFile {
  const file = path.join(dir, settingsFileName);
  return {
    get store() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
        throw err;
      }
      return JSON.parse(text) as Record<string, unknown>;
    },
    set store(value) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, JSON.stringify(value, null, '\t'));
    },
  };
}

const settings: Settings = {
  opd: { name: 'Dinas Pendidikan Kota Pontianak', code: 'DISDIK', profileId: 'pontianak' },
  officer: { name: 'Siti Aminah', nip: '198503122010011003', jabatan: 'Analis Sistem Informasi', pangkatGolongan: 'Penata (III/c)' },
  serverUrl: 'https://berkas.diskominfo.pontianak.go.id',
  language: 'id',
};

describe('createElectronSettingsStore', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-settings-'));
    file = path.join(dir, settingsFileName);
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('is empty on first run, then keeps what was saved', async () => {
    const store = createElectronSettingsStore(dir, confLike);
    expect(await store.load()).toBeNull();
    await store.save(settings);
    expect(await createElectronSettingsStore(dir, confLike).load()).toEqual(settings);
  });

  it('writes the Settings object itself: the same file format as the CLI JSON store', async () => {
    await createElectronSettingsStore(dir, confLike).save(settings);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(settings);
  });

  it('ignores conf bookkeeping in the file', async () => {
    writeFileSync(file, JSON.stringify({ ...settings, __internal__: { migrations: { version: '0.1.0' } } }));
    expect(await createElectronSettingsStore(dir, confLike).load()).toEqual(settings);
  });

  it('names the file and the wrong fields of a hand-edited file', async () => {
    writeFileSync(file, JSON.stringify({ ...settings, opd: { ...settings.opd, code: 'DIS DIK!' }, language: 'fr' }));
    const load = createElectronSettingsStore(dir, confLike).load();
    await expect(load).rejects.toMatchObject({ code: 'SETTINGS_CORRUPT', details: { file, fields: ['opd.code', 'language'] } });
    await expect(createElectronSettingsStore(dir, confLike).load()).rejects.toThrow(`Berkas pengaturan ${file} tidak sah pada kolom: opd.code, language.`);
  });

  it('reports a file that is not JSON, and keeps it until the next save moves it aside', async () => {
    writeFileSync(file, '{"opd": {"name": "Dinas');
    const store = createElectronSettingsStore(dir, confLike, () => new Date('2026-06-17T08:30:00.000Z'));
    await expect(store.load()).rejects.toMatchObject({ code: 'SETTINGS_CORRUPT' });
    await expect(store.load()).rejects.toThrow(`Berkas pengaturan ${file} rusak: isinya bukan JSON yang sah.`);
    expect(readFileSync(file, 'utf8')).toBe('{"opd": {"name": "Dinas');

    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await store.save(settings);
    const aside = `${file}.rusak-2026-06-17T08-30-00-000Z`;
    expect(warn).toHaveBeenCalledWith(`[berkas] berkas pengaturan rusak disisihkan sebagai ${aside}`);
    warn.mockRestore();
    expect(readFileSync(aside, 'utf8')).toBe('{"opd": {"name": "Dinas');
    expect(await store.load()).toEqual(settings);
  });

  it('refuses to write settings that break the schema, leaving the file as it was', async () => {
    const store = createElectronSettingsStore(dir, confLike);
    await store.save(settings);
    const broken = { ...settings, officer: { ...settings.officer, name: '' } } as Settings;
    await expect(store.save(broken)).rejects.toMatchObject({ code: 'INVALID_SETTINGS', details: { fields: ['officer.name'] } });
    expect(await store.load()).toEqual(settings);
  });

  it('reports a write failure in Indonesian with the file name', async () => {
    const failing = (): SettingsFile => ({
      get store() {
        return {};
      },
      set store(_value) {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    });
    await expect(createElectronSettingsStore(dir, failing).save(settings)).rejects.toMatchObject({
      code: 'DISK_FULL',
      message: expect.stringContaining(file),
    });
  });

  it('reports an unreadable file without calling it corrupt', async () => {
    const unreadable = (): SettingsFile => ({
      get store(): Record<string, unknown> {
        throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      },
      set store(_value) {
        throw new Error('not reached');
      },
    });
    await expect(createElectronSettingsStore(dir, unreadable).load()).rejects.toMatchObject({
      code: 'SETTINGS_UNREADABLE',
      message: `Berkas pengaturan ${file} tidak dapat dibaca (EACCES). Periksa izin folder data.`,
    });
  });
});

describe('openElectronStore', () => {
  it('opens settings.json in the given folder, owner-only, never clearing a damaged file', () => {
    const opened = openElectronStore('/home/opd/.config/Berkas') as unknown as { options: unknown };
    expect(Store).toHaveBeenCalledTimes(1);
    expect(opened.options).toStrictEqual({
      cwd: '/home/opd/.config/Berkas',
      name: 'settings',
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      configFileMode: 0o600,
      watch: false,
    });
  });

  it('closes the unchecked IPC channel electron-store opens for pages', () => {
    openElectronStore('/home/opd/.config/Berkas');
    expect(electronStoreChannel).toBe('electron-store-get-data');
    expect(ipcMain.removeAllListeners).toHaveBeenCalledWith('electron-store-get-data');
  });
});
