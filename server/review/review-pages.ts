/**
 * The Diskominfo console (PROTOCOL.md §13, issue 14): server-rendered HTML
 * without any script, a strict CSP, reviewer accounts with roles and idle
 * sessions (review/auth.ts), and the routes of the list, a submission and its
 * files, decisions, consolidation with its exports, and the admin's pages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RegionProfile } from '../../core/domain/profiles/profile';
import { BerkasError, isBerkasError } from '../../core/domain/errors';
import { IntakeError } from '../protocol/errors';
import { isSubmissionId } from '../protocol/ids';
import type { IntakeService } from '../intake/service';
import type { SubmissionRecord } from '../store/repository';
import type { SubmissionFacts } from '../consolidation/facts';
import { consolidate, type Consolidation } from '../consolidation/consolidate';
import { csvOf, TABLES, xlsxOf, type TableKey } from '../consolidation/export';
import { addTrustRoots, removeTrustRoot } from '../intake/trust-roots';
import { baseHeaders, clientAddress } from '../http/http-util';
import type { RateLimiter } from '../http/rate-limit';
import { markAuthenticated } from '../http/connection-guard';
import { ConsoleAuth, DEFAULT_IDLE_MINUTES, checkSameOrigin, readForm, type Principal } from './auth';
import { esc, notice, page, STATUS_LABELS } from './html';
import { renderList } from './list-page';
import { DECISIONS, renderConfirm, renderDetail, type Decision, type DetailContext } from './submission-page';
import { renderOpds, renderReviewers, renderTrust, type Flash } from './admin-pages';
import { renderConsolidation } from './consolidation-page';
import { addReviewer, disableReviewer, logoutReviewer } from './reviewers';

export const REVIEW_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const css = readFileSync(path.join(__dirname, 'review.css'));

export interface ReviewDeps {
  service: IntakeService;
  loginLimiter: RateLimiter;
  now: () => Date;
  profiles?: readonly RegionProfile[];
  /** Idle minutes before a console session ends (Banjarmasin Pasal 15 ayat (3) huruf d); default 15. */
  idleMinutes?: number;
}

