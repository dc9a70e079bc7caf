/**
 * The console's list of submissions: OPD, kind, title, period, revision,
 * received time, signature (integrity and trust apart), signer check and
 * review state; filtered, searched and sorted, paged by keyset so the
 * 10 000th row costs what the first does (console-store.ts, schema 3 indexes).
 */
import { PERIOD, SUBMISSION_TYPES } from '../protocol/manifest';
import { REVIEW_STATUSES } from '../protocol/types';
import type { IntakeRepository } from '../store/repository';
import type { ListQuery, ListRow, ListSort, ListView } from '../store/console-store';
import { esc, option, page, SIGNER_LABELS, STATUS_LABELS, statusBadge, TRUST_LABELS, TYPE_LABELS, whenShort, type Viewer } from './html';

export const PAGE_SIZE = 50;
const SORTS: Record<ListSort, string> = { received: 'Diterima server', title: 'Judul', period: 'Periode', opd: 'OPD' };
const PERIOD_PREFIX = /^\d{4}(-(T[1-4]|S[12]|(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?))?$/;

function cursorOf(text: string | null): [string, string] | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string' && x.length <= 600) ? [v[0] as string, v[1] as string] : undefined;
  } catch {
    return undefined;
  }
}

const cursorText = (row: ListRow) => Buffer.from(JSON.stringify([row.key, row.id]), 'utf8').toString('base64url');

/** The query a list URL asks for; anything unknown is dropped, never passed to SQL as is. */
export function listQueryOf(q: URLSearchParams, opdCodes: ReadonlySet<string>): ListQuery {
  const view: ListView = q.get('view') === 'gagal' ? 'gagal' : 'masuk';
  const sort = (Object.keys(SORTS) as ListSort[]).includes(q.get('sort') as ListSort) ? (q.get('sort') as ListSort) : 'received';
  const direction = q.get('dir') === 'asc' ? 'asc' : q.get('dir') === 'desc' ? 'desc' : sort === 'received' ? 'desc' : 'asc';
  const opd = q.get('opd') ?? '';
  const type = q.get('type') ?? '';
  const period = (q.get('period') ?? '').trim();
  const status = q.get('status') ?? '';
  const trust = q.get('trust') ?? '';
  const search = (q.get('q') ?? '').trim().slice(0, 100);
  const after = cursorOf(q.get('after'));
  const before = after ? undefined : cursorOf(q.get('before'));
  return {
    view,
    sort,
    direction,
    limit: PAGE_SIZE,
    ...(opdCodes.has(opd) ? { opd } : {}),
    ...((SUBMISSION_TYPES as readonly string[]).includes(type) ? { type } : {}),
    ...(PERIOD_PREFIX.test(period) || PERIOD.test(period) ? { period } : {}),
    ...((REVIEW_STATUSES as readonly string[]).includes(status) && view === 'masuk' ? { reviewStatus: status } : {}),
    ...(Object.keys(TRUST_LABELS).includes(trust) && view === 'masuk' ? { trust } : {}),
    ...(search ? { q: search } : {}),
    ...(after ? { after } : {}),
    ...(before ? { before } : {}),
  };
}

function filterParams(query: ListQuery): [string, string][] {
  const out: [string, string][] = [];
  if (query.view !== 'masuk') out.push(['view', query.view]);
  if (query.q) out.push(['q', query.q]);
  if (query.opd) out.push(['opd', query.opd]);
  if (query.type) out.push(['type', query.type]);
  if (query.period) out.push(['period', query.period]);
  if (query.reviewStatus) out.push(['status', query.reviewStatus]);
  if (query.trust) out.push(['trust', query.trust]);
  return out;
}

function href(params: [string, string][]): string {
  const qs = new URLSearchParams(params).toString();
  return esc(`/admin/${qs ? `?${qs}` : ''}`);
}

function signatureCell(r: ListRow): string {
  if (r.committedAt === null) return '<span class="badge badge-bad">Gagal diperiksa</span>';
  const trust = r.trust ?? 'belum-tepercaya';
  return `<span class="badge badge-ok" title="Isi tidak berubah sejak ditandatangani">Utuh</span> <span class="badge trust-${esc(trust)}">${esc(TRUST_LABELS[trust] ?? trust)}</span>`;
}

function revisionCell(r: ListRow): string {
  const parts: string[] = [];
  if (r.revisionOf) parts.push(`<a href="/admin/submissions/${esc(r.revisionOf)}" class="small">merevisi ${esc(r.revisionOf.slice(0, 8))}…</a>`);
  if (r.replacedBy) parts.push(`<a href="/admin/submissions/${esc(r.replacedBy)}" class="small replaced">digantikan ${esc(r.replacedBy.slice(0, 8))}…</a>`);
  return parts.join('<br>') || '<span class="muted">—</span>';
}

