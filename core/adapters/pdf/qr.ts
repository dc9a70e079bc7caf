/**
 * QR codes drawn as vector rectangles (crisp at any zoom and print size, and
 * no image to embed). The matrix comes from the `qrcode` package (pure JS).
 */
import { create as createQr } from 'qrcode';

export interface QrMatrix {
  size: number;
  isDark(row: number, col: number): boolean;
}

export function qrMatrix(text: string): QrMatrix {
  const qr = createQr(text, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  return { size, isDark: (row, col) => data[row * size + col] === 1 };
}

/**
 * PDF path operators filling the dark modules of `matrix` in a square of
 * `side` points at (x, y) (lower-left), quiet zone included. Horizontal runs
 * are merged so a code is a few hundred rectangles, not thousands.
 */
export function qrPathOperators(matrix: QrMatrix, x: number, y: number, side: number, quietModules = 2): string {
  const total = matrix.size + 2 * quietModules;
  const m = side / total;
  const f = (n: number) => (Math.round(n * 1000) / 1000).toString();
  const ops: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col++;
      const rx = x + (quietModules + start) * m;
      // Rows count from the top in a QR code, from the bottom in PDF.
      const ry = y + side - (quietModules + row + 1) * m;
      ops.push(`${f(rx)} ${f(ry)} ${f((col - start) * m)} ${f(m)} re`);
    }
  }
  return ops.length ? `${ops.join('\n')}\nf` : '';
}
