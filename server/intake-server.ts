/**
 * Assembles the intake server: the store (sql.js in the data folder, or
 * PostgreSQL when DATABASE_URL is given), receipt keys, the intake service,
 * reference data, review pages, and the HTTP listener with its limits.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../core/ports';
import { BerkasError } from '../core/domain/errors';
import { loadProfiles } from '../core/adapters/profile-loader';
import type { RegionProfile } from '../core/domain/profiles/profile';
import { writeFileAtomic } from '../core/adapters/fs-atomic';
import { IntakeService } from './intake/service';
import { ReceiptKeys } from './intake/receipt-keys';
import { SqlIntakeRepository, type IntakeRepository } from './store/repository';
import { NodeStore } from './store/node-store';
import type { SqlRunner } from './store/sql-runner';
import { openBlobStorage, type ObjectStoreConfig } from './storage/config';
import type { BlobStorage } from './storage/blob-storage';
import { openSqljsRunner } from './store/sqljs-runner';
import { openPostgresRunner } from './store/postgres-runner';
import { ReferenceData } from './reference/reference-data';
import { ReviewPages } from './review/review-pages';
import { handleApi } from './http/api';
import { handleControl } from './http/control';
import { RateLimiter } from './http/rate-limit';
import { ConnectionGuard, type ConnectionLimits } from './http/connection-guard';
import { baseHeaders, sendError } from './http/http-util';
import { IntakeError } from './protocol/errors';

export const DEFAULT_DATA_DIR = '.berkas-server';
export const DEFAULT_PORT = 8750;
export const SERVER_INFO_FILE = 'server.json';
export const CONTROL_SECRET_FILE = 'control-secret';

const repoRoot = path.resolve(__dirname, '..');
const systemClock: Clock = { now: () => new Date() };

function appVersion(): string {
  try {
    return String((JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0');
  } catch {
    return '0.0.0';
  }
}

export interface IntakeOptions {
  dataDir: string;
  /** PostgreSQL connection string; absent: the embedded sql.js store in dataDir/db. */
  databaseUrl?: string;
  clock?: Clock;
  /** Region profiles (handover checklists, report calendars); default assets/profiles. */
  profilesDir?: string;
  /** Profiles already loaded (the server start loads them strictly). */
  profiles?: RegionProfile[];
  /** S3-compatible object storage for blobs (several nodes share it); absent: dataDir/blobs. */
  objectStore?: ObjectStoreConfig | null;
}

export interface Intake {
  service: IntakeService;
  profiles: RegionProfile[];
  keys: ReceiptKeys;
  repo: IntakeRepository;
  storage: BlobStorage;
  clock: Clock;
  close(): Promise<void>;
}

async function openRunner(dataDir: string, databaseUrl?: string): Promise<SqlRunner> {
  return databaseUrl ? openPostgresRunner(databaseUrl) : openSqljsRunner(dataDir);
}

export async function openRepository(dataDir: string, databaseUrl?: string): Promise<IntakeRepository> {
  return new SqlIntakeRepository(await openRunner(dataDir, databaseUrl));
}

/**
 * For the admin verbs on a stopped server: a profile folder that does not load must not stop an
 * enrolment code or a revocation; only the facts that need a checklist or a report name go without.
 */
async function lenientProfiles(dir: string | undefined): Promise<RegionProfile[]> {
  try {
    return (await loadProfiles(dir ?? path.join(repoRoot, 'assets', 'profiles'))).list();
  } catch (err) {
    console.warn(`[server] profil daerah tidak terbaca, dipakai tanpa profil: ${(err as Error).message}`);
    return [];
  }
}

/** The store, keys and service of a data folder, without HTTP (the CLI's offline admin verbs use this). */
export async function openIntake(options: IntakeOptions): Promise<Intake> {
  const dataDir = path.resolve(options.dataDir);
  // The OPDs' documents, receipt keys and the control secret live here: the server's user only.
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const clock = options.clock ?? systemClock;
  const profiles = options.profiles ?? (await lenientProfiles(options.profilesDir));
  const runner = await openRunner(dataDir, options.databaseUrl);
  const repo = new SqlIntakeRepository(runner);
  const nodes = new NodeStore(runner);
  let storage: BlobStorage | undefined;
  try {
    storage = await openBlobStorage(dataDir, options.objectStore, nodes);
    // Several nodes sign with one set of keys: on PostgreSQL they are kept in it (D/keys imported once).
    const keys = await ReceiptKeys.open(dataDir, clock.now(), runner.kind === 'postgres' ? nodes : undefined);
    const service = new IntakeService({ dataDir, repo, keys, clock, profiles, storage, nodes });
    const opened = storage;
    return {
      service,
      profiles,
      keys,
      repo,
      storage,
      clock,
      close: async () => {
        await opened.close();
        await repo.close();
      },
    };
  } catch (err) {
    await storage?.close();
    await repo.close();
    throw err;
  }
}

/** writeFileAtomic's temp files (`.<name>.<hex>.tmp`) a kill left behind; the control secret's holds a secret. */
export async function removeStaleTemps(dir: string, names: readonly string[]): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (names.some((n) => entry.startsWith(`.${n}.`) && entry.endsWith('.tmp'))) await fs.rm(path.join(dir, entry), { force: true });
  }
}

