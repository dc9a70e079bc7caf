/**
 * The rencana aksi as an official PDF/A-2b document: kop surat, nomor, place
 * and date, title, budget per funding source, the stages of every output,
 * indikator, KAK, a timeline chart, and a signature block whose two slots
 * (penyusun, pengesah) are recorded in the page's /PieceInfo so the signer
 * puts each visible signature where it belongs.
 */
import { recordSignatureSlots, type SignatureSlot } from './signature-slots';
import { drawKopSurat, drawNomorLine, placeAndDate } from './kop-surat';
import { PDFDocument } from 'pdf-lib';
import { FUNDING_SOURCES, FUNDING_SOURCE_LABELS, type Output } from '../../domain/rencana-aksi/model';
import { formatSumberDaya } from '../../domain/rencana-aksi/money';
import { formatRupiah } from '../../domain/format/rupiah';
import type { RencanaAksiPdfInput, RenderedPdf } from '../../domain/signing/documents';
import { embedFonts, type FontFiles } from './fonts';
import { a4Landscape, colors, FlowLayout, type TableRow } from './layout';
import { saveBerkasPdfA } from './pdfa';
import { buildTimeline } from './rencana-aksi-timeline';
import { drawSignatureBlock } from './signature-block';

export interface RenderAssets {
  fonts: FontFiles;
  iccProfile: Uint8Array;
  /** PNG of the regional emblem for the kop surat. */
  logoPng?: Uint8Array;
}

function sectionHeading(layout: FlowLayout, text: string): void {
  layout.ensure(40); // a heading stays with at least the start of its section
  layout.space(10);
  layout.text(text, { font: 'bold', size: 11, color: colors.accent });
  layout.space(3);
}

function outputRows(output: Output, number: string): TableRow[] {
  const rows: TableRow[] = [];
  const subs = output.subOutputs?.length ? `\nSub output: ${output.subOutputs.join('; ')}` : '';
  rows.push({ cells: [`Output ${number}: ${output.name || '(tanpa nama)'}${subs}`], isSpanning: true, isBold: true, fill: colors.groupFill });
  if (output.stages.length === 0) rows.push({ cells: ['Belum ada tahap pelaksanaan.'], isSpanning: true });
  output.stages.forEach((stage, s) => {
    const amount = stage.sumberDaya.amount !== undefined ? formatSumberDaya(stage.sumberDaya.source, stage.sumberDaya.amount) : stage.sumberDaya.text;
    rows.push({
      cells: [`${number}.${s + 1}`, stage.tahap || '-', stage.metode || '-', stage.pelaksana || '-', stage.durasi.text || '-', amount || '-'],
    });
  });
  return rows;
}

function signatureBlock(layout: FlowLayout, input: RencanaAksiPdfInput): { pageIndex: number; slots: SignatureSlot[] } {
  return drawSignatureBlock(layout, {
    closing: `Demikian ${input.documentName} ${input.opdName} Tahun ${input.plan.year} ini disusun untuk menjadi pedoman pelaksanaan kegiatan.`,
    columns: [
      { role: 'penyusun', who: input.preparer, placeDate: '' },
      { role: 'pengesah', who: input.approver, placeDate: placeAndDate(input) },
    ],
  });
}

