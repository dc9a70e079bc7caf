/** Fired after a document is signed, sent or revised, so Beranda, the lists and the header read their states again. */
export const documentsChangedEvent = 'berkas:documents-changed';

export function announceDocumentsChanged(): void {
  window.dispatchEvent(new Event(documentsChangedEvent));
}
