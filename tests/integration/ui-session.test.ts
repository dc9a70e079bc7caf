/**
 * `berkas ui` binds its session to its own port (issue 11 item 4): the
 * per-run secret is the first segment of every path, never a cookie, so a
 * listener on another port of 127.0.0.1 (which receives every cookie of the
 * host) gets nothing it could use. Raw HTTP, so Host, Origin and
 * Sec-Fetch-Site can be set as an attacker on the same machine would.
 * What a real browser sends to another port is in tests/ui/ui-session.test.ts.
 */
import http from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHandlers } from '../../core/app/handlers';
import { createServices } from '../../core/app/services';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { startUiServer, type UiServer } from '../../cli/ui-server';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const goodSettings = {
  opd: { name: 'Dinas Pendidikan', code: 'DISDIK', profileId: 'jambi' },
  officer: { name: 'Siti Rahmawati', nip: '198507172010011003', jabatan: 'Kepala Seksi', pangkatGolongan: 'Penata, III/c' },
  serverUrl: '',
  language: 'id',
};

describe('berkas ui: the session is bound to its port', () => {
  let dir: string;
  let ws: Workspace;
  let server: UiServer;
  let secret: string;
  let own: string;
  /** Every response of the whole file, to prove none ever sets a cookie. */
  const seen: Reply[] = [];

  function raw(method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server.port, method, path: target, headers: { Host: own, ...headers }, setHost: false },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            const reply = { status: res.statusCode ?? 0, headers: res.headers, body: text };
            seen.push(reply);
            resolve(reply);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  const api = (channel: string, payload: unknown, headers: Record<string, string> = {}, prefix = `/${secret}`) =>
    raw('POST', `${prefix}/api/${channel}`, { 'Content-Type': 'application/json', ...headers }, JSON.stringify(payload));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'berkas-ui-session-'));
    ws = await openWorkspace({ dataDir: path.join(dir, 'data'), transport: 'http' });
    const rendererDir = path.join(dir, 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Berkas</title><script type="module" src="./assets/app.js"></script>');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};\n');
    server = await startUiServer({ handlers: createHandlers(createServices(ws)), rendererDir });
    own = `127.0.0.1:${server.port}`;
    secret = new URL(server.url).pathname.split('/')[1] ?? '';
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
  });

  afterAll(async () => {
    await server?.close();
    await ws?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page, its files and the API under the printed address only', async () => {
    expect(server.url).toBe(`http://${own}/${secret}/`);
    const page = await raw('GET', `/${secret}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Berkas</title>');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await raw('GET', `/${secret}/assets/app.js`)).status).toBe(200);
    expect((await api('listProfiles', {})).status).toBe(200);

    // Without the secret, nothing: not the page, not a file, not the API.
    for (const target of ['/', '/index.html', '/assets/app.js', '/favicon.ico']) expect((await raw('GET', target)).status).toBe(401);
    expect((await api('listProfiles', {}, {}, '')).status).toBe(401);
    // Its own address without the final slash goes to the slash, where "./api/" resolves inside the session.
    const bare = await raw('GET', `/${secret}`);
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe(`/${secret}/`);
  });

  it('refuses a request that carries the session cookie but not the secret path, and changes nothing', async () => {
    const cookie = `berkas_session=${secret}`;
    const attempts = [
      await api('saveSettings', goodSettings, { Cookie: cookie, Origin: `http://${own}` }, ''),
      await raw('GET', `/?token=${secret}`, { Cookie: cookie }),
      await api('saveSettings', goodSettings, { Cookie: cookie }, `/${'0'.repeat(64)}`),
      await api('saveSettings', goodSettings, { Cookie: cookie }, `/x/${secret}`),
    ];
    expect(attempts.map((a) => a.status)).toEqual([401, 401, 401, 401]);
    const settings = JSON.parse((await api('getSettings', {})).body) as unknown;
    expect(settings).toEqual({ ok: true, value: null });
  });

  it('refuses a wrong Host even with the secret path (DNS rebinding)', async () => {
    for (const host of [`evil.example:${server.port}`, `127.0.0.1.nip.io:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1', `[::1]:${server.port}`]) {
      expect({ host, status: (await api('listProfiles', {}, { Host: host })).status }).toEqual({ host, status: 421 });
      expect({ host, status: (await raw('GET', `/${secret}/`, { Host: host })).status }).toEqual({ host, status: 421 });
    }
    expect((await api('listProfiles', {}, { Host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses an API call from another origin or site, even with the secret path, and never approves a preflight', async () => {
    const other = `http://127.0.0.1:${server.port + 1}`;
    expect((await api('saveSettings', goodSettings, { Origin: other })).status).toBe(403);
    expect((await api('saveSettings', goodSettings, { Origin: 'null' })).status).toBe(403);
    // Another port of 127.0.0.1 is the same *site*: Chromium marks its requests same-site, and that is not enough.
    expect((await api('saveSettings', goodSettings, { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await raw('POST', `/${secret}/api/saveSettings`, { 'Content-Type': 'text/plain' }, JSON.stringify(goodSettings))).status).toBe(415);
    const preflights = [
      await raw('OPTIONS', `/${secret}/api/saveSettings`, { Origin: other, 'Access-Control-Request-Method': 'POST' }),
      await raw('OPTIONS', `/${secret}/api/saveSettings`, { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' }),
    ];
    expect(preflights.map((p) => p.status)).toEqual([403, 405]);
    for (const p of preflights) expect(Object.keys(p.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(JSON.parse((await api('getSettings', {})).body)).toEqual({ ok: true, value: null });
    // The honest page's own call, as Chromium sends it, still works.
    const saved = await api('saveSettings', goodSettings, { Origin: `http://${own}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(JSON.parse(saved.body)).toMatchObject({ ok: true });
  });

  it('never sets a cookie or asks for HTTP credentials, so nothing follows the browser to another port', () => {
    // Runs last: `seen` holds every response above, allowed and refused alike.
    expect(seen.length).toBeGreaterThan(25);
    expect(new Set(seen.map((r) => r.status))).toEqual(new Set([200, 308, 401, 403, 405, 415, 421]));
    for (const reply of seen) {
      expect(reply.headers['set-cookie']).toBeUndefined();
      expect(reply.headers['www-authenticate']).toBeUndefined();
      // The secret is echoed only in the one same-origin redirect, never in a body or another header.
      const { location, ...others } = reply.headers;
      expect(JSON.stringify(others)).not.toContain(secret);
      expect(reply.body).not.toContain(secret);
      if (location !== undefined) expect(location).toBe(`/${secret}/`);
    }
  });
});
