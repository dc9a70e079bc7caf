/**
 * One submission in the console: what it is (title, OPD, period, the revision
 * it corrects or that replaces it), the BagIt check, every file of the
 * package, each signature with its signer, chain and the two separate
 * verdicts (utuh; tepercaya or not), the application's own name and version
 * for a handover, the decision history, and the decision form. A decision
 * takes two steps: the form, then a confirmation page that says what will be
 * sent to the OPD (Jambi Pasal 7 ayat (7) huruf c).
 */
import path from 'node:path';
import { FUNDING_SOURCES, FUNDING_SOURCE_LABELS } from '../../core/domain/rencana-aksi/model';
import { formatRupiah } from '../../core/domain/rencana-aksi/text';
import type { IntakeService } from '../intake/service';
import type { SubmissionRecord } from '../store/repository';
import type { SubmissionFacts } from '../consolidation/facts';
import { describeSigner, signerCheckSentence } from '../intake/signer-check';
import { bytesText, csrfField, esc, notice, page, SIGNER_LABELS, STATUS_LABELS, statusBadge, TRUST_LABELS, TYPE_LABELS, when, type Viewer } from './html';
import { signatureChains, type SignatureChain } from './chains';
import type { ReviewStatus } from '../protocol/types';

export type Decision = Exclude<ReviewStatus, 'menunggu'>;
export const DECISIONS: readonly Decision[] = ['diterima', 'perlu-revisi', 'ditolak'];
const DECISION_VERBS: Record<Decision, string> = { diterima: 'Terima', 'perlu-revisi': 'Minta revisi', ditolak: 'Tolak' };

export interface DetailContext {
  service: IntakeService;
  record: SubmissionRecord;
  viewer: Viewer;
  facts: SubmissionFacts | null;
  title: string;
  replacedBy: string | null;
  opdName: string;
  message?: { text: string; kind: 'ok' | 'error' } | null | undefined;
  /** What the reviewer typed, kept when the form is shown again with an error. */
  draft?: { status: string; note: string } | undefined;
  /** Activity keys of this plan a reviewer marked as no duplicate source. */
  excludedKeys?: ReadonlySet<string>;
}

function isPdf(p: string): boolean {
  return /\.pdf$/i.test(p);
}

function certificateLine(s: SubmissionRecord['signatures'][number]): string {
  const trust = s.certificate === 'trusted' ? 'tepercaya' : s.certificate === 'expired' ? 'kedaluwarsa' : 'belum-tepercaya';
  return `<span class="badge ${s.integrity === 'valid' ? 'badge-ok' : 'badge-bad'}">${s.integrity === 'valid' ? 'Utuh' : 'Tidak utuh'}</span>
<span class="badge trust-${trust}">${esc(TRUST_LABELS[trust])}</span>`;
}

function chainHtml(chain: SignatureChain | undefined): string {
  if (!chain || chain.links.length === 0) return '<p class="small muted">Rantai sertifikat tidak dapat disusun dari tanda tangan ini.</p>';
  const items = chain.links
    .map((l, i) => `<li><span class="chain-role">${i === 0 ? 'Penanda tangan' : l.isRoot ? 'Akar tepercaya' : 'Penerbit'}</span> ${esc(l.subject)}<br><span class="small muted">diterbitkan oleh ${esc(l.issuer)}; berlaku sampai ${esc(l.notAfter.slice(0, 10))}; SHA-256 ${esc(l.sha256.slice(0, 16))}…</span></li>`)
    .join('');
  const end = chain.status === 'trusted' ? '' : `<p class="small warn-text">${esc(chain.problems.join(' ') || 'Rantai tidak berakhir di akar tepercaya server.')}</p>`;
  return `<ol class="chain">${items}</ol>${end}`;
}

/** The verifier's remarks that the chain above does not already say. */
function otherProblems(problems: readonly string[], chain: SignatureChain | undefined): string {
  const rest = problems.filter((p) => !(chain?.problems ?? []).includes(p));
  return rest.length ? `<p class="small muted">${esc(rest.join(' '))}</p>` : '';
}

