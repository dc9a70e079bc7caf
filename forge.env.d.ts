/**
 * Constants that Electron Forge's Vite plugin defines when it builds
 * electron/main (see @electron-forge/plugin-vite's getBuildDefine): the
 * renderer's dev server address under `npm start` (absent in a build), and
 * the renderer's name, whose files land in .vite/renderer/<name>.
 */
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;
