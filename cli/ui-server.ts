import http from 'node:http';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../core/api/dispatch';
import type { Handlers } from '../core/api/contract';
import { contentSecurityPolicy } from '../core/api/csp';
import { BerkasError } from '../core/domain/errors';
import { decideUiRequest, sessionBase } from './ui-guard';

/** Largest API request body: a 100 MB PDF (the signing limit), base64-encoded, with room. */
export const maxBodyBytes = 140 * 1024 * 1024;

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface UiServer {
  /** The address to open: the per-run secret is its first path segment, which every page and API URL keeps. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Resolves a URL path inside `root`, or null when it would escape it. */
export function resolveStatic(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return target === root || target.startsWith(root + path.sep) ? target : null;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

export async function startUiServer(options: { handlers: Handlers; rendererDir: string; port?: number; secret?: string }): Promise<UiServer> {
  const root = path.resolve(options.rendererDir);
  const secret = options.secret ?? randomBytes(32).toString('hex');
  // It becomes a path segment and the only thing between another local user and the API.
  if (!/^[A-Za-z0-9_-]{32,128}$/.test(secret)) {
    throw new BerkasError('UI_SECRET_INVALID', 'Rahasia sesi "berkas ui" harus 32–128 karakter huruf, angka, "-" atau "_".');
  }
  let port = 0;

  const server = http.createServer((req, res) => {
    void (async () => {
      const decision = decideUiRequest(
        {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          host: req.headers.host,
          origin: req.headers.origin,
          fetchSite: req.headers['sec-fetch-site'] as string | undefined,
          contentType: req.headers['content-type'],
        },
        { port, secret },
      );
      if (!decision.allow) {
        send(res, decision.status, decision.reason, 'text/plain; charset=utf-8');
        return;
      }
      if (decision.kind === 'redirect') {
        res.writeHead(308, { ...securityHeaders, Location: decision.location, 'Cache-Control': 'no-store' });
        res.end();
        return;
      }
      if (decision.kind === 'api') {
        const body = await readBody(req);
        if (body === null) {
          send(res, 413, JSON.stringify({ ok: false, error: { code: 'TOO_LARGE', message: 'Permintaan terlalu besar.' } }), 'application/json');
          return;
        }
        let payload: unknown;
        try {
          payload = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          send(res, 400, JSON.stringify({ ok: false, error: { code: 'INVALID_JSON', message: 'Isi permintaan bukan JSON yang sah.' } }), 'application/json');
          return;
        }
        const envelope = await dispatch(options.handlers, decision.channel, payload);
        send(res, 200, JSON.stringify(envelope), 'application/json');
        return;
      }
      let file = resolveStatic(root, decision.path === '/' ? '/index.html' : decision.path);
      if (!file) {
        send(res, 404, 'Tidak ditemukan', 'text/plain; charset=utf-8');
        return;
      }
      let data: Buffer;
      try {
        data = await fs.readFile(file);
      } catch {
        // Client-side routes have no extension: hand them the app shell.
        if (path.extname(file) !== '') {
          send(res, 404, 'Tidak ditemukan', 'text/plain; charset=utf-8');
          return;
        }
        file = path.join(root, 'index.html');
        data = await fs.readFile(file);
      }
      send(res, 200, req.method === 'HEAD' ? Buffer.alloc(0) : data, mimeTypes[path.extname(file)] ?? 'application/octet-stream', {
        'Cache-Control': 'no-cache',
      });
    })().catch((err: unknown) => {
      console.error('[berkas ui]', err);
      if (!res.headersSent) send(res, 500, 'Kesalahan internal', 'text/plain; charset=utf-8');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${sessionBase(secret)}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
