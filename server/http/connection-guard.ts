/**
 * The listener's slots against slow and many-connection attacks (PROTOCOL.md
 * §12.1). Node's own limits cannot tell an agency's upload from a trickle:
 * its request timeout is wall-clock (a byte every 20 s passes), its
 * maxConnections resets whoever comes last. So every connection is watched:
 *
 * - headers must be complete within a fixed deadline from accept (or from the
 *   end of the previous response): trickling header bytes never extends it;
 * - after a grace period the body must keep an average minimum rate over a
 *   sliding window, whoever sends it (a valid token does not excuse a trickle);
 * - a connection that has not shown a valid device or admin token is
 *   "unauthenticated"; those share a small pool. When the pool is full, a
 *   newcomer displaces the unauthenticated connection that has waited longest
 *   (from the address holding the most), so an enrolled OPD's connection —
 *   which shows its token within milliseconds — always gets in, and an
 *   attacker cannot hold slots, only churn them;
 * - per client address, at most `perAddress` unauthenticated connections;
 *   the excess is answered 429 with Retry-After — unless its request shows
 *   a device token: then it goes on to be checked like any other, because
 *   the OPDs of a government network often reach the server from one NAT
 *   address, and their apps' bursts of new connections (each shows its token
 *   in its first request) must not be turned away as one. The address is the socket's,
 *   or, for a connection from a configured trusted proxy, the client the proxy
 *   names in X-Forwarded-For (then counted per in-flight request).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { bearerTokenOf } from '../protocol/ids';
import { setClientAddress } from './http-util';

export interface ConnectionLimits {
  /** Every open connection; beyond it a newcomer displaces an unauthenticated one or is dropped. */
  maxConnections: number;
  /** Connections without a valid token yet (a small share of maxConnections). */
  maxUnauthenticated: number;
  /** Unauthenticated connections (behind a trusted proxy: in-flight requests) per client address. */
  perAddress: number;
  /** From accept, or from the end of the previous response, to the end of the request headers. */
  headerTimeoutMs: number;
  /** How long a body may be slow before its rate is judged. */
  bodyGraceMs: number;
  /** Minimum body rate, averaged over rateWindowMs. */
  minBodyBytesPerSecond: number;
  rateWindowMs: number;
  /** An unauthenticated connection younger than this is never displaced (time to show its token). */
  protectedForMs: number;
  /** Reverse proxies whose X-Forwarded-For is believed (exact addresses). */
  trustedProxies: string[];
  /** How often deadlines are checked. */
  tickMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 1024,
  maxUnauthenticated: 128,
  perAddress: 16,
  headerTimeoutMs: 10_000,
  bodyGraceMs: 10_000,
  // A 1 MiB chunk at this rate still finishes inside the 10-minute request timeout.
  minBodyBytesPerSecond: 2048,
  rateWindowMs: 30_000,
  protectedForMs: 2_000,
  trustedProxies: [],
  tickMs: 1_000,
};

type Phase = 'headers' | 'body' | 'handling' | 'idle';
type Refusal = 'per-address' | 'busy';

interface Conn {
  socket: Socket;
  address: string;
  isProxy: boolean;
  isAuthenticated: boolean;
  refusal: Refusal | null;
  isClosing: boolean;
  phase: Phase;
  phaseSince: number;
  /** When the current request's headers began (accept, or the first byte after an idle pause). */
  startedAt: number;
  samples: { at: number; bytes: number }[];
  req: IncomingMessage | null;
  res: ServerResponse | null;
  /** Behind a proxy: the client this request is counted for, until it authenticates or ends. */
  forwardedCount: string | null;
}

export interface GuardStats {
  connections: number;
  unauthenticated: number;
  refusedPending: number;
  /** Behind a trusted proxy: unauthenticated requests in flight, all clients together. */
  forwardedRequests: number;
  cut: { headers: number; body: number; displaced: number; perAddress: number; busy: number; dropped: number };
}

const registry = new WeakMap<Socket, { guard: ConnectionGuard; conn: Conn }>();

/** Called once a request has shown a valid device token, admin session or control secret. */
export function markAuthenticated(req: IncomingMessage): void {
  const entry = registry.get(req.socket);
  entry?.guard.authenticate(entry.conn, req);
}

export function normalizeAddress(address: string | undefined): string {
  const a = (address ?? '').trim();
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a || 'unknown';
}

