/**
 * The signature block of every document (issue 15 item 5): long Indonesian
 * names with all their titles and a three-line jabatan, judged by where
 * pdftotext -bbox finds each word — no word overlaps another, no word crosses
 * into the other column, and no word sits inside a stamp box (read back from
 * the page's /PieceInfo, where the signer will put the stamp).
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFNumber } from 'pdf-lib';
import { renderReportPdf } from '../../../../../core/adapters/reports/report-pdf';
import { createDocumentRenderer } from '../../../../../core/adapters/pdf/document-renderer';
import { loadFontFiles } from '../../../../../core/adapters/pdf/fonts';
import { loadSrgbProfile } from '../../../../../core/adapters/pdf/pdfa';
import { readDelimited } from '../../../../../core/adapters/rencana-aksi/delimited-reader';
import { analyzePlan } from '../../../../../core/domain/rencana-aksi';
import { readPlanFromTable } from '../../../../../core/domain/rencana-aksi/import-table';
import { definitionFor } from '../../../../../core/domain/reports/definitions';
import { parsePeriod } from '../../../../../core/domain/reports/periods';
import type { Signatory } from '../../../../../core/domain/signing/documents';

const repo = path.resolve(__dirname, '../../../../..');
const assetsDir = path.join(repo, 'assets');

const preparer: Signatory = {
  caption: 'Disusun oleh,',
  jabatan: 'Kepala Sub Bagian Perencanaan, Evaluasi dan Pelaporan pada Sekretariat Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Pontianak',
  name: 'Dr. dr. Hj. Raden Ajeng Siti Nurhaliza Kartikasari, M.Kes., Sp.KKLP',
  nip: '198507172010012003',
};
const approver: Signatory = {
  caption: 'Mengetahui,',
  jabatan: 'Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Pontianak selaku Pengguna Anggaran dan Pembina Tingkat I',
  name: 'Prof. Dr. Ir. H. Muhammad Abdurrahman Wahid Syaifuddin, M.Sc., M.T., IPU., ASEAN Eng.',
  nip: '197001012000031001',
};

interface Box {
  text: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const overlaps = (a: Box, b: Box, eps = 0.3) => a.x1 < b.x2 - eps && b.x1 < a.x2 - eps && a.y1 < b.y2 - eps && b.y1 < a.y2 - eps;

/** Words of one page as pdftotext -bbox reports them (top-left origin, points). */
async function wordsOf(pdf: Uint8Array, page: number): Promise<Box[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-sigblock-'));
  try {
    const file = path.join(dir, 'd.pdf');
    await fs.writeFile(file, pdf);
    const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
    return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      x1: Number(m[1]),
      y1: Number(m[2]),
      x2: Number(m[3]),
      y2: Number(m[4]),
      text: m[5]!.replace(/&amp;/g, '&'),
    }));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The stamp boxes the renderer recorded, converted to pdftotext's top-left coordinates; with their 1-based page. */
async function slotsOf(pdf: Uint8Array): Promise<{ page: number; boxes: Box[] }> {
  const doc = await PDFDocument.load(pdf);
  for (const [i, page] of doc.getPages().entries()) {
    const piece = page.node.lookupMaybe(PDFName.of('PieceInfo'), PDFDict);
    const slots = piece?.lookupMaybe(PDFName.of('Berkas'), PDFDict)?.lookupMaybe(PDFName.of('Private'), PDFDict)?.lookupMaybe(PDFName.of('SignatureSlots'), PDFArray);
    if (!slots) continue;
    const height = page.getHeight();
    const boxes = slots.asArray().map((s) => {
      const rect = (s as PDFDict).lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
      return { text: 'stempel', x1: rect[0]!, x2: rect[2]!, y1: height - rect[3]!, y2: height - rect[1]! };
    });
    return { page: i + 1, boxes };
  }
  throw new Error('tidak ada kotak tanda tangan');
}

