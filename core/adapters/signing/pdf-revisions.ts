/**
 * The revisions of a PDF as a reader sees them: the chain of cross-reference
 * sections from the last `startxref` back through /Prev, and each object
 * resolved through that chain (offsets and object streams) — not by scanning
 * the file for "N 0 obj", which is how pdf-lib loads and how a
 * hide-and-replace update would go unnoticed. Only what the change analysis
 * of pdf-changes.ts needs: which objects a revision defines, and their values.
 */
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';
import { asciiAt, indexOf, lastIndexOf } from './pdf-bytes';

export type XrefEntry = { kind: 'offset'; offset: number } | { kind: 'compressed'; stream: number; index: number } | { kind: 'free' };

export interface XrefSection {
  /** Offset of the section (`xref` keyword or the cross-reference stream object). */
  offset: number;
  entries: Map<number, XrefEntry>;
  trailer: PDFDict;
}

export interface PdfRevisionState {
  /** Bytes of the file this state reads (the prefix of the file up to the revision's end). */
  bytes: Uint8Array;
  /** Sections newest first, as /Prev leads from the last startxref. */
  sections: XrefSection[];
  /** The effective entry of every object number (newest section wins). */
  entries: Map<number, XrefEntry>;
  /** The newest trailer (or cross-reference stream dictionary). */
  trailer: PDFDict;
}

/** Far above what any real document has; a longer chain or bigger table is an attack on the reader. */
const MAX_SECTIONS = 4096;
const MAX_ENTRIES = 10_000_000;

export class PdfStructureError extends Error {}

const N = (name: string) => PDFName.of(name);

function numberIn(dict: PDFDict, key: string): number | null {
  const v = dict.get(N(key));
  return v instanceof PDFNumber ? v.asNumber() : null;
}

function parseAt(bytes: Uint8Array, offset: number, ctx: PDFContext): PDFObject {
  return PDFObjectParser.forBytes(bytes.subarray(offset), ctx).parseObject();
}

/** "N G obj" at `offset`: the object number and where the value starts. */
function indirectHeader(bytes: Uint8Array, offset: number): { num: number; valueAt: number } | null {
  const m = /^(\d{1,10})\s+(\d{1,5})\s+obj\b/.exec(asciiAt(bytes, offset, 40));
  return m ? { num: Number(m[1]), valueAt: offset + m[0].length } : null;
}

function parseTableSection(bytes: Uint8Array, offset: number, ctx: PDFContext): XrefSection {
  const entries = new Map<number, XrefEntry>();
  const trailerAt = indexOf(bytes, 'trailer', offset);
  if (trailerAt < 0) throw new PdfStructureError(`tabel referensi di bait ${offset} tanpa trailer`);
  const tokens = asciiAt(bytes, offset + 4, trailerAt - offset - 4).trim().split(/\s+/).filter(Boolean);
  let i = 0;
  while (i < tokens.length) {
    const start = Number(tokens[i]);
    const count = Number(tokens[i + 1]);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(count) || start < 0 || count < 0) throw new PdfStructureError(`subbagian tabel referensi di bait ${offset} tidak terbaca`);
    i += 2;
    for (let k = 0; k < count; k++, i += 3) {
      const [field1, , type] = [tokens[i], tokens[i + 1], tokens[i + 2]];
      if (type !== 'n' && type !== 'f') throw new PdfStructureError(`baris tabel referensi objek ${start + k} tidak terbaca`);
      entries.set(start + k, type === 'n' ? { kind: 'offset', offset: Number(field1) } : { kind: 'free' });
      if (entries.size > MAX_ENTRIES) throw new PdfStructureError('tabel referensi terlalu besar');
    }
  }
  const trailer = parseAt(bytes, trailerAt + 'trailer'.length, ctx);
  if (!(trailer instanceof PDFDict)) throw new PdfStructureError(`trailer di bait ${trailerAt} bukan kamus`);
  return { offset, entries, trailer };
}

