/**
 * Files in and out of the renderer: the contract carries bytes as base64, the
 * browser hands them over as Blobs. No Node here (the renderer has none).
 */

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  // String.fromCharCode in chunks: spreading megabytes at once overflows the call stack.
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** Hands bytes to the browser (or Electron) as a download with the given name. */
export function downloadBytes(bytes: Uint8Array<ArrayBuffer>, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has taken the bytes once the click has been handled; a minute is ample.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The file types the import accepts, for <input accept> and for checking a dropped name. */
export const PLAN_FILE_ACCEPT = '.xlsx,.csv,.tsv';
export const CATALOG_FILE_ACCEPT = '.json,.csv,.xlsx';