export async function renderRencanaAksiPdf(input: RencanaAksiPdfInput, assets: RenderAssets): Promise<RenderedPdf> {
  const { plan, totals } = input;
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc, assets.fonts);
  const layout = new FlowLayout(doc, fonts, a4Landscape);
  const logo = assets.logoPng ? await doc.embedPng(assets.logoPng) : null;
  const title = `${input.documentName} ${input.opdName} Tahun ${plan.year}`;

  drawKopSurat(layout, input, logo);
  drawNomorLine(layout, input);
  layout.text(input.documentName.toUpperCase(), { font: 'bold', size: 14, align: 'center' });
  layout.text(plan.title, { font: 'bold', size: 12, align: 'center' });
  layout.text(`Tahun Anggaran ${plan.year}`, { size: 10.5, align: 'center' });
  layout.space(6);

  const activityCount = plan.activities.length;
  const outputCount = plan.activities.reduce((n, a) => n + a.outputs.length, 0);
  const stageTotal = plan.activities.reduce((n, a) => n + a.outputs.reduce((m, o) => m + o.stages.length, 0), 0);
  const identity: [string, string][] = [
    ['Perangkat Daerah', input.opdName],
    ['Tahun anggaran', String(plan.year)],
    ...(plan.programCode ? ([['Kode program (Rencana Induk)', plan.programCode]] as [string, string][]) : []),
    ['Cakupan', `${activityCount} kegiatan, ${outputCount} output, ${stageTotal} tahap pelaksanaan`],
    ['Jumlah anggaran', formatRupiah(totals.total)],
  ];
  for (const [label, value] of identity) {
    const y = layout.y;
    layout.text(label, { size: 9.5, width: 170 });
    const after = layout.y;
    layout.y = y;
    layout.text(`:  ${value}`, { size: 9.5, indent: 170 });
    layout.y = Math.min(layout.y, after);
  }

  sectionHeading(layout, 'A. Anggaran per Sumber Dana');
  const sourceRows: TableRow[] = FUNDING_SOURCES.filter((s) => totals.bySource[s] !== undefined).map((s) => ({
    cells: [FUNDING_SOURCE_LABELS[s], formatRupiah(totals.bySource[s] ?? 0)],
  }));
  if (totals.unattributed > 0) sourceRows.push({ cells: ['Tanpa sumber dana', formatRupiah(totals.unattributed)] });
  sourceRows.push({ cells: ['Jumlah', formatRupiah(totals.total)], isBold: true, fill: colors.totalFill });
  layout.table({
    columns: [
      { header: 'Sumber Dana', weight: 3 },
      { header: 'Jumlah', weight: 2, align: 'right' },
    ],
    rows: sourceRows,
    size: 9,
  });
  if (totals.unreadableCount > 0) {
    layout.space(3);
    layout.text(`Catatan: ${totals.unreadableCount} tahap tidak ikut dijumlahkan karena sumber dayanya tidak terbaca.`, { size: 8.5, color: colors.muted });
  }

  sectionHeading(layout, 'B. Kegiatan, Output, dan Tahap Pelaksanaan');
  const stageRows: TableRow[] = [];
  plan.activities.forEach((activity, a) => {
    stageRows.push({ cells: [`Kegiatan ${a + 1}: ${activity.name || '(tanpa nama)'}`], isSpanning: true, isBold: true, fill: colors.headerFill });
    activity.outputs.forEach((output, o) => {
      stageRows.push(...outputRows(output, `${a + 1}.${o + 1}`));
      const subtotal = totals.byOutput.find((t) => t.activity === a && t.output === o)?.subtotal ?? 0;
      stageRows.push({ cells: ['', `Jumlah output ${a + 1}.${o + 1}`, '', '', '', formatRupiah(subtotal)], isBold: true, fill: colors.totalFill });
    });
  });
  stageRows.push({ cells: ['', 'JUMLAH SELURUHNYA', '', '', '', formatRupiah(totals.total)], isBold: true, fill: colors.totalFill });
  layout.table({
    columns: [
      { header: 'No', weight: 0.55 },
      { header: 'Tahap Pelaksanaan', weight: 3.2 },
      { header: 'Metode / Teknologi / Platform', weight: 2.4 },
      { header: 'Pelaksana', weight: 1.8 },
      { header: 'Durasi', weight: 1.1 },
      { header: 'Sumber Daya yang Digunakan', weight: 1.9, align: 'right' },
    ],
    rows: stageRows,
  });

  sectionHeading(layout, 'C. Indikator Kinerja Output');
  const indikatorRows: TableRow[] = [];
  plan.activities.forEach((activity, a) =>
    activity.outputs.forEach((output, o) => {
      indikatorRows.push({ cells: [`${a + 1}.${o + 1}`, output.name || '(tanpa nama)', output.indikator?.target || '-', output.indikator?.satuan || '-'] });
    }),
  );
  if (indikatorRows.length === 0) layout.text('Belum ada output.', { size: 9 });
  else
    layout.table({
      columns: [
        { header: 'No', weight: 0.55 },
        { header: 'Output', weight: 5 },
        { header: 'Target', weight: 1.5, align: 'right' },
        { header: 'Satuan', weight: 1.8 },
      ],
      rows: indikatorRows,
    });

  sectionHeading(layout, 'D. Kerangka Acuan Kerja (KAK)');
  let kakCount = 0;
  plan.activities.forEach((activity, a) =>
    activity.outputs.forEach((output, o) => {
      if (!output.kak) return;
      kakCount++;
      const k = output.kak;
      layout.ensure(60);
      layout.space(4);
      layout.text(`Output ${a + 1}.${o + 1}: ${output.name}`, { font: 'bold', size: 9.5 });
      layout.space(2);
      layout.table({
        columns: [
          { header: 'Unsur', weight: 1.3 },
          { header: 'Uraian', weight: 6 },
        ],
        rows: [
          ['Latar belakang', k.latarBelakang],
          ['Maksud dan tujuan', k.maksudTujuan],
          ['Sasaran', k.sasaran],
          ['Keluaran', k.keluaran],
          ['Waktu', k.waktu],
          ['Biaya', k.biaya],
        ].map(([label, text]) => ({ cells: [label ?? '', text || '-'] })),
      });
    }),
  );
  if (kakCount === 0) layout.text('Belum ada KAK yang diisi untuk output mana pun.', { size: 9 });

  sectionHeading(layout, 'E. Jadwal Pelaksanaan');
  const timeline = buildTimeline(plan);
  layout.text(
    'Setiap output dimulai tanggal 1 bulan mulainya (Januari bila tidak diatur); tahapnya berurutan sesuai durasi (1 bulan = 30 hari).' +
      (timeline.pastYearEndCount > 0 ? ` ${timeline.pastYearEndCount} tahap berlanjut melewati 31 Desember ${plan.year}.` : '') +
      (timeline.unscheduledCount > 0 ? ` ${timeline.unscheduledCount} tahap tanpa durasi yang terbaca tidak dijadwalkan.` : ''),
    { size: 8.5, color: colors.muted },
  );
  layout.space(3);
  if (timeline.items.length === 0) layout.text('Belum ada tahap.', { size: 9 });
  else
    layout.timeline({
      labelHeader: 'Output / Tahap',
      labelWeight: 7,
      periods: timeline.periods,
      periodsHeader: timeline.periodsHeader,
      rows: timeline.items.map((item) => ({
        label: item.label,
        filled: item.months,
        isGroup: item.isGroup,
        ...(item.hasUnknownDuration && !item.isGroup ? { note: 'durasi tidak terbaca: tidak dijadwalkan' } : {}),
      })),
    });

  const signature = signatureBlock(layout, input);
  const signaturePage = layout.pages[signature.pageIndex];
  if (signaturePage) recordSignatureSlots(doc, signaturePage, signature.slots, input.date, input.offsetMinutes);
  layout.finish(`${input.documentName} — ${input.opdName} — ${plan.year} — Nomor ${input.nomor}`);

  const pdf = await saveBerkasPdfA(
    doc,
    {
      title,
      author: input.opdName,
      subject: `${input.documentName}: ${plan.title}`,
      keywords: ['rencana aksi', input.opdCode, String(plan.year)].filter(Boolean),
      appVersion: input.appVersion,
      createdAt: input.date,
      offsetMinutes: input.offsetMinutes,
      documentId: input.documentId,
    },
    assets.iccProfile,
  );
  return { pdf, pages: layout.pages.length, title };
}
