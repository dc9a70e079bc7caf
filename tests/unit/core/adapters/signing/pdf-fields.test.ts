import { PDFDocument, PDFHexString } from 'pdf-lib';
import { hexBytes, readFormFields } from '../../../../../core/adapters/signing/pdf-fields';
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

describe('hexBytes (a signature\'s /Contents)', () => {
  const same = (value: string) => {
    const hex = PDFHexString.of(value);
    const bytes = hexBytes(hex);
    expect([value, Array.from(bytes), bytes.constructor.name, bytes.byteOffset]).toEqual([value, Array.from(hex.asBytes()), 'Uint8Array', 0]);
  };

  it('decodes hex digits as pdf-lib does: either case, an odd count padded with 0, nothing at all', () => {
    for (const value of ['', '0', 'A', 'f', '00ff', 'DEADbeef', '3082', 'abc', '308203A1'.repeat(2000), `${'7F'.repeat(4097)}1`]) same(value);
  });

  it('gives pdf-lib\'s own bytes for whatever else a hostile /Contents holds', () => {
    for (const value of ['30 82', '30\n82', ' 3', 'zz', 'g0', '0g', '-1', '+1', '0x1f', '\u00e9a', '30 82 0', '3082\t']) same(value);
  });

  it('agrees with pdf-lib on random strings over digits, whitespace and stray characters', () => {
    const alphabet = '0123456789abcdefABCDEF \n\r\tgxZ-+.';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 500; i++) {
      const length = next() % 40;
      const hexOnly = i % 2 === 0;
      same(Array.from({ length }, () => alphabet[next() % (hexOnly ? 22 : alphabet.length)]).join(''));
    }
  });
});
