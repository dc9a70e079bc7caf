/**
 * A report as an official PDF/A-2b document (issue 6 item 5), laid out with
 * the flow engine of core/adapters/pdf: kop surat, nomor, place and date,
 * the report's identity (type, article, period, due date, urgency), its
 * fields as the type defines them (tables split across pages with their
 * header repeated), charts where people would rather look than read (asset
 * condition and category, availability per month), the changes since the
 * period it was carried over from, attachments (images drawn, others listed
 * with their SHA-256), and a signature block whose slots are recorded in
 * /PieceInfo so the PAdES signer of core/adapters/signing places the stamp.
 */
import { recordSignatureSlots, type SignatureSlot } from '../pdf/signature-slots';
import { PDFDocument, rgb, type PDFImage } from 'pdf-lib';
import type { ReportRenderer } from '../../ports';
import type { ColumnDef, FieldDef } from '../../domain/reports/definitions';
import { optionLabel } from '../../domain/reports/definitions';
import type { ReportPdfInput } from '../../domain/reports/model';
import { formatDateId, formatMonthId, periodRangeText } from '../../domain/reports/periods';
import { assetSummary, availabilityChart } from '../../domain/reports/summaries';
import { displayValue } from '../../domain/reports/validate';
import { isAttachmentValue, isTableValue, parseDateTime, type AttachmentRef, type TableRow } from '../../domain/reports/values';
import { mediaTypeName } from '../../domain/reports/attachments';
import type { RenderedPdf } from '../../domain/signing/documents';
import { loadLogo } from '../pdf/document-renderer';
import { drawKopSurat, drawNomorLine, placeAndDate } from '../pdf/kop-surat';
import { embedFonts, loadFontFiles, type FontFiles } from '../pdf/fonts';
import { a4Landscape, colors, FlowLayout, type PageSetup, type TableRow as LayoutRow } from '../pdf/layout';
import { loadSrgbProfile, saveBerkasPdfA } from '../pdf/pdfa';
import { drawSignatureBlock } from '../pdf/signature-block';
import { denseTable } from './dense-table';
import { rememberingFonts } from './font-cache';
import { barChart, chartHeights, conditionColors, lineChart, palette, pieChart } from './charts';
import { formatByteSize } from '../../domain/format/byte-size';

export interface ReportRenderAssets {
  fonts: FontFiles;
  iccProfile: Uint8Array;
  logoPng?: Uint8Array;
}

const mm = (v: number) => (v * 72) / 25.4;

/** A4 portrait with the margins of an Indonesian official letter (binding side 3 cm). */
const a4Portrait: PageSetup = {
  width: 595.28,
  height: 841.89,
  margins: { top: mm(20), right: mm(20), bottom: mm(22), left: mm(30) },
};

const urgentRed = rgb(0.75, 0.1, 0.1);

/** A scalar value as it should read on paper: dates written out, choices as their labels. */
function scalarText(field: Pick<FieldDef, 'kind' | 'options'>, text: string): string {
  const t = text.trim();
  if (!t) return '-';
  switch (field.kind) {
    case 'date':
      return formatDateId(t);
    case 'datetime': {
      const dt = parseDateTime(t);
      return dt ? `${formatDateId(dt.date)} pukul ${dt.time}` : t;
    }
    case 'month':
      return formatMonthId(t);
    case 'percent':
      return /%$/.test(t) ? t : `${t}%`;
    case 'choice':
      return optionLabel(field.options, t);
    default:
      return t;
  }
}

function cellText(column: ColumnDef, text: string): string {
  if (!text.trim()) return '';
  if (column.kind === 'choice') return displayValue(column, text);
  return scalarText(column, text);
}

/** A heading kept with at least `keep` points of what follows it. */
function sectionHeading(layout: FlowLayout, text: string, keep = 50): void {
  layout.ensure(keep + 24);
  layout.space(10);
  layout.text(text, { font: 'bold', size: 11, color: colors.accent });
  layout.space(3);
}

