/**
 * The intake server under a slow-client attack (issue 11.3, PROTOCOL.md
 * §12.1): trickled headers and bodies are cut by their deadlines, a client
 * address over its connection limit is told 429 with Retry-After, and an
 * enrolled OPD's submission goes through while hundreds of trickling
 * connections from many addresses press on the unauthenticated pool.
 *
 * Limits are lowered through the server's options so the test stays cheap;
 * the attackers are raw sockets bound to other loopback addresses
 * (127.0.x.y all reach 127.0.0.1 on Linux), one shared timer trickling a byte
 * into each. No timing is asserted beyond generous upper bounds.
 */
import http from 'node:http';
import net from 'node:net';
import { verifyReceipt, type PublishedKey } from '../../server/intake/receipt-keys';
import type { Receipt } from '../../server/protocol/types';
import type { ConnectionLimits } from '../../server/http/connection-guard';
import { buildPackage } from './helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from './helpers/server-stores';

const sqljs = storeVariants()[0]!.variant;

const LIMITS: Partial<ConnectionLimits> = {
  maxConnections: 400,
  maxUnauthenticated: 40,
  perAddress: 3,
  headerTimeoutMs: 1500,
  bodyGraceMs: 1000,
  minBodyBytesPerSecond: 256,
  rateWindowMs: 2000,
  protectedForMs: 300,
  tickMs: 100,
};
// Any connection still open this long after the attack stops would be a slot held without a deadline.
const GENEROUS_MS = 20_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean, timeoutMs = GENEROUS_MS): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await sleep(20);
  }
}

type Kind = 'headers' | 'body' | 'auth-body';

interface Probe {
  kind: Kind;
  socket: net.Socket;
  answer: string;
  openedAt: number;
  closedAt: number | null;
  isConnected: boolean;
}