function activitiesHtml(ctx: DetailContext, facts: Extract<SubmissionFacts, { kind: 'rencana-aksi' }>): string {
  const excluded = ctx.excludedKeys ?? new Set<string>();
  const rows = facts.activities
    .map((a) => {
      const isExcluded = excluded.has(a.key);
      return `<tr><td>${esc(a.name)}</td><td>${esc(a.output ?? '—')}</td><td class="num">${esc(formatRupiah(a.subtotal))}</td><td>${isExcluded ? '<span class="badge">bukan sumber duplikasi</span> ' : ''}
<form method="post" action="/admin/katalog/pengecualian" class="inline">${csrfField(ctx.viewer)}<input type="hidden" name="submissionId" value="${esc(ctx.record.id)}"><input type="hidden" name="key" value="${esc(a.key)}"><input type="hidden" name="exclude" value="${isExcluded ? '0' : '1'}"><button type="submit" class="button-quiet small">${isExcluded ? 'Jadikan sumber duplikasi lagi' : 'Bukan sumber duplikasi'}</button></form></td></tr>`;
    })
    .join('\n');
  return `<details class="card"><summary>Kegiatan (${facts.activities.length}) dan katalog kegiatan</summary>
<p class="small muted">Kegiatan rencana aksi yang diterima masuk katalog yang dipakai aplikasi OPD untuk memeriksa duplikasi (Pontianak Pasal 9 ayat (2)). Kegiatan yang ditandai "bukan sumber duplikasi" tidak masuk katalog dan tidak dihitung sebagai kegiatan ganda.</p>
<div class="table-wrap"><table><thead><tr><th scope="col">Kegiatan</th><th scope="col">Output pertama</th><th scope="col" class="num">Anggaran</th><th scope="col">Katalog</th></tr></thead><tbody>${rows}</tbody></table></div></details>`;
}

function factsHtml(facts: SubmissionFacts | null): string {
  if (!facts) return '';
  if (facts.kind === 'serah-terima') {
    const a = facts.application;
    return `<section class="card"><h2>Aplikasi yang diserahkan</h2>
<dl class="facts">
<dt>Nama aplikasi</dt><dd id="app-name">${esc(a.name || '—')}</dd>
<dt>Versi aplikasi</dt><dd id="app-version">${esc(a.version || '—')}</dd>
<dt>Fungsi</dt><dd>${esc(a.purpose || '—')}</dd>
<dt>OPD pemilik</dt><dd>${esc(a.owningOpd || '—')}</dd>
<dt>Pengembang</dt><dd>${esc(a.vendor || '—')}</dd>
<dt>Sumber dana</dt><dd>${esc(a.fundingSource || '—')}${a.fundingYear ? `, ${a.fundingYear}` : ''}</dd>
<dt>Repositori</dt><dd>${a.repository ? esc(a.repository) : '—'}</dd>
<dt>Kelengkapan dokumen</dt><dd>${facts.isComplete === null ? 'Tidak dapat dinilai: profil wilayah paket tidak dikenal server.' : facts.isComplete ? '<span class="badge badge-ok">Lengkap</span> menurut daftar wilayah' : `<span class="badge badge-bad">Belum lengkap</span> kurang: ${esc(facts.missing.join('; '))}`}</dd>
</dl></section>`;
  }
  if (facts.kind === 'rencana-aksi') {
    const sources = FUNDING_SOURCES.filter((s) => facts.budget.bySource[s]).map((s) => `${FUNDING_SOURCE_LABELS[s]} ${formatRupiah(facts.budget.bySource[s] ?? 0)}`);
    return `<section class="card"><h2>Isi rencana aksi</h2>
<dl class="facts">
<dt>Tahun anggaran</dt><dd>${facts.year}</dd>
${facts.programCode ? `<dt>Kode program</dt><dd>${esc(facts.programCode)}</dd>` : ''}
<dt>Anggaran</dt><dd>${esc(formatRupiah(facts.budget.total))}${sources.length ? ` (${esc(sources.join(', '))})` : ''}${facts.budget.unattributed ? `; ${esc(formatRupiah(facts.budget.unattributed))} tanpa sumber dana` : ''}${facts.unreadableStages ? `; <span class="warn-text">${facts.unreadableStages} tahap tidak terbaca sumber dayanya</span>` : ''}</dd>
<dt>Kegiatan</dt><dd>${facts.activities.length}</dd>
</dl></section>`;
  }
  if (facts.kind === 'tanpa-data') return `<p class="warn">Data terstruktur paket tidak terbaca (${esc(facts.reason)}); pengiriman ini tidak menyumbang angka konsolidasi.</p>`;
  return '';
}

