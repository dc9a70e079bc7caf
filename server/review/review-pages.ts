/**
 * The review pages for Diskominfo staff (PROTOCOL.md §13): server-rendered
 * HTML without any script, a strict CSP, an admin-token login with an
 * HttpOnly SameSite=Strict session cookie, and a per-session CSRF token on
 * every form post (also checked against Origin when the browser sends one).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isBerkasError } from '../../core/domain/errors';
import { sha256Hex } from '../protocol/canonical-json';
import { IntakeError } from '../protocol/errors';
import { isSubmissionId } from '../protocol/ids';
import { PERIOD, SUBMISSION_TYPES } from '../protocol/manifest';
import { REVIEW_STATUSES, type ReviewStatus } from '../protocol/types';
import { tokenHash } from '../intake/codes';
import type { IntakeService } from '../intake/service';
import type { SubmissionRecord } from '../store/repository';
import { describeSigner, signerCheckSentence } from '../intake/signer-check';
import { baseHeaders, clientAddress, readBody } from '../http/http-util';
import type { RateLimiter } from '../http/rate-limit';
import { markAuthenticated } from '../http/connection-guard';
import { bytesText, esc, page, when } from './html';

export const REVIEW_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const COOKIE = 'berkas_admin';
const SESSION_HOURS = 8;
const PAGE_SIZE = 50;
const css = readFileSync(path.join(__dirname, 'review.css'));

const statusLabel: Record<ReviewStatus, string> = { menunggu: 'Menunggu', diterima: 'Diterima', 'perlu-revisi': 'Perlu revisi', ditolak: 'Ditolak' };
const typeLabel: Record<string, string> = { 'rencana-aksi': 'Rencana aksi', 'serah-terima': 'Serah terima aplikasi', laporan: 'Laporan' };

interface Session {
  idSha256: string;
  adminTokenId: string;
  csrf: string;
}

export interface ReviewDeps {
  service: IntakeService;
  loginLimiter: RateLimiter;
  now: () => Date;
}

function htmlHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...baseHeaders,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': REVIEW_CSP,
    'X-Frame-Options': 'DENY',
    ...extra,
  };
}

function sendHtml(res: ServerResponse, status: number, html: string, extra: Record<string, string> = {}): void {
  const body = Buffer.from(html, 'utf8');
  res.writeHead(status, htmlHeaders({ 'Content-Length': String(body.length), ...extra }));
  res.end(body);
}

function redirect(res: ServerResponse, location: string, extra: Record<string, string> = {}): void {
  res.writeHead(303, { ...baseHeaders, Location: location, 'Content-Length': '0', ...extra });
  res.end();
}

function cookieOf(req: IncomingMessage): string | null {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A cross-site form post carries a foreign Origin; SameSite=Strict already withholds the cookie, this is the second lock. */
function checkOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new IntakeError('FORBIDDEN', 'Asal formulir tidak sah.');
  }
  if (host !== req.headers.host) throw new IntakeError('FORBIDDEN', `Formulir dikirim dari ${origin}, bukan dari halaman ini.`);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) throw new IntakeError('UNSUPPORTED_MEDIA_TYPE', 'Formulir harus dikirim sebagai application/x-www-form-urlencoded.');
  return new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
}

function loginPage(message: string | null): string {
  return page(
    'Masuk',
    `<h1>Masuk petugas Diskominfo</h1>
${message ? `<p class="error" role="alert">${esc(message)}</p>` : ''}
<form method="post" action="/admin/login" class="decision">
<label>Token admin <input type="password" name="token" autocomplete="off" required></label>
<p>Token dibuat dengan <code>berkas server admin-token --data-dir D</code>.</p>
<button type="submit">Masuk</button>
</form>`,
    { isLoggedIn: false },
  );
}

function option(value: string, label: string, selected: string | null): string {
  return `<option value="${esc(value)}"${value === selected ? ' selected' : ''}>${esc(label)}</option>`;
}

function statusBadge(status: ReviewStatus): string {
  return `<span class="status status-${esc(status)}">${esc(statusLabel[status])}</span>`;
}

export class ReviewPages {
  constructor(private readonly deps: ReviewDeps) {}

