import path from 'node:path';
import { decideUiRequest, sessionBase, type UiRequest } from '../../../cli/ui-guard';
import { resolveStatic } from '../../../cli/ui-server';
import { dispatch } from '../../../core/api/dispatch';
import type { Handlers } from '../../../core/api/contract';

const own = { port: 48123, secret: 'f'.repeat(24) + '0123456789abcdef'.repeat(2) + 'e'.repeat(8) };
const host = `127.0.0.1:${own.port}`;
const base = sessionBase(own.secret);

/** A request the guard must let through (as Chromium sends it); each test spoils one thing. */
function apiRequest(overrides: Partial<UiRequest> = {}): UiRequest {
  return {
    method: 'POST',
    path: `${base}api/getSettings`,
    host,
    origin: `http://${host}`,
    fetchSite: 'same-origin',
    contentType: 'application/json',
    ...overrides,
  };
}

describe('decideUiRequest: the honest requests', () => {
  it('allows an API call from its own page', () => {
    expect(decideUiRequest(apiRequest(), own)).toEqual({ allow: true, kind: 'api', channel: 'getSettings' });
  });

  it('allows localhost, any case, with a charset, a query string, no Origin and no Sec-Fetch-Site (a script, not a browser)', () => {
    const decision = decideUiRequest(
      apiRequest({
        host: `LocalHost:${own.port}`,
        origin: undefined,
        fetchSite: undefined,
        contentType: 'application/json; charset=utf-8',
        path: `${base}api/checkNip?x=1`,
      }),
      own,
    );
    expect(decision).toEqual({ allow: true, kind: 'api', channel: 'checkNip' });
  });

  it('serves the page and its files under the secret path only', () => {
    const get = (p: string, fetchSite = 'none') => decideUiRequest({ ...apiRequest(), method: 'GET', path: p, fetchSite, contentType: undefined }, own);
    expect(get(base)).toEqual({ allow: true, kind: 'static', path: '/' });
    expect(get(`${base}assets/index-abc.js`, 'same-origin')).toEqual({ allow: true, kind: 'static', path: '/assets/index-abc.js' });
    expect(get(`${base}?x=1#/pengaturan`)).toEqual({ allow: true, kind: 'static', path: '/' });
    // Without the trailing slash the page's relative "./api/" would leave the session: send it to the slash.
    expect(get(`/${own.secret}`)).toEqual({ allow: true, kind: 'redirect', location: base });
  });
});

