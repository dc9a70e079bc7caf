import { PDFName, PDFString, type PDFDocument, type PDFPage } from 'pdf-lib';
import { toPdfDate } from '../../domain/signing/indonesian-date';
import type { SignatureRole } from '../../domain/signing/stamp';

/** Where a signature goes on the page: the box the layout left for that role's stamp. */
export interface SignatureSlot {
  role: SignatureRole;
  rect: [number, number, number, number];
}

/**
 * Records the signature boxes in the page's /PieceInfo (ISO 32000 §14.5), where
 * the signer (pades-signer.ts) finds them to place each stamp in its own box.
 * Every document renderer writes them the same way, so every document signs alike.
 */
export function recordSignatureSlots(doc: PDFDocument, page: PDFPage, slots: SignatureSlot[], date: Date, offsetMinutes: number): void {
  const ctx = doc.context;
  const slotDicts = slots.map((s) => ctx.obj({ Role: s.role, Rect: s.rect }));
  const data = ctx.obj({ LastModified: PDFString.of(toPdfDate(date, offsetMinutes)), Private: ctx.obj({ SignatureSlots: ctx.obj(slotDicts) }) });
  page.node.set(PDFName.of('PieceInfo'), ctx.obj({ Berkas: data }));
}
