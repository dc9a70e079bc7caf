import { checkAttachment, sniffMediaType, MAX_ATTACHMENT_BYTES } from '../../../../../core/domain/reports/attachments';
import { definitionFor } from '../../../../../core/domain/reports/definitions';
import { isBerkasError } from '../../../../../core/domain/errors';

const bytes = (text: string) => new TextEncoder().encode(text);
const field = definitionFor('diagram-lan').fields.find((f) => f.key === 'lampiran')!;

describe('attachments', () => {
  it.each([
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'a.bin', 'image/png'],
    [new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'foto.png', 'image/jpeg'],
    [bytes('%PDF-1.7\n'), 'x', 'application/pdf'],
    [bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'd.svg', 'image/svg+xml'],
    [bytes('<mxfile host="app.diagrams.net"><diagram/></mxfile>'), 'lan.drawio', 'application/vnd.jgraph.mxfile'],
    [bytes('MZ\x90\x00'), 'diagram.png', null],
  ])('sniffs from content, not name (%#)', (head, name, type) => expect(sniffMediaType(head, name)).toBe(type));

  it('refuses what the field does not accept, naming field, file and kind', () => {
    expect.assertions(3);
    try {
      checkAttachment(field, 'diagram.png', 10, null);
    } catch (err) {
      expect(isBerkasError(err) && err.code).toBe('ATTACHMENT_TYPE');
      expect((err as Error).message).toBe(
        'Berkas diagram.png untuk "Diagram LAN" adalah jenis berkas yang tidak dikenali dari isinya; yang diterima: gambar PNG, gambar JPEG, PDF, gambar SVG, gambar draw.io, gambar Visio (.vsdx), gambar AutoCAD (.dwg).',
      );
    }
    expect(() => checkAttachment(field, 'besar.pdf', MAX_ATTACHMENT_BYTES + 1, 'application/pdf')).toThrow('melebihi batas 50 MB');
  });
});
