/**
 * The Konsolidasi page: the very object `berkas server consolidation --json`
 * prints (consolidation/consolidate.ts), rendered as tables, each with its
 * .xlsx and CSV export, and the duplicate findings with the reviewer's
 * "bukan sumber duplikasi" switch that also takes the entry out of the
 * catalog clients check against.
 */
import type { RegionProfile } from '../../core/domain/profiles/profile';
import { FUNDING_SOURCES, FUNDING_SOURCE_LABELS } from '../../core/domain/rencana-aksi/model';
import { formatThousands } from '../../core/domain/rencana-aksi/text';
import type { Consolidation } from '../consolidation/consolidate';
import { COMPLIANCE_LABELS } from '../consolidation/compliance';
import { TABLE_TITLES, type TableKey } from '../consolidation/export';
import { comparisonKey } from '../../core/domain/rencana-aksi/text';
import { csrfField, esc, notice, option, page, TYPE_LABELS, whenShort, type Viewer } from './html';
import type { Flash } from './admin-pages';

const money = (n: number) => (n === 0 ? '<span class="muted">0</span>' : esc(formatThousands(n)));

function exportLinks(table: TableKey, query: string): string {
  const base = `/admin/konsolidasi/ekspor?tabel=${table}${query ? `&${query}` : ''}`;
  return `<p class="exports">Unduh ${esc(TABLE_TITLES[table])}: <a href="${esc(`${base}&format=xlsx`)}">.xlsx</a> · <a href="${esc(`${base}&format=csv`)}">CSV</a></p>`;
}

