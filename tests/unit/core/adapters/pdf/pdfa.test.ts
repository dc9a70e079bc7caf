import { xmpPacket } from '../../../../../core/adapters/pdf/pdfa';

describe('PDF/A metadata', () => {
  it('declares PDF/A-2b and agrees with the Info dictionary dates in local time', () => {
    const xmp = xmpPacket({
      title: 'Rencana Aksi <Uji> & Co',
      author: 'Dinas Pendidikan',
      subject: 'Rencana',
      keywords: ['rencana aksi', 'DISDIK'],
      creatorTool: 'Berkas 0.1.0',
      producer: 'Berkas 0.1.0 (pdf-lib)',
      createdAt: new Date('2021-06-17T07:05:00Z'),
      offsetMinutes: 420,
      documentId: 'a1b2',
      language: 'id-ID',
    });
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<xmp:CreateDate>2021-06-17T14:05:00+07:00</xmp:CreateDate>');
    expect(xmp).toContain('Rencana Aksi &lt;Uji&gt; &amp; Co');
    expect(xmp).toContain('<xmpMM:DocumentID>urn:berkas:doc:a1b2</xmpMM:DocumentID>');
    expect(xmp).toContain('<pdf:Keywords>rencana aksi, DISDIK</pdf:Keywords>');
  });
});
