/**
 * What makes a pdf-lib document PDF/A-2b (ISO 19005-2, level B): an XMP
 * metadata stream that agrees with the Info dictionary and declares
 * pdfaid:part 2 / conformance B, an sRGB output intent with an embedded ICC
 * profile (assets/icc/srgb.icc, made by assets/icc/make-srgb-icc.mjs), a
 * trailer /ID, and embedded fonts (fonts.ts). Only DeviceRGB colours are
 * drawn, which the output intent makes device-independent.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { BerkasError } from '../../domain/errors';
import { toPdfDate } from '../../domain/signing/indonesian-date';

export interface PdfAMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creatorTool: string;
  producer: string;
  createdAt: Date;
  offsetMinutes: number;
  /** Written as xmpMM:DocumentID "urn:berkas:doc:<id>"; the QR code of a signature names it. */
  documentId: string;
  /** BCP 47, e.g. "id-ID". */
  language: string;
}

let iccCache: Promise<Uint8Array> | null = null;

export function loadSrgbProfile(assetsDir: string): Promise<Uint8Array> {
  if (!iccCache) {
    const file = path.join(assetsDir, 'icc', 'srgb.icc');
    iccCache = fs.readFile(file).then(
      (b) => new Uint8Array(b),
      (err: NodeJS.ErrnoException) => {
        iccCache = null;
        throw new BerkasError('ICC_MISSING', `Profil warna sRGB tidak ditemukan di ${file} (${err.code ?? 'galat'}); pasang ulang Berkas.`, {
          file,
          errno: err.code ?? 'unknown',
        });
      },
    );
  }
  return iccCache;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** ISO 8601 with the same local offset as the Info dictionary's PDF date, so the two agree exactly. */
function xmpDate(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${local.toISOString().slice(0, 19)}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

export function xmpPacket(meta: PdfAMetadata): string {
  const date = xmpDate(meta.createdAt, meta.offsetMinutes);
  const keywords = meta.keywords.join(', ');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${xmlEscape(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>${xmlEscape(meta.language)}</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreatorTool>${xmlEscape(meta.creatorTool)}</xmp:CreatorTool>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>${xmlEscape(meta.producer)}</pdf:Producer>
   <pdf:Keywords>${xmlEscape(keywords)}</pdf:Keywords>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <xmpMM:DocumentID>urn:berkas:doc:${xmlEscape(meta.documentId)}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:${randomUUID()}</xmpMM:InstanceID>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
${' '.repeat(100)}
<?xpacket end="w"?>`;
}

/** A PDF text string: PDFString for ASCII, UTF-16 (PDFHexString) otherwise. */
function textString(text: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(text) ? PDFString.of(text) : PDFHexString.fromText(text);
}

export function applyPdfA(doc: PDFDocument, meta: PdfAMetadata, iccProfile: Uint8Array): void {
  const ctx = doc.context;
  const pdfDate = PDFString.of(toPdfDate(meta.createdAt, meta.offsetMinutes));
  const info = ctx.obj({});
  info.set(PDFName.of('Title'), textString(meta.title));
  info.set(PDFName.of('Author'), textString(meta.author));
  info.set(PDFName.of('Subject'), textString(meta.subject));
  info.set(PDFName.of('Keywords'), textString(meta.keywords.join(', ')));
  info.set(PDFName.of('Creator'), textString(meta.creatorTool));
  info.set(PDFName.of('Producer'), textString(meta.producer));
  info.set(PDFName.of('CreationDate'), pdfDate);
  info.set(PDFName.of('ModDate'), pdfDate);
  ctx.trailerInfo.Info = ctx.register(info);

  // The XMP stream is left uncompressed, as PDF/A wants it readable by any tool.
  const xmp = ctx.stream(Buffer.from(xmpPacket(meta), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(xmp));

  const icc = ctx.flateStream(iccProfile, { N: 3 });
  const intent = ctx.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: ctx.register(icc),
  });
  doc.catalog.set(PDFName.of('OutputIntents'), ctx.obj([ctx.register(intent)]));
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.language));
  doc.catalog.set(PDFName.of('ViewerPreferences'), ctx.obj({ DisplayDocTitle: true }));

  const id = createHash('sha256').update(`${meta.documentId}|${meta.createdAt.toISOString()}`).digest('hex').slice(0, 32).toUpperCase();
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

export interface BerkasPdfMeta extends Omit<PdfAMetadata, 'creatorTool' | 'producer' | 'language'> {
  appVersion: string;
}

/**
 * How every document Berkas renders ends: PDF/A metadata naming Berkas as its
 * creator, in Indonesian, then saved without object streams and without
 * regenerated field appearances, so the signer can append to it as it is.
 */
export function saveBerkasPdfA(doc: PDFDocument, meta: BerkasPdfMeta, iccProfile: Uint8Array): Promise<Uint8Array> {
  const { appVersion, ...rest } = meta;
  applyPdfA(doc, { ...rest, creatorTool: `Berkas ${appVersion}`, producer: `Berkas ${appVersion} (pdf-lib)`, language: 'id-ID' }, iccProfile);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