export interface StartOptions extends IntakeOptions {
  port?: number;
  host?: string;
  profilesDir?: string;
  /** Token bucket per device token (PROTOCOL.md §12). */
  rate?: { capacity: number; perSecond: number };
  enrollRate?: { capacity: number; perSecond: number };
  /** Console logins per client address (PROTOCOL.md §13): 10 burst, one per 6 s by default. */
  loginRate?: { capacity: number; perSecond: number };
  issuedBy?: string;
  /** Minutes a console session may stay unused before it ends (Banjarmasin Pasal 15 ayat (3) huruf d); default 15. */
  sessionIdleMinutes?: number;
  /** Connection slots, deadlines and trusted proxies (PROTOCOL.md §12.1); unset fields keep their defaults. */
  limits?: Partial<ConnectionLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  intake: Intake;
  server: Server;
  guard: ConnectionGuard;
  close(): Promise<void>;
}

export async function startIntakeServer(options: StartOptions): Promise<RunningServer> {
  const dataDir = path.resolve(options.dataDir);
  const profiles = (await loadProfiles(options.profilesDir ?? path.join(repoRoot, 'assets', 'profiles'))).list();
  const intake = await openIntake({ ...options, dataDir, profiles });
  // Left by a crash: a commit's assembled ZIP, an import's half-copied entry. Nothing else reads them.
  await fs.rm(path.join(dataDir, 'tmp'), { recursive: true, force: true });
  await fs.rm(path.join(dataDir, 'uploads', '.import'), { recursive: true, force: true });
  await removeStaleTemps(dataDir, [CONTROL_SECRET_FILE, SERVER_INFO_FILE]);
  await intake.storage.cleanup();
  const { service, clock } = intake;
  // Rows committed before the console existed get their title and facts before the first page is served.
  const filled = await service.backfillFacts();
  if (filled > 0) console.warn(`[server] fakta ${filled} pengiriman lama dibaca untuk konsol.`);
  const now = () => clock.now();
  const version = appVersion();
  const reference = new ReferenceData(service, profiles, options.issuedBy ?? 'Diskominfo');
  const tokenLimiter = new RateLimiter(options.rate ?? { capacity: 600, perSecond: 100 });
  const enrollLimiter = new RateLimiter(options.enrollRate ?? { capacity: 10, perSecond: 1 / 6 });
  const review = new ReviewPages({
    service,
    loginLimiter: new RateLimiter(options.loginRate ?? { capacity: 10, perSecond: 1 / 6 }),
    now,
    profiles,
    ...(options.sessionIdleMinutes ? { idleMinutes: options.sessionIdleMinutes } : {}),
  });
  const controlSecret = randomBytes(32).toString('base64url');
  const adminContext = { service, keys: intake.keys, now };
  let isClosing = false;

  const guard = new ConnectionGuard(options.limits);
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!guard.onRequest(req, res)) return;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://intake.invalid');
    } catch {
      sendError(res, new IntakeError('BAD_REQUEST', 'Alamat permintaan tidak sah.'));
      return;
    }
    try {
      if (isClosing) throw new IntakeError('UNAVAILABLE', 'Server sedang berhenti; coba lagi sebentar.', { headers: { 'Retry-After': '5' } });
      if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) {
        await review.handle(req, res, url);
        return;
      }
      if (url.pathname.startsWith('/control/')) {
        await handleControl(adminContext, controlSecret, req, res, url);
        return;
      }
      if (url.pathname === '/') {
        res.writeHead(303, { ...baseHeaders, Location: '/admin/', 'Content-Length': '0' });
        res.end();
        return;
      }
      await handleApi({ service, reference, tokenLimiter, enrollLimiter, version, now }, req, res, url);
    } catch (err) {
      sendError(res, err, req.method === 'HEAD');
    }
  };

  // The guard enforces the header and body deadlines; Node's own timeouts stay as a backstop behind them.
  const headersTimeout = guard.limits.headerTimeoutMs + 5_000;
  const server = createServer({ maxHeaderSize: 16 * 1024, requestTimeout: Math.max(10 * 60_000, headersTimeout + 1), headersTimeout, keepAliveTimeout: 120_000 }, (req, res) => {
    void handle(req, res);
  });
  // A connection idle this long is dropped; a 1 MiB chunk at 1 Mbit/s takes about 9 s.
  server.setTimeout(120_000);
  // Each connection may hold a 1 MiB chunk in memory while it is checked: the guard bounds how many at once.
  server.on('connection', (socket) => guard.accept(socket));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    guard.stop();
    await intake.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new BerkasError('PORT_IN_USE', `Port ${options.port ?? DEFAULT_PORT} sudah dipakai program lain; pilih --port lain.`);
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  await writeFileAtomic(path.join(dataDir, CONTROL_SECRET_FILE), controlSecret, 0o600);
  await writeFileAtomic(path.join(dataDir, SERVER_INFO_FILE), JSON.stringify({ pid: process.pid, port, url, store: intake.repo.kind, blobs: intake.storage.kind }, null, 2));

  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      isClosing = true;
      await fs.rm(path.join(dataDir, SERVER_INFO_FILE), { force: true });
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Uploads in flight get a moment to finish their chunk; then connections are cut.
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      });
      guard.stop();
      await intake.close();
    })();
    return closed;
  };
  return { url, port, intake, server, guard, close };
}
