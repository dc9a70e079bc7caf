/**
 * How large a PDF Berkas will sign or verify. A rencana aksi is well under a
 * megabyte; the limit only keeps a mistaken choice (a scanned archive, a video
 * renamed .pdf) from being read into memory whole. Checked from the file size
 * before anything is read.
 */
export const maxPdfBytes = 100 * 1024 * 1024;

/** Most PKCS#12 files are a few kilobytes; anything huge is not one. */
export const maxP12Bytes = 1024 * 1024;
