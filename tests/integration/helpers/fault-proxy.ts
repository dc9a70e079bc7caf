/**
 * A TCP proxy on 127.0.0.1 between the app and the intake server that
 * misbehaves like an office link, reproducibly (seeded RNG):
 *
 * - drop: the connection is closed (FIN both ways) after a random number of
 *   bytes went up — mid-chunk, since chunks are what flows up;
 * - reset: the same, with a TCP RST (socket.resetAndDestroy);
 * - stall: nothing moves either way any more, the sockets stay open (the
 *   client must notice by its idle timeout); the proxy closes them later;
 * - lost answer: the request of a commit (POST …/commit, or a whole small
 *   submission's POST /v1/whole-submissions) goes through, then
 *   the connection is cut before the answer comes back — "hasil belum pasti".
 *
 * It can also throttle both directions to a link rate with a token bucket
 * (the 1 Mbit/s bench) and counts the bytes it carried, so tests can say how
 * much was sent twice.
 */
import net from 'node:net';

export interface FaultPlan {
  seed: number;
  /** Mean bytes sent up a connection before a fault hits it (exponential); 0: no byte-position faults. */
  meanBytesToFault?: number;
  /** Share of faults of each kind (normalised). */
  weights?: { drop: number; reset: number; stall: number };
  /** Probability that the answer to a commit is lost. */
  lostCommitAnswer?: number;
  /** How long a stalled connection stays open before the proxy gives up on it. */
  stallMs?: number;
  /** Link rate in bits per second for each direction; 0 or absent: unthrottled. */
  rateBitsPerSecond?: number;
  /** One-way delay added to every forwarded piece (ms). */
  latencyMs?: number;
}

export interface ProxyStats {
  connections: number;
  bytesUp: number;
  bytesDown: number;
  drops: number;
  resets: number;
  stalls: number;
  lostAnswers: number;
}

/** mulberry32: small, fast, seedable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A token bucket that releases bytes at `rate` bytes per second (shared by every connection in one direction). */
class Bucket {
  private tokens = 0;
  private last = Date.now();
  constructor(private readonly bytesPerSecond: number) {}

  /** Milliseconds to wait before `n` bytes may pass (and takes them). */
  take(n: number): number {
    const now = Date.now();
    this.tokens = Math.min(this.bytesPerSecond * 0.05, this.tokens + ((now - this.last) / 1000) * this.bytesPerSecond);
    this.last = now;
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.bytesPerSecond) * 1000;
  }
}

export class FaultProxy {
  private readonly server: net.Server;
  private readonly random: () => number;
  private readonly sockets = new Set<net.Socket>();
  private timers = new Set<NodeJS.Timeout>();
  private isFaulty = true;
  private readonly up: Bucket | null;
  private readonly down: Bucket | null;
  readonly stats: ProxyStats = { connections: 0, bytesUp: 0, bytesDown: 0, drops: 0, resets: 0, stalls: 0, lostAnswers: 0 };
  port = 0;
  /** Called with the running upstream byte count (tests kill processes at a chosen point). */
  onUpstreamBytes: ((total: number) => void) | null = null;

