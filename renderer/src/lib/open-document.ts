import type { DocumentKind } from '@core/domain/documents/model';
import { hrefOf, type Route } from './routes';

/**
 * Where each kind of document is edited, and the session key under which
 * that screen remembers the open one (it reads the key when it mounts). One
 * table, so Beranda and the Dokumen list open a draft the way the screens do.
 */
export const documentScreens = {
  'rencana-aksi': { route: 'rencana-aksi', openKey: 'berkas.rencanaAksi.open' },
  laporan: { route: 'laporan', openKey: 'berkas.laporan.open' },
  'serah-terima': { route: 'serah-terima', openKey: 'berkas.handover.open' },
} as const satisfies Record<DocumentKind, { route: Route; openKey: string }>;

/** The document a screen has open, kept across a reload of the page (its id only; the document itself is in the store). */
export function readOpenDocument(kind: DocumentKind): string | null {
  try {
    return window.sessionStorage.getItem(documentScreens[kind].openKey);
  } catch {
    return null;
  }
}

/** Keeps (or, with null, forgets) the document a screen has open. */
export function writeOpenDocument(kind: DocumentKind, id: string | null): void {
  const key = documentScreens[kind].openKey;
  try {
    if (id) window.sessionStorage.setItem(key, id);
    else window.sessionStorage.removeItem(key);
  } catch {
    // Storage refused: the document simply does not reopen after a reload.
  }
}

/** Remembers the document as the open one of its screen, then shows that screen. */
export function openDocument(kind: DocumentKind, id: string): void {
  const screen = documentScreens[kind];
  try {
    window.sessionStorage.setItem(screen.openKey, id);
  } catch {
    // Storage refused: the screen opens on its list, where the document is one click away.
  }
  window.location.hash = hrefOf(screen.route);
}
