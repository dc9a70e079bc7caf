import path from 'node:path';
import os from 'node:os';
import { promises as fs } from 'node:fs';
import { appResponseHeaders, appSchemePrivileges, createAppRequestHandler, resolveAppPath } from '../../../../electron/main/app-protocol';
import { contentSecurityPolicy } from '../../../../core/api/csp';

describe('the berkas:// scheme', () => {
  it('is standard and secure, with fetch, and no CSP bypass, CORS or service workers', () => {
    expect(appSchemePrivileges).toStrictEqual({ scheme: 'berkas', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });
});

describe('resolveAppPath (POSIX)', () => {
  const root = '/opt/berkas/resources/app.asar/.vite/renderer/main_window';

  it.each([
    ['berkas://app/', 'index.html'],
    ['berkas://app', 'index.html'],
    ['berkas://app/index.html', 'index.html'],
    ['berkas://app/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['berkas://app/assets/font%20file.woff2', 'assets/font file.woff2'],
    ['berkas://app/assets/index.js?v=1#x', 'assets/index.js'],
    ['berkas://app/a/./b.js', 'a/b.js'],
    // The URL parser resolves plain dot segments before we see them; still inside root.
    ['berkas://app/a/../b.js', 'b.js'],
    ['berkas://app/../../../etc/passwd', 'etc/passwd'],
    // ...and so does a whole-segment %2E%2E (it is a dot segment to the parser).
    ['berkas://app/%2E%2E/secret', 'secret'],
  ])('%s -> %s', (url, rel) => {
    expect(resolveAppPath(root, url)).toBe(path.posix.join(root, rel));
  });

  it.each([
    'berkas://app/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'berkas://app/..%2F..%2F..%2Fetc%2Fpasswd',
    'berkas://app/assets%2F..%2F..%2Fbuild%2Fmain.js',
    'berkas://app/.env',
    'berkas://app/assets/.hidden',
    'berkas://app/%00index.html',
    'berkas://app/index.html%00.png',
    'berkas://app/%E0%A4%A',
    'berkas://app/..%5C..%5Cwindows%5Cwin.ini',
    'berkas://app/C:%5CWindows%5Cwin.ini',
    'berkas://app/C%3A/Windows/win.ini',
    'berkas://other/index.html',
    'berkas://app:8080/index.html',
    'berkas://user@app/index.html',
    'berkas://user:pass@app/index.html',
    'file:///etc/passwd',
    'https://app/index.html',
    'berkas:index.html',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('resolveAppPath (Windows rules)', () => {
  const root = 'C:\\Program Files\\Berkas\\resources\\app.asar\\.vite\\renderer\\main_window';

  it('maps a file inside the root', () => {
    expect(resolveAppPath(root, 'berkas://app/assets/index.js', path.win32)).toBe(`${root}\\assets\\index.js`);
  });

  it.each([
    'berkas://app/..%5C..%5C..%5Cwin.ini',
    'berkas://app/assets%5C..%5C..%5Cbuild%5Cmain.js',
    'berkas://app/C:%5CWindows%5Cwin.ini',
    'berkas://app/%5C%5Cserver%5Cshare%5Cx.js',
    'berkas://app/index.html::$DATA',
    'berkas://app/index.html%3A%3A%24DATA',
    'berkas://app/..%2F..%2Fwin.ini',
  ])('refuses %j', (url) => {
    expect(resolveAppPath(root, url, path.win32)).toBeNull();
  });
});

describe('createAppRequestHandler', () => {
  let dir: string;
  let root: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-protocol-'));
    root = path.join(dir, 'renderer');
    await fs.mkdir(path.join(root, 'assets'), { recursive: true });
    await fs.writeFile(path.join(root, 'index.html'), '<!doctype html><title>Berkas</title>');
    await fs.writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    await fs.writeFile(path.join(root, 'assets', 'font.woff2'), Buffer.from([0, 1, 2, 255]));
    // A file beside the root that traversal would reach.
    await fs.writeFile(path.join(dir, 'secret.txt'), 'rahasia');
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET') => createAppRequestHandler(root)(new Request(url, { method }));

  it('serves index.html with the CSP and hardening headers', async () => {
    const response = await get('berkas://app/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('<!doctype html><title>Berkas</title>');
  });

  it('serves assets byte for byte with their type', async () => {
    const script = await get('berkas://app/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const font = await get('berkas://app/assets/font.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect([...new Uint8Array(await font.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('answers a client-side route with the app shell, and a missing asset with 404', async () => {
    expect(await (await get('berkas://app/laporan')).text()).toContain('<title>Berkas</title>');
    const missing = await get('berkas://app/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });

  it('never reaches a file outside the root', async () => {
    for (const url of ['berkas://app/..%2Fsecret.txt', 'berkas://app/%2e%2e/secret.txt', 'berkas://app/../secret.txt']) {
      const response = await get(url);
      expect(await response.text()).not.toContain('rahasia');
    }
    expect((await get('berkas://app/..%2Fsecret.txt')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('berkas://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('berkas://app/index.html', 'POST')).status).toBe(405);
  });

  it('sends the same header set on every answer', () => {
    expect(Object.keys(appResponseHeaders).sort()).toEqual(
      ['Cache-Control', 'Content-Security-Policy', 'Cross-Origin-Opener-Policy', 'Cross-Origin-Resource-Policy', 'Referrer-Policy', 'X-Content-Type-Options', 'X-Frame-Options'].sort(),
    );
  });
});