export async function renderDetail(ctx: DetailContext): Promise<string> {
  const { record, viewer, facts } = ctx;
  const roots = await ctx.service.trustRoots();
  const main = record.manifest.files.find((f) => f.path === record.mainDocument);
  let chains = new Map<string, SignatureChain>();
  if (main && main.size <= 100 * 1024 * 1024 && record.state === 'committed') {
    try {
      chains = await signatureChains(await ctx.service.blobs.read(main.sha256), roots, new Date(record.committedAt ?? record.updatedAt));
    } catch (err) {
      console.warn(`[server] rantai sertifikat ${record.id}: ${(err as Error).message}`);
    }
  }
  const matchOf = (field: string) => record.signerCheck?.signers.find((m) => m.field === field);
  const signatures = record.signatures
    .map((s) => {
      const m = matchOf(s.field);
      const opdLine = !m
        ? ''
        : m.matchedBy === 'sertifikat-terdaftar'
          ? '<p class="small">Sertifikat terdaftar untuk OPD pengirim.</p>'
          : m.matchedBy === 'organisasi'
            ? `<p class="small">Organisasi pada sertifikat menyebut OPD pengirim${m.certificate === 'trusted' ? '' : ' (sertifikat belum tepercaya: belum pasti)'}.</p>`
            : `<p class="small warn-text">Bukan OPD pengirim: ${esc(describeSigner(m))}${m.problem ? `; ${esc(m.problem)}` : ''}.</p>`;
      return `<li class="signature"><p><strong>${esc(s.signer || '(penanda tangan tidak terbaca)')}</strong>${s.nip ? ` · NIP ${esc(s.nip)}` : ''}${s.signedAt ? ` · ${when(s.signedAt)}` : ''} ${certificateLine(s)}</p>
${opdLine}${chainHtml(chains.get(s.field))}${otherProblems(s.problems, chains.get(s.field))}</li>`;
    })
    .join('\n');
  const files = record.manifest.files
    .map((f, i) => {
      const base = `/admin/submissions/${esc(record.id)}/files/${i}`;
      const actions = isPdf(f.path) ? `<a href="${base}?inline=1" target="_blank" rel="noopener">Buka</a> · <a href="${base}">Unduh</a>` : `<a href="${base}">Unduh</a>`;
      return `<tr><td><code>${esc(f.path)}</code>${f.path === record.mainDocument ? ' <span class="badge">dokumen utama</span>' : ''}</td><td class="num">${esc(bytesText(f.size))}</td><td class="files-actions">${actions}</td><td><code class="small">${esc(f.sha256.slice(0, 16))}…</code></td></tr>`;
    })
    .join('\n');
  const events = await ctx.service.repo.console.reviewEvents(record.id);
  const history = events
    .map((e) => `<tr><td>${when(e.at)}</td><td>${statusBadge(e.status)}</td><td>${esc(e.byName ?? e.by)}</td><td>${e.note ? esc(e.note) : '—'}</td></tr>`)
    .join('');
  const signerClass = `signer signer-${record.signerCheck?.verdict ?? 'belum-diperiksa'}`;
  const isCommitted = record.state === 'committed';
  const bagCheck = isCommitted
    ? `<p class="check-ok">Lulus saat diterima ${when(record.committedAt)}: ${record.fileCount} berkas (${esc(bytesText(record.totalBytes))}) cocok dengan SHA-256 di manifes, <code>manifest-sha256.txt</code> dan <code>tagmanifest-sha256.txt</code> cocok, bag-info.txt sama dengan manifes, dokumen utama bertanda tangan utuh.</p>`
    : `<p class="error" role="alert">Gagal pemeriksaan: ${esc(record.lastError?.message ?? 'belum dikirim lengkap')} <span class="small">(${esc(record.lastError?.code ?? '')})</span>. Paket ini tidak diterima dan tidak dihitung di konsolidasi.</p>`;
  const draft = ctx.draft ?? { status: '', note: record.review.note ?? '' };
  const decisionForm = isCommitted
    ? `<h2 id="keputusan">Keputusan</h2>
<form method="post" action="/admin/submissions/${esc(record.id)}/decision" class="card decision">
${csrfField(viewer)}
<input type="hidden" name="expected" value="${esc(record.review.decidedAt ?? '')}">
${record.signerCheck?.verdict === 'cocok' ? '' : `<p class="${signerClass}">Sebelum menerima: pastikan penanda tangan adalah pejabat berwenang OPD ${esc(record.opd)} (${esc(ctx.opdName)}; lihat Penanda tangan di atas).</p>`}
${ctx.replacedBy ? `<p class="warn">Pengiriman ini sudah digantikan revisi <a href="/admin/submissions/${esc(ctx.replacedBy)}">${esc(ctx.replacedBy)}</a>; keputusan di sini tidak lagi dihitung.</p>` : ''}
<fieldset><legend>Keputusan</legend>
${DECISIONS.map((d) => `<label class="radio"><input type="radio" name="status" value="${d}"${draft.status === d ? ' checked' : ''} required> ${esc(STATUS_LABELS[d])}</label>`).join('\n')}
</fieldset>
<label for="note">Catatan untuk OPD <span class="small muted">(wajib untuk perlu revisi dan ditolak)</span></label>
<textarea id="note" name="note" maxlength="4000" rows="4">${esc(draft.note)}</textarea>
<div><button type="submit" class="button-primary">Lanjut ke konfirmasi</button></div>
</form>`
    : '';
  const revision = [
    record.revisionOf ? `merevisi <a href="/admin/submissions/${esc(record.revisionOf)}">${esc(record.revisionOf)}</a>` : '',
    ctx.replacedBy ? `<span class="warn-text">digantikan oleh <a href="/admin/submissions/${esc(ctx.replacedBy)}">${esc(ctx.replacedBy)}</a></span>` : '',
  ]
    .filter((x) => x)
    .join('; ');
  const body = `<p class="crumbs"><a href="/admin/">Pengiriman</a> › ${esc(ctx.opdName)}</p>
<div class="page-head"><h1>${esc(ctx.title || TYPE_LABELS[record.type] || record.type)}</h1>
<p class="lead">${esc(TYPE_LABELS[record.type] ?? record.type)} · ${esc(ctx.opdName)} (${esc(record.opd)}) · periode ${esc(record.period)} ${isCommitted ? statusBadge(record.review.status) : '<span class="badge badge-bad">Gagal pemeriksaan</span>'}</p></div>
${ctx.message ? notice(ctx.message.text, ctx.message.kind) : ''}
<div class="columns">
<section class="card" aria-labelledby="ringkasan"><h2 id="ringkasan">Ringkasan</h2>
<dl class="facts">
<dt>Id pengiriman</dt><dd><code>${esc(record.id)}</code></dd>
<dt>OPD</dt><dd>${esc(ctx.opdName)} (${esc(record.opd)})</dd>
<dt>Jenis</dt><dd>${esc(TYPE_LABELS[record.type] ?? record.type)}${record.reportType ? ` — ${esc(facts?.kind === 'laporan' ? facts.reportName : record.reportType)}` : ''}</dd>
<dt>Periode</dt><dd>${esc(record.period)}</dd>
<dt>Revisi</dt><dd>${revision || '—'}</dd>
<dt>Diterima server</dt><dd>${when(record.committedAt)} (${record.source === 'import' ? 'impor dari flash disk' : 'daring'})</dd>
<dt>Versi Berkas pengirim</dt><dd>${esc(record.appVersion)}</dd>
<dt>Penanda tangan</dt><dd id="signer-check" class="${signerClass}" data-verdict="${esc(record.signerCheck?.verdict ?? 'belum-diperiksa')}" aria-label="${esc(SIGNER_LABELS[record.signerCheck?.verdict ?? 'belum-diperiksa'])}">${esc(signerCheckSentence(record.signerCheck))}</dd>
<dt>Status</dt><dd id="review-status">${statusBadge(record.review.status)}${record.review.decidedAt ? ` ${when(record.review.decidedAt)}` : ''}</dd>
<dt>Catatan</dt><dd id="review-note">${record.review.note ? esc(record.review.note) : '—'}</dd>
</dl></section>
<section class="card" aria-labelledby="bagit"><h2 id="bagit">Pemeriksaan BagIt</h2>${bagCheck}
<p class="small muted">SHA-256 manifes <code>${esc(record.manifestSha256)}</code></p></section>
</div>
${factsHtml(facts)}
${facts?.kind === 'rencana-aksi' && facts.activities.length > 0 ? activitiesHtml(ctx, facts) : ''}
<h2>Tanda tangan dokumen utama</h2>
<p><a id="open-document" href="/admin/submissions/${esc(record.id)}/document" target="_blank" rel="noopener">Buka ${esc(path.posix.basename(record.mainDocument))}</a></p>
<ul class="signatures">${signatures || '<li>Tidak ada tanda tangan tercatat.</li>'}</ul>
<h2>Berkas dalam paket (${record.fileCount}, ${esc(bytesText(record.totalBytes))})</h2>
<div class="table-wrap"><table class="files"><thead><tr><th scope="col">Jalur</th><th scope="col">Ukuran</th><th scope="col">Buka</th><th scope="col">SHA-256</th></tr></thead><tbody>
${files}
</tbody></table></div>
${decisionForm}
<h2>Riwayat keputusan</h2>
${history ? `<table class="history"><thead><tr><th scope="col">Waktu</th><th scope="col">Keputusan</th><th scope="col">Oleh</th><th scope="col">Catatan</th></tr></thead><tbody>${history}</tbody></table>` : '<p class="muted">Belum ada keputusan.</p>'}`;
  return page(ctx.title || `Pengiriman ${record.id}`, body, { viewer, section: 'pengiriman' });
}

