import { timingSafeEqual } from 'node:crypto';

/**
 * Whether `berkas ui` may answer a request. A pure decision, tested against
 * hostile input: it serves one person on this machine, so it answers only to
 * its own Host (no DNS rebinding), its own Origin (no cross-site posts), and,
 * for the API, the per-run secret held in a SameSite=Strict cookie.
 */
export interface UiRequest {
  method: string;
  path: string;
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
  contentType: string | undefined;
}

export type UiDecision =
  | { allow: true; kind: 'api'; channel: string }
  | { allow: true; kind: 'login'; token: string }
  | { allow: true; kind: 'static' }
  | { allow: false; status: number; reason: string };

export const sessionCookie = 'berkas_session';

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

export function isSameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function decideUiRequest(req: UiRequest, own: { port: number; secret: string }): UiDecision {
  const allowedHosts = [`127.0.0.1:${own.port}`, `localhost:${own.port}`];
  if (!req.host || !allowedHosts.includes(req.host.toLowerCase())) {
    return { allow: false, status: 421, reason: 'Host tidak dikenal' };
  }
  if (req.origin !== undefined && !allowedHosts.some((h) => req.origin === `http://${h}`)) {
    return { allow: false, status: 403, reason: 'Origin asing' };
  }
  let url: URL;
  try {
    url = new URL(req.path, `http://${req.host}`);
  } catch {
    return { allow: false, status: 400, reason: 'Alamat tidak sah' };
  }
  if (url.pathname.startsWith('/api/')) {
    if (req.method !== 'POST') return { allow: false, status: 405, reason: 'Hanya POST' };
    const token = parseCookies(req.cookie).get(sessionCookie);
    if (!token || !isSameSecret(token, own.secret)) return { allow: false, status: 401, reason: 'Sesi tidak sah' };
    if (!(req.contentType ?? '').toLowerCase().startsWith('application/json')) {
      return { allow: false, status: 415, reason: 'Harus application/json' };
    }
    const channel = url.pathname.slice('/api/'.length);
    if (!/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(channel)) return { allow: false, status: 404, reason: 'Operasi tidak dikenal' };
    return { allow: true, kind: 'api', channel };
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return { allow: false, status: 405, reason: 'Metode tidak diizinkan' };
  const token = url.searchParams.get('token');
  if (token !== null) {
    if (!isSameSecret(token, own.secret)) return { allow: false, status: 401, reason: 'Token tidak sah' };
    return { allow: true, kind: 'login', token };
  }
  return { allow: true, kind: 'static' };
}
