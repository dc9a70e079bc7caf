import { PDFDocument } from 'pdf-lib';
import { readFormFields } from '../../../../../core/adapters/signing/pdf-fields';
import { verifyPdf } from '../../../../../core/adapters/signing/pdf-verifier';

// A PDF whose trailer names no /Root: pdf-lib loads it, but there is no catalog.
const rootless = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Foo >>\nendobj\ntrailer\n<< /Size 2 >>\n%%EOF\n');

describe('readFormFields on hostile PDFs', () => {
  it('refuses a PDF without a document catalog with a named reason, not a TypeError', async () => {
    const doc = await PDFDocument.load(rootless, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
    expect(() => readFormFields(doc)).toThrow(expect.objectContaining({ code: 'PDF_STRUCTURE' }));
    await expect(verifyPdf({ fileName: 'rusak.pdf', pdf: rootless, trustRoots: [], now: new Date('2026-11-22T00:00:00Z') }))
      .rejects.toMatchObject({ code: 'PDF_STRUCTURE' });
  });

  it('reads an unsigned, well-formed PDF as having no signatures', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const loaded = await PDFDocument.load(await doc.save());
    expect(readFormFields(loaded).signatures).toEqual([]);
  });
});
