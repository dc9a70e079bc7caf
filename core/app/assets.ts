import path from 'node:path';

/** Where fonts, the ICC profile, logos and region profiles are read from when the caller names no other folder (the packaged app does). */
export const defaultAssetsDir = path.resolve(__dirname, '..', '..', 'assets');
