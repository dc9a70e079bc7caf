/**
 * The admin's pages of the console: OPDs with their enrolment codes and
 * device tokens, trust roots, and reviewer accounts. Rendering only; the
 * router (review-pages.ts) checks the role, the origin and the CSRF token
 * before any of the actions these forms post.
 */
import type { IntakeRepository } from '../store/repository';
import { REVIEWER_ROLES } from '../store/console-store';
import { ROLE_LABELS } from './reviewers';
import { MIN_PASSWORD_CHARS, SCRYPT_PARAMS } from './passwords';
import { csrfField, esc, notice, option, page, when, type Viewer } from './html';

export type Flash = { text: string; kind: 'ok' | 'error' } | null;

export async function renderOpds(repo: IntakeRepository, viewer: Viewer, flash: Flash, newCode: { code: string; opd: string; expiresAt: string } | null): Promise<string> {
  const [opds, tokens] = await Promise.all([repo.listOpds(), repo.listDeviceTokens()]);
  const rows = opds
    .map((o) => {
      const own = tokens.filter((t) => t.opd === o.code);
      const active = own.filter((t) => !t.revokedAt);
      const list = own
        .map(
          (t) => `<li>${esc(t.deviceName ?? '(tanpa nama perangkat)')} <span class="small muted">${esc(t.id)} · ${when(t.createdAt)}</span> ${
            t.revokedAt
              ? '<span class="badge">dicabut</span>'
              : `<form method="post" action="/admin/opd/token-revoke" class="inline">${csrfField(viewer)}<input type="hidden" name="tokenId" value="${esc(t.id)}"><button type="submit" class="button-danger-quiet">Cabut</button></form>`
          }</li>`,
        )
        .join('');
      return `<tr><td><strong>${esc(o.name)}</strong><br><span class="small muted">${esc(o.code)}</span></td><td class="num">${active.length}</td><td>${list ? `<ul class="plain">${list}</ul>` : '<span class="muted">Belum ada perangkat.</span>'}</td></tr>`;
    })
    .join('\n');
  const shown = newCode
    ? `<section class="card code-card" role="status"><h2>Kode pendaftaran untuk ${esc(newCode.opd)}</h2><p class="enroll-code" id="enroll-code">${esc(newCode.code)}</p>
<p>Sekali pakai, berlaku sampai ${when(newCode.expiresAt)}. Sampaikan kepada petugas OPD; kode ini tidak akan ditampilkan lagi.</p></section>`
    : '';
  const body = `<div class="page-head"><h1>OPD dan perangkat</h1><p class="lead">OPD yang terdaftar, perangkat yang boleh mengirim, dan kode pendaftaran perangkat baru.</p></div>
${notice(flash?.text ?? null, flash?.kind)}
${shown}
<form method="post" action="/admin/opd/enroll-code" class="card form-grid">
${csrfField(viewer)}
<h2>Kode pendaftaran baru</h2>
<label>Kode OPD <input name="opd" required pattern="[A-Za-z0-9][A-Za-z0-9._\\-]{0,31}" placeholder="DISDIK" autocomplete="off"></label>
<label>Nama OPD <span class="small muted">(untuk OPD baru)</span> <input name="name" maxlength="300" placeholder="Dinas Pendidikan"></label>
<label>Berlaku (hari) <input name="days" type="number" min="1" max="90" value="7"></label>
<div><button type="submit" class="button-primary">Buat kode</button></div>
</form>
<div class="table-wrap"><table><thead><tr><th scope="col">OPD</th><th scope="col">Perangkat aktif</th><th scope="col">Perangkat</th></tr></thead><tbody>
${rows || '<tr><td colspan="3" class="empty">Belum ada OPD.</td></tr>'}
</tbody></table></div>`;
  return page('OPD dan perangkat', body, { viewer, section: 'opd' });
}

