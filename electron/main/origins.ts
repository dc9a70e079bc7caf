/**
 * Where Berkas's own pages come from, and the pure checks that compare a URL
 * with it. Packaged, the renderer is served from the privileged custom scheme
 * below (never file://, which would make every local file same-origin); under
 * `npm start` it comes from Forge's Vite dev server on localhost.
 */
export const appScheme = 'berkas';
export const appHost = 'app';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * `scheme://host[:port]` of a URL, or null when it cannot be parsed or carries
 * credentials. Node's URL reports "null" as the origin of non-special schemes
 * such as berkas:, so the origin is assembled from its parts instead.
 */
export function originOf(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 8192) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '' || url.host === '') return null;
  return `${url.protocol}//${url.host}`;
}

/** The origins whose pages may call the IPC verbs and be navigated to: exactly one, the app's own. */
export function trustedOriginsFor(devServerUrl: string | undefined): readonly string[] {
  if (devServerUrl === undefined) return [appOrigin];
  const dev = originOf(devServerUrl);
  if (dev === null || !/^http:\/\/(localhost|127\.0\.0\.1):\d+$/.test(dev)) {
    throw new Error(`Alamat server pengembangan Vite tidak sah: ${devServerUrl}`);
  }
  return [dev];
}

/** Whether the window may navigate to `url`: only within a trusted origin. */
export function isAllowedNavigation(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && trustedOrigins.includes(origin);
}

/** The part of an IPC sender frame the trust decision needs. */
export interface SenderFrame {
  url: string;
  /** False for iframes: even a same-origin sub-frame is not the app shell. */
  isTopFrame: boolean;
}

/**
 * Whether an IPC call may run: it must come from the top frame of a page of a
 * trusted origin. A missing frame (destroyed, or navigated away mid-call) is
 * refused, as is anything the URL parser cannot read.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, trustedOrigins: readonly string[]): boolean {
  if (!frame || frame.isTopFrame !== true) return false;
  return isAllowedNavigation(frame.url, trustedOrigins);
}

/**
 * Whether a download may proceed: only files the app itself made in the page
 * (exports, signed PDFs) as blob: URLs of a trusted origin. Anything fetched
 * from elsewhere is refused. The officer still picks where it is saved.
 */
export function isAllowedDownload(url: string, trustedOrigins: readonly string[]): boolean {
  if (typeof url !== 'string' || !url.startsWith('blob:')) return false;
  return isAllowedNavigation(url.slice('blob:'.length), trustedOrigins);
}
