/** HTML building for the review pages: every interpolated value goes through esc(). */
import { formatTanggal } from '../../core/domain/format/tanggal';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c] as string);
}

/** "17 Juni 2021, 03.04 UTC" from an ISO time. */
export function when(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return esc(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = formatTanggal(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
  return `${date}, ${pad(d.getUTCHours())}.${pad(d.getUTCMinutes())} UTC`;
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

export function page(title: string, body: string, options: { isLoggedIn: boolean; csrf?: string }): string {
  const logout =
    options.isLoggedIn && options.csrf
      ? `<form method="post" action="/admin/logout" class="logout"><input type="hidden" name="csrf" value="${esc(options.csrf)}"><button type="submit">Keluar</button></form>`
      : '';
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — Berkas Diskominfo</title>
<link rel="stylesheet" href="/admin/static/review.css">
</head>
<body>
<header><a href="/admin/" class="brand">Berkas · Penerimaan Diskominfo</a>${logout}</header>
<main>
${body}
</main>
</body>
</html>
`;
}