export async function renderTrust(repo: IntakeRepository, viewer: Viewer, flash: Flash): Promise<string> {
  const roots = await repo.console.listTrustRoots();
  const rows = roots
    .map(
      (r) => `<tr><td>${esc(r.subject)}${r.label ? `<br><span class="small">${esc(r.label)}</span>` : ''}</td><td>${esc(r.notAfter.slice(0, 10))}</td><td><code class="small">${esc(r.sha256)}</code></td><td>${when(r.addedAt)}</td>
<td><form method="post" action="/admin/akar/remove" class="inline">${csrfField(viewer)}<input type="hidden" name="sha256" value="${esc(r.sha256)}"><button type="submit" class="button-danger-quiet">Cabut</button></form></td></tr>`,
    )
    .join('\n');
  const body = `<div class="page-head"><h1>Akar tepercaya</h1>
<p class="lead">Tanda tangan disebut <strong>tepercaya</strong> hanya bila rantai sertifikatnya berakhir di salah satu akar ini (mis. akar BSrE). "Utuh" dan "tepercaya" dua penilaian terpisah: utuh berarti isi tidak berubah sejak ditandatangani.</p></div>
${notice(flash?.text ?? null, flash?.kind)}
<div class="table-wrap"><table><thead><tr><th scope="col">Subjek</th><th scope="col">Berlaku sampai</th><th scope="col">SHA-256</th><th scope="col">Dipasang</th><th scope="col"><span class="visually-hidden">Tindakan</span></th></tr></thead><tbody>
${rows || '<tr><td colspan="5" class="empty">Belum ada akar tepercaya: semua tanda tangan "belum tepercaya".</td></tr>'}
</tbody></table></div>
<form method="post" action="/admin/akar/add" class="card form-grid">
${csrfField(viewer)}
<h2>Pasang akar</h2>
<label for="pem">Sertifikat akar (PEM: -----BEGIN CERTIFICATE----- …)</label>
<textarea id="pem" name="pem" rows="8" required spellcheck="false"></textarea>
<label>Keterangan <input name="label" maxlength="200" placeholder="BSrE Root CA"></label>
<div><button type="submit" class="button-primary">Pasang dan nilai ulang tanda tangan</button></div>
<p class="small muted">Dari baris perintah: <code>berkas server trust add AKAR.pem --data-dir D</code>. Berkas di folder <code>D/trust</code> juga dipakai.</p>
</form>`;
  return page('Akar tepercaya', body, { viewer, section: 'akar' });
}

export async function renderReviewers(repo: IntakeRepository, viewer: Viewer, flash: Flash, idleMinutes: number, now: Date): Promise<string> {
  const reviewers = await repo.console.listReviewers();
  const sessions = await repo.console.liveSessionCounts(now.toISOString(), new Date(now.getTime() - idleMinutes * 60_000).toISOString());
  const rows = reviewers
    .map((r) => {
      const live = sessions.get(`reviewer:${r.id}`) ?? 0;
      const actions = r.disabledAt
        ? ''
        : `<form method="post" action="/admin/peninjau/logout" class="inline">${csrfField(viewer)}<input type="hidden" name="username" value="${esc(r.username)}"><button type="submit" class="button-quiet">Akhiri sesi</button></form>
<form method="post" action="/admin/peninjau/disable" class="inline">${csrfField(viewer)}<input type="hidden" name="username" value="${esc(r.username)}"><button type="submit" class="button-danger-quiet">Nonaktifkan</button></form>`;
      return `<tr><td><strong>${esc(r.name)}</strong><br><span class="small muted">${esc(r.username)}</span></td><td>${esc(ROLE_LABELS[r.role])}</td><td>${r.disabledAt ? `nonaktif sejak ${when(r.disabledAt)}` : 'aktif'}</td><td class="num">${live}</td><td>${actions}</td></tr>`;
    })
    .join('\n');
  const body = `<div class="page-head"><h1>Akun peninjau</h1>
<p class="lead">Setiap keputusan tercatat atas nama akunnya. Peninjau membaca dan memutuskan; admin juga mengelola OPD, kode pendaftaran, token, akar tepercaya dan akun. Sesi berakhir setelah ${idleMinutes} menit tidak dipakai.</p></div>
${notice(flash?.text ?? null, flash?.kind)}
<div class="table-wrap"><table><thead><tr><th scope="col">Nama</th><th scope="col">Peran</th><th scope="col">Keadaan</th><th scope="col">Sesi aktif</th><th scope="col"><span class="visually-hidden">Tindakan</span></th></tr></thead><tbody>
${rows || '<tr><td colspan="5" class="empty">Belum ada akun. Buat admin pertama di bawah ini.</td></tr>'}
</tbody></table></div>
<form method="post" action="/admin/peninjau/add" class="card form-grid">
${csrfField(viewer)}
<h2>Akun baru</h2>
<label>Nama pengguna <input name="username" required pattern="[a-z0-9][a-z0-9._\\-]{1,39}" autocomplete="off" placeholder="siti.rahma"></label>
<label>Nama lengkap <input name="name" required maxlength="200" placeholder="Siti Rahma, S.Kom."></label>
<label>Peran <select name="role">${REVIEWER_ROLES.map((r) => option(r, ROLE_LABELS[r], 'peninjau')).join('')}</select></label>
<label>Kata sandi <input name="password" type="password" required minlength="${MIN_PASSWORD_CHARS}" autocomplete="new-password"></label>
<label>Ulangi kata sandi <input name="password2" type="password" required minlength="${MIN_PASSWORD_CHARS}" autocomplete="new-password"></label>
<div><button type="submit" class="button-primary">Buat akun</button></div>
<p class="small muted">Kata sandi disimpan sebagai hash scrypt (N=${SCRYPT_PARAMS.N}, r=${SCRYPT_PARAMS.r}, p=${SCRYPT_PARAMS.p}); paling sedikit ${MIN_PASSWORD_CHARS} karakter.</p>
</form>`;
  return page('Akun peninjau', body, { viewer, section: 'peninjau' });
}
