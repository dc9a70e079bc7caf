/**
 * Who is using the console, and whether this request may act for them.
 *
 * Login: a reviewer's user name and password (scrypt, review/passwords.ts);
 * an admin token logs in only while no admin account exists, to create the
 * first one. The session cookie is random, HttpOnly, SameSite=Strict, path
 * /admin; the store keeps its SHA-256 only. A session ends when idle longer
 * than the idle limit (Banjarmasin Pasal 15 ayat (3) huruf d), after eight
 * hours whatever happens, at logout, or when an admin ends it.
 *
 * A session used from another origin is refused: every POST must come from
 * this host (Origin, else Referer; Sec-Fetch-Site not cross-site) and carry
 * the session's own CSRF token; a cross-site GET is treated as no session.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { sha256Hex } from '../protocol/canonical-json';
import { IntakeError } from '../protocol/errors';
import { tokenHash } from '../intake/codes';
import type { IntakeRepository } from '../store/repository';
import type { ReviewerRole } from '../store/console-store';
import { readBody } from '../http/http-util';
import { burnPasswordCheck, verifyPassword } from './passwords';
import type { Viewer } from './html';

export const COOKIE = 'berkas_konsol';
export const DEFAULT_IDLE_MINUTES = 15;
export const SESSION_HOURS = 8;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_MS = 30_000;

export interface Principal extends Viewer {
  /** reviewer:<id> or token:<admin token id>. */
  principal: string;
  /** What decisions record: the reviewer's id, or the admin token's. */
  id: string;
  sessionSha256: string;
}

export function cookieOf(req: IncomingMessage): string | null {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return null;
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** Refuses a state-changing request that does not come from a page of this server. */
export function checkSameOrigin(req: IncomingMessage): void {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') throw new IntakeError('FORBIDDEN', 'Permintaan ini datang dari situs lain, bukan dari halaman konsol; ditolak (CSRF).');
  // The browser's own word that the form came from a page of this origin (every current browser sends it).
  if (site === 'same-origin') return;
  const origin = req.headers.origin;
  const referer = req.headers.referer;
  const from = origin && origin !== 'null' ? hostOf(origin) : typeof referer === 'string' ? hostOf(referer) : null;
  if (from === null) throw new IntakeError('FORBIDDEN', 'Asal formulir tidak diketahui (tanpa Origin maupun Referer); kirim ulang dari halaman konsol.');
  if (from !== req.headers.host) throw new IntakeError('FORBIDDEN', `Formulir dikirim dari ${String(origin ?? referer).slice(0, 100)}, bukan dari halaman konsol ini; ditolak (CSRF).`);
}

export async function readForm(req: IncomingMessage, limit = 64 * 1024): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) throw new IntakeError('UNSUPPORTED_MEDIA_TYPE', 'Formulir harus dikirim sebagai application/x-www-form-urlencoded.');
  return new URLSearchParams((await readBody(req, limit)).toString('utf8'));
}

export interface SessionOptions {
  idleMinutes: number;
  now: () => Date;
}

export class ConsoleAuth {
  constructor(
    private readonly repo: IntakeRepository,
    private readonly options: SessionOptions,
  ) {}

  get idleMinutes(): number {
    return this.options.idleMinutes;
  }

  /** Whether the bootstrap login (an admin token) is open: only until an admin account exists. */
  async isBootstrapOpen(): Promise<boolean> {
    return (await this.repo.console.countActiveAdmins()) === 0;
  }

  async principal(req: IncomingMessage): Promise<Principal | null> {
    // SameSite=Strict withholds the cookie from other sites; this also refuses a browser that says so itself.
    if (req.headers['sec-fetch-site'] === 'cross-site') return null;
    const id = cookieOf(req);
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const idSha256 = sha256Hex(id);
    const now = this.options.now();
    const idleSince = new Date(now.getTime() - this.options.idleMinutes * 60_000).toISOString();
    const session = await this.repo.console.findSession(idSha256, now.toISOString(), idleSince);
    if (!session) return null;
    let who: { id: string; name: string; username: string | null; role: ReviewerRole } | null = null;
    if (session.principal.startsWith('reviewer:')) {
      const r = await this.repo.console.reviewer(session.principal.slice('reviewer:'.length));
      if (r && !r.disabledAt) who = { id: r.id, name: r.name, username: r.username, role: r.role };
    } else if (session.principal.startsWith('token:') && (await this.isBootstrapOpen())) {
      who = { id: session.principal.slice('token:'.length), name: 'Admin awal (token)', username: null, role: 'admin' };
    }
    if (!who) return null;
    if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_MS) await this.repo.console.touchSession(idSha256, now.toISOString());
    return { ...who, principal: session.principal, csrf: session.csrf, sessionSha256: idSha256 };
  }

  /** A new session for a principal; returns the cookie value. */
  private async open(principal: string): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const now = this.options.now();
    await this.repo.console.addSession({
      idSha256: sha256Hex(id),
      principal,
      csrf: randomBytes(32).toString('base64url'),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    });
    return id;
  }

  /** null when the user name or password is wrong, or the account is disabled (one message for all three). */
  async loginWithPassword(username: string, password: string): Promise<string | null> {
    const reviewer = await this.repo.console.reviewerByUsername(username.trim().toLowerCase());
    if (!reviewer || reviewer.disabledAt) {
      await burnPasswordCheck(password);
      return null;
    }
    if (!(await verifyPassword(password, reviewer.passwordHash))) return null;
    return this.open(`reviewer:${reviewer.id}`);
  }

  async loginWithToken(token: string): Promise<string | 'closed' | null> {
    if (!(await this.isBootstrapOpen())) return 'closed';
    const admin = /^[A-Za-z0-9_-]{20,128}$/.test(token) ? await this.repo.findAdminToken(tokenHash(token)) : null;
    if (!admin || admin.revokedAt) return null;
    return this.open(`token:${admin.id}`);
  }

  async logout(p: Principal): Promise<void> {
    await this.repo.console.revokeSession(p.sessionSha256, this.options.now().toISOString());
  }

  cookie(id: string, isSecure: boolean): string {
    return `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=${SESSION_HOURS * 3600}${isSecure ? '; Secure' : ''}`;
  }

  clearCookie(): string {
    return `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=0`;
  }

  /** Same origin and the session's CSRF token; returns the form. */
  async checkForm(req: IncomingMessage, p: Principal, limit?: number): Promise<URLSearchParams> {
    checkSameOrigin(req);
    const form = await readForm(req, limit);
    if (!sameSecret(form.get('csrf') ?? '', p.csrf)) {
      throw new IntakeError('FORBIDDEN', 'Formulir kedaluwarsa atau bukan dari halaman ini (token CSRF tidak cocok). Muat ulang halaman lalu ulangi.');
    }
    return form;
  }
}
