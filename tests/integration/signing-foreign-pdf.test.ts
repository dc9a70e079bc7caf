/**
 * `berkas sign` adds a signature to any PDF, not only Berkas's own: here one
 * saved with object and cross-reference streams and an existing form field,
 * the shapes office tools produce. The update must follow the file's own
 * cross-reference kind and keep every earlier signature valid.
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { createSigningEngine } from '../../core/adapters/signing/signing-engine';
import { embedFonts, loadFontFiles } from '../../core/adapters/pdf/fonts';
import { fixtures, p12Password, repo, run, tempDir } from './signing-helpers';

const engine = createSigningEngine({ assetsDir: path.join(repo, 'assets') });
const open = (name: string) => engine.openP12(new Uint8Array(readFileSync(path.join(fixtures, name))), p12Password, name);
const options = { fileName: 'surat.pdf', isCertified: true, role: null, reason: 'Menyetujui', certify: false, signedAt: new Date(), offsetMinutes: 420 } as const;

let dir: string;
beforeAll(async () => {
  dir = await tempDir('foreign');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function foreignPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = await embedFonts(doc, await loadFontFiles(path.join(repo, 'assets')));
  const page = doc.addPage([595, 842]);
  page.drawText('Surat edaran: uji tanda tangan pada PDF dari aplikasi lain', { x: 50, y: 780, size: 12, font: fonts.regular });
  const form = doc.getForm();
  form.createTextField('catatan').addToPage(page, { x: 50, y: 700, width: 200, height: 20 });
  doc.addPage([595, 842]);
  return doc.save({ useObjectStreams: true });
}

describe('signing a PDF made elsewhere', () => {
  it('appends cross-reference streams after a file that uses them, twice, all signatures valid', async () => {
    const original = await foreignPdf();
    expect(Buffer.from(original).toString('latin1')).toContain('/Type /XRef');
    const first = await engine.signPdf(original, await open('officer.p12'), options);
    const second = await engine.signPdf(first.pdf, await open('kepala.p12'), options);
    expect(first.fieldName).toBe('TTD2'); // the form's own field "catatan" counts: names stay distinct
    expect(second.fieldName).toBe('TTD3');
    expect(second.page).toBe(2);
    const file = path.join(dir, 'surat-ttd.pdf');
    await fs.writeFile(file, second.pdf);
    const tail = Buffer.from(second.pdf.subarray(second.pdf.length - 400)).toString('latin1');
    expect(tail).toContain('/Type /XRef');
    expect(run('qpdf', ['--check', file]).stdout).toContain('No syntax or stream encoding errors found');
    const pdfsig = run('pdfsig', [file]).stdout;
    expect(pdfsig.match(/Signature is Valid\./g)).toHaveLength(2);
    const report = await engine.verifyPdf(second.pdf, { fileName: 'surat-ttd.pdf', trustRoots: [], now: new Date(), offsetMinutes: 420 });
    expect(report.signatures.map((s) => [s.field, s.integrity, s.coversWholeDocument])).toEqual([
      ['TTD2', 'valid', false],
      ['TTD3', 'valid', true],
    ]);
    // The QR code names the same unsigned content for both: the file before any signature.
    expect(second.unsignedSha256).toBe(first.unsignedSha256);
  });

  it('refuses an encrypted PDF with a clear message', async () => {
    const plain = path.join(dir, 'biasa.pdf');
    const locked = path.join(dir, 'terkunci.pdf');
    await fs.writeFile(plain, await foreignPdf());
    // Encrypted the way office tools "protect" a PDF: no password to open, one to change.
    expect(run('qpdf', ['--encrypt', '', 'pemilik', '256', '--', plain, locked]).code).toBe(0);
    await expect(engine.signPdf(new Uint8Array(await fs.readFile(locked)), await open('officer.p12'), { ...options, fileName: 'terkunci.pdf' })).rejects.toMatchObject({
      code: 'PDF_ENCRYPTED',
      message: 'PDF terkunci.pdf terenkripsi (dilindungi kata sandi); buka proteksinya dulu, lalu tanda tangani.',
    });
  });
});
