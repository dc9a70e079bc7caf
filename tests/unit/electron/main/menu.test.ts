import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../../../electron/main/menu';
import { labelsFor, menuLabels } from '../../../../electron/main/menu-labels';

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];

describe('menu labels', () => {
  it('has the same entries, all filled, in both languages', () => {
    expect(Object.keys(menuLabels.en).sort()).toEqual(Object.keys(menuLabels.id).sort());
    for (const labels of Object.values(menuLabels)) {
      for (const value of Object.values(labels)) expect(value.trim()).not.toBe('');
    }
  });

  it('falls back to Bahasa Indonesia', () => {
    expect(labelsFor(undefined)).toBe(menuLabels.id);
    expect(labelsFor('fr')).toBe(menuLabels.id);
    expect(labelsFor('en')).toBe(menuLabels.en);
  });
});

describe('buildMenuTemplate', () => {
  const onAbout = jest.fn();
  const onBackupNow = jest.fn();
  const packaged = buildMenuTemplate(menuLabels.id, { isDevelopment: false, onAbout, onBackupNow });

  it('has Berkas, Sunting, Tampilan, Bantuan in Bahasa Indonesia', () => {
    expect(packaged.map((item) => item.label)).toEqual(['Berkas', 'Sunting', 'Tampilan', 'Bantuan']);
  });

  it('edits with Electron roles, undo and redo first', () => {
    const edit = submenu(packaged[1]);
    expect(edit.slice(0, 2)).toEqual([
      { role: 'undo', label: 'Urungkan' },
      { role: 'redo', label: 'Ulangi' },
    ]);
    expect(edit.map((item) => item.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (template: MenuItemConstructorOptions[]) => submenu(template[2]).map((item) => item.role);
    expect(roles(packaged)).not.toContain('toggleDevTools');
    expect(roles(packaged)).not.toContain('reload');
    const dev = buildMenuTemplate(menuLabels.id, { isDevelopment: true, onAbout, onBackupNow });
    expect(roles(dev)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('backs up and quits from Berkas, and opens About from Bantuan', () => {
    const file = submenu(packaged[0]);
    expect(file.map((item) => item.label ?? item.type)).toEqual(['Cadangkan Sekarang…', 'separator', 'Keluar']);
    (file[0]?.click as () => void)();
    expect(onBackupNow).toHaveBeenCalledTimes(1);
    expect(file[2]).toEqual({ role: 'quit', label: 'Keluar' });
    const about = submenu(packaged[3])[0];
    expect(about?.label).toBe('Tentang Berkas');
    (about?.click as () => void)();
    expect(onAbout).toHaveBeenCalledTimes(1);
  });

  it('speaks English when the officer chose it', () => {
    expect(buildMenuTemplate(menuLabels.en, { isDevelopment: false, onAbout, onBackupNow }).map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Help']);
  });
});