function labelValue(layout: FlowLayout, rows: [string, string][], labelWidth: number): void {
  for (const [label, value] of rows) {
    layout.ensure(layout.measure(value, { size: 9.5, indent: labelWidth }));
    const start = layout.y;
    layout.text(label, { size: 9.5, width: labelWidth - 6 });
    const afterLabel = layout.y;
    layout.y = start;
    layout.text(`:  ${value}`, { size: 9.5, indent: labelWidth });
    layout.y = Math.min(layout.y, afterLabel);
  }
}

function drawTable(layout: FlowLayout, field: FieldDef, rows: readonly TableRow[], size: number): void {
  const columns = field.columns ?? [];
  if (rows.length === 0) {
    layout.text('Tidak ada baris.', { size: 9, color: colors.muted });
    return;
  }
  layout.table({
    columns: [
      { header: 'No', weight: 0.45, align: 'right' },
      ...columns.map((c) => ({
        header: c.label,
        weight: c.weight ?? 1,
        align: c.kind === 'integer' || c.kind === 'percent' || c.kind === 'decimal' ? ('right' as const) : ('left' as const),
      })),
    ],
    rows: rows.map((r, i) => ({ cells: [String(i + 1), ...columns.map((c) => cellText(c, r.cells[c.key] ?? ''))] })),
    size,
    headerSize: size,
    padding: size < 8 ? 2.4 : 3.2,
  });
}

/** The asset register: thousands of rows, so the dense table (one content stream per page). */
function drawAssetTable(layout: FlowLayout, field: FieldDef, rows: readonly TableRow[]): void {
  const columns = field.columns ?? [];
  if (rows.length === 0) {
    layout.text('Tidak ada perangkat.', { size: 9, color: colors.muted });
    return;
  }
  denseTable(layout, {
    columns: [{ header: 'No', weight: 0.45, align: 'right' }, ...columns.map((c) => ({ header: c.label, weight: c.weight ?? 1 }))],
    rows: rows.map((r, i) => [String(i + 1), ...columns.map((c) => cellText(c, r.cells[c.key] ?? ''))]),
    size: 7,
  });
}

function drawChanges(layout: FlowLayout, input: ReportPdfInput, field: FieldDef): void {
  const diff = input.assetChanges;
  if (!diff) return;
  sectionHeading(layout, `Perubahan sejak ${input.carriedFromPeriod ?? 'periode sebelumnya'}: ${field.label}`, 90);
  layout.text(
    `${diff.added.length} ditambahkan, ${diff.removed.length} dihapus, ${diff.changed.length} berubah, ${diff.unchangedCount} tetap. ` +
      'Daftar dibawa dari laporan periode sebelumnya; setiap perubahan sesudahnya tercatat di bawah ini.',
    { size: 9 },
  );
  layout.space(4);
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) return;
  // The table header and its first rows stay together.
  layout.ensure(60);
  const columns = field.columns ?? [];
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const describe = (r: TableRow) =>
    ['kodeBarang', 'register', 'merekTipe', 'nomorSeri']
      .map((k) => r.cells[k] ?? '')
      .filter(Boolean)
      .join(' · ') || '(tanpa identitas)';
  const rows: LayoutRow[] = [];
  for (const a of diff.added)
    rows.push({ cells: ['Ditambahkan', `baris ${a.row}`, describe(a.value), `${a.value.cells.kategori ?? ''}${a.value.cells.lokasi ? `, ${a.value.cells.lokasi}` : ''}`] });
  for (const r of diff.removed) rows.push({ cells: ['Dihapus', `semula baris ${r.row}`, describe(r.value), `${r.value.cells.kategori ?? ''}`] });
  for (const c of diff.changed) {
    const details = c.changes
      .map((ch) => {
        const col = byKey.get(ch.column);
        const show = (t: string) => (col ? cellText(col, t) : t) || '(kosong)';
        return `${ch.label}: ${show(ch.before)} → ${show(ch.after)}`;
      })
      .join('; ');
    rows.push({ cells: ['Berubah', `baris ${c.row}`, describe(c.after), details] });
  }
  layout.table({
    columns: [
      { header: 'Perubahan', weight: 0.9 },
      { header: 'Letak', weight: 0.8 },
      { header: 'Perangkat', weight: 2.4 },
      { header: 'Rincian', weight: 3.6 },
    ],
    rows,
    size: 7.5,
  });
}

