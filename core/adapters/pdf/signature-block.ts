/**
 * The signature block every Berkas document ends with (rencana aksi, report,
 * berita acara): the closing sentence, then one column per signatory — place
 * and date, caption, jabatan, the box the signer's stamp goes in, name
 * (underlined) and NIP — laid out as an Indonesian official letter does.
 *
 * Every line wraps inside its own column, columns never share a point, and the
 * stamp box is never wider than its column: long Indonesian names with their
 * academic and religious titles ("Dr. dr. Hj. Raden Ajeng … M.Kes., Sp.KKLP")
 * and three-line jabatan stay legible and apart. Stamp boxes of all columns sit
 * on one line, under the tallest heading, as on a paper letter.
 */
import type { PDFPage } from 'pdf-lib';
import type { Signatory } from '../../domain/signing/documents';
import type { SignatureRole } from '../../domain/signing/stamp';
import { stampSize } from '../signing/stamp-appearance';
import { colors, wrapText, type FlowLayout } from './layout';
import type { SignatureSlot } from './signature-slots';

export interface SignatureColumn {
  role: SignatureRole;
  who: Signatory;
  /** "Pontianak, 17 Juni 2021" over the column that dates the document; '' elsewhere. */
  placeDate: string;
}

export interface SignatureBlockOptions {
  closing: string;
  /** Left to right; one column is set at the right margin. */
  columns: SignatureColumn[];
}

const captionSize = 9.5;
const lineHeight = captionSize * 1.35;
const columnGap = 24;
const nameUnderlineGap = 1.5;
const blank = { name: '.......................................', nip: '..................................' };

interface ColumnLines {
  head: { text: string; isBold: boolean }[];
  foot: { text: string; isBold: boolean; isUnderlined: boolean }[];
}

function linesOf(layout: FlowLayout, column: SignatureColumn, width: number): ColumnLines {
  const wrap = (text: string, isBold: boolean) => (text ? wrapText(text, layout.font(isBold ? 'bold' : 'regular'), captionSize, width) : []);
  return {
    head: [
      ...wrap(column.placeDate, false).map((text) => ({ text, isBold: false })),
      ...wrap(column.who.caption, false).map((text) => ({ text, isBold: false })),
      ...wrap(column.who.jabatan, true).map((text) => ({ text, isBold: true })),
    ],
    foot: [
      ...wrap(column.who.name || blank.name, true).map((text) => ({ text, isBold: true, isUnderlined: true })),
      ...wrap(`NIP ${column.who.nip || blank.nip}`, false).map((text) => ({ text, isBold: false, isUnderlined: false })),
    ],
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Draws the block on one page (moving to a new one if it does not fit) and returns where each stamp goes. */
export function drawSignatureBlock(layout: FlowLayout, options: SignatureBlockOptions): { pageIndex: number; slots: SignatureSlot[] } {
  const count = options.columns.length;
  const columnWidth = count === 1 ? Math.min(layout.contentWidth, Math.max(stampSize.width + 16, layout.contentWidth * 0.5)) : (layout.contentWidth - columnGap * (count - 1)) / count;
  const stampWidth = Math.min(stampSize.width, columnWidth);
  const lines = options.columns.map((c) => linesOf(layout, c, columnWidth));
  const headLines = Math.max(...lines.map((l) => l.head.length));
  const footLines = Math.max(...lines.map((l) => l.foot.length));
  const blockHeight = headLines * lineHeight + 6 + stampSize.height + 4 + footLines * lineHeight + 8;
  const closingStyle = { size: 9.5 } as const;
  // The closing sentence and the signatures share a page: a signature never stands alone.
  layout.ensure(layout.measure(options.closing, closingStyle) + 14 + blockHeight);
  layout.space(14);
  layout.text(options.closing, closingStyle);
  layout.space(6);

  const page = layout.currentPage;
  const top = layout.y;
  const stampTop = top - headLines * lineHeight - 6;
  const slots: SignatureSlot[] = [];
  options.columns.forEach((column, i) => {
    const x = count === 1 ? layout.left + layout.contentWidth - columnWidth : layout.left + i * (columnWidth + columnGap);
    const own = lines[i]!;
    // Headings end right above the stamp whatever their length, so every column's stamp is on one line.
    let y = top - (headLines - own.head.length) * lineHeight;
    for (const line of own.head) {
      y -= lineHeight;
      layout.drawLine(page, line.text, x, y, columnWidth, { font: line.isBold ? 'bold' : 'regular', size: captionSize, align: 'center' });
    }
    const x1 = x + (columnWidth - stampWidth) / 2;
    const y1 = stampTop - stampSize.height;
    slots.push({ role: column.role, rect: [round(x1), round(y1), round(x1 + stampWidth), round(stampTop)] });
    y = y1 - 4;
    for (const line of own.foot) {
      y -= lineHeight;
      layout.drawLine(page, line.text, x, y, columnWidth, { font: line.isBold ? 'bold' : 'regular', size: captionSize, align: 'center' });
      if (line.isUnderlined) underline(page, layout, line.text, x, y, columnWidth);
    }
  });
  layout.y = top - blockHeight;
  return { pageIndex: layout.pageIndex, slots };
}

function underline(page: PDFPage, layout: FlowLayout, text: string, x: number, baseline: number, width: number): void {
  const textWidth = Math.min(layout.font('bold').widthOfTextAtSize(text, captionSize), width);
  page.drawLine({
    start: { x: x + (width - textWidth) / 2, y: baseline - nameUnderlineGap },
    end: { x: x + (width + textWidth) / 2, y: baseline - nameUnderlineGap },
    thickness: 0.6,
    color: colors.ink,
  });
}