  private async session(req: IncomingMessage): Promise<Session | null> {
    const id = cookieOf(req);
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const idSha256 = sha256Hex(id);
    const found = await this.deps.service.repo.findAdminSession(idSha256, this.deps.now().toISOString());
    return found ? { idSha256, adminTokenId: found.adminTokenId, csrf: found.csrf } : null;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      await this.route(req, res, url);
    } catch (err) {
      const status = err instanceof IntakeError ? err.status : isBerkasError(err) ? 400 : 500;
      if (status === 500) console.error('[server] halaman tinjauan:', err);
      const message = status === 500 ? 'Terjadi kesalahan di server; rinciannya tercatat di log.' : (err as Error).message;
      sendHtml(res, status, page('Galat', `<h1>Tidak dapat diproses</h1><p class="error" role="alert">${esc(message)}</p><p><a href="/admin/">Kembali ke daftar</a></p>`, { isLoggedIn: false }));
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const p = url.pathname;
    if (p === '/admin/static/review.css') {
      res.writeHead(200, { ...baseHeaders, 'Content-Type': 'text/css; charset=utf-8', 'Content-Length': String(css.length), 'Cache-Control': 'private, max-age=300' });
      res.end(css);
      return;
    }
    if (p === '/admin/login') {
      if (method === 'POST') return this.login(req, res);
      sendHtml(res, 200, loginPage(null));
      return;
    }
    const session = await this.session(req);
    if (!session) {
      if (method === 'GET') redirect(res, '/admin/login');
      else throw new IntakeError('AUTH_REQUIRED', 'Sesi berakhir; masuk lagi.');
      return;
    }
    markAuthenticated(req);
    if (p === '/admin' || p === '/admin/') {
      if (method !== 'GET') throw new IntakeError('METHOD_NOT_ALLOWED', 'Metode tidak berlaku.');
      return this.list(res, url, session);
    }
    if (p === '/admin/logout' && method === 'POST') {
      await this.checkCsrf(req, session);
      await this.deps.service.repo.deleteAdminSession(session.idSha256);
      redirect(res, '/admin/login', { 'Set-Cookie': `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=0` });
      return;
    }
    const m = /^\/admin\/submissions\/([^/]+)(\/document|\/decision)?$/.exec(p);
    if (m) {
      const id = m[1] as string;
      if (!isSubmissionId(id)) throw new IntakeError('NOT_FOUND', `Pengiriman "${String(id).slice(0, 40)}" tidak ada.`);
      const record = await this.deps.service.repo.getSubmission(id);
      if (!record || record.state !== 'committed') throw new IntakeError('NOT_FOUND', `Pengiriman ${id} tidak ada atau belum selesai diterima.`);
      if (m[2] === '/document' && method === 'GET') return this.document(res, record);
      if (m[2] === '/decision' && method === 'POST') return this.decision(req, res, record, session);
      if (m[2] === undefined && method === 'GET') return this.detail(res, url, record, session);
    }
    throw new IntakeError('NOT_FOUND', `Halaman ${p.slice(0, 200)} tidak ada.`);
  }

  private async checkCsrf(req: IncomingMessage, session: Session, form?: URLSearchParams): Promise<URLSearchParams> {
    checkOrigin(req);
    const fields = form ?? (await readForm(req));
    const sent = fields.get('csrf') ?? '';
    if (!sameSecret(sent, session.csrf)) throw new IntakeError('FORBIDDEN', 'Formulir kedaluwarsa atau bukan dari halaman ini (token CSRF tidak cocok). Muat ulang halaman lalu ulangi.');
    return fields;
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkOrigin(req);
    const wait = this.deps.loginLimiter.take(clientAddress(req));
    if (wait > 0) {
      sendHtml(res, 429, loginPage(`Terlalu banyak percobaan masuk; coba lagi dalam ${wait} detik.`), { 'Retry-After': String(wait) });
      return;
    }
    const form = await readForm(req);
    const token = (form.get('token') ?? '').trim();
    const admin = /^[A-Za-z0-9_-]{20,128}$/.test(token) ? await this.deps.service.repo.findAdminToken(tokenHash(token)) : null;
    if (!admin || admin.revokedAt) {
      sendHtml(res, 401, loginPage('Token admin tidak dikenal atau sudah dicabut.'));
      return;
    }
    const id = randomBytes(32).toString('base64url');
    const now = this.deps.now();
    await this.deps.service.repo.addAdminSession({
      idSha256: sha256Hex(id),
      adminTokenId: admin.id,
      csrf: randomBytes(32).toString('base64url'),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    });
    redirect(res, '/admin/', { 'Set-Cookie': `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=${SESSION_HOURS * 3600}` });
  }