async function drawAttachment(layout: FlowLayout, doc: PDFDocument, field: FieldDef, ref: AttachmentRef, input: ReportPdfInput): Promise<void> {
  layout.text(`${ref.name} — ${mediaTypeName(ref.mediaType)}, ${formatByteSize(ref.size)}`, { size: 9 });
  layout.text(`SHA-256: ${ref.sha256}`, { size: 7.5, color: colors.muted });
  const image = input.images[ref.sha256];
  if (!image) {
    layout.text(`Berkas ini disampaikan sebagai lampiran terpisah bersama laporan; sidik SHA-256 di atas memastikan lampirannya sama.`, { size: 8, color: colors.muted });
    return;
  }
  let embedded: PDFImage;
  try {
    embedded = image.mediaType === 'image/png' ? await doc.embedPng(image.bytes) : await doc.embedJpg(image.bytes);
  } catch {
    layout.text(`Gambar "${ref.name}" tidak dapat digambar di PDF (berkas gambar rusak); berkas aslinya tetap dilampirkan.`, { size: 8, color: urgentRed });
    return;
  }
  const maxWidth = layout.contentWidth;
  const maxHeight = (layout.setup.height - layout.setup.margins.top - layout.setup.margins.bottom) * 0.8;
  const scale = Math.min(maxWidth / embedded.width, maxHeight / embedded.height, 1);
  const w = embedded.width * scale;
  const h = embedded.height * scale;
  layout.ensure(h + 8);
  layout.space(4);
  layout.currentPage.drawImage(embedded, { x: layout.left + (maxWidth - w) / 2, y: layout.y - h, width: w, height: h });
  layout.currentPage.drawRectangle({ x: layout.left + (maxWidth - w) / 2, y: layout.y - h, width: w, height: h, borderColor: colors.rule, borderWidth: 0.5 });
  layout.y -= h + 4;
  layout.text(`Gambar: ${field.label}`, { size: 8, align: 'center', color: colors.muted });
}

function signatureBlock(layout: FlowLayout, input: ReportPdfInput): { pageIndex: number; slots: SignatureSlot[] } {
  return drawSignatureBlock(layout, {
    closing: `Demikian ${input.typeName.charAt(0).toLowerCase()}${input.typeName.slice(1)} periode ${input.period.label} ini disampaikan kepada ${input.ictOffice} untuk dipergunakan sebagaimana mestinya.`,
    columns: [
      { role: 'penyusun', who: input.preparer, placeDate: '' },
      { role: 'pengesah', who: input.approver, placeDate: placeAndDate(input) },
    ],
  });
}

const SCALAR_KINDS = new Set(['text', 'integer', 'decimal', 'percent', 'date', 'datetime', 'month', 'year', 'choice', 'boolean']);