function htmlHeaders(extra: Record<string, string> = {}): Record<string, string> {
  // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on the console's own forms.
  return { ...baseHeaders, 'Referrer-Policy': 'same-origin', 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': REVIEW_CSP, 'X-Frame-Options': 'DENY', ...extra };
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

/** RFC 6266 with an ASCII fallback: a name from an OPD's package never breaks the header or names a path. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const base = path.posix.basename(fileName);
  const ascii = base.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 150) || 'berkas';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base).slice(0, 600)}`;
}

const BERKAS_ERROR_STATUS: Record<string, number> = { NOTE_REQUIRED: 400, DECISION_STALE: 409, OPD_NOT_FOUND: 404, SUBMISSION_NOT_FOUND: 404, REVIEWER_NOT_FOUND: 404, TRUST_ROOT_NOT_FOUND: 404 };

function loginPage(message: string | null, isBootstrap: boolean, idleMinutes: number): string {
  const token = isBootstrap
    ? `<form method="post" action="/admin/login" class="card login-card">
<h2>Belum ada akun admin</h2>
<p>Masuk sekali dengan token admin (<code>berkas server admin-token --data-dir D</code>) untuk membuat akun admin pertama, atau buat akun itu dengan <code>berkas server reviewer add --role admin</code>.</p>
<label>Token admin <input type="password" name="token" autocomplete="off" required></label>
<button type="submit" class="button-primary">Masuk dengan token</button>
</form>`
    : '';
  return page(
    'Masuk',
    `<div class="login">
<h1>Masuk ke konsol Diskominfo</h1>
<p class="lead">Tinjau pengiriman OPD dan konsolidasikan rencana, aplikasi dan laporan.</p>
${notice(message, 'error')}
<form method="post" action="/admin/login" class="card login-card">
<label>Nama pengguna <input name="username" autocomplete="username" required autofocus></label>
<label>Kata sandi <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit" class="button-primary">Masuk</button>
<p class="small muted">Sesi berakhir setelah ${idleMinutes} menit tidak dipakai.</p>
</form>
${token}
</div>`,
    { viewer: null },
  );
}

export class ReviewPages {
  private readonly auth: ConsoleAuth;
  private cache: { key: string; at: number; value: Consolidation } | null = null;

  constructor(private readonly deps: ReviewDeps) {
    this.auth = new ConsoleAuth(deps.service.repo, { idleMinutes: deps.idleMinutes ?? DEFAULT_IDLE_MINUTES, now: deps.now });
  }

  private get profiles(): readonly RegionProfile[] {
    return this.deps.profiles ?? this.deps.service.profiles;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      await this.route(req, res, url);
    } catch (err) {
      const status = err instanceof IntakeError ? err.status : isBerkasError(err) ? (BERKAS_ERROR_STATUS[err.code] ?? 400) : 500;
      if (status === 500) console.error('[server] konsol:', err);
      const message = status === 500 ? 'Terjadi kesalahan di server; rinciannya tercatat di log.' : (err as Error).message;
      if (res.headersSent) return;
      sendHtml(res, status, page('Tidak dapat diproses', `<h1>Tidak dapat diproses</h1><p class="error" role="alert">${esc(message)}</p><p><a href="/admin/">Kembali ke daftar pengiriman</a></p>`, { viewer: null }));
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
      sendHtml(res, 200, loginPage(null, await this.auth.isBootstrapOpen(), this.auth.idleMinutes));
      return;
    }
    const who = await this.auth.principal(req);
    if (!who) {
      if (method === 'GET') redirect(res, '/admin/login');
      else throw new IntakeError('AUTH_REQUIRED', 'Sesi berakhir (tidak dipakai terlalu lama, keluar, atau diakhiri admin); masuk lagi.');
      return;
    }
    markAuthenticated(req);
    if (method !== 'GET' && method !== 'POST') throw new IntakeError('METHOD_NOT_ALLOWED', 'Metode tidak berlaku.');
    if (method === 'POST') return this.post(req, res, url, who);
    if (p === '/admin' || p === '/admin/') {
      sendHtml(res, 200, await renderList(this.deps.service.repo, url, who));
      return;
    }
    if (p === '/admin/konsolidasi') {
      const { c, region } = await this.consolidation(url);
      sendHtml(res, 200, renderConsolidation(c, this.profiles, region, who, null));
      return;
    }
    if (p === '/admin/konsolidasi/ekspor') return this.exportTable(res, url);
    if (p === '/admin/opd' || p === '/admin/akar' || p === '/admin/peninjau') {
      this.requireAdmin(who);
      sendHtml(res, 200, await this.adminPage(p, who, null));
      return;
    }
    const m = /^\/admin\/submissions\/([^/]+)(?:\/(document)|\/files\/(\d{1,5}))?$/.exec(p);
    if (m) {
      const record = await this.record(m[1] as string, m[2] === undefined && m[3] === undefined);
      if (m[2] === 'document') return this.sendFile(res, record, record.mainDocument, true);
      if (m[3] !== undefined) {
        const file = record.manifest.files[Number(m[3])];
        if (!file) throw new IntakeError('NOT_FOUND', `Berkas nomor ${m[3]} tidak ada dalam pengiriman ${record.id}.`);
        return this.sendFile(res, record, file.path, url.searchParams.get('inline') === '1' && /\.pdf$/i.test(file.path));
      }
      const saved = url.searchParams.get('saved') === '1' ? { text: `Keputusan disimpan: ${STATUS_LABELS[record.review.status]}.`, kind: 'ok' as const } : null;
      sendHtml(res, 200, await renderDetail(await this.detailContext(record, who, saved)));
      return;
    }
    throw new IntakeError('NOT_FOUND', `Halaman ${p.slice(0, 200)} tidak ada.`);
  }

  private requireAdmin(who: Principal): void {
    if (who.role !== 'admin') throw new IntakeError('FORBIDDEN', 'Halaman ini hanya untuk admin konsol; peninjau membaca dan memutuskan pengiriman.');
  }

  private async record(id: string, allowOpen: boolean): Promise<SubmissionRecord> {
    if (!isSubmissionId(id)) throw new IntakeError('NOT_FOUND', `Pengiriman "${String(id).slice(0, 40)}" tidak ada.`);
    const record = await this.deps.service.repo.getSubmission(id);
    if (!record || (record.state !== 'committed' && !(allowOpen && record.lastError))) throw new IntakeError('NOT_FOUND', `Pengiriman ${id} tidak ada atau belum selesai diterima.`);
    return record;
  }

  private async detailContext(record: SubmissionRecord, viewer: Principal, message: DetailContext['message'], draft?: DetailContext['draft']): Promise<DetailContext> {
    const extras = await this.deps.service.repo.console.extras(record.id);
    const opd = await this.deps.service.repo.getOpd(record.opd);
    const excludedKeys = new Set((await this.deps.service.repo.console.listExclusions()).filter((e) => e.submissionId === record.id).map((e) => e.activityKey));
    return {
      service: this.deps.service,
      record,
      viewer,
      facts: (extras?.facts as SubmissionFacts | null | undefined) ?? null,
      title: extras?.title ?? '',
      replacedBy: extras?.replacedBy ?? null,
      opdName: opd?.name ?? `${record.opd} (tidak terdaftar)`,
      message,
      excludedKeys,
      ...(draft ? { draft } : {}),
    };
  }

  private async sendFile(res: ServerResponse, record: SubmissionRecord, filePath: string, isInline: boolean): Promise<void> {
    const bytes = await this.deps.service.fileOf(record, filePath);
    res.writeHead(200, {
      ...baseHeaders,
      'Content-Type': isInline ? 'application/pdf' : 'application/octet-stream',
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': contentDisposition(isInline ? 'inline' : 'attachment', filePath),
      // A downloaded file is never a page of this origin, whatever it holds.
      ...(isInline ? {} : { 'Content-Security-Policy': "default-src 'none'; sandbox" }),
      'Cache-Control': 'private, no-store',
    });
    res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkSameOrigin(req);
    const wait = this.deps.loginLimiter.take(clientAddress(req));
    const isBootstrap = await this.auth.isBootstrapOpen();
    if (wait > 0) {
      sendHtml(res, 429, loginPage(`Terlalu banyak percobaan masuk; coba lagi dalam ${wait} detik.`, isBootstrap, this.auth.idleMinutes), { 'Retry-After': String(wait) });
      return;
    }
    const form = await readForm(req);
    let id: string | null;
    if (form.has('token')) {
      const result = await this.auth.loginWithToken((form.get('token') ?? '').trim());
      if (result === 'closed') {
        sendHtml(res, 403, loginPage('Token admin hanya untuk membuat admin pertama; sudah ada akun admin, jadi masuklah dengan nama pengguna dan kata sandi.', false, this.auth.idleMinutes));
        return;
      }
      id = result;
      if (!id) {
        sendHtml(res, 401, loginPage('Token admin tidak dikenal atau sudah dicabut.', isBootstrap, this.auth.idleMinutes));
        return;
      }
    } else {
      id = await this.auth.loginWithPassword(form.get('username') ?? '', form.get('password') ?? '');
      if (!id) {
        sendHtml(res, 401, loginPage('Nama pengguna atau kata sandi salah, atau akun dinonaktifkan.', isBootstrap, this.auth.idleMinutes));
        return;
      }
    }
    redirect(res, isBootstrap && form.has('token') ? '/admin/peninjau' : '/admin/', { 'Set-Cookie': this.auth.cookie(id, Boolean((req.socket as { encrypted?: boolean }).encrypted)) });
  }

  private async post(req: IncomingMessage, res: ServerResponse, url: URL, who: Principal): Promise<void> {
    const p = url.pathname;
    const form = await this.auth.checkForm(req, who);
    const repo = this.deps.service.repo;
    const now = this.deps.now();
    if (p === '/admin/logout') {
      await this.auth.logout(who);
      redirect(res, '/admin/login', { 'Set-Cookie': this.auth.clearCookie() });
      return;
    }
    const m = /^\/admin\/submissions\/([^/]+)\/decision$/.exec(p);
    if (m) return this.decide(res, await this.record(m[1] as string, false), form, who);
    if (p === '/admin/katalog/pengecualian') {
      const record = await this.record(form.get('submissionId') ?? '', false);
      const key = (form.get('key') ?? '').slice(0, 500);
      if (!key) throw new IntakeError('BAD_REQUEST', 'Kegiatan yang dikecualikan tidak disebut.');
      const isExcluded = form.get('exclude') === '1';
      await repo.console.setExclusion({ submissionId: record.id, activityKey: key, note: null, by: who.id, at: now.toISOString() }, isExcluded);
      this.deps.service.noteChange();
      this.cache = null;
      const back = form.get('back') ?? '';
      redirect(res, back.startsWith('/admin/') && !back.startsWith('//') ? back : `/admin/submissions/${encodeURIComponent(record.id)}`);
      return;
    }
    this.requireAdmin(who);
    let flash: Flash = null;
    let newCode: { code: string; opd: string; expiresAt: string } | null = null;
    const attempt = async (fn: () => Promise<string>) => {
      try {
        flash = { text: await fn(), kind: 'ok' };
      } catch (err) {
        if (!isBerkasError(err)) throw err;
        flash = { text: err.message, kind: 'error' };
      }
    };
    const section = p.split('/')[2] ?? '';
    if (p === '/admin/opd/enroll-code') {
      await attempt(async () => {
        const result = await this.deps.service.createEnrollmentCode((form.get('opd') ?? '').trim().toUpperCase(), (form.get('name') ?? '').trim() || null, Number(form.get('days') ?? 7));
        newCode = { code: result.code, opd: `${result.name} (${result.opd})`, expiresAt: result.expiresAt };
        return `Kode pendaftaran dibuat untuk ${result.name}.`;
      });
    } else if (p === '/admin/opd/token-revoke') {
      await attempt(async () => {
        const n = await repo.revokeDeviceTokens({ tokenId: form.get('tokenId') ?? '' }, now.toISOString());
        if (n === 0) throw new BerkasError('TOKEN_NOT_FOUND', 'Token itu tidak ada atau sudah dicabut.');
        return 'Token perangkat dicabut; perangkat itu harus didaftarkan ulang.';
      });
    } else if (p === '/admin/akar/add') {
      await attempt(async () => {
        const roots = await addTrustRoots(repo.console, { bytes: new Uint8Array(Buffer.from(form.get('pem') ?? '', 'utf8')), fileName: 'sertifikat yang ditempel', label: (form.get('label') ?? '').trim() || null, by: who.id, now });
        const judged = await this.deps.service.rejudgeTrust();
        this.cache = null;
        return `${roots.map((r) => `${r.isNew ? 'Dipasang' : 'Sudah terpasang'}: ${r.subject}`).join('; ')}. ${judged.checked} pengiriman dinilai ulang, ${judged.changed} berubah.`;
      });
    } else if (p === '/admin/akar/remove') {
      await attempt(async () => {
        const root = await removeTrustRoot(repo.console, form.get('sha256') ?? '');
        const judged = await this.deps.service.rejudgeTrust();
        this.cache = null;
        return `Dicabut: ${root.subject}. ${judged.checked} pengiriman dinilai ulang, ${judged.changed} berubah.`;
      });
    } else if (p === '/admin/peninjau/add') {
      await attempt(async () => {
        if ((form.get('password') ?? '') !== (form.get('password2') ?? '')) throw new BerkasError('USAGE', 'Kedua isian kata sandi tidak sama; ketik ulang.');
        const r = await addReviewer(repo.console, { username: form.get('username') ?? '', name: form.get('name') ?? '', role: form.get('role') ?? '', password: form.get('password') ?? '', by: who.id, now });
        return `Akun ${r.username} (${r.role}) dibuat untuk ${r.name}.`;
      });
    } else if (p === '/admin/peninjau/disable') {
      await attempt(async () => `Akun ${(await disableReviewer(repo.console, form.get('username') ?? '', now)).username} dinonaktifkan; sesinya diakhiri.`);
    } else if (p === '/admin/peninjau/logout') {
      await attempt(async () => {
        const r = await logoutReviewer(repo.console, form.get('username') ?? '', now);
        return `${r.revoked} sesi ${r.username} diakhiri.`;
      });
    } else {
      throw new IntakeError('NOT_FOUND', `Halaman ${p.slice(0, 200)} tidak ada.`);
    }
    const status = (flash as Flash)?.kind === 'error' ? 400 : 200;
    sendHtml(res, status, await this.adminPage(`/admin/${section}`, who, flash, newCode));
  }

  private async adminPage(p: string, who: Principal, flash: Flash, newCode: { code: string; opd: string; expiresAt: string } | null = null): Promise<string> {
    const repo = this.deps.service.repo;
    if (p === '/admin/opd') return renderOpds(repo, who, flash, newCode);
    if (p === '/admin/akar') return renderTrust(repo, who, flash);
    return renderReviewers(repo, who, flash, this.auth.idleMinutes, this.deps.now());
  }

  private async decide(res: ServerResponse, record: SubmissionRecord, form: URLSearchParams, who: Principal): Promise<void> {
    const status = form.get('status') ?? '';
    const note = (form.get('note') ?? '').trim().slice(0, 4000) || null;
    const expected = form.get('expected') ?? '';
    const draft = { status, note: note ?? '' };
    const again = async (text: string, code: number) => sendHtml(res, code, await renderDetail(await this.detailContext(record, who, { text, kind: 'error' }, draft)));
    if (!(DECISIONS as readonly string[]).includes(status)) return again('Pilih keputusan: diterima, perlu revisi, atau ditolak.', 400);
    if ((status === 'perlu-revisi' || status === 'ditolak') && !note) {
      return again(`Catatan wajib diisi untuk keputusan "${STATUS_LABELS[status as Decision]}": tuliskan apa yang harus diperbaiki OPD.`, 400);
    }
    if ((record.review.decidedAt ?? '') !== expected) {
      return again(
        `Halaman ini sudah usang: pengiriman ini diputuskan "${STATUS_LABELS[record.review.status]}" pada ${record.review.decidedAt ?? '-'} setelah halaman dibuka. Baca keputusan itu di atas, lalu putuskan lagi bila perlu.`,
        409,
      );
    }
    if (form.get('confirm') !== '1') {
      sendHtml(res, 200, renderConfirm(await this.detailContext(record, who, null), status as Decision, note));
      return;
    }
    await this.deps.service.decide(record.id, status as Decision, note, { id: who.id, name: who.name }, expected === '' ? null : expected);
    this.cache = null;
    redirect(res, `/admin/submissions/${encodeURIComponent(record.id)}?saved=1`);
  }

  private async consolidation(url: URL): Promise<{ c: Consolidation; region: string | null }> {
    const yearText = url.searchParams.get('tahun') ?? '';
    const year = /^\d{4}$/.test(yearText) && Number(yearText) >= 2000 && Number(yearText) <= 2100 ? Number(yearText) : null;
    const asked = url.searchParams.get('wilayah') ?? '';
    const region = this.profiles.some((p) => p.id === asked) ? asked : null;
    const key = `${this.deps.service.changeGeneration}|${year}|${region}`;
    const now = this.deps.now();
    // Other nodes of a PostgreSQL install change the data too: a cached result lives ten seconds at most.
    if (this.cache && this.cache.key === key && now.getTime() - this.cache.at < 10_000) return { c: this.cache.value, region };
    const c = await consolidate(this.deps.service.repo, { year, region, profiles: this.profiles, now });
    this.cache = { key, at: now.getTime(), value: c };
    return { c, region };
  }

  private async exportTable(res: ServerResponse, url: URL): Promise<void> {
    const table = url.searchParams.get('tabel') ?? '';
    const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
    const tables: TableKey[] = table === 'semua' && format === 'xlsx' ? [...TABLES] : (TABLES as readonly string[]).includes(table) ? [table as TableKey] : [];
    if (tables.length === 0) throw new IntakeError('NOT_FOUND', `Tabel "${table.slice(0, 40)}" tidak ada; pilih ${TABLES.join(', ')}${format === 'xlsx' ? ' atau semua' : ''}.`);
    const { c } = await this.consolidation(url);
    const bytes = format === 'csv' ? csvOf(c, tables[0] as TableKey) : await xlsxOf(c, tables);
    const name = `konsolidasi-${tables.length > 1 ? 'semua' : tables[0]}${c.year ? `-${c.year}` : ''}.${format}`;
    res.writeHead(200, {
      ...baseHeaders,
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': contentDisposition('attachment', name),
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
}
