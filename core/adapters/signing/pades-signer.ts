/**
 * PAdES baseline signatures (ETSI EN 319 142-1, B-B and B-T) added to a PDF
 * as an incremental update: the original bytes are kept exactly and new
 * objects, a new cross-reference section and trailer are appended after them.
 * A signed PDF is never re-saved through pdf-lib, which would rewrite every
 * object and break the earlier signatures; pdf-lib only parses the file and
 * serialises the few objects this update adds or replaces.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  EncryptedPDFError,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';
import { BerkasError } from '../../domain/errors';
import { toPdfDate } from '../../domain/signing/indonesian-date';
import type { CertificateDetails } from '../../domain/signing/certificate';
import { qrPayload, signatureFieldName, stampText, type SignatureRole } from '../../domain/signing/stamp';
import { embedFonts, type FontFiles } from '../pdf/fonts';
import { buildCadesSignature, type SigningKey, type TimestampFn } from './cades';
import { assertLooksLikePdf, readLastXref, unsignedRevisionLength } from './pdf-bytes';
import { arrayAt, dictAt, N, nameOf, numberOf, readFormFields } from './pdf-fields';
import { stampOperators, stampSize } from './stamp-appearance';

export interface PadesSignOptions {
  pdf: Uint8Array;
  /** Names the file in messages. */
  fileName: string;
  key: SigningKey;
  details: CertificateDetails;
  /** False for a self-signed certificate: the stamp then says "tidak tersertifikasi". */
  isCertified: boolean;
  signedAt: Date;
  /** UTC offset of the officer's clock, for /M and the stamp. */
  offsetMinutes: number;
  /** Which slot of a Berkas signature block to fill; null lets the order of signing decide. */
  role: SignatureRole | null;
  reason: string;
  location?: string;
  /** Make this a certification (DocMDP, P=2: later signatures allowed) when it is the first signature. */
  certify: boolean;
  /** The id the QR code names; read from the XMP DocumentID when absent. */
  documentId?: string;
  timestamp?: TimestampFn;
  fonts: FontFiles;
}