async function judge(pdf: Uint8Array, closingLastWord: string): Promise<void> {
  if (process.env.BERKAS_KEEP_PDF) await fs.writeFile(path.join(process.env.BERKAS_KEEP_PDF, `${closingLastWord}.pdf`), pdf);
  const { page, boxes: stamps } = await slotsOf(pdf);
  const words = await wordsOf(pdf, page);
  // The block: below the closing sentence, above the page footer.
  const closingEnd = words.find((w) => w.text === closingLastWord);
  expect(closingEnd).toBeDefined();
  const lowest = Math.max(...stamps.map((s) => s.y2)) + 60;
  const block = words.filter((w) => w.y1 > closingEnd!.y2 && w.y2 < lowest);
  const text = block.map((w) => w.text).join(' ');
  // Every word of both names and both jabatan is there: nothing was cut.
  for (const who of [preparer, approver]) {
    for (const word of `${who.name} ${who.jabatan}`.split(/\s+/)) expect(text).toContain(word);
  }
  for (let i = 0; i < block.length; i++) for (let j = i + 1; j < block.length; j++) expect([block[i]!.text, block[j]!.text, overlaps(block[i]!, block[j]!)]).toEqual([block[i]!.text, block[j]!.text, false]);
  expect(stamps).toHaveLength(2);
  expect(overlaps(stamps[0]!, stamps[1]!)).toBe(false);
  for (const stamp of stamps) for (const w of block) expect([w.text, overlaps(stamp, w)]).toEqual([w.text, false]);
  // The columns stay apart: no word spans the gap between the two stamps' columns.
  const gapLeft = Math.max(...block.filter((w) => w.x2 < (stamps[0]!.x2 + stamps[1]!.x1) / 2).map((w) => w.x2), stamps[0]!.x2);
  const gapRight = Math.min(...block.filter((w) => w.x1 > (stamps[0]!.x2 + stamps[1]!.x1) / 2).map((w) => w.x1), stamps[1]!.x1);
  expect(gapRight - gapLeft).toBeGreaterThan(10);
  expect(block.filter((w) => w.x1 < gapLeft && w.x2 > gapRight)).toEqual([]);
}

describe('signature block with long names and a three-line jabatan', () => {
  it('a portrait report: every word apart, columns apart, stamps clear of text', async () => {
    const rendered = await renderReportPdf(
      {
        documentId: 'b7c6f1e2-0000-4000-8000-000000000002',
        nomor: 'LAP-UJI-002',
        typeName: 'Laporan penyelenggaraan e-government',
        article: 'Pasal 22 ayat (1)',
        regulation: 'Perwali Jambi No. 10/2017',
        definition: definitionFor('insiden'),
        period: parsePeriod('2026-11-20', 'insidental'),
        dueDate: '2026-11-21',
        isUrgent: false,
        data: {},
        government: 'Pemerintah Kota Pontianak',
        city: 'Pontianak',
        agency: 'Perangkat Daerah',
        opdName: 'Dinas Komunikasi dan Informatika',
        opdCode: 'DISKOMINFO',
        ictOffice: 'Dinas Komunikasi dan Informatika Kota Pontianak',
        preparer,
        approver,
        date: new Date('2026-11-22T03:00:00Z'),
        offsetMinutes: 420,
        appVersion: '0.1.0',
        regionId: 'pontianak',
        assetChanges: null,
        carriedFromPeriod: null,
        images: {},
      },
      { fonts: await loadFontFiles(assetsDir), iccProfile: await loadSrgbProfile(assetsDir) },
    );
    await judge(rendered.pdf, 'mestinya.');
  });

  it('a landscape rencana aksi: the same', async () => {
    const table = readDelimited('prabumulih-contoh.tsv', readFileSync(path.join(repo, 'tests/fixtures/rencana-aksi/prabumulih-contoh.tsv')));
    const { plan } = readPlanFromTable(table, { id: 'b7c6f1e2-0000-4000-8000-000000000003', opdCode: 'DISKOMINFO', year: 2026 });
    const rendered = await createDocumentRenderer(assetsDir).renderRencanaAksi({
      documentId: plan.id,
      nomor: 'RA-UJI',
      plan,
      totals: analyzePlan(plan).totals,
      government: 'Pemerintah Kota Pontianak',
      city: 'Pontianak',
      documentName: 'Rencana Aksi Pelaksanaan SPBE',
      opdName: 'Dinas Komunikasi dan Informatika',
      opdCode: 'DISKOMINFO',
      preparer,
      approver,
      date: new Date('2026-11-22T03:00:00Z'),
      offsetMinutes: 420,
      appVersion: '0.1.0',
      regionId: 'pontianak',
    });
    await judge(rendered.pdf, 'kegiatan.');
  });
});
