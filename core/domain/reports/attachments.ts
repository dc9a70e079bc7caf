/**
 * What an attached file really is, from its first bytes (an officer renames
 * files; a name says nothing), and whether a field accepts it.
 */
import { BerkasError } from '../errors';
import { formatByteSize } from '../format/byte-size';
import type { FieldDef } from './definitions';

/** Largest attachment (a scanned A3 diagram or a drawing): 50 MB. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

const MEDIA_NAMES: Record<string, string> = {
  'image/png': 'gambar PNG',
  'image/jpeg': 'gambar JPEG',
  'application/pdf': 'PDF',
  'image/svg+xml': 'gambar SVG',
  'application/vnd.jgraph.mxfile': 'gambar draw.io',
  'application/vnd.ms-visio.drawing': 'gambar Visio (.vsdx)',
  'image/vnd.dwg': 'gambar AutoCAD (.dwg)',
};

export function mediaTypeName(mediaType: string): string {
  return MEDIA_NAMES[mediaType] ?? mediaType;
}

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);

/** The media type of `head` (the file's first bytes; a few KB are enough), or null when unknown. */
export function sniffMediaType(head: Uint8Array, fileName: string): string | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(head, [0x41, 0x43, 0x31, 0x30])) return 'image/vnd.dwg'; // "AC10.." AutoCAD
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // A ZIP: a Visio drawing holds visio/document.xml; its name appears in the first local header.
    const text = new TextDecoder('latin1').decode(head.subarray(0, Math.min(head.length, 4096)));
    if (text.includes('visio/') || /\.vsdx$/i.test(fileName)) return 'application/vnd.ms-visio.drawing';
    return null;
  }
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(head.subarray(0, Math.min(head.length, 4096)))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<mxfile') || (text.startsWith('<?xml') && text.includes('<mxfile'))) return 'application/vnd.jgraph.mxfile';
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/.test(text)) return 'image/svg+xml';
  return null;
}

/** Refuses a file the field cannot hold, naming the field, the file and what it is. */
export function checkAttachment(field: FieldDef, fileName: string, size: number, mediaType: string | null): string {
  if (size === 0) throw new BerkasError('ATTACHMENT_EMPTY', `Berkas ${fileName} untuk "${field.label}" kosong (0 byte).`, { field: field.key, file: fileName, fieldLabel: field.labelEn });
  if (size > MAX_ATTACHMENT_BYTES) {
    throw new BerkasError(
      'ATTACHMENT_TOO_LARGE',
      `Berkas ${fileName} untuk "${field.label}" berukuran ${formatByteSize(size)}, melebihi batas ${formatByteSize(MAX_ATTACHMENT_BYTES)}.`,
      {
        field: field.key,
        file: fileName,
        fieldLabel: field.labelEn,
        size: formatByteSize(size),
        max: formatByteSize(MAX_ATTACHMENT_BYTES),
      },
    );
  }
  const accepted = field.accept ?? [];
  if (!mediaType || !accepted.includes(mediaType)) {
    const what = mediaType ? mediaTypeName(mediaType) : 'jenis berkas yang tidak dikenali dari isinya';
    throw new BerkasError('ATTACHMENT_TYPE', `Berkas ${fileName} untuk "${field.label}" adalah ${what}; yang diterima: ${accepted.map(mediaTypeName).join(', ')}.`, {
      field: field.key,
      file: fileName,
      fieldLabel: field.labelEn,
      mediaType,
      detected: mediaType ?? 'unknown',
      accepted,
    });
  }
  return mediaType;
}
