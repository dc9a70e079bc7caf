import path from 'node:path';

export interface SquirrelAction {
  /** Update.exe, beside the app folder in a Squirrel install. */
  updateExe: string;
  /** Arguments for Update.exe, or none when there is nothing to run. */
  args: string[];
}

/**
 * The Windows installer (maker-squirrel) starts the app with --squirrel-*
 * on install, update and uninstall; the app must then only fix its shortcuts
 * and quit, not open a window. Null: an ordinary start.
 */
export function squirrelAction(platform: string, argv: readonly string[], execPath: string): SquirrelAction | null {
  if (platform !== 'win32') return null;
  const command = argv[1];
  if (command === undefined || !command.startsWith('--squirrel-')) return null;
  const updateExe = path.win32.resolve(path.win32.dirname(execPath), '..', 'Update.exe');
  const exe = path.win32.basename(execPath);
  switch (command) {
    case '--squirrel-install':
    case '--squirrel-updated':
      return { updateExe, args: ['--createShortcut', exe] };
    case '--squirrel-uninstall':
      return { updateExe, args: ['--removeShortcut', exe] };
    default:
      // --squirrel-firstrun is the first ordinary start; any other (--squirrel-obsolete) only quits.
      return command === '--squirrel-firstrun' ? null : { updateExe, args: [] };
  }
}
