/** The DocumentRenderer port: PDF/A-2b documents laid out with this folder's engine. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DocumentRenderer } from '../../ports';
import { loadFontFiles } from './fonts';
import { loadSrgbProfile } from './pdfa';
import { renderRencanaAksiPdf } from './rencana-aksi-pdf';

/** The regional emblem for the kop surat, when assets/logos/<profile>.png exists. */
export async function loadLogo(assetsDir: string, profileId: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await fs.readFile(path.join(assetsDir, 'logos', `${profileId}.png`)));
  } catch {
    return undefined;
  }
}

export function createDocumentRenderer(assetsDir: string): DocumentRenderer {
  return {
    async renderRencanaAksi(input) {
      const [fonts, iccProfile, logoPng] = await Promise.all([loadFontFiles(assetsDir), loadSrgbProfile(assetsDir), loadLogo(assetsDir, input.regionId)]);
      return renderRencanaAksiPdf(input, { fonts, iccProfile, ...(logoPng ? { logoPng } : {}) });
    },
  };
}