function parseStreamSection(bytes: Uint8Array, offset: number, ctx: PDFContext): XrefSection {
  const header = indirectHeader(bytes, offset);
  const stream = header ? parseAt(bytes, header.valueAt, ctx) : null;
  if (!(stream instanceof PDFRawStream) || stream.dict.get(N('Type')) !== N('XRef')) {
    throw new PdfStructureError(`startxref atau /Prev menunjuk bait ${offset}, yang bukan tabel referensi`);
  }
  const dict = stream.dict;
  const w = dict.get(N('W'));
  const widths = w instanceof PDFArray ? w.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : -1)) : [];
  if (widths.length !== 3 || widths.some((x) => x < 0 || x > 8)) throw new PdfStructureError(`/W aliran referensi di bait ${offset} tidak sah`);
  const size = numberIn(dict, 'Size') ?? 0;
  const indexObj = dict.get(N('Index'));
  const index = indexObj instanceof PDFArray ? indexObj.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : -1)) : [0, size];
  const data = decodePDFRawStream(stream).decode();
  const rowLength = widths[0]! + widths[1]! + widths[2]!;
  const field = (pos: number, width: number, fallback: number) => {
    if (width === 0) return fallback;
    let v = 0;
    for (let j = 0; j < width; j++) v = v * 256 + data[pos + j]!;
    return v;
  };
  const entries = new Map<number, XrefEntry>();
  let pos = 0;
  for (let s = 0; s + 1 < index.length; s += 2) {
    const start = index[s]!;
    const count = index[s + 1]!;
    if (start < 0 || count < 0 || count > MAX_ENTRIES) throw new PdfStructureError(`/Index aliran referensi di bait ${offset} tidak sah`);
    for (let k = 0; k < count; k++, pos += rowLength) {
      if (pos + rowLength > data.length) throw new PdfStructureError(`aliran referensi di bait ${offset} terpotong`);
      const type = field(pos, widths[0]!, 1);
      const a = field(pos + widths[0]!, widths[1]!, 0);
      const b = field(pos + widths[0]! + widths[1]!, widths[2]!, 0);
      if (type === 1) entries.set(start + k, { kind: 'offset', offset: a });
      else if (type === 2) entries.set(start + k, { kind: 'compressed', stream: a, index: b });
      else if (type === 0) entries.set(start + k, { kind: 'free' });
      // Other types are reserved: readers treat them as references to the null object, so they define nothing.
    }
  }
  return { offset, entries, trailer: dict };
}

function parseSection(bytes: Uint8Array, offset: number, ctx: PDFContext): XrefSection {
  if (offset <= 0 || offset >= bytes.length) throw new PdfStructureError(`tabel referensi di bait ${offset} berada di luar berkas`);
  return asciiAt(bytes, offset, 4) === 'xref' ? parseTableSection(bytes, offset, ctx) : parseStreamSection(bytes, offset, ctx);
}

/** The offset the last `startxref` of `bytes` names. */
export function lastStartxref(bytes: Uint8Array): number {
  const at = lastIndexOf(bytes, 'startxref');
  const m = at < 0 ? null : /^startxref\s+(\d+)/.exec(asciiAt(bytes, at, 40));
  if (!m) throw new PdfStructureError('startxref tidak ditemukan');
  return Number(m[1]);
}

