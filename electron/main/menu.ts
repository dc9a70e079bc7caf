import type { MenuItemConstructorOptions } from 'electron';
import type { MenuLabels } from './menu-labels';

export interface MenuOptions {
  /** Under `npm start`: reload and developer tools are offered; never in a packaged app. */
  isDevelopment: boolean;
  onAbout: () => void;
  /** Opens Pengaturan, where the backup is made (Jambi Pasal 20(3): backups on portable media). */
  onBackupNow: () => void;
}

/**
 * The application menu: Berkas, Sunting, Tampilan, Bantuan. Editing entries
 * use Electron's roles so the usual shortcuts (Ctrl+Z, Ctrl+Y, Ctrl+C, ...)
 * work in every text field.
 */
export function buildMenuTemplate(labels: MenuLabels, options: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: labels.resetZoom },
    { role: 'zoomIn', label: labels.zoomIn },
    { role: 'zoomOut', label: labels.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: labels.fullscreen },
  ];
  if (options.isDevelopment) {
    view.unshift({ role: 'reload', label: labels.reload }, { role: 'toggleDevTools', label: labels.toggleDevTools }, { type: 'separator' });
  }
  return [
    {
      label: labels.file,
      submenu: [{ label: labels.backupNow, click: () => options.onBackupNow() }, { type: 'separator' }, { role: 'quit', label: labels.quit }],
    },
    {
      label: labels.edit,
      submenu: [
        { role: 'undo', label: labels.undo },
        { role: 'redo', label: labels.redo },
        { type: 'separator' },
        { role: 'cut', label: labels.cut },
        { role: 'copy', label: labels.copy },
        { role: 'paste', label: labels.paste },
        { role: 'selectAll', label: labels.selectAll },
      ],
    },
    { label: labels.view, submenu: view },
    { label: labels.help, submenu: [{ label: labels.about, click: () => options.onAbout() }] },
  ];
}