/** The client a trusted proxy names: the rightmost X-Forwarded-For entry that is not itself a trusted proxy. */
export function forwardedClient(header: string | string[] | undefined, trusted: ReadonlySet<string>): string | null {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const hops = text
    .split(',')
    .map((h) => normalizeAddress(h))
    .filter((h) => h !== 'unknown');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (isIP(hop) === 0) return null;
    if (!trusted.has(hop)) return hop;
  }
  return null;
}

/** A request that carries a device token in the shape the server accepts (whether it is a valid one, the handler checks). */
function hasBearerToken(req: IncomingMessage): boolean {
  return bearerTokenOf(req.headers.authorization) !== null;
}

function rawAnswer(status: number, reason: string, code: string, message: string, retryAfter?: number): string {
  const body = JSON.stringify({ error: { code, message } });
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Cache-Control: no-store\r\nConnection: close\r\n${retryAfter ? `Retry-After: ${retryAfter}\r\n` : ''}\r\n${body}`
  );
}

export class ConnectionGuard {
  readonly limits: ConnectionLimits;
  private readonly trusted: Set<string>;
  private readonly conns = new Set<Conn>();
  private unauthenticated = 0;
  private refusedPending = 0;
  private readonly perAddress = new Map<string, number>();
  private readonly refusedPerAddress = new Map<string, number>();
  private readonly perForwarded = new Map<string, number>();
  private readonly cut = { headers: 0, body: 0, displaced: 0, perAddress: 0, busy: 0, dropped: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(
    limits: Partial<ConnectionLimits> = {},
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.limits = { ...DEFAULT_CONNECTION_LIMITS, ...limits };
    this.trusted = new Set(this.limits.trustedProxies.map(normalizeAddress));
    this.timer = setInterval(() => this.tick(), this.limits.tickMs);
    this.timer.unref();
  }

  stats(): GuardStats {
    let forwardedRequests = 0;
    for (const n of this.perForwarded.values()) forwardedRequests += n;
    return { connections: this.conns.size, unauthenticated: this.unauthenticated, refusedPending: this.refusedPending, forwardedRequests, cut: { ...this.cut } };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  // ---- bookkeeping: every change of a counted state goes through these two ----

  private uncount(c: Conn): void {
    if (c.isClosing) return;
    if (c.refusal) {
      this.refusedPending -= 1;
      this.bump(this.refusedPerAddress, c.address, -1);
    } else if (!c.isAuthenticated) {
      this.unauthenticated -= 1;
      if (!c.isProxy) this.bump(this.perAddress, c.address, -1);
    }
  }

  private count(c: Conn): void {
    if (c.isClosing) return;
    if (c.refusal) {
      this.refusedPending += 1;
      this.bump(this.refusedPerAddress, c.address, 1);
    } else if (!c.isAuthenticated) {
      this.unauthenticated += 1;
      if (!c.isProxy) this.bump(this.perAddress, c.address, 1);
    }
  }

  private change(c: Conn, mutate: () => void): void {
    this.uncount(c);
    mutate();
    this.count(c);
  }

  private bump(map: Map<string, number>, key: string, by: number): void {
    const n = (map.get(key) ?? 0) + by;
    if (n > 0) map.set(key, n);
    else map.delete(key);
  }

  private releaseForwarded(c: Conn): void {
    if (c.forwardedCount === null) return;
    this.bump(this.perForwarded, c.forwardedCount, -1);
    c.forwardedCount = null;
  }

  // ---- events ----

  /** The server's 'connection' event. */
  accept(socket: Socket): void {
    const now = this.nowMs();
    const address = normalizeAddress(socket.remoteAddress);
    const isProxy = this.trusted.has(address);
    if (this.conns.size >= this.limits.maxConnections && !this.displaceOne(now, false, 0)) {
      this.cut.dropped += 1;
      socket.destroy();
      return;
    }
    let refusal: Refusal | null = null;
    if (!isProxy && (this.perAddress.get(address) ?? 0) >= this.limits.perAddress) refusal = 'per-address';
    else if (this.unauthenticated >= this.limits.maxUnauthenticated && !this.displaceOne(now, true, isProxy ? 0 : (this.perAddress.get(address) ?? 0))) refusal = 'busy';
    if (refusal && ((this.refusedPerAddress.get(address) ?? 0) >= this.limits.perAddress || this.refusedPending >= this.limits.maxUnauthenticated)) {
      // Even the refusal would cost a slot: drop without an answer.
      this.cut.dropped += 1;
      socket.destroy();
      return;
    }
    const conn: Conn = {
      socket,
      address,
      isProxy,
      isAuthenticated: false,
      refusal,
      isClosing: false,
      phase: 'headers',
      phaseSince: now,
      startedAt: now,
      samples: [],
      req: null,
      res: null,
      forwardedCount: null,
    };
    this.conns.add(conn);
    this.count(conn);
    registry.set(socket, { guard: this, conn });
    socket.once('close', () => {
      this.uncount(conn);
      conn.isClosing = true;
      this.releaseForwarded(conn);
      this.conns.delete(conn);
    });
  }

  /**
   * The start of every request, before any handler. Returns false when the
   * guard has answered it (a refused connection, or a client over its limit behind a proxy).
   */
  onRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const entry = registry.get(req.socket);
    if (!entry) return true;
    const c = entry.conn;
    const now = this.nowMs();
    c.req = req;
    c.res = res;
    // 'request' comes before the parser has seen the end of even a bodiless message: judge by the headers.
    const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
    c.phase = hasBody && !req.complete ? 'body' : 'handling';
    c.phaseSince = now;
    c.samples = [{ at: now, bytes: c.socket.bytesRead }];
    res.once('finish', () => this.onFinish(c, req));
    // Unauthenticated requests are rare and short (health, keys, login page): no keep-alive slot for them. Not
    // when a body may still be arriving (a revoked token's chunk): closing then could reset the client before it
    // reads the answer; Node drains that body instead, at the minimum rate, and the idle connection can be displaced.
    if (!c.isAuthenticated && !hasBody) res.setHeader('Connection', 'close');
    if (c.refusal === 'per-address' && hasBearerToken(req)) {
      // Over its address's limit, but a device's request: the token is checked next, at once (401 and closed if false).
      this.change(c, () => {
        c.refusal = null;
      });
    }
    if (c.refusal) {
      this.refuse(res, c.refusal);
      return false;
    }
    if (c.isProxy) {
      const client = forwardedClient(req.headers['x-forwarded-for'], this.trusted) ?? c.address;
      setClientAddress(req, client);
      if (!c.isAuthenticated) {
        if ((this.perForwarded.get(client) ?? 0) >= this.limits.perAddress && !hasBearerToken(req)) {
          this.refuse(res, 'per-address');
          return false;
        }
        c.forwardedCount = client;
        this.bump(this.perForwarded, client, 1);
      }
    }
    return true;
  }

  authenticate(c: Conn, req: IncomingMessage): void {
    if (c.req !== req || c.isAuthenticated) return;
    this.releaseForwarded(c);
    this.change(c, () => {
      c.isAuthenticated = true;
    });
    if (c.res && !c.res.headersSent) c.res.removeHeader('Connection');
  }

  private onFinish(c: Conn, req: IncomingMessage): void {
    if (c.req !== req || c.isClosing) return;
    this.releaseForwarded(c);
    // A proxy carries many clients over one connection: a token shown by one vouches for no other.
    if (c.isProxy && c.isAuthenticated) {
      this.change(c, () => {
        c.isAuthenticated = false;
      });
    }
    // An early answer (401, 413) leaves an unread body arriving: its rate is still judged.
    if (req.complete) {
      c.req = null;
      c.res = null;
      c.phase = 'idle';
      c.phaseSince = this.nowMs();
      c.samples = [{ at: c.phaseSince, bytes: c.socket.bytesRead }];
    }
  }

  private refuse(res: ServerResponse, refusal: Refusal): void {
    const isPerAddress = refusal === 'per-address';
    if (isPerAddress) this.cut.perAddress += 1;
    else this.cut.busy += 1;
    const retryAfter = isPerAddress ? Math.max(1, Math.ceil(this.limits.headerTimeoutMs / 1000)) : 5;
    const body = Buffer.from(
      JSON.stringify({
        error: isPerAddress
          ? { code: 'RATE_LIMITED', message: `Terlalu banyak sambungan terbuka dari alamat ini (batas ${this.limits.perAddress} sambungan tanpa token); coba lagi dalam ${retryAfter} detik.` }
          : { code: 'UNAVAILABLE', message: `Server sedang penuh; coba lagi dalam ${retryAfter} detik.` },
      }),
    );
    res.writeHead(isPerAddress ? 429 : 503, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(body.length),
      'Cache-Control': 'no-store',
      'Retry-After': String(retryAfter),
      Connection: 'close',
    });
    res.end(body);
  }

  // ---- deadlines ----

  private tick(): void {
    const now = this.nowMs();
    for (const c of this.conns) {
      if (c.isClosing) continue;
      const bytes = c.socket.bytesRead;
      if (c.phase === 'idle') {
        // Idle keep-alive is Node's keepAliveTimeout (only authenticated or proxy connections are kept alive).
        // Once the next request has begun, its headers get the full deadline from (about) now.
        const last = c.samples[0];
        if (last && bytes > last.bytes) {
          c.phase = 'headers';
          c.phaseSince = now;
          c.startedAt = now;
        }
        continue;
      }
      if (c.phase === 'headers') {
        if (now - c.phaseSince > this.limits.headerTimeoutMs) {
          this.cut.headers += 1;
          this.close(c, rawAnswer(408, 'Request Timeout', 'REQUEST_TIMEOUT', `Kepala permintaan tidak lengkap dalam ${Math.round(this.limits.headerTimeoutMs / 1000)} detik; sambungan ditutup.`));
        }
        continue;
      }
      if (c.phase !== 'body') continue;
      const req = c.req as IncomingMessage;
      if (req.complete) {
        c.phase = 'handling';
        continue;
      }
      // Bytes waiting for a handler that has not started reading: the slowness is ours, not the client's.
      if (req.readableLength > 0 && req.readableFlowing !== true) {
        c.samples = [{ at: now, bytes }];
        continue;
      }
      c.samples.push({ at: now, bytes });
      const windowStart = now - this.limits.rateWindowMs;
      while (c.samples.length > 2 && (c.samples[1] as { at: number }).at <= windowStart) c.samples.shift();
      if (now - c.phaseSince < this.limits.bodyGraceMs) continue;
      const base = c.samples[0] as { at: number; bytes: number };
      const seconds = (now - base.at) / 1000;
      if (seconds > 0 && (bytes - base.bytes) / seconds < this.limits.minBodyBytesPerSecond) {
        this.cut.body += 1;
        const kib = Math.max(1, Math.round(this.limits.minBodyBytesPerSecond / 1024));
        this.close(
          c,
          c.res?.headersSent ? null : rawAnswer(408, 'Request Timeout', 'REQUEST_TIMEOUT', `Isi permintaan mengalir di bawah ${kib} KiB/detik; sambungan ditutup. Kirim ulang dari titik terakhir yang diterima.`),
        );
      }
    }
  }

  /**
   * Gives up one connection for a newcomer: a refused one waiting for its
   * answer (unless a pool slot is needed), else the unauthenticated one from
   * the address holding the most, the longest waiting first — never one from
   * an address holding fewer than the newcomer's. Connections still inside
   * protectedForMs, and requests being handled, are never displaced.
   */
  private displaceOne(now: number, isForPool: boolean, newcomerLoad: number): boolean {
    let victim: Conn | null = null;
    let victimLoad = newcomerLoad - 1;
    for (const c of this.conns) {
      if (c.isClosing || c.isAuthenticated || c.phase === 'handling' || (isForPool && c.refusal)) continue;
      if (c.phase !== 'idle' && now - c.startedAt < this.limits.protectedForMs) continue;
      const load = c.refusal ? Number.MAX_SAFE_INTEGER : c.isProxy ? 0 : (this.perAddress.get(c.address) ?? 0);
      if (load > victimLoad || (load === victimLoad && victim !== null && c.startedAt < victim.startedAt)) {
        victim = c;
        victimLoad = load;
      }
    }
    if (!victim) return false;
    this.cut.displaced += 1;
    this.close(victim, victim.res?.headersSent ? null : rawAnswer(503, 'Service Unavailable', 'UNAVAILABLE', 'Server sedang penuh; coba lagi sebentar.', 5));
    return true;
  }

  /** Stops counting the connection at once, answers when it still can, and destroys it. */
  private close(c: Conn, answer: string | null): void {
    this.uncount(c);
    c.isClosing = true;
    this.releaseForwarded(c);
    const socket = c.socket;
    if (answer === null || socket.destroyed || !socket.writable) {
      socket.destroy();
      return;
    }
    // A peer that never reads could keep end() from finishing: destroy after a moment regardless.
    const timer = setTimeout(() => socket.destroy(), 1_000);
    timer.unref();
    socket.end(answer, () => {
      clearTimeout(timer);
      socket.destroy();
    });
  }
}