  constructor(
    private targetPort: number,
    private readonly plan: FaultPlan,
  ) {
    this.random = seededRandom(plan.seed);
    const rate = plan.rateBitsPerSecond ? plan.rateBitsPerSecond / 8 : 0;
    this.up = rate ? new Bucket(rate) : null;
    this.down = rate ? new Bucket(rate) : null;
    this.server = net.createServer((client) => this.handle(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  setFaulty(isFaulty: boolean): void {
    this.isFaulty = isFaulty;
  }

  setTarget(port: number): void {
    this.targetPort = port;
  }

  /** Cuts every open connection now (a forced disconnect). */
  cutAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private pickFault(): 'drop' | 'reset' | 'stall' {
    const w = this.plan.weights ?? { drop: 1, reset: 1, stall: 1 };
    const total = w.drop + w.reset + w.stall;
    const r = this.random() * total;
    return r < w.drop ? 'drop' : r < w.drop + w.reset ? 'reset' : 'stall';
  }

  private handle(client: net.Socket): void {
    this.stats.connections += 1;
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    this.sockets.add(client);
    this.sockets.add(upstream);
    const mean = this.plan.meanBytesToFault ?? 0;
    // Exponential: memoryless, so a fault is as likely in the 40th chunk as in the first.
    let faultAt = this.isFaulty && mean > 0 ? Math.floor(-Math.log(1 - this.random()) * mean) : Infinity;
    let sentUp = 0;
    let isStalled = false;
    let isDead = false;
    let loseNextAnswer = false;
    let tail = '';

    const kill = (how: 'drop' | 'reset') => {
      if (isDead) return;
      isDead = true;
      if (how === 'reset') {
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      } else {
        client.destroy();
        upstream.destroy();
      }
    };
    const fault = () => {
      const kind = this.pickFault();
      if (kind === 'stall') {
        this.stats.stalls += 1;
        isStalled = true;
        client.pause();
        upstream.pause();
        this.later(() => kill('drop'), this.plan.stallMs ?? 10_000);
      } else {
        this.stats[kind === 'drop' ? 'drops' : 'resets'] += 1;
        kill(kind);
      }
    };

    const forward = (from: net.Socket, to: net.Socket, data: Buffer, bucket: Bucket | null, isUp: boolean) => {
      const send = () => {
        if (isDead || isStalled) return;
        if (isUp) {
          this.stats.bytesUp += data.length;
          this.onUpstreamBytes?.(this.stats.bytesUp);
        } else this.stats.bytesDown += data.length;
        if (!to.write(data)) {
          from.pause();
          to.once('drain', () => {
            if (!isStalled) from.resume();
          });
        }
      };
      const wait = (bucket?.take(data.length) ?? 0) + (this.plan.latencyMs ?? 0);
      if (wait > 0) {
        // Order is kept: pause the source until this piece is out.
        from.pause();
        this.later(() => {
          send();
          if (!isStalled && !isDead) from.resume();
        }, wait);
      } else send();
    };

    client.on('data', (data: Buffer) => {
      if (isDead || isStalled) return;
      if (this.isFaulty && (this.plan.lostCommitAnswer ?? 0) > 0) {
        // Matched before the cut to 4 KiB: a whole submission's request line comes with its body in one piece.
        const seen = tail + data.toString('latin1');
        tail = seen.slice(-4096);
        if (/POST \/v1\/(submissions\/[^ ]+\/commit|whole-submissions) /.test(seen)) {
          tail = '';
          if (this.random() < (this.plan.lostCommitAnswer ?? 0)) loseNextAnswer = true;
        }
      }
      if (this.isFaulty && sentUp + data.length > faultAt) {
        // Let part of this piece through, then fail: the cut falls inside a chunk.
        const part = data.subarray(0, Math.max(0, faultAt - sentUp));
        sentUp += part.length;
        faultAt = Infinity;
        if (part.length > 0) forward(client, upstream, part, this.up, true);
        this.later(fault, 0);
        return;
      }
      sentUp += data.length;
      forward(client, upstream, data, this.up, true);
    });
    upstream.on('data', (data: Buffer) => {
      if (isDead || isStalled) return;
      if (loseNextAnswer) {
        loseNextAnswer = false;
        this.stats.lostAnswers += 1;
        kill('drop');
        return;
      }
      forward(upstream, client, data, this.down, false);
    });
    const end = () => {
      if (isStalled) return;
      kill('drop');
    };
    client.on('end', end);
    upstream.on('end', end);
    client.on('error', () => kill('drop'));
    upstream.on('error', () => kill('drop'));
    const forget = () => {
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', forget);
    upstream.on('close', forget);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
