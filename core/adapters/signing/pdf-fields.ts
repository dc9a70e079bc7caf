/**
 * Reads the form fields and signature dictionaries of a parsed PDF (pdf-lib,
 * read-only): which names are taken, which signatures exist, and what each
 * one's /ByteRange, /Contents and DocMDP say.
 */
import { BerkasError } from '../../domain/errors';
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';

export const N = (name: string) => PDFName.of(name);

export function dictAt(doc: PDFDocument, obj: PDFObject | undefined): PDFDict | undefined {
  const resolved = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  return resolved instanceof PDFDict ? resolved : undefined;
}

export function arrayAt(doc: PDFDocument, obj: PDFObject | undefined): PDFArray | undefined {
  const resolved = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  return resolved instanceof PDFArray ? resolved : undefined;
}

export function nameOf(obj: PDFObject | undefined): string | null {
  return obj instanceof PDFName ? obj.decodeText() : null;
}

export function textOf(doc: PDFDocument, obj: PDFObject | undefined): string | null {
  const resolved = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  if (resolved instanceof PDFString || resolved instanceof PDFHexString) return resolved.decodeText();
  return null;
}

export function numberOf(doc: PDFDocument, obj: PDFObject | undefined): number | null {
  const resolved = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  return resolved instanceof PDFNumber ? resolved.asNumber() : null;
}

/**
 * PDFHexString.asBytes, the same bytes: a signature's /Contents is thousands of hex digits, which pdf-lib
 * decodes with a parseInt per pair. Digits only (as every signer writes them) are decoded by Node at once,
 * an odd count padded with a 0 as pdf-lib pads it (ISO 32000 7.3.4.3); anything else (whitespace, stray
 * characters) goes through pdf-lib's own decoding, whose every quirk then stays the verdict's. Node stops
 * at the first pair that is not two digits, so a short count is what tells the two apart.
 */
export function hexBytes(hex: PDFHexString): Uint8Array {
  const digits = hex.asString();
  const out = new Uint8Array((digits.length + 1) >> 1);
  const written = Buffer.from(out.buffer).write(digits.length % 2 === 1 ? `${digits}0` : digits, 'hex');
  return written === out.length ? out : hex.asBytes();
}

export interface FieldSignature {
  fieldName: string;
  field: PDFDict;
  sigRef: PDFRef | null;
  sig: PDFDict;
  subFilter: string;
  byteRange: number[] | null;
  contents: Uint8Array | null;
  /** /M as written, e.g. "D:20210617140500+07'00'". */
  m: string | null;
  /** DocMDP permission (1, 2, 3) when this is a certification signature, else null. */
  docMdp: number | null;
}

export interface FormFields {
  names: string[];
  signatures: FieldSignature[];
}

function docMdpOf(doc: PDFDocument, sig: PDFDict, sigRef: PDFRef | null): number | null {
  const refs = arrayAt(doc, sig.get(N('Reference')));
  if (refs) {
    for (let i = 0; i < refs.size(); i++) {
      const r = dictAt(doc, refs.get(i));
      if (r && nameOf(r.get(N('TransformMethod'))) === 'DocMDP') {
        const params = dictAt(doc, r.get(N('TransformParams')));
        return numberOf(doc, params?.get(N('P'))) ?? 2;
      }
    }
  }
  // A certification is also announced from the catalog's /Perms.
  const perms = dictAt(doc, doc.catalog.get(N('Perms')));
  const docMdpRef = perms?.get(N('DocMDP'));
  if (sigRef && docMdpRef instanceof PDFRef && docMdpRef === sigRef) return 2;
  return null;
}

/** `fileName` names the PDF in a refusal; the server's own readers (intake, review) have none to give. */
export function readFormFields(doc: PDFDocument, fileName?: string): FormFields {
  const names: string[] = [];
  const signatures: FieldSignature[] = [];
  // pdf-lib loads a file with a broken or missing /Root without complaint; its catalog is then absent.
  const catalog = (doc as { catalog?: PDFDocument['catalog'] }).catalog;
  if (!(catalog instanceof PDFDict)) {
    throw new BerkasError('PDF_STRUCTURE', 'PDF tidak dapat dibaca: katalog dokumen (/Root) tidak ada atau rusak.', { file: fileName });
  }
  const acroForm = dictAt(doc, catalog.get(N('AcroForm')));
  const fields = arrayAt(doc, acroForm?.get(N('Fields')));
  const seen = new Set<PDFDict>();

  const visit = (obj: PDFObject | undefined, parentName: string, inheritedFt: string | null, depth: number) => {
    const field = dictAt(doc, obj);
    if (!field || seen.has(field) || depth > 32) return;
    seen.add(field);
    const partial = textOf(doc, field.get(N('T')));
    const fullName = partial === null ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const ft = nameOf(field.get(N('FT'))) ?? inheritedFt;
    if (partial !== null) names.push(fullName);
    const v = field.get(N('V'));
    if (ft === 'Sig' && v !== undefined) {
      const sig = dictAt(doc, v);
      if (sig) {
        const br = arrayAt(doc, sig.get(N('ByteRange')));
        const byteRange = br ? Array.from({ length: br.size() }, (_, i) => numberOf(doc, br.get(i)) ?? -1) : null;
        const contentsObj = sig.get(N('Contents'));
        const contents = contentsObj instanceof PDFHexString ? hexBytes(contentsObj) : contentsObj instanceof PDFString ? contentsObj.asBytes() : null;
        const sigRef = v instanceof PDFRef ? v : null;
        signatures.push({
          fieldName: fullName,
          field,
          sigRef,
          sig,
          subFilter: nameOf(sig.get(N('SubFilter'))) ?? '',
          byteRange,
          contents,
          m: textOf(doc, sig.get(N('M'))),
          docMdp: docMdpOf(doc, sig, sigRef),
        });
      }
    }
    const kids = arrayAt(doc, field.get(N('Kids')));
    if (kids) for (let i = 0; i < kids.size(); i++) visit(kids.get(i), fullName, ft, depth + 1);
  };

  if (fields) for (let i = 0; i < fields.size(); i++) visit(fields.get(i), '', null, 0);
  return { names, signatures };
}
