/**
 * What changed after a signature, judged as pyHanko and Acrobat judge
 * incremental updates (issue 11): every attack of the issue and every
 * permitted change, on documents with classic cross-reference tables and with
 * cross-reference streams. pdfsig, which only says "Not total document
 * signed", is asked alongside where it can tell anything.
 */
import path from 'node:path';
import { PDFDocument, PDFName, type PDFRef, StandardFonts } from 'pdf-lib';
import { signPdf } from '../../../../../core/adapters/signing/pades-signer';
import { verifyPdf } from '../../../../../core/adapters/signing/pdf-verifier';
import { createSelfSignedCertificate } from '../../../../../core/adapters/signing/self-signed';
import { certificateDetails } from '../../../../../core/adapters/signing/x509';
import { loadFontFiles, type FontFiles } from '../../../../../core/adapters/pdf/fonts';
import { isVerificationPassing, type VerificationReport } from '../../../../../core/domain/signing/verification';
import { appendUpdate, catalogNumber, objectText, pageNumbers, redrawFirstPage, sizeOf } from '../../../../helpers/pdf-incremental';

const repo = path.resolve(__dirname, '../../../../..');
let fonts: FontFiles;
const officer = createSelfSignedCertificate({ name: 'Rina Wulandari', nip: '198507172010012003', organization: 'Dinas Kominfo Kota Pontianak', now: new Date() });
const kepala = createSelfSignedCertificate({ name: 'Ahmad Fauzi', nip: '197001012000031001', organization: 'Dinas Kominfo Kota Pontianak', now: new Date() });

beforeAll(async () => {
  fonts = await loadFontFiles(path.join(repo, 'assets'));
});