/** The second step: what will be recorded and sent to the OPD, with "Ya, simpan" and "Kembali". */
export function renderConfirm(ctx: DetailContext, status: Decision, note: string | null): string {
  const { record, viewer } = ctx;
  const body = `<p class="crumbs"><a href="/admin/">Pengiriman</a> › <a href="/admin/submissions/${esc(record.id)}">${esc(ctx.title || record.id)}</a> › Konfirmasi</p>
<div class="page-head"><h1>Konfirmasi keputusan</h1></div>
<section class="card confirm" aria-labelledby="konfirmasi">
<h2 id="konfirmasi">${esc(DECISION_VERBS[status])} ${esc(ctx.title || record.id)}?</h2>
<dl class="facts">
<dt>OPD</dt><dd>${esc(ctx.opdName)} (${esc(record.opd)})</dd>
<dt>Periode</dt><dd>${esc(record.period)}</dd>
<dt>Keputusan</dt><dd>${statusBadge(status)}</dd>
<dt>Catatan untuk OPD</dt><dd id="confirm-note">${note ? esc(note) : '—'}</dd>
<dt>Dicatat atas nama</dt><dd>${esc(viewer.name)}</dd>
</dl>
${record.signerCheck?.verdict === 'cocok' || status !== 'diterima' ? '' : `<p class="signer signer-${esc(record.signerCheck?.verdict ?? 'belum-diperiksa')}">${esc(signerCheckSentence(record.signerCheck))}</p>`}
<p>Keputusan ini langsung terlihat oleh OPD di aplikasinya.</p>
<form method="post" action="/admin/submissions/${esc(record.id)}/decision" class="actions">
${csrfField(viewer)}
<input type="hidden" name="status" value="${esc(status)}">
<input type="hidden" name="note" value="${esc(note ?? '')}">
<input type="hidden" name="expected" value="${esc(record.review.decidedAt ?? '')}">
<input type="hidden" name="confirm" value="1">
<button type="submit" class="button-primary" autofocus>Ya, simpan keputusan</button>
<a href="/admin/submissions/${esc(record.id)}#keputusan" class="button-link">Kembali</a>
</form>
</section>`;
  return page('Konfirmasi keputusan', body, { viewer, section: 'pengiriman' });
}
