import path from 'node:path';
import { decideUiRequest, parseCookies, sessionCookie, type UiRequest } from '../../../cli/ui-guard';
import { resolveStatic } from '../../../cli/ui-server';
import { dispatch } from '../../../core/api/dispatch';
import type { Handlers } from '../../../core/api/contract';

const own = { port: 48123, secret: 'f'.repeat(24) + '0123456789abcdef'.repeat(2) + 'e'.repeat(8) };
const host = `127.0.0.1:${own.port}`;

/** A request the guard must let through; each test spoils one thing. */
function apiRequest(overrides: Partial<UiRequest> = {}): UiRequest {
  return {
    method: 'POST',
    path: '/api/getSettings',
    host,
    origin: `http://${host}`,
    cookie: `${sessionCookie}=${own.secret}`,
    contentType: 'application/json',
    ...overrides,
  };
}

describe('decideUiRequest: the honest requests', () => {
  it('allows an API call from its own page', () => {
    expect(decideUiRequest(apiRequest(), own)).toEqual({ allow: true, kind: 'api', channel: 'getSettings' });
  });

  it('allows localhost, any case, with a charset, other cookies, a query string, no Origin', () => {
    const decision = decideUiRequest(
      apiRequest({
        host: `LocalHost:${own.port}`,
        origin: undefined,
        cookie: `theme=dark; ${sessionCookie}=${own.secret}; other=1`,
        contentType: 'application/json; charset=utf-8',
        path: '/api/checkNip?x=1',
      }),
      own,
    );
    expect(decision).toEqual({ allow: true, kind: 'api', channel: 'checkNip' });
  });

  it('serves the page and logs in with the right token only', () => {
    expect(decideUiRequest({ ...apiRequest(), method: 'GET', path: '/', cookie: undefined, contentType: undefined }, own)).toEqual({
      allow: true,
      kind: 'static',
    });
    expect(decideUiRequest({ ...apiRequest(), method: 'GET', path: `/?token=${own.secret}`, cookie: undefined }, own)).toEqual({
      allow: true,
      kind: 'login',
      token: own.secret,
    });
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
  ])('refuses %s (421)', (_name, badHost) => {
    expect(decideUiRequest(apiRequest({ host: badHost }), own)).toMatchObject({ allow: false, status: 421 });
    expect(decideUiRequest({ ...apiRequest({ host: badHost }), method: 'GET', path: '/' }, own)).toMatchObject({ allow: false, status: 421 });
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

  it.each([
    ['no cookie', undefined],
    ['an empty cookie header', ''],
    ['another cookie only', 'theme=dark'],
    ['a wrong secret', `${sessionCookie}=${'0'.repeat(own.secret.length)}`],
    ['the secret with a tail', `${sessionCookie}=${own.secret}x`],
    ['a prefix of the secret', `${sessionCookie}=${own.secret.slice(0, 10)}`],
    ['an empty value', `${sessionCookie}=`],
    ['the secret under another name', `x${sessionCookie}=${own.secret}`],
  ])('refuses an API call with %s (401)', (_name, cookie) => {
    expect(decideUiRequest(apiRequest({ cookie }), own)).toMatchObject({ allow: false, status: 401 });
  });

  it('refuses a wrong login token', () => {
    expect(decideUiRequest({ ...apiRequest(), method: 'GET', path: '/?token=abc' }, own)).toMatchObject({ allow: false, status: 401 });
    expect(decideUiRequest({ ...apiRequest(), method: 'GET', path: '/?token=' }, own)).toMatchObject({ allow: false, status: 401 });
  });

  it.each(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'])('refuses %s on /api (405)', (method) => {
    expect(decideUiRequest(apiRequest({ method }), own)).toMatchObject({ allow: false, status: 405 });
  });

  it.each(['POST', 'PUT', 'DELETE'])('refuses %s on a page (405)', (method) => {
    expect(decideUiRequest(apiRequest({ method, path: '/index.html' }), own)).toMatchObject({ allow: false, status: 405 });
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
    '/api/',
    '/api/get-settings',
    '/api/getSettings/extra',
    '/api/../index.html',
    '/api/..%2f..%2fetc%2fpasswd',
    '/api/get%53ettings',
    '/api/__proto__',
    '/api/_private',
    '/api/1getSettings',
    '/api/getSettings%00',
    '/api/getSettings.json',
    `/api/${'a'.repeat(65)}`,
    '/api/%E2%80%AEsgnitteS',
  ])('refuses the channel name in %s', (p) => {
    const decision = decideUiRequest(apiRequest({ path: p }), own);
    // "/api/../index.html" normalises to a page, which a POST may not fetch; the rest are unknown operations.
    expect(decision.allow).toBe(false);
    expect([404, 405]).toContain((decision as { status: number }).status);
  });

  it('lets a well-formed but unknown channel through to dispatch, which refuses it', async () => {
    const handlers = {} as Handlers;
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'deleteEverything']) {
      expect(decideUiRequest(apiRequest({ path: `/api/${name}` }), own)).toEqual({ allow: true, kind: 'api', channel: name });
      const envelope = await dispatch(handlers, name, {});
      expect(envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('reads cookies without being fooled by spacing or = in values', () => {
    const cookies = parseCookies(`  a=1;b = 2 ; ${sessionCookie}=x=y;;=nameless`);
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('b')).toBe('2');
    expect(cookies.get(sessionCookie)).toBe('x=y');
    expect(cookies.has('')).toBe(false);
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
