/**
 * Files in and out of the signing screens: the shared byte helpers, plus what
 * only these screens need.
 */
export { base64Size, base64ToBytes, bytesToBase64, downloadBytes, fileToBase64 } from '../../lib/files';

/** "1,2 MB", "830 KB", "512 B": sizes in messages, Indonesian decimal comma. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1).replace('.', ',')} MB`;
}

/** Whether a picked file's name ends with one of the accepted extensions (".p12,.pfx"). */
export function hasExtension(fileName: string, accept: string): boolean {
  const lower = fileName.toLowerCase();
  return accept.split(',').some((ext) => lower.endsWith(ext.trim().toLowerCase()));
}

export const certificateFileAccept = '.p12,.pfx';
export const trustRootFileAccept = '.pem,.cer,.crt,.der';
export const pdfFileAccept = '.pdf';