/** A raw connection that sends the start of a request and then one byte per trickle tick. */
function openProbe(port: number, localAddress: string, kind: Kind, token?: string): Probe {
  const socket = net.connect({ port, host: '127.0.0.1', localAddress });
  const probe: Probe = { kind, socket, answer: '', openedAt: Date.now(), closedAt: null, isConnected: false };
  socket.on('connect', () => {
    probe.isConnected = true;
    if (kind === 'headers') socket.write('POST /v1/enroll HTTP/1.1\r\nHost: intake\r\nX-Lambat: ');
    else if (kind === 'body') socket.write('POST /v1/enroll HTTP/1.1\r\nHost: intake\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    else socket.write(`POST /v1/submissions HTTP/1.1\r\nHost: intake\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
  });
  socket.on('data', (d: Buffer) => (probe.answer += d.toString('latin1')));
  socket.on('error', () => undefined);
  socket.on('close', () => (probe.closedAt = Date.now()));
  return probe;
}

function trickle(probes: Iterable<Probe>): void {
  for (const p of probes) if (p.isConnected && p.closedAt === null && !p.socket.destroyed) p.socket.write('a');
}

const statusOf = (p: Probe) => Number(/^HTTP\/1\.1 (\d{3})/.exec(p.answer)?.[1] ?? 0);

function request(
  port: number,
  options: { method?: string; path: string; localAddress?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, localAddress: options.localAddress ?? '127.0.0.1', headers: options.headers ?? {}, agent: false },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function enrollBody(code: string): string {
  return JSON.stringify({ code });
}

describe('slow and many-connection clients', () => {
  let server: TestServer;
  let port: number;
  const probes: Probe[] = [];

  beforeEach(async () => {
    server = await startTestServer(sqljs, { limits: LIMITS });
    port = server.running.port;
  });
  afterEach(async () => {
    for (const p of probes.splice(0)) p.socket.destroy();
    await server?.stop();
  });

  test('trickled headers and bodies are cut by their deadlines, a token does not excuse a trickle, an honest slow body passes', async () => {
    const device = await server.enrolled('DISDIK');
    probes.push(
      openProbe(port, '127.0.2.1', 'headers'),
      openProbe(port, '127.0.2.2', 'headers'),
      openProbe(port, '127.0.2.3', 'body'),
      openProbe(port, '127.0.2.4', 'body'),
      openProbe(port, '127.0.2.5', 'auth-body', device.token as string),
    );
    const ticker = setInterval(() => trickle(probes), 300);
    // Meanwhile an honest client sends its body slowly but above the minimum rate (about 650 B/s against 256).
    const honest = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const text = `{"code":"AAAA-BBBB-CCCC-DDDD"${' '.repeat(1500)}}`;
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/v1/enroll', localAddress: '127.0.2.9', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': String(text.length) } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      let at = 0;
      const t = setInterval(() => {
        req.write(text.slice(at, at + 100));
        at += 100;
        if (at >= text.length) {
          clearInterval(t);
          req.end();
        }
      }, 150);
    });
    try {
      await until('every trickle cut', () => probes.every((p) => p.closedAt !== null));
      const answer = await honest;
      // Its body arrived whole and was judged: an unknown code, not a timeout.
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'ENROLLMENT_CODE_INVALID' } });
    } finally {
      clearInterval(ticker);
    }
    for (const p of probes) {
      expect([p.kind, statusOf(p)]).toEqual([p.kind, 408]);
      expect(p.answer).toMatch(/REQUEST_TIMEOUT/);
      expect((p.closedAt as number) - p.openedAt).toBeLessThan(GENEROUS_MS);
    }
    expect(probes.find((p) => p.kind === 'headers')?.answer).toMatch(/Kepala permintaan tidak lengkap/);
    expect(probes.find((p) => p.kind === 'auth-body')?.answer).toMatch(/Isi permintaan mengalir di bawah/);
    const { cut } = server.running.guard.stats();
    expect(cut.headers).toBe(2);
    expect(cut.body).toBe(3);
  }, 60_000);

  test('an address over its connection limit is told 429 with Retry-After; other addresses are served; the limit is on concurrency, not a ban', async () => {
    const held = [openProbe(port, '127.0.3.1', 'headers'), openProbe(port, '127.0.3.1', 'headers'), openProbe(port, '127.0.3.1', 'headers')];
    probes.push(...held);
    await until('three connections held', () => server.running.guard.stats().unauthenticated === 3);

    const excess = await request(port, { path: '/v1/health', localAddress: '127.0.3.1' });
    expect(excess.status).toBe(429);
    expect(Number(excess.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(excess.body)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(JSON.parse(excess.body).error.message).toMatch(/Terlalu banyak sambungan terbuka dari alamat ini/);
    expect((await request(port, { path: '/v1/health', localAddress: '127.0.3.2' })).status).toBe(200);
    // Behind the same address (one NAT for a whole government network): an enrolled OPD's request is served,
    // its token checked like any other; a made-up token in the same shape gets 401, never service.
    const device = await server.enrolled('DISDIK');
    const asDevice = await request(port, { path: '/v1/reference/profiles', localAddress: '127.0.3.1', headers: { Authorization: `Bearer ${device.token}` } });
    expect(asDevice.status).toBe(200);
    const madeUp = await request(port, { path: '/v1/reference/profiles', localAddress: '127.0.3.1', headers: { Authorization: `Bearer ${'x'.repeat(43)}` } });
    expect(madeUp.status).toBe(401);
    expect(madeUp.headers.connection).toBe('close');
    expect((await request(port, { path: '/v1/health', localAddress: '127.0.3.1' })).status).toBe(429);

    await until('held connections cut', () => held.every((p) => p.closedAt !== null));
    expect((await request(port, { path: '/v1/health', localAddress: '127.0.3.1' })).status).toBe(200);
    expect(server.running.guard.stats().cut.perAddress).toBe(2);
  }, 60_000);

  test('an enrolled OPD sends a whole submission while hundreds of trickling connections from sixty addresses hold the pool', async () => {
    // Deadlines long enough that the attack visibly holds the pool for the whole submission.
    const hold = { ...LIMITS, headerTimeoutMs: 5000, bodyGraceMs: 5000 };
    await server.stop();
    server = await startTestServer(sqljs, { limits: hold });
    port = server.running.port;
    const device = await server.enrolled('DISDIK');
    // As the app does after enrolling: its kept-alive connection has shown its token before the attack begins.
    expect((await device.request('GET', '/v1/reference/profiles')).status).toBe(200);
    const pkg = await buildPackage({ opd: 'DISDIK' });
    const maxUnauthenticated = LIMITS.maxUnauthenticated as number;

    // As slowloris does: each address keeps its limit of trickles open, re-opening whatever the server closed.
    let isAttacking = true;
    let opened = 0;
    const live = new Set<Probe>();
    const open = (address: string, kind: Kind) => {
      const p = openProbe(port, address, kind);
      opened += 1;
      probes.push(p);
      live.add(p);
      p.socket.on('close', () => {
        live.delete(p);
        if (isAttacking) setTimeout(() => isAttacking && open(address, kind), hold.headerTimeoutMs).unref();
      });
    };
    for (let a = 1; a <= 60; a++) for (let i = 0; i < 3; i++) open(`127.0.1.${a}`, i === 2 ? 'body' : 'headers');
    const ticker = setInterval(() => trickle(live), 300);
    try {
      await until('the unauthenticated pool full', () => server.running.guard.stats().unauthenticated === maxUnauthenticated);
      // Past the newcomers' protection, the pool holds only connections that had their chance to show a token.
      await sleep(LIMITS.protectedForMs as number);
      const sent = await device.send(pkg);
      expect(sent.status).toBe(200);
      const keys = (await device.request<{ keys: PublishedKey[] }>('GET', '/v1/keys')).body.keys;
      expect(verifyReceipt(sent.body.receipt as Receipt, keys)).toBe(true);
      // The attack was still holding the pool when the submission was through.
      expect(server.running.guard.stats().unauthenticated).toBeGreaterThan(maxUnauthenticated / 2);
      expect(live.size).toBeGreaterThan(0);
    } finally {
      isAttacking = false;
    }
    try {
      await until('every attacking connection closed by the server', () => live.size === 0);
    } finally {
      clearInterval(ticker);
    }
    expect(opened).toBeGreaterThanOrEqual(180);
    const stats = server.running.guard.stats();
    expect(stats.unauthenticated).toBe(0);
    // Trickles in the pool were displaced for newcomers (503) or cut by their deadlines (408); none outlived them.
    expect(stats.cut.displaced).toBeGreaterThan(0);
    expect(stats.cut.headers + stats.cut.body).toBeGreaterThan(0);
    const answered = probes.filter((p) => p.answer !== '');
    expect(answered.length).toBeGreaterThan(0);
    for (const p of answered) expect([408, 429, 503]).toContain(statusOf(p));
    for (const p of probes) expect((p.closedAt as number) - p.openedAt).toBeLessThan(GENEROUS_MS);
  }, 90_000);

  test('an answer given before the body is read (a revoked token sending a 1 MiB chunk) reaches the client, not a reset', async () => {
    const device = await server.enrolled('DINKES');
    const [token] = await server.running.intake.repo.listDeviceTokens('DINKES');
    await server.running.intake.repo.revokeDeviceTokens({ tokenId: token?.id as string }, new Date().toISOString());
    const chunk = Buffer.alloc(1024 * 1024, 7);
    for (let i = 0; i < 5; i++) {
      const answer = await device.putChunk('a'.repeat(64), 0, chunk, chunk.length);
      expect([answer.status, (answer.body.error as { code?: string } | undefined)?.code]).toEqual([401, 'TOKEN_REVOKED']);
    }
  }, 60_000);

  test('behind a trusted proxy the limits and the enrollment rate apply per forwarded client; from anyone else X-Forwarded-For is ignored', async () => {
    await server.stop();
    server = await startTestServer(sqljs, { limits: { ...LIMITS, trustedProxies: ['127.0.0.1'] }, enrollRate: { capacity: 2, perSecond: 0.01 } });
    port = server.running.port;
    const enroll = (forwardedFor: string, localAddress = '127.0.0.1') =>
      request(port, {
        method: 'POST',
        path: '/v1/enroll',
        localAddress,
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
        body: enrollBody('AAAA-BBBB-CCCC-DDDD'),
      });
    // Through the proxy: client 203.0.113.7 spends its two tries; 203.0.113.8 still has its own.
    expect((await enroll('203.0.113.7')).status).toBe(400);
    expect((await enroll('198.51.100.1, 203.0.113.7')).status).toBe(400);
    const limited = await enroll('203.0.113.7');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await enroll('203.0.113.8')).status).toBe(400);
    // Not from the proxy: the header is the client's own claim and counts for nothing.
    expect((await enroll('203.0.113.9', '127.0.4.1')).status).toBe(400);
    expect((await enroll('203.0.113.10', '127.0.4.1')).status).toBe(400);
    expect((await enroll('203.0.113.11', '127.0.4.1')).status).toBe(429);

    // Per forwarded client: three slow requests in flight, the fourth refused, another client served.
    // Each is a console login form (same-origin, as a browser sends it, so the CSRF check lets it on to read its
    // body) whose body arrives slowly but above the minimum rate: it stays in flight until the test ends it, not
    // until a deadline that a busy machine could reach before the fourth request is sent.
    const bodyBytes = 60_000;
    const slow = Array.from({ length: 3 }, () => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/admin/login',
        agent: false,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(bodyBytes), 'Sec-Fetch-Site': 'same-origin', 'X-Forwarded-For': '192.0.2.50' },
      });
      req.on('error', () => undefined);
      req.write('token=');
      return req;
    });
    // 150 bytes every 100 ms (1.5 KB/s against the minimum 256 B/s): about 40 s before a body would be complete.
    let sent = 6;
    const feeder = setInterval(() => {
      const n = Math.min(150, bodyBytes - 1 - sent);
      if (n <= 0) return;
      sent += n;
      for (const r of slow) r.write('a'.repeat(n));
    }, 100);
    try {
      await until('three forwarded requests in flight', () => server.running.guard.stats().forwardedRequests === 3);
      const fourth = await request(port, { path: '/v1/health', headers: { 'X-Forwarded-For': '192.0.2.50' } });
      expect(fourth.status).toBe(429);
      expect(fourth.headers['retry-after']).toBeDefined();
      expect((await request(port, { path: '/v1/health', headers: { 'X-Forwarded-For': '192.0.2.51' } })).status).toBe(200);
      // The same forwarded client with a device token: checked, not turned away (a NAT holds many OPDs).
      const device = await server.enrolled('DISKES');
      const asDevice = await request(port, { path: '/v1/reference/profiles', headers: { 'X-Forwarded-For': '192.0.2.50', Authorization: `Bearer ${device.token}` } });
      expect(asDevice.status).toBe(200);
    } finally {
      clearInterval(feeder);
      for (const r of slow) r.destroy();
    }
  }, 60_000);
});
