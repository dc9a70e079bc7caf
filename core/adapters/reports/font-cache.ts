/**
 * Fonts that remember what they measured and encoded. fontkit lays out
 * every string again on each width query and each drawText; a 20,000-row
 * asset register repeats the same codes, categories, rooms and makes
 * thousands of times and would spend most of its time there. The wrapper
 * is the same PDFFont (same embedded subset, same resource) with two caches.
 */
import type { PDFFont, PDFHexString } from 'pdf-lib';
import type { EmbeddedFonts } from '../pdf/fonts';

/** Distinct strings remembered per font, so a hostile document cannot grow the cache without bound. */
const MAX_ENTRIES = 200_000;

function remember(font: PDFFont): PDFFont {
  const widths = new Map<string, number>();
  const encoded = new Map<string, PDFHexString>();
  const cached = Object.create(font) as PDFFont;
  // Widths scale linearly with size (pdf-lib: advance × size / 1000), so one entry per text serves every size.
  cached.widthOfTextAtSize = (text: string, size: number) => {
    let unit = widths.get(text);
    if (unit === undefined) {
      unit = font.widthOfTextAtSize(text, 1000);
      if (widths.size < MAX_ENTRIES) widths.set(text, unit);
    }
    return (unit * size) / 1000;
  };
  // The subset embedder adds the glyphs on the first encoding; later ones are the same hex string.
  cached.encodeText = (text: string) => {
    let hex = encoded.get(text);
    if (hex === undefined) {
      hex = font.encodeText(text);
      if (encoded.size < MAX_ENTRIES) encoded.set(text, hex);
    }
    return hex;
  };
  return cached;
}

export function rememberingFonts(fonts: EmbeddedFonts): EmbeddedFonts {
  return { regular: remember(fonts.regular), bold: remember(fonts.bold) };
}