export function renderConsolidation(c: Consolidation, profiles: readonly RegionProfile[], region: string | null, viewer: Viewer, flash: Flash): string {
  const query = new URLSearchParams([...(c.year ? [['tahun', String(c.year)]] : []), ...(region ? [['wilayah', region]] : [])]).toString();
  const sourceHead = `${FUNDING_SOURCES.map((s) => `<th scope="col" class="num">${esc(FUNDING_SOURCE_LABELS[s])}</th>`).join('')}<th scope="col" class="num">Tanpa sumber</th><th scope="col" class="num">Jumlah</th>`;
  const budgetRows = c.budgets.rows
    .map(
      (r) =>
        `<tr><td>${r.year}</td><th scope="row">${esc(r.opdName)} <span class="small muted">${esc(r.opd)}</span></th><td class="num">${r.plans}</td>${FUNDING_SOURCES.map((s) => `<td class="num">${money(r[s])}</td>`).join('')}<td class="num">${money(r.unattributed)}</td><td class="num"><strong>${money(r.total)}</strong></td></tr>`,
    )
    .join('\n');
  const totalRows = c.budgets.totals
    .map(
      (t) =>
        `<tr class="total"><td>${t.year}</td><th scope="row">Jumlah ${t.opds} OPD</th><td class="num">${t.plans}</td>${FUNDING_SOURCES.map((s) => `<td class="num">${money(t[s])}</td>`).join('')}<td class="num">${money(t.unattributed)}</td><td class="num"><strong>${money(t.total)}</strong></td></tr>`,
    )
    .join('\n');
  const dupes = c.duplicates
    .map((g, i) => {
      const entries = g.entries
        .map(
          (e) => `<li><strong>${esc(e.opdName)}</strong> (${esc(e.opd)}): “${esc(e.activity)}” dalam <a href="/admin/submissions/${esc(e.submissionId)}">${esc(e.planTitle || 'rencana aksi')}</a>
<form method="post" action="/admin/katalog/pengecualian" class="inline">${csrfField(viewer)}<input type="hidden" name="submissionId" value="${esc(e.submissionId)}"><input type="hidden" name="key" value="${esc(comparisonKey(e.activity))}"><input type="hidden" name="exclude" value="1"><input type="hidden" name="back" value="/admin/konsolidasi${query ? `?${esc(query)}` : ''}"><button type="submit" class="button-quiet small">Bukan sumber duplikasi</button></form></li>`,
        )
        .join('');
      return `<li class="dupe" id="ganda-${i}"><p><span class="badge ${g.match === 'sama' ? 'badge-bad' : 'badge-warn'}">${g.match === 'sama' ? 'Sama' : 'Mirip'}</span> ${g.year} · ${esc(g.activity)}</p><ul>${entries}</ul></li>`;
    })
    .join('\n');
  const apps = c.applications
    .map(
      (a) => `<tr${a.sameFunction.length ? ' class="flagged"' : ''}><th scope="row"><a href="/admin/submissions/${esc(a.submissionId)}">${esc(a.name)}</a> <span class="small muted">${esc(a.version)}</span></th><td>${esc(a.opdName)}</td><td>${esc(a.vendor)}</td><td>${esc(a.fundingSource)}${a.fundingYear ? ` ${a.fundingYear}` : ''}</td>
<td>${a.isComplete === null ? '<span class="muted">tidak diketahui</span>' : a.isComplete ? '<span class="badge badge-ok">Lengkap</span>' : `<span class="badge badge-bad">Belum lengkap</span><br><span class="small">${esc(a.missing.join('; '))}</span>`}</td>
<td>${a.repository ? `<span class="small">${esc(a.repository)}</span>` : '—'}</td>
<td>${a.sameFunction.length ? `<span class="badge badge-warn">Fungsi mirip</span> ${a.sameFunction.map((f) => `${esc(f.name)} (${esc(f.opd)})`).join('; ')}` : '—'}</td></tr>`,
    )
    .join('\n');
  const t = c.compliance;
  const complianceHtml = t
    ? `<p>${esc(t.profileName)}, ${t.year}: ${Object.entries(t.summary)
        .map(([k, n]) => `${esc(COMPLIANCE_LABELS[k as keyof typeof COMPLIANCE_LABELS])} <strong>${n}</strong>`)
        .join(' · ')}</p>
<div class="table-wrap"><table class="matrix"><thead><tr><th scope="col">OPD</th><th scope="col">Laporan</th><th scope="col">Periode</th></tr></thead><tbody>
${t.rows
  .map(
    (r) =>
      `<tr><th scope="row">${esc(r.opdName)} <span class="small muted">${esc(r.opd)}</span></th><td>${esc(r.reportName)}</td><td><ul class="cells">${r.cells
        .map(
          (cell) =>
            `<li class="cell state-${cell.state}" title="${esc(`${cell.period}: ${COMPLIANCE_LABELS[cell.state]}${cell.receivedOn ? `, masuk ${cell.receivedOn}` : ''}; jatuh tempo ${cell.due}`)}">${cell.submissionId ? `<a href="/admin/submissions/${esc(cell.submissionId)}">` : ''}<span class="cell-period">${esc(cell.period)}</span> ${esc(COMPLIANCE_LABELS[cell.state])}${cell.submissionId ? '</a>' : ''}</li>`,
        )
        .join('')}</ul></td></tr>`,
  )
  .join('\n')}
</tbody></table></div>`
    : `<p class="warn">${esc(c.complianceNote ?? '')}</p>`;
  const refused = c.refused
    .slice(0, 20)
    .map((r) => `<li><a href="/admin/submissions/${esc(r.id)}">${esc(r.opd)} · ${esc(TYPE_LABELS[r.type] ?? r.type)} ${esc(r.period)}</a> — ${esc(r.message)} <span class="small muted">${whenShort(r.updatedAt)}</span></li>`)
    .join('');
  const body = `<div class="page-head"><h1>Konsolidasi${c.year ? ` ${c.year}` : ''}</h1>
<p class="lead">Hanya pengiriman yang <strong>diterima</strong>, lolos pemeriksaan, dan tidak digantikan revisi yang dihitung, masing-masing sekali: ${c.counted.plans} rencana aksi, ${c.counted.bundles} serah terima aplikasi, ${c.counted.reports} laporan.
Tidak dihitung: ${c.excluded.notAccepted} belum atau tidak diterima, ${c.excluded.replaced} digantikan revisi, ${c.excluded.olderInChain} revisi lama, ${c.excluded.withoutData} tanpa data terbaca, ${c.excluded.refused} gagal pemeriksaan.</p></div>
${notice(flash?.text ?? null, flash?.kind)}
<form method="get" action="/admin/konsolidasi" class="filters">
<label>Tahun <input name="tahun" type="number" min="2000" max="2100" value="${c.year ?? ''}" placeholder="semua"></label>
<label>Wilayah (kalender laporan) <select name="wilayah"><option value="">Otomatis</option>${profiles.map((p) => option(p.id, p.name, region)).join('')}</select></label>
<div class="filter-actions"><button type="submit" class="button-primary">Tampilkan</button> <a class="button-link" href="/admin/konsolidasi/ekspor?tabel=semua&amp;format=xlsx${query ? `&amp;${esc(query)}` : ''}">Unduh semua tabel (.xlsx)</a></div>
</form>
<section aria-labelledby="anggaran"><h2 id="anggaran">Anggaran per sumber dana</h2>
<p class="small muted">Rupiah, dari teks sumber daya setiap tahap (Prabumulih Pasal 6 ayat (4), Pontianak Pasal 9 ayat (3)).</p>
<div class="table-wrap"><table class="budget"><thead><tr><th scope="col">Tahun</th><th scope="col">OPD</th><th scope="col" class="num">Rencana</th>${sourceHead}</tr></thead><tbody>
${budgetRows || '<tr><td colspan="10" class="empty">Belum ada rencana aksi yang diterima.</td></tr>'}
${totalRows}
</tbody></table></div>
${exportLinks('anggaran', query)}${exportLinks('total-anggaran', query)}</section>
<section aria-labelledby="ganda"><h2 id="ganda">Kegiatan ganda antar OPD (${c.duplicates.length})</h2>
<p class="small muted">Program dan kegiatan tidak boleh duplikasi antar Perangkat Daerah (Pontianak Pasal 9 ayat (2)). "Sama": nama kegiatan sama menurut aturan aplikasi OPD; "mirip": sebagian besar kata pentingnya sama.</p>
${dupes ? `<ul class="dupes">${dupes}</ul>` : '<p class="muted">Tidak ada kegiatan ganda.</p>'}
${exportLinks('duplikasi', query)}</section>
<section aria-labelledby="aplikasi"><h2 id="aplikasi">Katalog aplikasi (${c.applications.length})</h2>
<p class="small muted">Dari berkas serah terima yang diterima; "fungsi mirip" menandai aplikasi yang tampak untuk fungsi yang sama (Banjarmasin Pasal 12 ayat (8)).</p>
<div class="table-wrap"><table><thead><tr><th scope="col">Aplikasi</th><th scope="col">OPD</th><th scope="col">Pengembang</th><th scope="col">Dana</th><th scope="col">Dokumen</th><th scope="col">Repositori</th><th scope="col">Fungsi sama</th></tr></thead><tbody>
${apps || '<tr><td colspan="7" class="empty">Belum ada serah terima aplikasi yang diterima.</td></tr>'}
</tbody></table></div>
${exportLinks('aplikasi', query)}</section>
<section aria-labelledby="kepatuhan"><h2 id="kepatuhan">Kepatuhan laporan</h2>
<p class="small muted">Tanggal masuk pertama (jam wilayah) dibandingkan dengan jatuh tempo kalender wilayah (Jambi Pasal 22 ayat (3), Jember Pasal 24 ayat (3), Banjarmasin Pasal 18).</p>
${complianceHtml}
${exportLinks('kepatuhan', query)}</section>
<section aria-labelledby="gagal"><h2 id="gagal">Paket gagal pemeriksaan (${c.excluded.refused}, tidak dihitung)</h2>
${refused ? `<ul>${refused}</ul><p><a href="/admin/?view=gagal">Semua paket gagal pemeriksaan</a></p>` : '<p class="muted">Tidak ada.</p>'}</section>`;
  return page('Konsolidasi', body, { viewer, section: 'konsolidasi' });
}