export interface PadesSignResult {
  pdf: Uint8Array;
  fieldName: string;
  role: SignatureRole | null;
  documentId: string;
  /** SHA-256 of the revision before the first signature (what the QR code carries). */
  unsignedSha256: string;
  isTimestamped: boolean;
  isCertification: boolean;
  /** 1-based page of the visible stamp. */
  page: number;
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** A PDF text string: literal when plain ASCII, otherwise UTF-16BE with a byte-order mark. */
export function pdfTextString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  return `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

interface Placement {
  pageIndex: number;
  pageRef: PDFRef;
  rect: [number, number, number, number];
  role: SignatureRole | null;
}

const roles: readonly SignatureRole[] = ['penyusun', 'pengesah'];

/**
 * Where the stamp goes: a slot the Berkas layout recorded in the page's
 * /PieceInfo (ISO 32000 14.5), by role or in signing order; for other PDFs,
 * the bottom of the last page, stepping left and up per earlier signature.
 */
function findPlacement(doc: PDFDocument, role: SignatureRole | null, signedCount: number, fileName: string): Placement {
  const pages = doc.getPages();
  for (let i = pages.length - 1; i >= 0; i--) {
    const page = pages[i];
    if (!page) continue;
    const piece = dictAt(doc, page.node.get(N('PieceInfo')));
    const priv = dictAt(doc, dictAt(doc, piece?.get(N('Berkas')))?.get(N('Private')));
    const slots = arrayAt(doc, priv?.get(N('SignatureSlots')));
    if (!slots) continue;
    const parsed = Array.from({ length: slots.size() }, (_, k) => {
      const slot = dictAt(doc, slots.get(k));
      const slotRole = nameOf(slot?.get(N('Role')));
      const rect = arrayAt(doc, slot?.get(N('Rect')));
      const nums = rect ? Array.from({ length: rect.size() }, (_, j) => numberOf(doc, rect.get(j)) ?? 0) : [];
      return { role: roles.find((r) => r === slotRole) ?? null, rect: nums };
    }).filter((s) => s.rect.length === 4);
    const chosen = role ? parsed.find((s) => s.role === role) : parsed[signedCount];
    if (chosen) {
      return { pageIndex: i, pageRef: page.ref, rect: chosen.rect as Placement['rect'], role: chosen.role };
    }
    break;
  }
  const last = pages[pages.length - 1];
  if (!last) throw new BerkasError('PDF_STRUCTURE', 'PDF tidak memiliki halaman untuk tanda tangan.', { file: fileName });
  const box = last.getMediaBox();
  const margin = 36;
  const column = signedCount % 2;
  const row = Math.floor(signedCount / 2);
  const x2 = box.x + box.width - margin - column * (stampSize.width + 10);
  const y1 = box.y + margin + row * (stampSize.height + 8);
  return { pageIndex: pages.length - 1, pageRef: last.ref, rect: [x2 - stampSize.width, y1, x2, y1 + stampSize.height], role };
}

/** The id a Berkas document carries in its XMP (xmpMM:DocumentID = urn:berkas:doc:<id>), or null. */
export function readDocumentId(doc: PDFDocument): string | null {
  const meta = doc.catalog.get(N('Metadata'));
  const stream = meta instanceof PDFRef ? doc.context.lookup(meta) : meta;
  if (!(stream instanceof PDFRawStream)) return null;
  let xml: string;
  try {
    xml = Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
  } catch {
    return null;
  }
  const m = /xmpMM:DocumentID(?:>|=")([^<"]+)/.exec(xml);
  if (!m?.[1]) return null;
  const id = m[1].trim();
  return id.startsWith('urn:berkas:doc:') ? id.slice('urn:berkas:doc:'.length) : id;
}

const encryptedError = (fileName: string) =>
  new BerkasError('PDF_ENCRYPTED', `PDF ${fileName} terenkripsi (dilindungi kata sandi); buka proteksinya dulu, lalu tanda tangani.`, { file: fileName });

async function loadForUpdate(bytes: Uint8Array, fileName: string): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  } catch (err) {
    if (err instanceof EncryptedPDFError) throw encryptedError(fileName);
    throw new BerkasError('PDF_STRUCTURE', `PDF ${fileName} tidak dapat dibaca: strukturnya rusak.`, { file: fileName });
  }
}

interface Serialized {
  bytes: Uint8Array;
  byteRangeAt: number;
  contentsAt: number;
  contentsEnd: number;
}

const byteRangeWidth = '[0 0000000000 0000000000 0000000000]'.length;

function serializeObject(ref: PDFRef, object: PDFObject): Uint8Array {
  const head = latin1(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
  const body = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(body, 0);
  return Buffer.concat([head, body, latin1('\nendobj\n')]);
}

interface UpdateParts {
  original: Uint8Array;
  objects: [PDFRef, PDFObject][];
  sigRef: PDFRef;
  sigDict: (placeholderHexLength: number) => { text: string };
  xrefKind: 'table' | 'stream';
  prevXref: number;
  size: number;
  trailer: { root: PDFObject; info: PDFObject | undefined; id: [string, string] };
  contentsHexLength: number;
}

/** Appends the update: objects, the signature dictionary with placeholders, xref and trailer. */
function serializeUpdate(p: UpdateParts): Serialized {
  const chunks: Uint8Array[] = [];
  let pos = p.original.length;
  const push = (chunk: Uint8Array) => {
    chunks.push(chunk);
    pos += chunk.length;
  };
  const last = p.original[p.original.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(latin1('\n'));
  const offsets = new Map<number, number>();
  for (const [ref, object] of p.objects) {
    offsets.set(ref.objectNumber, pos);
    push(serializeObject(ref, object));
  }
  // The signature dictionary, written by hand so its placeholders sit at known offsets.
  offsets.set(p.sigRef.objectNumber, pos);
  const before = `${p.sigRef.objectNumber} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange `;
  const byteRangeAt = pos + before.length;
  const mid = `${' '.repeat(byteRangeWidth)} /Contents <`;
  const contentsAt = byteRangeAt + byteRangeWidth + ' /Contents '.length;
  const contentsEnd = contentsAt + 1 + p.contentsHexLength + 1;
  const after = `> ${p.sigDict(p.contentsHexLength).text} >>\nendobj\n`;
  push(Buffer.concat([latin1(before), latin1(mid), Buffer.alloc(p.contentsHexLength, 0x30), latin1(after)]));

  const ids = [...offsets.keys()].sort((a, b) => a - b);
  const runs: [number, number[]][] = [];
  for (const n of ids) {
    const run = runs[runs.length - 1];
    if (run && run[0] + run[1].length === n) run[1].push(n);
    else runs.push([n, [n]]);
  }
  const idArray = `[<${p.trailer.id[0]}> <${p.trailer.id[1]}>]`;
  const info = p.trailer.info ? ` /Info ${p.trailer.info.toString()}` : '';
  if (p.xrefKind === 'table') {
    const xrefAt = pos;
    const lines = ['xref', '0 1', '0000000000 65535 f\r'];
    for (const [start, nums] of runs) {
      lines.push(`${start} ${nums.length}`);
      for (const n of nums) lines.push(`${String(offsets.get(n)).padStart(10, '0')} 00000 n\r`);
    }
    const trailer = `trailer\n<< /Size ${p.size} /Root ${p.trailer.root.toString()}${info} /ID ${idArray} /Prev ${p.prevXref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    push(latin1(`${lines.join('\n')}\n${trailer}`));
  } else {
    // The original uses cross-reference streams, so the update does too.
    const xrefNumber = p.size;
    const xrefAt = pos;
    offsets.set(xrefNumber, xrefAt);
    const all = [...ids, xrefNumber];
    const streamRuns: [number, number[]][] = [];
    for (const n of all) {
      const run = streamRuns[streamRuns.length - 1];
      if (run && run[0] + run[1].length === n) run[1].push(n);
      else streamRuns.push([n, [n]]);
    }
    const rows = Buffer.alloc(all.length * 7);
    all.forEach((n, i) => {
      rows.writeUInt8(1, i * 7);
      rows.writeUInt32BE(offsets.get(n) ?? 0, i * 7 + 1);
      rows.writeUInt16BE(0, i * 7 + 5);
    });
    const index = streamRuns.map(([s, nums]) => `${s} ${nums.length}`).join(' ');
    const dict = `<< /Type /XRef /Size ${xrefNumber + 1} /W [1 4 2] /Index [${index}] /Root ${p.trailer.root.toString()}${info} /ID ${idArray} /Prev ${p.prevXref} /Length ${rows.length} >>`;
    push(Buffer.concat([latin1(`${xrefNumber} 0 obj\n${dict}\nstream\n`), rows, latin1(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`)]));
  }
  return { bytes: Buffer.concat([p.original, ...chunks]), byteRangeAt, contentsAt, contentsEnd };
}

function hexOf(obj: PDFObject | undefined): string | null {
  if (obj instanceof PDFHexString) return obj.asString().toUpperCase();
  if (obj instanceof PDFString) return Buffer.from(obj.asBytes()).toString('hex').toUpperCase();
  return null;
}

export async function signPdf(opts: PadesSignOptions): Promise<PadesSignResult> {
  const original = opts.pdf;
  assertLooksLikePdf(original, opts.fileName);
  const lastXref = readLastXref(original, opts.fileName);
  if (lastXref.isEncrypted) throw encryptedError(opts.fileName);
  const doc = await loadForUpdate(original, opts.fileName);
  const ctx = doc.context;
  const form = readFormFields(doc, opts.fileName);

  const locked = form.signatures.find((s) => s.docMdp === 1);
  if (locked) {
    throw new BerkasError(
      'PDF_LOCKED',
      `PDF ${opts.fileName} disertifikasi oleh tanda tangan "${locked.fieldName}" tanpa izin perubahan; tanda tangan tambahan akan membatalkannya.`,
      { file: opts.fileName, field: locked.fieldName },
    );
  }
  const isCertification = opts.certify && form.signatures.length === 0;

  const signedOffsets = form.signatures.map((s) => s.byteRange?.[1] ?? Infinity).filter(Number.isFinite);
  const unsignedLength = unsignedRevisionLength(original, signedOffsets.length ? Math.min(...signedOffsets) : original.length);
  const unsignedSha256 = createHash('sha256').update(original.subarray(0, unsignedLength)).digest('hex');
  const documentId = opts.documentId ?? readDocumentId(doc) ?? unsignedSha256.slice(0, 32);

  const placement = findPlacement(doc, opts.role, form.signatures.length, opts.fileName);
  const fieldName = signatureFieldName(form.names, placement.role);

  // New objects are numbered past every number the file has used, free ones included.
  ctx.largestObjectNumber = Math.max(ctx.largestObjectNumber, lastXref.size - 1);
  const firstNew = ctx.largestObjectNumber + 1;

  const fonts = await embedFonts(doc, opts.fonts);
  const [x1, y1, x2, y2] = placement.rect;
  const width = x2 - x1;
  const height = y2 - y1;
  const text = stampText({
    signerName: opts.details.commonName,
    nip: opts.details.nip,
    signedAt: opts.signedAt,
    offsetMinutes: opts.offsetMinutes,
    isCertified: opts.isCertified,
    issuerCommonName: opts.details.issuerCommonName,
  });
  const appearance = ctx.flateStream(stampOperators(fonts, text, qrPayload(documentId, unsignedSha256), width, height), {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, width, height],
    Resources: { Font: { F1: fonts.regular.ref, F2: fonts.bold.ref } },
  });
  const apRef = ctx.register(appearance);
  const sigRef = ctx.nextRef();
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFString.of(fieldName),
    V: sigRef,
    F: 132, // Print + Locked: PDF/A wants printable annotations; nobody should move the stamp
    Rect: [x1, y1, x2, y2],
    P: placement.pageRef,
    AP: { N: apRef },
  });
  const widgetRef = ctx.register(widget);

  const changed = new Set<PDFRef>();
  const rootRef = ctx.trailerInfo.Root;
  if (!(rootRef instanceof PDFRef)) throw new BerkasError('PDF_STRUCTURE', `PDF ${opts.fileName} tidak memiliki katalog (/Root).`, { file: opts.fileName });

  const page = ctx.lookup(placement.pageRef);
  if (!(page instanceof PDFDict)) throw new BerkasError('PDF_STRUCTURE', `Halaman ${placement.pageIndex + 1} PDF ${opts.fileName} rusak.`, { file: opts.fileName, page: placement.pageIndex + 1 });
  const annots = page.get(N('Annots'));
  if (annots instanceof PDFRef && ctx.lookup(annots) instanceof PDFArray) {
    (ctx.lookup(annots) as PDFArray).push(widgetRef);
    changed.add(annots);
  } else if (annots instanceof PDFArray) {
    annots.push(widgetRef);
    changed.add(placement.pageRef);
  } else {
    page.set(N('Annots'), ctx.obj([widgetRef]));
    changed.add(placement.pageRef);
  }

  const addField = (acroForm: PDFDict) => {
    const fields = acroForm.get(N('Fields'));
    if (fields instanceof PDFRef && ctx.lookup(fields) instanceof PDFArray) {
      (ctx.lookup(fields) as PDFArray).push(widgetRef);
      changed.add(fields);
    } else if (fields instanceof PDFArray) {
      fields.push(widgetRef);
    } else {
      acroForm.set(N('Fields'), ctx.obj([widgetRef]));
    }
    acroForm.set(N('SigFlags'), PDFNumber.of(3)); // signatures exist; append only
  };
  const acroFormEntry = doc.catalog.get(N('AcroForm'));
  if (acroFormEntry instanceof PDFRef && ctx.lookup(acroFormEntry) instanceof PDFDict) {
    addField(ctx.lookup(acroFormEntry) as PDFDict);
    changed.add(acroFormEntry);
  } else if (acroFormEntry instanceof PDFDict) {
    addField(acroFormEntry);
    changed.add(rootRef);
  } else {
    doc.catalog.set(N('AcroForm'), ctx.register(ctx.obj({ Fields: [widgetRef], SigFlags: 3 })));
    changed.add(rootRef);
  }
  if (isCertification) {
    doc.catalog.set(N('Perms'), ctx.obj({ DocMDP: sigRef }));
    changed.add(rootRef);
  }
  await doc.flush();

  const objects = ctx
    .enumerateIndirectObjects()
    .filter(([ref]) => ref.objectNumber >= firstNew || changed.has(ref))
    .sort(([a], [b]) => a.objectNumber - b.objectNumber);
  const size = ctx.largestObjectNumber + 1;

  const oldId = ctx.trailerInfo.ID instanceof PDFArray ? hexOf(ctx.trailerInfo.ID.get(0)) : null;
  const newId = randomBytes(16).toString('hex').toUpperCase();
  const sigDictText = () => {
    const parts = [`/M ${pdfTextString(toPdfDate(opts.signedAt, opts.offsetMinutes))}`, `/Name ${pdfTextString(opts.details.commonName)}`, `/Reason ${pdfTextString(opts.reason)}`];
    if (opts.location) parts.push(`/Location ${pdfTextString(opts.location)}`);
    if (isCertification) {
      parts.push('/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 2 /V /1.2 >> >>]');
    }
    return { text: parts.join(' ') };
  };

  const certBytes = opts.key.certificate.length + opts.key.chain.reduce((n, c) => n + c.length, 0);
  let capacity = certBytes + 6144 + (opts.timestamp ? 12288 : 0);
  for (let attempt = 0; attempt < 3; attempt++) {
    const out = serializeUpdate({
      original,
      objects,
      sigRef,
      sigDict: sigDictText,
      xrefKind: lastXref.kind,
      prevXref: lastXref.offset,
      size,
      trailer: { root: rootRef, info: ctx.trailerInfo.Info, id: [oldId ?? newId, newId] },
      contentsHexLength: capacity * 2,
    });
    const { bytes } = out;
    const byteRange = [0, out.contentsAt, out.contentsEnd, bytes.length - out.contentsEnd];
    const rangeText = `[${byteRange.join(' ')}]`.padEnd(byteRangeWidth, ' ');
    if (rangeText.length > byteRangeWidth) throw new BerkasError('PDF_TOO_LARGE', `PDF ${opts.fileName} terlalu besar untuk ditandatangani.`, { file: opts.fileName });
    bytes.set(latin1(rangeText), out.byteRangeAt);
    const digest = createHash('sha256')
      .update(bytes.subarray(0, out.contentsAt))
      .update(bytes.subarray(out.contentsEnd))
      .digest();
    const { cms, isTimestamped } = await buildCadesSignature(opts.key, digest, opts.timestamp);
    if (cms.length > capacity) {
      capacity = cms.length + 4096;
      continue;
    }
    bytes.set(latin1(Buffer.from(cms).toString('hex').toUpperCase()), out.contentsAt + 1);
    return {
      pdf: bytes,
      fieldName,
      role: placement.role,
      documentId,
      unsignedSha256,
      isTimestamped,
      isCertification,
      page: placement.pageIndex + 1,
    };
  }
  throw new BerkasError('SIGNATURE_TOO_LARGE', 'Tanda tangan CMS tidak muat di ruang yang disediakan.', { file: opts.fileName });
}
