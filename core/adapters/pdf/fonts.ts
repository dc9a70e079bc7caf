/**
 * The fonts every Berkas PDF embeds: DejaVu Sans (regular and bold), copied
 * with their licence into assets/fonts. pdf-lib's standard 14 fonts are never
 * used: they are not embedded, which PDF/A forbids, and they cannot write
 * every character of an Indonesian name.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { BerkasError } from '../../domain/errors';

export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface EmbeddedFonts {
  regular: PDFFont;
  bold: PDFFont;
}

const cache = new Map<string, Promise<FontFiles>>();

export function loadFontFiles(assetsDir: string): Promise<FontFiles> {
  const dir = path.join(assetsDir, 'fonts');
  let files = cache.get(dir);
  if (!files) {
    files = (async () => {
      try {
        const [regular, bold] = await Promise.all([
          fs.readFile(path.join(dir, 'DejaVuSans.ttf')),
          fs.readFile(path.join(dir, 'DejaVuSans-Bold.ttf')),
        ]);
        return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
      } catch (err) {
        cache.delete(dir);
        const errno = (err as NodeJS.ErrnoException).code;
        throw new BerkasError('FONT_MISSING', `Huruf DejaVu Sans tidak ditemukan di ${dir} (${errno ?? 'galat'}); pasang ulang Berkas.`, { dir, errno: errno ?? 'unknown' });
      }
    })();
    cache.set(dir, files);
  }
  return files;
}

/** Embeds subsets (only the glyphs used) of both faces into `doc`. */
export async function embedFonts(doc: PDFDocument, files: FontFiles): Promise<EmbeddedFonts> {
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(files.regular, { subset: true }),
    doc.embedFont(files.bold, { subset: true }),
  ]);
  return { regular, bold };
}
