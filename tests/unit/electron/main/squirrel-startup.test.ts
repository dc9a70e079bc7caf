import { squirrelAction } from '../../../../electron/main/squirrel-startup';

const exe = 'C:\\Users\\opd\\AppData\\Local\\berkas\\app-0.1.0\\berkas.exe';
const update = 'C:\\Users\\opd\\AppData\\Local\\berkas\\Update.exe';

describe('squirrelAction', () => {
  it('is an ordinary start off Windows or without a --squirrel- flag', () => {
    expect(squirrelAction('linux', ['/usr/bin/berkas', '--squirrel-install'], '/usr/bin/berkas')).toBeNull();
    expect(squirrelAction('win32', [exe], exe)).toBeNull();
    expect(squirrelAction('win32', [exe, 'laporan.pdf'], exe)).toBeNull();
    expect(squirrelAction('win32', [exe, '--squirrel-firstrun'], exe)).toBeNull();
  });

  it('creates shortcuts on install and update, removes them on uninstall', () => {
    expect(squirrelAction('win32', [exe, '--squirrel-install', '0.1.0'], exe)).toEqual({ updateExe: update, args: ['--createShortcut', 'berkas.exe'] });
    expect(squirrelAction('win32', [exe, '--squirrel-updated', '0.1.1'], exe)).toEqual({ updateExe: update, args: ['--createShortcut', 'berkas.exe'] });
    expect(squirrelAction('win32', [exe, '--squirrel-uninstall'], exe)).toEqual({ updateExe: update, args: ['--removeShortcut', 'berkas.exe'] });
  });

  it('only quits on --squirrel-obsolete', () => {
    expect(squirrelAction('win32', [exe, '--squirrel-obsolete'], exe)).toEqual({ updateExe: update, args: [] });
  });
});
