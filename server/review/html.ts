/** HTML building for the Diskominfo console: every interpolated value goes through esc(). */
import { formatTanggal } from '../../core/domain/format/tanggal';
import type { ReviewStatus } from '../protocol/types';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c] as string);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "17 Juni 2025, 10.04 WIB" from an ISO time: Diskominfo reads its own clock, not UTC. */
export function when(iso: string | null): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return esc(iso);
  const d = new Date(t + 7 * 3_600_000);
  const date = formatTanggal(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
  return `${date}, ${pad(d.getUTCHours())}.${pad(d.getUTCMinutes())} WIB`;
}

/** A short form for table cells: "17-06-2025 10.04". */
export function whenShort(iso: string | null): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return esc(iso);
  const d = new Date(t + 7 * 3_600_000);
  return `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}.${pad(d.getUTCMinutes())}`;
}

export function bytesText(n: number): string {
  if (n < 1024) return `${n} bita`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v.toFixed(1).replace('.', ',')} ${units[u]}`;
}

export const STATUS_LABELS: Record<ReviewStatus, string> = { menunggu: 'Menunggu', diterima: 'Diterima', 'perlu-revisi': 'Perlu revisi', ditolak: 'Ditolak' };
export const TYPE_LABELS: Record<string, string> = { 'rencana-aksi': 'Rencana aksi', 'serah-terima': 'Serah terima aplikasi', laporan: 'Laporan' };
export const TRUST_LABELS: Record<string, string> = { tepercaya: 'Tepercaya', 'belum-tepercaya': 'Belum tepercaya', kedaluwarsa: 'Kedaluwarsa' };
export const SIGNER_LABELS: Record<string, string> = { cocok: 'Cocok', 'belum-pasti': 'Belum pasti', 'tidak-cocok': 'Tidak cocok', 'belum-diperiksa': 'Belum diperiksa' };

export function statusBadge(status: string): string {
  return `<span class="badge status-${esc(status)}">${esc(STATUS_LABELS[status as ReviewStatus] ?? status)}</span>`;
}

export function option(value: string, label: string, selected: string | null | undefined): string {
  return `<option value="${esc(value)}"${value === selected ? ' selected' : ''}>${esc(label)}</option>`;
}

export interface Viewer {
  name: string;
  username: string | null;
  role: 'peninjau' | 'admin';
  csrf: string;
}

export type Section = 'pengiriman' | 'konsolidasi' | 'opd' | 'akar' | 'peninjau' | 'none';

const NAV: { section: Section; href: string; label: string; isAdmin: boolean }[] = [
  { section: 'pengiriman', href: '/admin/', label: 'Pengiriman', isAdmin: false },
  { section: 'konsolidasi', href: '/admin/konsolidasi', label: 'Konsolidasi', isAdmin: false },
  { section: 'opd', href: '/admin/opd', label: 'OPD dan perangkat', isAdmin: true },
  { section: 'akar', href: '/admin/akar', label: 'Akar tepercaya', isAdmin: true },
  { section: 'peninjau', href: '/admin/peninjau', label: 'Akun peninjau', isAdmin: true },
];

export function page(title: string, body: string, options: { viewer: Viewer | null; section?: Section }): string {
  const v = options.viewer;
  const nav = v
    ? `<nav class="side" aria-label="Menu konsol"><ul>${NAV.filter((n) => !n.isAdmin || v.role === 'admin')
        .map((n) => `<li><a href="${n.href}"${n.section === options.section ? ' aria-current="page"' : ''}>${esc(n.label)}</a></li>`)
        .join('')}</ul><p class="side-footer">Sesi berakhir bila tidak dipakai; simpan pekerjaan sebelum meninggalkan meja.</p></nav>`
    : '';
  const who = v
    ? `<div class="who"><span class="who-name">${esc(v.name)}</span><span class="who-role">${v.role === 'admin' ? 'Admin' : 'Peninjau'}</span>
<form method="post" action="/admin/logout"><input type="hidden" name="csrf" value="${esc(v.csrf)}"><button type="submit" class="button-quiet-dark">Keluar</button></form></div>`
    : '';
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — Konsol Diskominfo · Berkas</title>
<link rel="stylesheet" href="/admin/static/review.css">
</head>
<body>
<a class="skip-link" href="#isi">Lompat ke isi</a>
<div class="${v ? 'shell' : 'shell shell-bare'}">
<header class="app-header"><a href="/admin/" class="brand"><span class="brand-name">Berkas</span><span class="brand-sub">Konsol Diskominfo</span></a>${who}</header>
${nav}
<main id="isi" class="main" tabindex="-1">
${body}
</main>
</div>
</body>
</html>
`;
}

/** A form's hidden CSRF field. */
export function csrfField(viewer: Viewer): string {
  return `<input type="hidden" name="csrf" value="${esc(viewer.csrf)}">`;
}

export function notice(text: string | null, kind: 'ok' | 'error' = 'ok'): string {
  if (!text) return '';
  return kind === 'ok' ? `<p class="notice" role="status">${esc(text)}</p>` : `<p class="error" role="alert">${esc(text)}</p>`;
}
