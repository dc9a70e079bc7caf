import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assertLooksLikePdf, readLastXref, unsignedRevisionLength } from '../../../../../core/adapters/signing/pdf-bytes';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

const classic = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n45\n%%EOF';

describe('PDF byte structure', () => {
  it('finds the last cross-reference table and its /Size', () => {
    expect(readLastXref(bytes(classic), 'a.pdf')).toEqual({ offset: 45, kind: 'table', size: 2, isEncrypted: false });
  });

  it('finds a cross-reference stream', () => {
    const text = '%PDF-1.7\n5 0 obj\n<< /Type /XRef /Size 6 /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n';
    expect(readLastXref(bytes(text), 'b.pdf')).toEqual({ offset: 9, kind: 'stream', size: 6, isEncrypted: false });
    const encrypted = text.replace('/Size 6', '/Size 6 /Encrypt 4 0 R');
    expect(readLastXref(bytes(encrypted), 'c.pdf').isEncrypted).toBe(true);
  });

  it('refuses files that are not PDF, cut short, or point nowhere', () => {
    expect(() => assertLooksLikePdf(bytes('PK\u0003\u0004 zip'), 'x.pdf')).toThrow('Berkas x.pdf bukan PDF');
    expect(() => assertLooksLikePdf(bytes('%PDF-1.7\n1 0 obj'), 'y.pdf')).toThrow('terpotong');
    expect(() => readLastXref(bytes(classic.replace('startxref\n45', 'startxref\n9999')), 'z.pdf')).toThrow('Struktur PDF z.pdf rusak');
  });

  it('names a ZIP named .pdf as a ZIP, not as a PDF cut short (issue 11)', () => {
    // A package whose first entry is a stored PDF: "%PDF-" sits in the first kilobyte.
    const bag = new Uint8Array(readFileSync(path.resolve(__dirname, '../../../../fixtures/hostile-zips/trailing-dot-twin.zip')));
    expect(Buffer.from(bag.subarray(0, 1024)).includes('%PDF-')).toBe(true);
    expect(() => assertLooksLikePdf(bag, 'paket.pdf')).toThrow('Berkas paket.pdf bukan PDF: isinya arsip ZIP');
    // Bytes in front of the ZIP, a large one: only its end record gives it away.
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    const prefixed = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 0x20), eocd]));
    expect(() => assertLooksLikePdf(prefixed, 'b.pdf')).toThrow(expect.objectContaining({ code: 'NOT_PDF' }));
    expect(() => assertLooksLikePdf(bytes(`%PDF-1.7\n${' '.repeat(5000)}`), 'c.pdf')).toThrow(expect.objectContaining({ code: 'PDF_TRUNCATED' }));
  });

  it('measures the unsigned revision up to its %%EOF, not the line end an update adds', () => {
    const file = bytes(`${classic}\n9 0 obj\n<< >>\nendobj\n%%EOF\n`);
    const firstSignature = classic.length + 5;
    expect(unsignedRevisionLength(file, firstSignature)).toBe(classic.length);
    expect(unsignedRevisionLength(bytes(classic), classic.length)).toBe(classic.length);
  });
});