  private async list(res: ServerResponse, url: URL, session: Session): Promise<void> {
    const q = url.searchParams;
    const opds = await this.deps.service.repo.listOpds();
    const opd = opds.some((o) => o.code === q.get('opd')) ? (q.get('opd') as string) : null;
    const type = (SUBMISSION_TYPES as readonly string[]).includes(q.get('type') ?? '') ? (q.get('type') as string) : null;
    const period = PERIOD.test(q.get('period') ?? '') ? (q.get('period') as string) : null;
    const status = (REVIEW_STATUSES as readonly string[]).includes(q.get('status') ?? '') ? (q.get('status') as ReviewStatus) : null;
    const pageNo = Math.max(1, Math.min(10_000, Number.parseInt(q.get('page') ?? '1', 10) || 1));
    const filter = { state: 'committed' as const, ...(opd ? { opd } : {}), ...(type ? { type } : {}), ...(period ? { period } : {}), ...(status ? { reviewStatus: status } : {}) };
    const [records, total] = await Promise.all([
      this.deps.service.repo.listSubmissions({ ...filter, limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE, order: 'committed-desc' }),
      this.deps.service.repo.countSubmissions(filter),
    ]);
    const names = new Map(opds.map((o) => [o.code, o.name]));
    const rows = records
      .map(
        (r) => `<tr data-id="${esc(r.id)}">
<td><a href="/admin/submissions/${esc(r.id)}">${esc(r.id)}</a></td>
<td>${esc(r.opd)}<br><small>${esc(names.get(r.opd) ?? '')}</small></td>
<td>${esc(typeLabel[r.type] ?? r.type)}</td>
<td>${esc(r.period)}</td>
<td>${when(r.committedAt)}</td>
<td>${statusBadge(r.review.status)}</td>
</tr>`,
      )
      .join('\n');
    const keep = new URLSearchParams({ ...(opd ? { opd } : {}), ...(type ? { type } : {}), ...(period ? { period } : {}), ...(status ? { status } : {}) });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const nav = [
      pageNo > 1 ? `<a href="/admin/?${esc(new URLSearchParams([...keep, ['page', String(pageNo - 1)]]).toString())}">« Sebelumnya</a>` : '',
      `Halaman ${pageNo} dari ${pages}`,
      pageNo < pages ? `<a href="/admin/?${esc(new URLSearchParams([...keep, ['page', String(pageNo + 1)]]).toString())}">Berikutnya »</a>` : '',
    ].join(' ');
    const body = `<h1>Pengiriman masuk</h1>
<form method="get" action="/admin/" class="filters">
<label>OPD <select name="opd"><option value="">Semua</option>${opds.map((o) => option(o.code, `${o.code} — ${o.name}`, opd)).join('')}</select></label>
<label>Jenis <select name="type"><option value="">Semua</option>${SUBMISSION_TYPES.map((t) => option(t, typeLabel[t] ?? t, type)).join('')}</select></label>
<label>Periode <input name="period" value="${esc(period ?? '')}" placeholder="2025, 2025-T1, 2025-S1" size="12"></label>
<label>Status <select name="status"><option value="">Semua</option>${REVIEW_STATUSES.map((s) => option(s, statusLabel[s], status)).join('')}</select></label>
<button type="submit">Saring</button>
</form>
<p>${total} pengiriman.</p>
<table>
<thead><tr><th>Id</th><th>OPD</th><th>Jenis</th><th>Periode</th><th>Diterima server</th><th>Status</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="6">Tidak ada pengiriman yang cocok.</td></tr>'}
</tbody>
</table>
<p class="pages">${nav}</p>`;
    sendHtml(res, 200, page('Pengiriman masuk', body, { isLoggedIn: true, csrf: session.csrf }));
  }