export async function renderList(repo: IntakeRepository, url: URL, viewer: Viewer): Promise<string> {
  const opds = await repo.listOpds();
  const query = listQueryOf(url.searchParams, new Set(opds.map((o) => o.code)));
  const { after: _a, before: _b, limit: _l, sort: _s, direction: _d, ...countQuery } = query;
  const [{ rows, hasMore }, total] = await Promise.all([repo.console.list(query), repo.console.count(countQuery)]);
  const filters = filterParams(query);
  const sortLink = (key: ListSort) => {
    const isCurrent = query.sort === key;
    const next = isCurrent && query.direction === 'asc' ? 'desc' : isCurrent ? 'asc' : key === 'received' ? 'desc' : 'asc';
    const arrow = isCurrent ? (query.direction === 'asc' ? ' ▲' : ' ▼') : '';
    return `<a href="${href([...filters, ['sort', key], ['dir', next]])}">${esc(SORTS[key])}${arrow}</a>`;
  };
  const ariaSort = (key: ListSort) => (query.sort === key ? ` aria-sort="${query.direction === 'asc' ? 'ascending' : 'descending'}"` : '');
  const keep: [string, string][] = [...filters, ['sort', query.sort], ['dir', query.direction]];
  const isBackwards = query.before !== undefined;
  const hasNext = isBackwards ? true : hasMore;
  const hasPrev = isBackwards ? hasMore : query.after !== undefined;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const nav = [
    hasPrev || query.after ? `<a href="${href(keep)}">« Awal</a>` : '',
    hasPrev && first ? `<a href="${href([...keep, ['before', cursorText(first)]])}" rel="prev">‹ Sebelumnya</a>` : '',
    hasNext && last ? `<a href="${href([...keep, ['after', cursorText(last)]])}" rel="next">Berikutnya ›</a>` : '',
  ]
    .filter((x) => x)
    .join(' ');
  const body = rows
    .map(
      (r) => `<tr data-id="${esc(r.id)}"${r.replacedBy ? ' class="row-replaced"' : ''}>
<td><span class="opd-name">${esc(r.opdName)}</span><br><span class="small muted">${esc(r.opd)}</span></td>
<td>${esc(TYPE_LABELS[r.type] ?? r.type)}</td>
<td><a href="/admin/submissions/${esc(r.id)}" class="title-link">${esc(r.title || (r.committedAt ? '(tanpa judul)' : r.id))}</a>${r.lastError ? `<br><span class="small error-text">${esc(r.lastError)}</span>` : ''}</td>
<td>${esc(r.period)}</td>
<td>${revisionCell(r)}</td>
<td>${whenShort(r.committedAt ?? r.updatedAt)}</td>
<td>${signatureCell(r)}</td>
<td>${r.committedAt ? `<span class="badge signer-${esc(r.signerVerdict ?? 'belum-diperiksa')}">${esc(SIGNER_LABELS[r.signerVerdict ?? 'belum-diperiksa'])}</span>` : '—'}</td>
<td>${r.committedAt ? statusBadge(r.reviewStatus) : '—'}</td>
</tr>`,
    )
    .join('\n');
  const views = `<nav class="tabs" aria-label="Tampilan daftar">
<a href="${href([])}"${query.view === 'masuk' ? ' aria-current="page"' : ''}>Diterima server</a>
<a href="${href([['view', 'gagal']])}"${query.view === 'gagal' ? ' aria-current="page"' : ''}>Gagal pemeriksaan</a>
</nav>`;
  const html = `<div class="page-head"><h1>Pengiriman masuk</h1><p class="lead">${total.toLocaleString('id-ID')} pengiriman${query.view === 'gagal' ? ' gagal pemeriksaan (tidak dihitung di konsolidasi)' : ''}.</p></div>
${views}
<form method="get" action="/admin/" class="filters" role="search">
${query.view === 'gagal' ? '<input type="hidden" name="view" value="gagal">' : ''}
<label class="grow">Cari <input type="search" name="q" value="${esc(query.q ?? '')}" placeholder="judul, OPD, periode, atau id"></label>
<label>OPD <select name="opd"><option value="">Semua OPD</option>${opds.map((o) => option(o.code, `${o.name} (${o.code})`, query.opd)).join('')}</select></label>
<label>Jenis <select name="type"><option value="">Semua</option>${SUBMISSION_TYPES.map((t) => option(t, TYPE_LABELS[t] ?? t, query.type)).join('')}</select></label>
<label>Periode <input name="period" value="${esc(query.period ?? '')}" placeholder="2025, 2025-T1" size="10"></label>
${
  query.view === 'masuk'
    ? `<label>Status <select name="status"><option value="">Semua</option>${REVIEW_STATUSES.map((s) => option(s, STATUS_LABELS[s], query.reviewStatus)).join('')}</select></label>
<label>Kepercayaan <select name="trust"><option value="">Semua</option>${Object.entries(TRUST_LABELS)
        .map(([k, l]) => option(k, l, query.trust))
        .join('')}</select></label>`
    : ''
}
<input type="hidden" name="sort" value="${esc(query.sort)}"><input type="hidden" name="dir" value="${esc(query.direction)}">
<div class="filter-actions"><button type="submit" class="button-primary">Saring</button> <a href="${href(query.view === 'gagal' ? [['view', 'gagal']] : [])}" class="button-link">Hapus saringan</a></div>
</form>
<div class="table-wrap">
<table class="list">
<caption class="visually-hidden">Pengiriman, diurutkan menurut ${esc(SORTS[query.sort])}</caption>
<thead><tr>
<th scope="col"${ariaSort('opd')}>${sortLink('opd')}</th><th scope="col">Jenis</th><th scope="col"${ariaSort('title')}>${sortLink('title')}</th>
<th scope="col"${ariaSort('period')}>${sortLink('period')}</th><th scope="col">Revisi</th><th scope="col"${ariaSort('received')}>${sortLink('received')}</th>
<th scope="col">Tanda tangan</th><th scope="col">Penanda tangan</th><th scope="col">Status</th>
</tr></thead>
<tbody>
${body || '<tr><td colspan="9" class="empty">Tidak ada pengiriman yang cocok dengan saringan ini.</td></tr>'}
</tbody>
</table>
</div>
<nav class="pages" aria-label="Halaman daftar">${nav}</nav>`;
  return page('Pengiriman masuk', html, { viewer, section: 'pengiriman' });
}