/** Reads the revision that the last startxref of `bytes` describes. */
export function readRevisionState(bytes: Uint8Array): PdfRevisionState {
  const ctx = PDFContext.create();
  const sections: XrefSection[] = [];
  const seen = new Set<number>();
  let next: number | null = lastStartxref(bytes);
  while (next !== null) {
    if (seen.has(next)) throw new PdfStructureError(`rantai /Prev berulang di bait ${next}`);
    if (sections.length >= MAX_SECTIONS) throw new PdfStructureError('rantai tabel referensi terlalu panjang');
    seen.add(next);
    const section = parseSection(bytes, next, ctx);
    // A hybrid file's table names a cross-reference stream with the compressed objects of the same revision.
    const xrefStm = numberIn(section.trailer, 'XRefStm');
    if (xrefStm !== null && !seen.has(xrefStm)) {
      seen.add(xrefStm);
      const extra = parseStreamSection(bytes, xrefStm, ctx);
      for (const [num, entry] of extra.entries) if (!section.entries.has(num)) section.entries.set(num, entry);
    }
    sections.push(section);
    next = numberIn(section.trailer, 'Prev');
  }
  const entries = new Map<number, XrefEntry>();
  for (let i = sections.length - 1; i >= 0; i--) for (const [num, entry] of sections[i]!.entries) entries.set(num, entry);
  entries.delete(0);
  return { bytes, sections, entries, trailer: sections[0]!.trailer };
}

interface ObjectStream {
  slots: { num: number; offset: number }[];
  body: Uint8Array;
}

/** Resolves objects of one revision state, parsing each at most once. */
export class RevisionReader {
  private readonly ctx = PDFContext.create();
  private readonly cache = new Map<number, PDFObject | null>();
  private readonly objectStreams = new Map<number, ObjectStream | null>();

  constructor(readonly state: PdfRevisionState) {}

  /** The value of object `num` in this revision, or null when it is free, missing or unreadable. */
  object(num: number): PDFObject | null {
    if (this.cache.has(num)) return this.cache.get(num)!;
    let value: PDFObject | null = null;
    try {
      value = this.resolve(num);
    } catch {
      value = null;
    }
    this.cache.set(num, value);
    return value;
  }

  /** Follows a reference (or returns a direct object as it is). */
  deref(obj: PDFObject | undefined): PDFObject | null {
    if (obj === undefined) return null;
    return obj instanceof PDFRef ? this.object(obj.objectNumber) : obj;
  }

  dict(obj: PDFObject | undefined): PDFDict | null {
    const v = this.deref(obj);
    if (v instanceof PDFDict) return v;
    return v instanceof PDFRawStream ? v.dict : null;
  }

  private resolve(num: number): PDFObject | null {
    const entry = this.state.entries.get(num);
    if (!entry || entry.kind === 'free') return null;
    if (entry.kind === 'offset') {
      const header = indirectHeader(this.state.bytes, entry.offset);
      if (!header || header.num !== num) return null;
      return parseAt(this.state.bytes, header.valueAt, this.ctx);
    }
    const stream = this.objectStream(entry.stream);
    const slot = stream?.slots[entry.index];
    if (!stream || !slot || slot.num !== num) return null;
    const start = slot.offset;
    return PDFObjectParser.forBytes(stream.body.subarray(start), this.ctx).parseObject();
  }

  private objectStream(num: number): ObjectStream | null {
    if (this.objectStreams.has(num)) return this.objectStreams.get(num)!;
    let parsed: ObjectStream | null = null;
    const entry = this.state.entries.get(num);
    if (entry?.kind === 'offset') {
      const stream = this.object(num);
      if (stream instanceof PDFRawStream && stream.dict.get(N('Type')) === N('ObjStm')) {
        const data = decodePDFRawStream(stream).decode();
        const count = numberIn(stream.dict, 'N') ?? 0;
        const first = numberIn(stream.dict, 'First') ?? 0;
        const head = Buffer.from(data.subarray(0, first)).toString('latin1').trim().split(/\s+/).map(Number);
        const slots: ObjectStream['slots'] = [];
        for (let i = 0; i < count && 2 * i + 1 < head.length; i++) slots.push({ num: head[2 * i]!, offset: first + head[2 * i + 1]! });
        parsed = { slots, body: data };
      }
    }
    this.objectStreams.set(num, parsed);
    return parsed;
  }
}
