/**
 * Files in and out of the renderer. The contract carries bytes as base64; the
 * browser hands files over as Blobs and takes a download as a Blob URL (which
 * Electron lets through only for blob: URLs of the app itself). No Node here.
 */

const chunk = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  // String.fromCharCode in chunks: spreading megabytes at once overflows the call stack.
  let binary = '';
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Bytes a base64 text stands for, without decoding it. */
export function base64Size(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
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

/** Whether a picked file's name ends with one of the accepted extensions (".p12,.pfx"). */
export function hasExtension(fileName: string, accept: string): boolean {
  const lower = fileName.toLowerCase();
  return accept.split(',').some((ext) => lower.endsWith(ext.trim().toLowerCase()));
}
