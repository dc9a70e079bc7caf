import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { embedFonts, loadFontFiles } from '../../../../../core/adapters/pdf/fonts';
import { a4Landscape, FlowLayout, wrapText } from '../../../../../core/adapters/pdf/layout';

const assets = path.resolve(__dirname, '../../../../../assets');

async function layout() {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc, await loadFontFiles(assets));
  return { doc, fonts, flow: new FlowLayout(doc, fonts, a4Landscape) };
}

/** Text of each page as pdftotext reads it. */
async function pagesText(doc: PDFDocument): Promise<string[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-layout-'));
  try {
    const file = path.join(dir, 'x.pdf');
    await fs.writeFile(file, await doc.save({ useObjectStreams: false }));
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe('flow layout', () => {
  it('wraps on spaces, keeps explicit newlines, and cuts words longer than a line', async () => {
    const { fonts } = await layout();
    const lines = wrapText('Pengembangan sistem informasi manajemen\nbaris baru https://contoh.go.id/' + 'a'.repeat(80), fonts.regular, 10, 120);
    expect(lines[0]).toBe('Pengembangan sistem');
    expect(lines).toContain('baris baru');
    for (const line of lines) expect(fonts.regular.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(120);
    expect(lines.join('')).toContain('a'.repeat(20));
  });

  it('splits a long table across pages and repeats its header on each, with Halaman i dari N', async () => {
    const { doc, flow } = await layout();
    flow.table({
      columns: [
        { header: 'No', weight: 1 },
        { header: 'Tahap Pelaksanaan', weight: 4 },
        { header: 'Sumber Daya', weight: 2, align: 'right' },
      ],
      rows: Array.from({ length: 120 }, (_, i) => ({ cells: [String(i + 1), `Tahap ke-${i + 1} penyusunan dokumen`, `Rp ${i + 1}.000.000`] })),
    });
    flow.finish('Uji tata letak');
    const pages = await pagesText(doc);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((text, i) => {
      expect(text).toContain('Tahap Pelaksanaan');
      expect(text).toContain(`Halaman ${i + 1} dari ${pages.length}`);
    });
    const all = pages.join('\n');
    for (const n of [1, 60, 120]) expect(all).toContain(`Tahap ke-${n} penyusunan dokumen`);
    // Every row exactly once: none lost or duplicated at a page break.
    expect(all.match(/Tahap ke-\d+ penyusunan/g)).toHaveLength(120);
  });

  it('splits a row taller than a page between its lines', async () => {
    const { doc, flow } = await layout();
    const sentences = Array.from({ length: 90 }, (_, i) => `Kalimat latar belakang nomor ${i + 1} tentang kebutuhan sistem.`);
    flow.table({ columns: [{ header: 'Unsur', weight: 1 }, { header: 'Uraian', weight: 3 }], rows: [{ cells: ['Latar belakang', sentences.join('\n')] }] });
    flow.finish('');
    const pages = await pagesText(doc);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.every((p) => p.includes('Uraian'))).toBe(true);
    const all = pages.join('\n');
    for (const s of [1, 45, 90]) expect(all).toContain(`nomor ${s} tentang`);
  });
});
