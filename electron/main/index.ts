import path from 'node:path';
import { spawn } from 'node:child_process';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { openWorkspace } from '../../core/app/workspace';
import { openWorkspaceHost, type WorkspaceHost } from '../../core/app/workspace-host';
import { isBerkasError } from '../../core/domain/errors';
import { appEntryUrl, appScheme, trustedOriginsFor } from './origins';
import { appSchemePrivileges, createAppRequestHandler } from './app-protocol';
import { hardenSession } from './session-policy';
import { createWindow, lockWebContents } from './window-factory';
import { bindIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { labelsFor, type MenuLabels } from './menu-labels';
import { dataDirFromSwitch, resolveAppPaths } from './app-paths';
import { createShutdown } from './shutdown';
import { squirrelAction } from './squirrel-startup';
import { createElectronSettingsStore } from './electron-settings-store';
import { createSafeStorageVault } from './safe-storage-vault';

/*
 * The lifecycle, and nothing else: every decision it wires together (paths,
 * origins, guards, IPC binding, menu, shutdown) is a tested function in this
 * folder. Forge's Vite plugin defines the MAIN_WINDOW_* constants at build time.
 */

// Never trust a dev server URL in a packaged app, whatever the build defined.
const devServerUrl =
  !app.isPackaged && typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL !== ''
    ? MAIN_WINDOW_VITE_DEV_SERVER_URL
    : undefined;
const rendererName = typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window';

function messageOf(err: unknown): string {
  if (isBerkasError(err)) return err.message;
  return `Terjadi kesalahan yang tidak terduga: ${err instanceof Error ? err.message : String(err)}`;
}

function showAbout(labels: MenuLabels): void {
  void dialog.showMessageBox({ type: 'info', title: labels.about, message: `Berkas ${app.getVersion()}`, detail: labels.aboutDetail });
}

function start(): void {
  // Both must happen before `ready`.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

  const trustedOrigins = trustedOriginsFor(devServerUrl);
  const paths = resolveAppPaths({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    mainDir: __dirname,
    rendererName,
  });
  let workspace: WorkspaceHost | undefined;
  let mainWindow: BrowserWindow | undefined;

  const openMainWindow = () => {
    mainWindow = createWindow({ preload: paths.preload, entryUrl: devServerUrl ?? appEntryUrl, trustedOrigins });
    mainWindow.on('closed', () => {
      mainWindow = undefined;
    });
  };

  // The menu's "Cadangkan Sekarang" opens Pengaturan, where the backup panel is; a
  // fragment change from the main process is an in-page navigation, not a load.
  const showBackup = () => {
    if (!mainWindow) openMainWindow();
    const target = mainWindow;
    if (!target) return;
    const base = (devServerUrl ?? appEntryUrl).split('#')[0];
    void target.loadURL(`${base}#/pengaturan`);
    target.focus();
  };

  app.on('web-contents-created', (_event, contents) => lockWebContents(contents, trustedOrigins));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on(
    'before-quit',
    createShutdown(
      async () => {
        const open = workspace;
        workspace = undefined;
        await open?.close();
      },
      () => app.quit(),
    ),
  );
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession, devServerUrl === undefined ? undefined : trustedOrigins[0], trustedOrigins);
      if (devServerUrl === undefined) protocol.handle(appScheme, createAppRequestHandler(paths.rendererDir));

      const dataDir = app.getPath('userData');
      // Opened afresh after a restore from the Pengaturan screen exchanges the workspace's files.
      workspace = await openWorkspaceHost(() =>
        openWorkspace({
          dataDir,
          transport: 'electron',
          assetsDir: paths.assetsDir,
          wasmPath: paths.wasmPath,
          settings: createElectronSettingsStore(dataDir),
          // Certificate passwords and device tokens: sealed by the OS, never stored in plain.
          keyVault: createSafeStorageVault(path.join(dataDir, 'vault'), safeStorage),
        }),
      );
      bindIpc(ipcMain, workspace.handlers, trustedOrigins);

      // A damaged settings file is reported by the UI; the menu just falls back to Bahasa Indonesia.
      const language = await workspace.current().settings.load().then(
        (settings) => settings?.language,
        () => undefined,
      );
      const labels = labelsFor(language);
      Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(labels, { isDevelopment: !app.isPackaged, onAbout: () => showAbout(labels), onBackupNow: showBackup })));

      openMainWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
      });
    })
    .catch((err: unknown) => {
      console.error('[berkas] gagal memulai:', err);
      dialog.showErrorBox('Berkas tidak dapat dibuka', messageOf(err));
      app.exit(1);
    });
}

const squirrel = squirrelAction(process.platform, process.argv, process.execPath);
if (squirrel !== null) {
  // Installer event (Windows): fix shortcuts, then quit without opening a window.
  if (squirrel.args.length === 0) app.quit();
  else spawn(squirrel.updateExe, squirrel.args, { detached: true }).on('close', () => app.quit()).on('error', () => app.quit());
} else {
  // Before the single-instance lock, which is held per data folder.
  const dataDir = dataDirFromSwitch(app.commandLine.getSwitchValue('data-dir'), process.cwd());
  if (dataDir !== null) app.setPath('userData', dataDir);
  if (!app.requestSingleInstanceLock()) {
    // Two processes on one database would overwrite each other's saves: the first instance takes focus instead.
    app.quit();
  } else {
    start();
  }
}