describe('decideUiRequest: hostile requests', () => {
  it.each([
    ['no Host', undefined],
    ['another host', 'example.com'],
    ['DNS rebinding: an attacker name resolving to 127.0.0.1', `evil.example:${own.port}`],
    ['rebinding service name', `127.0.0.1.nip.io:${own.port}`],
    ['localhost as a subdomain', `localhost.evil.example:${own.port}`],
    ['right address, wrong port', `127.0.0.1:${own.port + 1}`],
    ['no port', '127.0.0.1'],
    ['IPv6 loopback (not where it listens)', `[::1]:${own.port}`],
    ['0.0.0.0', `0.0.0.0:${own.port}`],
    ['trailing dot', `localhost.:${own.port}`],
    ['userinfo trick', `${host}@evil.example`],
  ])('refuses %s (421), even with the right secret path', (_name, badHost) => {
    expect(decideUiRequest(apiRequest({ host: badHost }), own)).toMatchObject({ allow: false, status: 421 });
    expect(decideUiRequest({ ...apiRequest({ host: badHost }), method: 'GET', path: base }, own)).toMatchObject({ allow: false, status: 421 });
  });

  it.each([
    ['a foreign site', 'http://evil.example'],
    ['an opaque origin (sandboxed frame, file:)', 'null'],
    ['another local port', `http://127.0.0.1:${own.port + 1}`],
    ['https on the same port', `https://${host}`],
    ['a look-alike', `http://${host}.evil.example`],
    ['an empty Origin', ''],
  ])('refuses an Origin of %s (403)', (_name, origin) => {
    expect(decideUiRequest(apiRequest({ origin }), own)).toMatchObject({ allow: false, status: 403 });
  });

  it.each(['same-site', 'cross-site', 'none'])('refuses an API call a browser marks Sec-Fetch-Site: %s (403)', (fetchSite) => {
    // same-site is what a page on another port of 127.0.0.1 gets: ports do not make sites.
    expect(decideUiRequest(apiRequest({ fetchSite }), own)).toMatchObject({ allow: false, status: 403 });
  });

  it.each([
    ['no secret at all', '/api/getSettings'],
    ['the page without the secret', '/'],
    ['the old login link (secret in the query, where a cookie used to be set)', `/?token=${own.secret}`],
    ['the secret as a later segment', `/x/${own.secret}/api/getSettings`],
    ['a wrong secret of the right length', `/${'0'.repeat(own.secret.length)}/api/getSettings`],
    ['the secret with a tail', `/${own.secret}x/api/getSettings`],
    ['a prefix of the secret', `/${own.secret.slice(0, 10)}/api/getSettings`],
    ['the secret in another case', `/${own.secret.toUpperCase()}/api/getSettings`],
    ['the secret percent-encoded', `/%66${own.secret.slice(1)}/api/getSettings`],
    ['an empty first segment', `//${own.secret}/api/getSettings`],
    ['a dot-dot out of the session', `${base}../api/getSettings`],
    ['an encoded dot-dot out of the session', `${base}%2e%2e/api/getSettings`],
    ['an absolute-form target', `http://${host}${base}api/getSettings`],
  ])('refuses %s (401)', (_name, p) => {
    expect(decideUiRequest(apiRequest({ path: p }), own)).toMatchObject({ allow: false, status: 401 });
    expect(decideUiRequest({ ...apiRequest({ path: p }), method: 'GET', fetchSite: 'none' }, own)).toMatchObject({ allow: false, status: 401 });
  });

  it('never lets a session cookie stand in for the secret path', () => {
    // What a listener on another port would have captured if the secret travelled in a cookie.
    const withCookie = { ...apiRequest({ path: '/api/getSettings' }), cookie: `berkas_session=${own.secret}` } as UiRequest;
    expect(decideUiRequest(withCookie, own)).toMatchObject({ allow: false, status: 401 });
  });

  it.each(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'])('refuses %s on /api (405)', (method) => {
    expect(decideUiRequest(apiRequest({ method }), own)).toMatchObject({ allow: false, status: 405 });
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('refuses %s on a page (405)', (method) => {
    expect(decideUiRequest(apiRequest({ method, path: `${base}index.html` }), own)).toMatchObject({ allow: false, status: 405 });
    expect(decideUiRequest(apiRequest({ method, path: `/${own.secret}` }), own)).toMatchObject({ allow: false, status: 405 });
  });

  it.each([
    ['none', undefined],
    ['a form post', 'application/x-www-form-urlencoded'],
    ['a multipart form', 'multipart/form-data; boundary=x'],
    ['plain text (a cross-site "simple" request)', 'text/plain'],
    ['JSON behind another type', 'text/plain; application/json'],
  ])('refuses an API call with content type %s (415)', (_name, contentType) => {
    expect(decideUiRequest(apiRequest({ contentType }), own)).toMatchObject({ allow: false, status: 415 });
  });

  it.each([
    'api/',
    'api/get-settings',
    'api/getSettings/extra',
    'api/../index.html',
    'api/..%2f..%2fetc%2fpasswd',
    'api/get%53ettings',
    'api/__proto__',
    'api/_private',
    'api/1getSettings',
    'api/getSettings%00',
    'api/getSettings.json',
    `api/${'a'.repeat(65)}`,
    'api/%E2%80%AEsgnitteS',
  ])('refuses the channel name in <secret>/%s', (p) => {
    const decision = decideUiRequest(apiRequest({ path: base + p }), own);
    // "api/../index.html" normalises to a page, which a POST may not fetch; the rest are unknown operations.
    expect(decision.allow).toBe(false);
    expect([404, 405]).toContain((decision as { status: number }).status);
  });

  it('lets a well-formed but unknown channel through to dispatch, which refuses it', async () => {
    const handlers = {} as Handlers;
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'deleteEverything']) {
      expect(decideUiRequest(apiRequest({ path: `${base}api/${name}` }), own)).toEqual({ allow: true, kind: 'api', channel: name });
      const envelope = await dispatch(handlers, name, {});
      expect(envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });
});

describe('resolveStatic', () => {
  const root = path.resolve('/srv/berkas-renderer');

  it('resolves files inside the renderer folder', () => {
    expect(resolveStatic(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveStatic(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveStatic(root, '/assets/nama%20berkas.css')).toBe(path.join(root, 'assets', 'nama berkas.css'));
  });

  it.each([
    '/../../etc/passwd',
    '/../berkas-renderer-evil/x.js',
    '/assets/../../secret.txt',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e%5c%2e%2e%5cwindows%5cwin.ini',
    '/....//....//etc/passwd',
    '/./../.././etc/shadow',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
  ])('keeps %p inside the renderer folder', (hostile) => {
    const resolved = resolveStatic(root, hostile);
    if (resolved !== null) expect(resolved === root || resolved.startsWith(root + path.sep)).toBe(true);
  });

  it.each(['/index.html%00.png', '/%00', '/%E0%A4%A', '/%'])('refuses %p (NUL byte or broken escape)', (bad) => {
    expect(resolveStatic(root, bad)).toBeNull();
  });
});
