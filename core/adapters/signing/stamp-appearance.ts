/**
 * The visible signature: a framed stamp with a QR code (document id and
 * SHA-256 of the unsigned content) and who signed, when, under which
 * certificate. Drawn as the /N appearance stream of the signature widget,
 * with its own embedded font subset, so it never touches page content.
 */
import type { PDFFont } from 'pdf-lib';
import type { StampText } from '../../domain/signing/stamp';
import { qrMatrix, qrPathOperators } from '../pdf/qr';

export const stampSize = { width: 230, height: 80 } as const;

export interface StampFonts {
  regular: PDFFont;
  bold: PDFFont;
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

interface Line {
  text: string;
  font: PDFFont;
  size: number;
  color: string;
}

/** Shrinks to `minSize`, then cuts with an ellipsis, so a long name never spills out of the frame. */
function fit(line: Line, width: number, minSize: number): Line {
  let size = line.size;
  while (size > minSize && line.font.widthOfTextAtSize(line.text, size) > width) size -= 0.25;
  let text = line.text;
  while (text.length > 1 && line.font.widthOfTextAtSize(text, size) > width) text = text.slice(0, -2) + '…';
  return { ...line, size, text };
}

/** Content stream operators for the stamp; font resource names F1 (regular) and F2 (bold). */
export function stampOperators(fonts: StampFonts, text: StampText, qrText: string, width: number = stampSize.width, height: number = stampSize.height): string {
  const pad = 4;
  const qrSide = height - 2 * pad;
  const textX = pad + qrSide + 6;
  const textWidth = width - textX - pad;
  const ink = '0.1 0.1 0.1 rg';
  const lines: Line[] = [
    { text: text.heading, font: fonts.regular, size: 6, color: '0.3 0.3 0.3 rg' },
    { text: text.name, font: fonts.bold, size: 8.5, color: ink },
    ...text.lines.map((t) => ({ text: t, font: fonts.regular, size: 6.5, color: ink })),
    ...(text.warning ? [{ text: text.warning.toUpperCase(), font: fonts.bold, size: 6.5, color: '0.75 0.1 0.1 rg' }] : []),
  ].map((l) => fit(l, textWidth, 5));

  const ops: string[] = ['q', '1 1 1 rg', `0 0 ${fmt(width)} ${fmt(height)} re f`];
  ops.push('0.13 0.33 0.55 RG', '0.8 w', `0.4 0.4 ${fmt(width - 0.8)} ${fmt(height - 0.8)} re S`);
  ops.push('0 0 0 rg', qrPathOperators(qrMatrix(qrText), pad, pad, qrSide));
  const totalHeight = lines.reduce((h, l) => h + l.size * 1.25, 0);
  let y = height / 2 + totalHeight / 2;
  for (const line of lines) {
    y -= line.size * 1.25;
    const resource = line.font === fonts.bold ? 'F2' : 'F1';
    ops.push(line.color, 'BT', `/${resource} ${fmt(line.size)} Tf`, `${fmt(textX)} ${fmt(y + line.size * 0.25)} Td`, `${line.font.encodeText(line.text).toString()} Tj`, 'ET');
  }
  ops.push('Q');
  return ops.join('\n');
}