async function basePdf(isObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 2; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Anggaran kegiatan: Rp 186.000.000 (halaman ${i})`, { x: 50, y: 700, size: 14, font });
  }
  const field = doc.getForm().createTextField('catatan');
  field.addToPage(doc.getPage(0), { x: 50, y: 500, width: 200, height: 20 });
  return doc.save({ useObjectStreams: isObjectStreams });
}

async function sign(pdf: Uint8Array, who = officer, certify = true): Promise<Uint8Array> {
  const result = await signPdf({
    pdf,
    fileName: 'uji.pdf',
    key: { privateKey: who.privateKey, certificate: who.certificate, chain: [] },
    details: certificateDetails(who.certificate),
    isCertified: false,
    signedAt: new Date(),
    offsetMinutes: 420,
    role: null,
    reason: 'Uji',
    certify,
    fonts,
  });
  return result.pdf;
}

function verify(pdf: Uint8Array): Promise<VerificationReport> {
  return verifyPdf({ pdf, fileName: 'uji.pdf', trustRoots: [], now: new Date() });
}

function levels(report: VerificationReport, i = 0): string[] {
  return report.signatures[i]!.changesAfter.map((c) => `${c.level}: ${c.description}`);
}

describe.each([
  ['cross-reference tables', false],
  ['cross-reference streams and object streams', true],
])('changes after signing, on a document with %s', (_label, isObjectStreams) => {
  let signed: Uint8Array;
  let approval: Uint8Array;

  beforeAll(async () => {
    signed = await sign(await basePdf(isObjectStreams));
    approval = await sign(await basePdf(isObjectStreams), officer, false);
  });

  it('a document nobody touched is utuh, its signature covering revision 2 of 2', async () => {
    const report = await verify(signed);
    expect(report.integrity).toBe('utuh');
    expect(report.revisions).toBe(2);
    expect(report.signatures[0]).toMatchObject({ revision: 2, coversWholeDocument: true, changesAfter: [], certified: true, docMdpPermission: 2 });
  });

  it('a page redrawn in an unsigned update is "diubah setelah ditandatangani", not utuh', async () => {
    const tampered = await redrawFirstPage(signed, isObjectStreams ? 'stream' : 'table');
    const report = await verify(tampered);
    expect(report.signatures[0]!.integrity).toBe('valid');
    expect(levels(report)).toContain('other: isi halaman 1 diubah');
    expect(report.signatures[0]!.isChangePermitted).toBe(false);
    expect(report.integrity).toBe('diubah');
    expect(isVerificationPassing(report)).toBe(false);
  });

  it('the shadow attack — a page redrawn, then a second valid signature on top — still reads "diubah"', async () => {
    const tampered = await redrawFirstPage(signed);
    const resigned = await sign(tampered, kepala);
    const report = await verify(resigned);
    expect(report.signatures.map((s) => s.integrity)).toEqual(['valid', 'valid']);
    expect(report.signatures[1]!.coversWholeDocument).toBe(true);
    expect(report.signatures[0]!.isChangePermitted).toBe(false);
    expect(levels(report)).toContain('other: isi halaman 1 diubah');
    expect(report.integrity).toBe('diubah');
  });

  it('a second signature by the head of the agency is a permitted change: both utuh', async () => {
    const twice = await sign(signed, kepala);
    const report = await verify(twice);
    expect(report.integrity).toBe('utuh');
    expect(report.revisions).toBe(3);
    expect(report.signatures.map((s) => s.revision)).toEqual([2, 3]);
    expect(report.signatures[0]!.changeLevel).toBe('signatures');
    expect(levels(report).every((l) => l.startsWith('signatures:'))).toBe(true);
  });

  it('filling a form field is permitted by a certification with P=2, and named', async () => {
    const doc = await PDFDocument.load(signed);
    const fieldNum = doc.getForm().getTextField('catatan').ref.objectNumber;
    const text = await objectText(signed, fieldNum);
    const filled = await appendUpdate(signed, [{ num: fieldNum, text: text.replace(/>>\s*$/, ' /V (Disetujui) >>') }]);
    const report = await verify(filled);
    expect(levels(report)).toEqual(['form-filling: isian "catatan" diubah']);
    expect(report.integrity).toBe('utuh');
  });

  it('an annotation is not permitted by P=2 (diubah), but is on an approval-only document, where it is still listed', async () => {
    for (const [pdf, expected] of [
      [signed, 'diubah'],
      [approval, 'utuh'],
    ] as const) {
      const [page] = await pageNumbers(pdf);
      const text = await objectText(pdf, page!);
      const note = await sizeOf(pdf);
      const annots = /\/Annots\s+\[([^\]]*)\]/.exec(text);
      const patched = annots ? text.replace(/\/Annots\s+\[([^\]]*)\]/, `/Annots [$1 ${note} 0 R]`) : text.replace(/>>\s*$/, ` /Annots [${note} 0 R] >>`);
      const updated = await appendUpdate(pdf, [
        { num: page!, text: patched },
        { num: note, text: '<< /Type /Annot /Subtype /FreeText /Rect [40 690 560 730] /Contents (DIUBAH: Rp 9.999.999.999) /DA (/Helv 16 Tf 0 g) >>' },
      ]);
      const report = await verify(updated);
      expect(levels(report)).toContain('annotations: anotasi FreeText ditambahkan pada halaman 1');
      expect(report.integrity).toBe(expected);
    }
  });

  it('hide-and-replace: an update that points an object at bytes hidden inside the signed revision is "diubah"', async () => {
    const base = Buffer.from(await basePdf(isObjectStreams));
    const [page] = await pageNumbers(base);
    const pageText = await objectText(base, page!);
    // Hidden before signing: an unreferenced copy of the page that draws something else, after the %%EOF.
    const shadowNum = await sizeOf(base);
    const shadowContent = Buffer.from('BT /F1 16 Tf 50 700 Td (DIUBAH: Rp 9.999.999.999) Tj ET', 'latin1');
    const hidden = Buffer.concat([
      Buffer.from(`\n${shadowNum} 0 obj\n<< /Length ${shadowContent.length} >>\nstream\n`, 'latin1'),
      shadowContent,
      Buffer.from(`\nendstream\nendobj\n${page} 0 obj\n${pageText.replace(/\/Contents\s+(\d+ 0 R|\[[^\]]*\])/, `/Contents ${shadowNum} 0 R`)}\nendobj\n`, 'latin1'),
    ]);
    const prepared = Buffer.concat([base, hidden]);
    const pageOffset = prepared.indexOf(`${page} 0 obj`, base.length);
    const shadowOffset = prepared.indexOf(`${shadowNum} 0 obj`, base.length);
    const withSignature = await sign(prepared);
    const untouched = await verify(withSignature);
    expect(untouched.integrity).toBe('utuh');
    const attacked = await appendUpdate(withSignature, [], { redirect: new Map([[page!, pageOffset], [shadowNum, shadowOffset]]) });
    const report = await verify(attacked);
    expect(levels(report).some((l) => l.startsWith('other:') && l.includes('sembunyikan lalu ganti'))).toBe(true);
    expect(levels(report)).toContain('other: isi halaman 1 diubah');
    expect(report.integrity).toBe('diubah');
  });

  it('an update whose /Prev skips the signed revision is "diubah": the history does not lead back to what was signed', async () => {
    // The first startxref of the signed file is the unsigned revision's own (a freshly made base PDF can differ
    // by a few bytes, its dates being the clock's).
    const unsignedXref = Number(/startxref\s+(\d+)/.exec(Buffer.from(signed).toString('latin1'))![1]);
    const [page] = await pageNumbers(signed);
    const text = await objectText(signed, page!);
    const attacked = await appendUpdate(signed, [{ num: page!, text: text.replace('/MediaBox', '/Rotate 90 /MediaBox') }], { prev: unsignedXref });
    const report = await verify(attacked);
    expect(levels(report)[0]).toMatch(/^other: riwayat revisi tidak menyambung/);
    expect(report.integrity).toBe('diubah');
  });

  it('bytes appended after the last %%EOF that are no revision at all are "diubah"', async () => {
    const appended = Buffer.concat([Buffer.from(signed), Buffer.from('\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1')]);
    const report = await verify(appended);
    expect(levels(report)).toContain('other: ada data di akhir berkas di luar revisi PDF mana pun');
    expect(report.integrity).toBe('diubah');
    // Only whitespace after the end is no change.
    expect((await verify(Buffer.concat([Buffer.from(signed), Buffer.from('\r\n\n', 'latin1')]))).integrity).toBe('utuh');
  });

  it('a page removed from the page tree is "diubah"', async () => {
    const doc = await PDFDocument.load(signed);
    const treeNum = (doc.catalog.get(PDFName.of('Pages')) as PDFRef).objectNumber;
    const text = await objectText(signed, treeNum);
    const [first] = await pageNumbers(signed);
    const patched = text.replace(/\/Kids\s+\[[^\]]*\]/, `/Kids [${first} 0 R]`).replace(/\/Count\s+\d+/, '/Count 1');
    const report = await verify(await appendUpdate(signed, [{ num: treeNum, text: patched }]));
    expect(levels(report)).toContain('other: susunan halaman diubah (halaman ditambah, dihapus atau ditukar)');
    expect(report.integrity).toBe('diubah');
  });

  it('validation data (DSS) and document info added later are permitted even under the certification', async () => {
    const root = await catalogNumber(signed);
    const catalog = await objectText(signed, root);
    const next = await sizeOf(signed);
    const updated = await appendUpdate(
      signed,
      [
        { num: root, text: catalog.replace(/>>\s*$/, ` /DSS ${next} 0 R >>`) },
        { num: next, text: `<< /Certs [${next + 1} 0 R] >>` },
        { num: next + 1, dict: '<< >>', stream: officer.certificate },
        { num: next + 2, text: '<< /Producer (Alat lain) >>' },
      ],
      { trailerExtra: `/Info ${next + 2} 0 R` },
    );
    const report = await verify(updated);
    expect(new Set(report.signatures[0]!.changesAfter.map((c) => c.level))).toEqual(new Set(['lta']));
    expect(report.integrity).toBe('utuh');
  });

  it('objects replaced through a new object stream are judged like any other change', async () => {
    if (!isObjectStreams) return;
    const [page] = await pageNumbers(signed);
    const text = await objectText(signed, page!);
    const stream = await sizeOf(signed);
    const patched = text.replace('/MediaBox', '/UserUnit 2 /MediaBox');
    const attacked = await appendUpdate(signed, [], { xref: 'stream', objectStream: { num: stream, objects: [{ num: page!, text: patched }] } });
    const report = await verify(attacked);
    expect(levels(report)).toContain('other: halaman 1 diubah (/UserUnit)');
    expect(report.integrity).toBe('diubah');
  });
});
