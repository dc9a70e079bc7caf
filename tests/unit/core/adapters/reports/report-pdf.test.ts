/**
 * Report PDFs through the layout engine: read back with pdftotext (as a
 * person reading the paper would), checked with qpdf, and inspected with
 * pdf-lib for what is not text (the embedded diagram, the signature slots).
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFDict, PDFName, PDFRawStream } from 'pdf-lib';
import { renderReportPdf } from '../../../../../core/adapters/reports/report-pdf';
import { loadFontFiles } from '../../../../../core/adapters/pdf/fonts';
import { loadSrgbProfile } from '../../../../../core/adapters/pdf/pdfa';
import { definitionFor } from '../../../../../core/domain/reports/definitions';
import { parsePeriod } from '../../../../../core/domain/reports/periods';
import { diffTable } from '../../../../../core/domain/reports/diff';
import type { ReportPdfInput } from '../../../../../core/domain/reports/model';
import type { ReportData, TableRow } from '../../../../../core/domain/reports/values';

const assetsDir = path.resolve(__dirname, '../../../../../assets');
const fixtures = path.resolve(__dirname, '../../../../fixtures/reports');

async function assets() {
  return { fonts: await loadFontFiles(assetsDir), iccProfile: await loadSrgbProfile(assetsDir) };
}

function input(typeKey: string, period: string, data: ReportData, extra: Partial<ReportPdfInput> = {}): ReportPdfInput {
  const def = definitionFor(typeKey);
  const kind = /^\d{4}-\d{2}-\d{2}$/.test(period) ? 'insidental' : /Q/.test(period) ? 'triwulan' : /S/.test(period) ? 'semester' : 'tahunan';
  return {
    documentId: 'b7c6f1e2-0000-4000-8000-000000000001',
    nomor: 'LAP-UJI-001',
    typeName: 'Laporan uji',
    article: 'Pasal 27 ayat (1)',
    regulation: 'Perwali Pontianak No. 47/2021',
    definition: def,
    period: parsePeriod(period, kind),
    dueDate: '2027-01-15',
    isUrgent: false,
    data,
    government: 'Pemerintah Kota Pontianak',
    city: 'Pontianak',
    agency: 'Perangkat Daerah',
    opdName: 'Dinas Komunikasi dan Informatika',
    opdCode: 'DISKOMINFO',
    ictOffice: 'Dinas Komunikasi dan Informatika Kota Pontianak',
    preparer: { caption: 'Disusun oleh,', jabatan: 'Kepala Seksi Infrastruktur', name: 'Siti Rahmawati, S.Kom.', nip: '198507172010011003' },
    approver: { caption: 'Mengetahui,', jabatan: 'Kepala Dinas Komunikasi dan Informatika', name: '', nip: '' },
    date: new Date('2026-11-22T03:00:00Z'),
    offsetMinutes: 420,
    appVersion: '0.1.0',
    regionId: 'pontianak',
    assetChanges: null,
    carriedFromPeriod: null,
    images: {},
    ...extra,
  };
}

async function pagesText(pdf: Uint8Array): Promise<string[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-report-pdf-'));
  try {
    const file = path.join(dir, 'r.pdf');
    await fs.writeFile(file, pdf);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim());
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const asset = (i: number, kondisi: string, extra: Record<string, string> = {}): TableRow => ({
  id: `a${i}`,
  cells: {
    kodeBarang: '1.3.2.10.01.02.001',
    register: String(i).padStart(4, '0'),
    kategori: i % 3 === 0 ? 'Printer' : 'P.C Unit',
    merekTipe: `HP ProDesk 400 G${i % 9}`,
    nomorSeri: `SGH${1000 + i}`,
    tahunPerolehan: '2020',
    kondisi,
    lokasi: 'Sekretariat',
    ...extra,
  },
});

describe('report PDF', () => {
  it('an asset register of 300 devices: condition chart with counts, the table over pages with its header on each, changes since last year', async () => {
    const before = Array.from({ length: 300 }, (_, i) => asset(i + 1, i % 10 === 0 ? 'rusak-berat' : i % 4 === 0 ? 'rusak-ringan' : 'baik'));
    const after = [
      ...before.slice(1, 299).map((r, i) => (i === 4 ? { ...r, cells: { ...r.cells, kondisi: 'rusak-berat', lokasi: 'Gudang' } } : r)),
      asset(900, 'baik', { merekTipe: 'Lenovo ThinkPad E14 Gen 5' }),
    ];
    const def = definitionFor('inventaris-tik');
    const rendered = await renderReportPdf(
      input(
        'inventaris-tik',
        '2026',
        { aset: after, catatan: 'Hasil stock opname.' },
        { assetChanges: diffTable(before, after, def.fields[0]!.columns!), carriedFromPeriod: 'Tahun 2025' },
      ),
      await assets(),
    );
    const pages = await pagesText(rendered.pdf);
    expect(rendered.pages).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((text, i) => expect(text).toContain(`Halaman ${i + 1} dari ${pages.length}`));
    const all = pages.join('\n');
    expect(all).toContain('LAPORAN UJI');
    expect(all).toContain('Periode Tahun 2026 (1 Januari – 31 Desember 2026)');
    expect(all).toMatch(/Kondisi 299 perangkat/);
    expect(all).toMatch(/Baik\s+\d+ unit/);
    expect(all).toMatch(/Rusak Berat\s+\d+ unit/);
    expect(all).toContain('Perangkat per kategori');
    // Every device row exactly once; the header is repeated on every table page.
    expect(all.match(/SGH\d{4}/g)?.length).toBeGreaterThanOrEqual(299);
    const tablePages = pages.filter((p) => /SGH1\d{3}/.test(p));
    for (const p of tablePages) expect(p).toContain('Merek/tipe');
    expect(all).toContain('Perubahan sejak Tahun 2025: Daftar perangkat TIK');
    expect(all).toContain('1 ditambahkan, 2 dihapus, 1 berubah, 297 tetap.');
    expect(all).toMatch(/Kondisi: Baik → Rusak Berat; Lokasi: Sekretariat → Gudang/);
    expect(all).toContain('Siti Rahmawati, S.Kom.');
  });

  it('a cell too long for six lines ends with an ellipsis; the row still fits its page', async () => {
    const long = asset(1, 'baik', { keterangan: `${'catatan pemeliharaan panjang '.repeat(120)}AKHIR` });
    const rendered = await renderReportPdf(input('inventaris-tik', '2026', { aset: [long, asset(2, 'baik')] }), await assets());
    const all = (await pagesText(rendered.pdf)).join('\n');
    expect(all).toContain('…');
    expect(all).not.toContain('AKHIR');
    expect(all).toContain('SGH1002');
  });

  it('an incident report says it is urgent, writes dates out, and keeps two signature slots in /PieceInfo', async () => {
    const data = JSON.parse(readFileSync(path.join(fixtures, 'laporan-insiden.json'), 'utf8')) as Record<string, unknown>;
    const rows = (data.dilaporkanKepada as Record<string, string>[]).map((cells, i) => ({ id: `r${i}`, cells }));
    const rendered = await renderReportPdf(
      input('insiden', '2026-11-20', { ...(data as ReportData), dilaporkanKepada: rows }, { isUrgent: true, dueDate: '2026-11-21' }),
      await assets(),
    );
    const all = (await pagesText(rendered.pdf)).join('\n');
    expect(all).toContain('MENDESAK — dilaporkan pada kesempatan pertama');
    expect(all).toContain('20 November 2026 pukul 08.15');
    expect(all).toContain('Serangan siber');
    expect(all).toContain('Tanggal kejadian');
    const doc = await PDFDocument.load(rendered.pdf);
    const withSlots = doc.getPages().filter((p) => p.node.get(PDFName.of('PieceInfo')));
    expect(withSlots).toHaveLength(1);
    const piece = withSlots[0]!.node.lookup(PDFName.of('PieceInfo'), PDFDict).lookup(PDFName.of('Berkas'), PDFDict);
    const slots = piece.lookup(PDFName.of('Private'), PDFDict).lookup(PDFName.of('SignatureSlots'));
    expect(String(slots)).toContain('/Role /penyusun');
    expect(String(slots)).toContain('/Role /pengesah');
    expect(doc.getTitle()).toBe('Laporan uji — Dinas Komunikasi dan Informatika — 20 November 2026');
  });

  it('monitoring: availability per month as a line chart with its averages', async () => {
    const data = JSON.parse(readFileSync(path.join(fixtures, 'laporan-monev.json'), 'utf8')) as Record<string, Record<string, string>[] | string>;
    const table = (key: string) => (data[key] as Record<string, string>[]).map((cells, i) => ({ id: `${key}${i}`, cells }));
    const rendered = await renderReportPdf(
      input('monev-aplikasi', '2026-S1', { layanan: table('layanan'), pemantauan: table('pemantauan'), temuan: table('temuan'), evaluasi: data.evaluasi as string }),
      await assets(),
    );
    const all = (await pagesText(rendered.pdf)).join('\n');
    expect(all).toContain('Ketersediaan (%) per aplikasi/layanan');
    expect(all).toMatch(/Jan\s+Feb\s+Mar\s+Apr\s+Mei\s+Jun/);
    expect(all).toContain('SIMPEG (target 99%)');
    expect(all).toMatch(/SIMPEG\s+99,64%\s+6 dari 6/);
    expect(all).toMatch(/e-Surat\s+98,43%\s+6 dari 6/);
    expect(all).toContain('Juni 2026');
  });

  it('a LAN diagram: the PNG is drawn on the page; other attachments are listed with their SHA-256', async () => {
    const png = new Uint8Array(readFileSync(path.join(fixtures, 'diagram-lan.png')));
    const ref = { sha256: 'a'.repeat(64), name: 'diagram-lan.png', size: png.length, mediaType: 'image/png' };
    const rendered = await renderReportPdf(
      input('diagram-lan', '2026', { tanggalDiagram: '2026-11-01', lampiran: ref }, { images: { [ref.sha256]: { bytes: png, mediaType: 'image/png' } } }),
      await assets(),
    );
    const doc = await PDFDocument.load(rendered.pdf);
    const images = doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    expect(images).toHaveLength(1);
    expect((await pagesText(rendered.pdf)).join('\n')).toContain(`SHA-256: ${'a'.repeat(64)}`);
    const drawing = await renderReportPdf(
      input('diagram-lan', '2026', { tanggalDiagram: '2026-11-01', lampiran: { ...ref, name: 'lan.drawio', mediaType: 'application/vnd.jgraph.mxfile' } }),
      await assets(),
    );
    expect((await pagesText(drawing.pdf)).join('\n')).toMatch(/lan\.drawio — gambar draw\.io[\s\S]*lampiran terpisah/);
  });
});