export async function renderReportPdf(input: ReportPdfInput, assets: ReportRenderAssets): Promise<RenderedPdf> {
  const def = input.definition;
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = rememberingFonts(await embedFonts(doc, assets.fonts));
  const setup = def.orientation === 'landscape' ? a4Landscape : a4Portrait;
  const layout = new FlowLayout(doc, fonts, setup);
  const logo = assets.logoPng ? await doc.embedPng(assets.logoPng) : null;
  const title = `${input.typeName} — ${input.opdName} — ${input.period.label}`;

  drawKopSurat(layout, input, logo);
  drawNomorLine(layout, input);
  layout.text(input.typeName.toUpperCase(), { font: 'bold', size: 13.5, align: 'center' });
  layout.text(input.period.kind === 'insidental' ? `Tanggal ${formatDateId(input.period.code)}` : `Periode ${input.period.label} (${periodRangeText(input.period)})`, {
    size: 10.5,
    align: 'center',
  });
  if (input.isUrgent) {
    layout.space(4);
    const label = 'MENDESAK — dilaporkan pada kesempatan pertama';
    const size = 9.5;
    const w = layout.font('bold').widthOfTextAtSize(label, size) + 16;
    layout.ensure(size * 2);
    const x = layout.left + (layout.contentWidth - w) / 2;
    layout.currentPage.drawRectangle({ x, y: layout.y - size * 1.9, width: w, height: size * 1.9, borderColor: urgentRed, borderWidth: 1.2 });
    layout.drawLine(layout.currentPage, label, x, layout.y - size * 1.3, w, { font: 'bold', size, align: 'center', color: urgentRed });
    layout.y -= size * 1.9;
  }
  layout.space(8);

  const identity: [string, string][] = [
    [input.agency, input.opdName],
    ['Jenis laporan', input.typeName],
    ['Dasar', `${input.article} ${input.regulation}`],
    [
      input.period.kind === 'insidental' ? 'Tanggal kejadian' : 'Periode',
      input.period.kind === 'insidental' ? formatDateId(input.period.code) : `${input.period.label} (${periodRangeText(input.period)})`,
    ],
    ['Tenggat', input.dueDate ? formatDateId(input.dueDate) : 'Tidak ada tenggat tetap'],
    ['Disampaikan kepada', input.ictOffice],
  ];
  labelValue(layout, identity, 150);

  let section = 0;
  const letter = () => String.fromCharCode(65 + section++);
  const scalars = def.fields.filter((f) => SCALAR_KINDS.has(f.kind) || f.kind === 'textarea');
  if (scalars.length > 0) {
    sectionHeading(layout, `${letter()}. Isian laporan`);
    layout.table({
      columns: [
        { header: 'Uraian', weight: 1.2 },
        { header: 'Isi', weight: 3.2 },
      ],
      rows: scalars.map((f) => {
        const v = input.data[f.key];
        const text =
          f.kind === 'boolean'
            ? v === true
              ? 'Ya'
              : 'Tidak'
            : f.kind === 'textarea'
              ? typeof v === 'string' && v.trim()
                ? v.trim()
                : '-'
              : scalarText(f, typeof v === 'string' ? v : '');
        return { cells: [f.label, text] };
      }),
      size: 9,
    });
  }

  // Each chart comes right before the table whose numbers it shows.
  const drawAvailability = () => {
    const data = availabilityChart(def, input.data, input.period);
    if (!data || data.series.length === 0) return;
    sectionHeading(layout, `${letter()}. Ketersediaan layanan per bulan`, chartHeights.line(data.series.length, true));
    const targets = data.series.filter((s) => s.target !== null).map((s, i) => ({ value: s.target as number, color: palette[i % palette.length] ?? colors.bar }));
    lineChart(layout, {
      title: 'Ketersediaan (%) per aplikasi/layanan',
      categories: data.months.map((m) =>
        formatMonthId(m)
          .replace(/ \d{4}$/, '')
          .slice(0, 3),
      ),
      series: data.series.map((s, i) => ({
        name: `${s.name}${s.target !== null ? ` (target ${String(s.target).replace('.', ',')}%)` : ''}`,
        values: s.values,
        color: palette[i % palette.length] ?? colors.bar,
      })),
      targets,
      note: targets.length ? 'Garis putus-putus: target ketersediaan. Angka lengkap ada di tabel pemantauan bulanan.' : 'Angka lengkap ada di tabel pemantauan bulanan.',
    });
    const totals = data.series.map((s, i) => {
      const months = s.values.filter((v): v is number => v !== null);
      const avg = months.length ? months.reduce((a, b) => a + b, 0) / months.length : 0;
      return { label: s.name, value: s.transactions.reduce<number>((a, b) => a + (b ?? 0), 0), color: palette[i % palette.length] ?? colors.bar, avg, months: months.length };
    });
    layout.space(4);
    layout.ensure(chartHeights.bar(totals.length) + 40);
    barChart(layout, { title: 'Jumlah transaksi selama periode', entries: totals, unit: 'transaksi', width: layout.contentWidth * 0.7 });
    layout.space(2);
    layout.table({
      columns: [
        { header: 'Aplikasi/layanan', weight: 2.4 },
        { header: 'Rata-rata ketersediaan', weight: 1.2, align: 'right' },
        { header: 'Bulan tercatat', weight: 1, align: 'right' },
      ],
      rows: totals.map((t) => ({ cells: [t.label, t.months ? `${t.avg.toFixed(2).replace('.', ',')}%` : '-', `${t.months} dari ${data.months.length}`] })),
      size: 8.5,
    });
  };
  const drawAssetSummary = () => {
    const summary = assetSummary(def, input.data);
    if (summary && summary.total > 0) {
      sectionHeading(layout, `${letter()}. Ringkasan perangkat TIK`, chartHeights.pie(summary.byCondition.length));
      if (def.charts.includes('asset-condition')) {
        pieChart(layout, {
          title: `Kondisi ${summary.total} perangkat`,
          entries: summary.byCondition.map((c) => ({ label: c.label, value: c.count, color: conditionColors[c.key] ?? colors.bar })),
          unit: 'unit',
        });
        layout.space(8);
      }
      if (def.charts.includes('asset-category')) {
        layout.ensure(chartHeights.bar(summary.byCategory.length));
        barChart(layout, {
          title: 'Perangkat per kategori',
          entries: summary.byCategory.map((c, i) => ({ label: c.label, value: c.count, color: palette[i % palette.length] ?? colors.bar })),
          unit: 'unit',
          width: layout.contentWidth * 0.75,
        });
      }
    }
  };

  for (const field of def.fields) {
    if (field.kind === 'table') {
      const rows = input.data[field.key];
      const list = isTableValue(rows) ? rows : [];
      if (field.carry === 'monthly' && def.charts.includes('availability')) drawAvailability();
      if (field.isAssetRegister && (def.charts.includes('asset-condition') || def.charts.includes('asset-category'))) drawAssetSummary();
      sectionHeading(layout, `${letter()}. ${field.label}${field.isAssetRegister ? ` (${list.length} perangkat)` : ''}`);
      if (field.isAssetRegister) drawAssetTable(layout, field, list);
      else drawTable(layout, field, list, 8.5);
      if (field.isAssetRegister) drawChanges(layout, input, field);
    } else if (field.kind === 'attachment') {
      const ref = input.data[field.key];
      sectionHeading(layout, `${letter()}. ${field.label}`);
      if (isAttachmentValue(ref)) await drawAttachment(layout, doc, field, ref, input);
      else layout.text('Tidak ada lampiran.', { size: 9, color: colors.muted });
    }
  }

  const signature = signatureBlock(layout, input);
  const signaturePage = layout.pages[signature.pageIndex];
  if (signaturePage) recordSignatureSlots(doc, signaturePage, signature.slots, input.date, input.offsetMinutes);
  layout.finish(`${input.typeName} — ${input.opdName} — ${input.period.label} — Nomor ${input.nomor}`);

  const pdf = await saveBerkasPdfA(
    doc,
    {
      title,
      author: input.opdName,
      subject: `${input.typeName}, ${input.period.label} (${input.article} ${input.regulation})`,
      keywords: ['laporan', input.definition.key, input.period.code, input.opdCode].filter(Boolean),
      appVersion: input.appVersion,
      createdAt: input.date,
      offsetMinutes: input.offsetMinutes,
      documentId: input.documentId,
    },
    assets.iccProfile,
  );
  return { pdf, pages: layout.pages.length, title };
}

export function createReportRenderer(assetsDir: string): ReportRenderer {
  return {
    async render(input) {
      const [fonts, iccProfile, logoPng] = await Promise.all([loadFontFiles(assetsDir), loadSrgbProfile(assetsDir), loadLogo(assetsDir, input.regionId)]);
      return renderReportPdf(input, { fonts, iccProfile, ...(logoPng ? { logoPng } : {}) });
    },
  };
}
