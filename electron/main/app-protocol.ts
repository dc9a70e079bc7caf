import path from 'node:path';
import { promises as fs } from 'node:fs';
import { contentSecurityPolicy } from '../../core/api/csp';
import { appHost, appScheme } from './origins';

/**
 * The berkas:// scheme that serves the built renderer. Registered before
 * `ready` as standard (real origin, relative URLs, localStorage) and secure
 * (a secure context like https); fetch support lets ES modules and fonts load.
 * Deliberately not bypassCSP, corsEnabled or allowServiceWorkers.
 */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

export const appResponseHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under `root` that a berkas://app/... URL names, or null when the
 * request must be refused: another scheme or host, credentials or a port,
 * undecodable escapes, NUL, backslashes or colons (Windows separators, drive
 * letters, alternate data streams), `..` or hidden segments in any encoding,
 * or a result outside `root`. `/` means index.html. `pathApi` is injectable so
 * the Windows rules are tested on any machine.
 */
export function resolveAppPath(root: string, rawUrl: string, pathApi: path.PlatformPath = path): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost || url.username !== '' || url.password !== '') return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (/[\0\\:]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = pathApi.resolve(root);
  const target = pathApi.resolve(base, ...segments);
  return target.startsWith(base + pathApi.sep) ? target : null;
}

function textResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: { ...appResponseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });
}

type ReadFile = (file: string) => Promise<Uint8Array>;

/**
 * The protocol.handle callback: GET/HEAD of files in the built renderer, each
 * with the app's CSP. A path without an extension that names no file is a
 * client-side route and gets the app shell; a missing asset is a 404.
 */
export function createAppRequestHandler(root: string, readFile: ReadFile = (file) => fs.readFile(file)): (request: Request) => Promise<Response> {
  const shell = path.join(path.resolve(root), 'index.html');
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Metode tidak diizinkan');
    let file = resolveAppPath(root, request.url);
    if (file === null) return textResponse(404, 'Tidak ditemukan');
    let data: Uint8Array;
    try {
      data = await readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'EISDIR') || path.extname(file) !== '') return textResponse(404, 'Tidak ditemukan');
      file = shell;
      try {
        data = await readFile(file);
      } catch {
        return textResponse(404, 'Tidak ditemukan');
      }
    }
    const type = mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    // A fresh ArrayBuffer copy: Response wants a plain BufferSource, not a view into a pooled Buffer.
    const body = request.method === 'HEAD' ? null : new Uint8Array(data).buffer;
    return new Response(body, { status: 200, headers: { ...appResponseHeaders, 'Content-Type': type } });
  };
}