  private async detail(res: ServerResponse, url: URL, record: SubmissionRecord, session: Session): Promise<void> {
    const opd = await this.deps.service.repo.getOpd(record.opd);
    const files = record.manifest.files
      .map((f) => `<tr><td><code>${esc(f.path)}</code></td><td>${esc(bytesText(f.size))}</td><td><code>${esc(f.sha256)}</code></td></tr>`)
      .join('\n');
    const matchOf = (field: string) => record.signerCheck?.signers.find((m) => m.field === field);
    const signatures = record.signatures
      .map((s) => {
        const m = matchOf(s.field);
        const opdLine = !m
          ? ''
          : m.matchedBy === 'sertifikat-terdaftar'
            ? '<br><small>sertifikat terdaftar untuk OPD pengirim</small>'
            : m.matchedBy === 'organisasi'
              ? `<br><small>organisasi pada sertifikat menyebut OPD pengirim${m.certificate === 'trusted' ? '' : ' (sertifikat tidak tepercaya: belum pasti)'}</small>`
              : `<br><small>bukan OPD pengirim: ${esc(describeSigner(m))}${m.problem ? `; ${esc(m.problem)}` : ''}</small>`;
        return `<li>${esc(s.signer || '(penanda tangan tidak terbaca)')}${s.nip ? ` (NIP ${esc(s.nip)})` : ''} — ${s.integrity === 'valid' ? 'utuh' : 'TIDAK UTUH'}, ${
          s.certificate === 'trusted' ? 'sertifikat tepercaya' : s.certificate === 'expired' ? 'sertifikat kedaluwarsa' : 'sertifikat tidak tepercaya'
        }${s.signedAt ? `, ${when(s.signedAt)}` : ''}${opdLine}${s.problems.length ? `<br><small>${esc(s.problems.join('; '))}</small>` : ''}</li>`;
      })
      .join('\n');
    const signerClass = `signer signer-${record.signerCheck?.verdict ?? 'belum-diperiksa'}`;
    const saved = url.searchParams.get('saved') === '1' ? `<p class="notice" role="status">Keputusan disimpan: ${esc(statusLabel[record.review.status])}.</p>` : '';
    const body = `<p><a href="/admin/">« Daftar pengiriman</a></p>
<h1>${esc(typeLabel[record.type] ?? record.type)} ${esc(record.opd)} ${esc(record.period)}</h1>
${saved}
<dl>
<dt>Id pengiriman</dt><dd><code>${esc(record.id)}</code></dd>
<dt>OPD</dt><dd>${esc(record.opd)} — ${esc(opd?.name ?? '')}</dd>
<dt>Jenis</dt><dd>${esc(typeLabel[record.type] ?? record.type)}${record.reportType ? ` (${esc(record.reportType)})` : ''}</dd>
<dt>Periode</dt><dd>${esc(record.period)}</dd>
<dt>Merevisi</dt><dd>${record.revisionOf ? `<a href="/admin/submissions/${esc(record.revisionOf)}">${esc(record.revisionOf)}</a>` : '—'}</dd>
<dt>Diterima server</dt><dd>${when(record.committedAt)} (${record.source === 'import' ? 'impor dari flash disk' : 'daring'})</dd>
<dt>SHA-256 manifes</dt><dd><code>${esc(record.manifestSha256)}</code></dd>
<dt>Versi aplikasi</dt><dd>${esc(record.appVersion)}</dd>
<dt>Penanda tangan</dt><dd id="signer-check" class="${signerClass}" data-verdict="${esc(record.signerCheck?.verdict ?? 'belum-diperiksa')}">${esc(signerCheckSentence(record.signerCheck))}</dd>
<dt>Status</dt><dd id="review-status">${statusBadge(record.review.status)}${record.review.decidedAt ? ` ${when(record.review.decidedAt)}` : ''}</dd>
<dt>Catatan</dt><dd id="review-note">${record.review.note ? esc(record.review.note) : '—'}</dd>
</dl>
<h2>Dokumen utama</h2>
<p><a id="open-document" href="/admin/submissions/${esc(record.id)}/document" target="_blank" rel="noopener">Buka ${esc(record.mainDocument)}</a></p>
<ul class="signatures">${signatures || '<li>Tidak ada tanda tangan tercatat.</li>'}</ul>
<h2>Keputusan</h2>
<form method="post" action="/admin/submissions/${esc(record.id)}/decision" class="decision">
<input type="hidden" name="csrf" value="${esc(session.csrf)}">
${record.signerCheck?.verdict === 'cocok' ? '' : `<p class="${signerClass}">Sebelum menerima: pastikan penanda tangan adalah pejabat berwenang OPD ${esc(record.opd)} (lihat baris Penanda tangan di atas).</p>`}
<label>Catatan untuk OPD (wajib untuk perlu revisi dan ditolak)
<textarea name="note" maxlength="4000">${esc(record.review.note ?? '')}</textarea></label>
<div>
<button type="submit" name="status" value="diterima">Terima</button>
<button type="submit" name="status" value="perlu-revisi">Perlu revisi</button>
<button type="submit" name="status" value="ditolak">Tolak</button>
</div>
</form>
<h2>Berkas dalam paket (${record.fileCount}, ${esc(bytesText(record.totalBytes))})</h2>
<table><thead><tr><th>Jalur</th><th>Ukuran</th><th>SHA-256</th></tr></thead><tbody>
${files}
</tbody></table>`;
    sendHtml(res, 200, page(`Pengiriman ${record.id}`, body, { isLoggedIn: true, csrf: session.csrf }));
  }

  private async document(res: ServerResponse, record: SubmissionRecord): Promise<void> {
    const bytes = await this.deps.service.fileOf(record, record.mainDocument);
    const name = path.posix.basename(record.mainDocument).replace(/[^A-Za-z0-9._-]/g, '_');
    res.writeHead(200, {
      ...baseHeaders,
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `inline; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    });
    res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  private async decision(req: IncomingMessage, res: ServerResponse, record: SubmissionRecord, session: Session): Promise<void> {
    const form = await this.checkCsrf(req, session);
    const status = form.get('status');
    if (status !== 'diterima' && status !== 'perlu-revisi' && status !== 'ditolak') throw new IntakeError('BAD_REQUEST', 'Pilih keputusan: terima, perlu revisi, atau tolak.');
    const note = (form.get('note') ?? '').trim().slice(0, 4000) || null;
    await this.deps.service.decide(record.id, status, note, session.adminTokenId);
    redirect(res, `/admin/submissions/${encodeURIComponent(record.id)}?saved=1`);
  }
}
