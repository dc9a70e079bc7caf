/**
 * The berita acara serah terima aplikasi as a PDF/A-2b document (issue 5
 * item 4): the parties, the application, every checklist item with its
 * article, and every file with its size and SHA-256, closed by a signature
 * block whose slot is recorded in /PieceInfo so the PAdES signer of
 * core/adapters/signing puts the visible signature there. Laid out with the
 * flow engine of core/adapters/pdf; signing is the signing module's work.
 */
import { recordSignatureSlots } from '../pdf/signature-slots';
import { drawKopSurat } from '../pdf/kop-surat';
import { PDFDocument } from 'pdf-lib';
import type { BeritaAcaraRenderer } from '../../ports';
import type { BeritaAcaraInput } from '../../domain/handover/berita-acara';
import { formatByteSize } from '../../domain/format/byte-size';
import type { RenderedPdf } from '../../domain/signing/documents';
import { formatIndonesianDate } from '../../domain/signing/indonesian-date';
import { embedFonts, loadFontFiles } from '../pdf/fonts';
import { colors, FlowLayout, type PageSetup, type TableRow } from '../pdf/layout';
import { loadSrgbProfile, saveBerkasPdfA } from '../pdf/pdfa';
import { drawSignatureBlock } from '../pdf/signature-block';

const mm = (v: number) => (v * 72) / 25.4;

/** A4 portrait, the margins of an Indonesian official letter (binding side 3 cm). */
const a4Portrait: PageSetup = {
  width: 595.28,
  height: 841.89,
  margins: { top: mm(20), right: mm(20), bottom: mm(22), left: mm(30) },
};

function heading(layout: FlowLayout, text: string): void {
  layout.ensure(48);
  layout.space(10);
  layout.text(text, { font: 'bold', size: 10.5, color: colors.accent });
  layout.space(3);
}

export async function renderBeritaAcaraPdf(input: BeritaAcaraInput, assets: { fonts: Awaited<ReturnType<typeof loadFontFiles>>; iccProfile: Uint8Array }): Promise<RenderedPdf> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc, assets.fonts);
  const layout = new FlowLayout(doc, fonts, a4Portrait);
  const title = 'BERITA ACARA SERAH TERIMA APLIKASI';
  const date = formatIndonesianDate(input.date, input.offsetMinutes);

  drawKopSurat(layout, input, null);
  layout.space(12);
  layout.text(title, { font: 'bold', size: 13, align: 'center' });
  layout.text(`Nomor: ${input.nomor}`, { size: 9.5, align: 'center' });
  layout.space(12);

  const app = (label: string) => input.application.find((a) => a.label === label)?.value ?? '-';
  layout.text(
    `Pada tanggal ${date}, ${input.officer.name}${input.officer.nip ? ` (NIP ${input.officer.nip})` : ''}, ${input.officer.jabatan} pada ${input.opdName}, ` +
      `menyerahkan kepada ${input.ictOffice} berkas aplikasi ${app('Nama aplikasi')} versi ${app('Versi')} ` +
      `sebagaimana diwajibkan ${input.article} ${input.regulation}, dengan rincian sebagai berikut.`,
    { size: 9.5, leading: 1.45 },
  );

  heading(layout, 'A. Data aplikasi');
  layout.table({
    columns: [
      { header: 'Uraian', weight: 1 },
      { header: 'Keterangan', weight: 2.2 },
    ],
    rows: input.application.map((a) => ({ cells: [a.label, a.value] })),
    size: 8.5,
  });

  heading(layout, `B. Butir serah terima (${input.article} ${input.regulation})`);
  layout.table({
    columns: [
      { header: 'No', weight: 0.35, align: 'center' },
      { header: 'Butir', weight: 2.2 },
      { header: 'Pasal', weight: 1.5 },
      { header: 'Berkas', weight: 0.6, align: 'right' },
      { header: 'Ukuran', weight: 0.8, align: 'right' },
    ],
    rows: input.items.map((item, i) => ({
      cells: [
        String(i + 1),
        `${item.label}${item.isRequired ? '' : ' (tidak wajib)'}`,
        item.article,
        String(item.files.length),
        formatByteSize(item.files.reduce((s, f) => s + f.size, 0)),
      ],
    })),
    size: 8.5,
  });
  layout.space(4);
  layout.text(`Jumlah: ${input.totals.files} berkas, ${formatByteSize(input.totals.bytes)}.`, { size: 8.5 });

  heading(layout, 'C. Daftar berkas dan sidik SHA-256');
  layout.text('Setiap berkas di bawah ini ada di dalam paket BagIt (folder data/) dengan sidik yang sama; satu bita berubah, sidiknya berubah.', {
    size: 8,
    color: colors.muted,
  });
  layout.space(3);
  const fileRows: TableRow[] = [];
  for (const item of input.items) {
    if (item.files.length === 0) continue;
    fileRows.push({ cells: [`${item.label} — ${item.article}`], isSpanning: true, isBold: true, fill: colors.groupFill });
    for (const f of item.files) fileRows.push({ cells: [f.path.replace(/^data\//, ''), formatByteSize(f.size), f.sha256] });
  }
  layout.table({
    columns: [
      { header: 'Berkas', weight: 2.3 },
      { header: 'Ukuran', weight: 0.6, align: 'right' },
      { header: 'SHA-256', weight: 2.4 },
    ],
    rows: fileRows,
    size: 6.5,
    headerSize: 7.5,
  });
  layout.space(4);
  layout.text(`Sidik SHA-256 data.json (daftar terstruktur berkas di atas): ${input.dataJsonSha256}`, { size: 7, color: colors.muted });
  if (input.basis) {
    layout.space(6);
    layout.text(`Dasar: ${input.basis}`, { size: 7.5, color: colors.muted, leading: 1.35 });
  }

  const signature = drawSignatureBlock(layout, {
    closing: 'Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
    columns: [{ role: 'penyusun', who: { caption: 'Yang menyerahkan,', jabatan: input.officer.jabatan, name: input.officer.name, nip: input.officer.nip }, placeDate: `${input.city}, ${date}` }],
  });
  recordSignatureSlots(doc, layout.pages[signature.pageIndex] ?? layout.currentPage, signature.slots, input.date, input.offsetMinutes);

  layout.finish(`Berita acara serah terima — ${app('Nama aplikasi')} ${app('Versi')} — Nomor ${input.nomor}`);
  const pdf = await saveBerkasPdfA(
    doc,
    {
      title: `${title} ${app('Nama aplikasi')}`,
      author: input.opdName,
      subject: `Serah terima aplikasi ${app('Nama aplikasi')} kepada ${input.ictOffice}`,
      // The structured list's hash also travels in the signed metadata, where a program can read it.
      keywords: ['serah terima aplikasi', input.opdCode, `data.json sha256 ${input.dataJsonSha256}`],
      appVersion: input.appVersion,
      createdAt: input.date,
      offsetMinutes: input.offsetMinutes,
      documentId: input.bundleId,
    },
    assets.iccProfile,
  );
  return { pdf, pages: layout.pages.length, title };
}

export function createBeritaAcaraRenderer(assetsDir: string): BeritaAcaraRenderer {
  return {
    async render(input) {
      const [fonts, iccProfile] = await Promise.all([loadFontFiles(assetsDir), loadSrgbProfile(assetsDir)]);
      return renderBeritaAcaraPdf(input, { fonts, iccProfile });
    },
  };
}
