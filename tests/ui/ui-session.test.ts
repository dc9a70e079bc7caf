/**
 * What a real browser carries from `berkas ui` to another port of 127.0.0.1
 * (issue 11 item 4). Chromium opens the app, then a page served by a
 * recording listener on another port, which also tries, as a hostile page
 * would, to call the app's API. Every request the listener received is then
 * replayed against the app: none of it opens the session.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { createHandlers } from '../../core/app/handlers';
import { createServices } from '../../core/app/services';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { startUiServer, type UiServer } from '../../cli/ui-server';
import { ensureRenderer, launchBrowser, rendererDir, tempDir, type Browser } from './helpers/berkas-ui';

jest.setTimeout(180_000);

interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** The other listener: records everything and serves a plain page for the hostile script to run in. */
async function startRecorder(): Promise<{ origin: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Halaman lain</title><p>pendengar lain</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('berkas ui in Chromium: another port receives nothing it could use', () => {
  let dataDir: string;
  let ws: Workspace;
  let server: UiServer;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  let browser: Browser;

  beforeAll(async () => {
    await ensureRenderer();
    dataDir = tempDir('ui-session');
    ws = await openWorkspace({ dataDir: path.join(dataDir, 'data'), transport: 'http' });
    server = await startUiServer({ handlers: createHandlers(createServices(ws)), rendererDir });
    recorder = await startRecorder();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await recorder?.close();
    await server?.close();
    await ws?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the app, visits another port, and what that port saw opens nothing', async () => {
    const { page, context } = browser;
    const secret = new URL(server.url).pathname.split('/')[1] ?? '';
    expect(secret).toMatch(/^[0-9a-f]{64}$/);

    // The app works from the printed address: the first-run screen comes from API answers.
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Selamat datang di Berkas' }).waitFor();
    expect(await context.cookies()).toEqual([]);

    // The officer follows a link from the app to another local port.
    await page.evaluate((to) => {
      window.location.href = to;
    }, `${recorder.origin}/dari-berkas`);
    await page.waitForURL(`${recorder.origin}/dari-berkas`);

    // That page, hostile, tries the API: with credentials (CORS stops it), and as a "simple" request (the server refuses it).
    const port = server.port;
    const attempts = await page.evaluate(async (p) => {
      const outcomes: string[] = [];
      const tries: [string, RequestInit][] = [
        [`http://127.0.0.1:${p}/api/saveSettings`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' }],
        [`http://127.0.0.1:${p}/api/saveSettings`, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{}' }],
        [`http://127.0.0.1:${p}/`, { credentials: 'include' }],
      ];
      for (const [url, init] of tries) {
        try {
          const response = await fetch(url, init);
          outcomes.push(`${response.type}:${response.status}`);
        } catch (err) {
          outcomes.push(`error:${(err as Error).name}`);
        }
      }
      // And a request to its own port that carries every cookie the browser holds for 127.0.0.1.
      await fetch('/gema', { credentials: 'include' });
      return outcomes;
    }, port);
    // Nothing readable came back: each is a CORS failure or an opaque answer.
    expect(attempts).toHaveLength(3);
    for (const outcome of attempts) expect(['error:TypeError', 'opaque:0']).toContain(outcome);

    // What the other port received: no cookie, no Referer, no secret anywhere.
    expect(recorder.requests.map((r) => r.url)).toEqual(expect.arrayContaining(['/dari-berkas', '/gema']));
    for (const request of recorder.requests) {
      expect(request.headers.cookie).toBeUndefined();
      expect(request.headers.referer === undefined || !request.headers.referer.includes(secret)).toBe(true);
      expect(JSON.stringify(request)).not.toContain(secret);
    }

    // Replaying everything it received against the app opens nothing.
    for (const request of recorder.requests) {
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter((e): e is [string, string] => typeof e[1] === 'string' && !['host', 'content-length', 'connection'].includes(e[0])),
      );
      for (const target of [request.url, '/api/getSettings', '/api/saveSettings']) {
        const response = await fetch(`http://127.0.0.1:${port}${target.startsWith('/api/') ? target : `/api/getSettings?via=${encodeURIComponent(target)}`}`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: '{}',
        });
        // 401 without the secret, or 403 first when the replayed Origin names the other port.
        expect({ target, isRefused: [401, 403].includes(response.status) }).toEqual({ target, isRefused: true });
      }
    }
    expect(await ws.settings.load()).toBeNull();

    // Back at the printed address the app still answers.
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Selamat datang di Berkas' }).waitFor();
    expect(browser.cspViolations).toEqual([]);
  });
});
