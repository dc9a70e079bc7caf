import { timingSafeEqual } from 'node:crypto';

/**
 * Whether `berkas ui` may answer a request. A pure decision, tested against
 * hostile input: it serves one officer on this machine and nobody else.
 *
 * Threat model. The server listens on 127.0.0.1 only, so every attacker is
 * on the same machine or reaches it through the officer's own browser:
 *
 * - Another local user (or any process of one) can connect to the port and
 *   send any request with any headers, so Host and Origin prove nothing
 *   against them. What stops them is the per-run secret (256 bits, compared in
 *   constant time), which lives only in this process and in the address
 *   printed to the officer's terminal: never in argv, the environment, a file
 *   or a log. (An officer who pipes that output into a file others can read
 *   hands it out; the address says so by being the only thing printed.)
 * - Any other listener on 127.0.0.1 (another user's server, a dev server, a
 *   port left behind by a malicious program) receives whatever the browser
 *   sends to "its" origin. Cookies are scoped to the host, not the port, so a
 *   session cookie would reach it; and 127.0.0.1:OTHER is even the same *site*,
 *   so SameSite=Strict does not hold it back. Hence no cookie at all: the
 *   secret is the first segment of every path (http://127.0.0.1:PORT/<secret>/),
 *   and a browser sends a URL path only to the origin it belongs to. The page
 *   is served with Referrer-Policy: no-referrer and loads nothing from
 *   elsewhere (CSP 'self'), so the path does not leak in a Referer either.
 *   Both the page and its API sit under the secret, so the page's relative
 *   "./api/<channel>" carries it without knowing it.
 * - A hostile web page in the officer's browser: it cannot read our
 *   responses (same-origin policy, no CORS headers), cannot frame us
 *   (frame-ancestors 'none'), and does not know the secret, so every request
 *   it makes is refused. Even with the secret, an API call needs Origin (when
 *   sent) and Sec-Fetch-Site (when sent) to say "this very origin", and
 *   Content-Type application/json, which a cross-origin page can send only
 *   after a CORS preflight that we never approve (no form post, no no-cors
 *   fetch). DNS rebinding (evil.example resolving to 127.0.0.1) arrives with
 *   Host evil.example:PORT and is refused before anything else.
 * - The printed address names 127.0.0.1, not "localhost": a name can resolve
 *   to ::1, where another user may listen on the same port number.
 *
 * What is not defended: the officer's own OS account (it can read the
 * terminal, the browser profile and the data folder anyway), and a secret the
 * officer shares by copying the address somewhere.
 */
export interface UiRequest {
  method: string;
  path: string;
  host: string | undefined;
  origin: string | undefined;
  /** Sec-Fetch-Site, which browsers send and scripts cannot forge. */
  fetchSite: string | undefined;
  contentType: string | undefined;
}

export type UiDecision =
  | { allow: true; kind: 'api'; channel: string }
  | { allow: true; kind: 'static'; path: string }
  | { allow: true; kind: 'redirect'; location: string }
  | { allow: false; status: number; reason: string };

export function isSameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The path prefix every URL of a run carries, ending in a slash. */
export function sessionBase(secret: string): string {
  return `/${secret}/`;
}

const refusedSession = { allow: false, status: 401, reason: 'Sesi tidak sah: buka alamat lengkap yang dicetak oleh "berkas ui".' } as const;

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
  // The raw first segment, before any normalisation, must be the secret itself.
  const raw = req.path.split(/[?#]/, 1)[0] ?? '';
  const segment = raw.startsWith('/') ? raw.slice(1).split('/', 1)[0] ?? '' : '';
  if (!isSameSecret(segment, own.secret)) return refusedSession;
  const base = sessionBase(own.secret);
  if (raw === `/${own.secret}`) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { allow: false, status: 405, reason: 'Metode tidak diizinkan' };
    return { allow: true, kind: 'redirect', location: base };
  }
  // "/<secret>/../x" normalises out of the session: it is not ours to serve.
  if (!url.pathname.startsWith(base)) return refusedSession;
  const rest = '/' + url.pathname.slice(base.length);

  if (rest.startsWith('/api/')) {
    if (req.method !== 'POST') return { allow: false, status: 405, reason: 'Hanya POST' };
    if (req.fetchSite !== undefined && req.fetchSite !== 'same-origin') return { allow: false, status: 403, reason: 'Permintaan dari situs lain' };
    if (!(req.contentType ?? '').toLowerCase().startsWith('application/json')) {
      return { allow: false, status: 415, reason: 'Harus application/json' };
    }
    const channel = rest.slice('/api/'.length);
    if (!/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(channel)) return { allow: false, status: 404, reason: 'Operasi tidak dikenal' };
    return { allow: true, kind: 'api', channel };
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return { allow: false, status: 405, reason: 'Metode tidak diizinkan' };
  return { allow: true, kind: 'static', path: rest };
}
