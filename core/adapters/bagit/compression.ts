/**
 * Which files go into a package as they are (STORED) rather than deflated:
 * formats that are already compressed gain nothing from a second pass and
 * cost the most time (issue 5 item 5; the bench's ratio to `zip -r -6`).
 */
const alreadyCompressed = new Set([
  // archives
  'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'jar', 'war', 'apk', 'aab', 'ipa', 'cab', 'lz', 'lzma', 'br',
  // images
  'jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'heif', 'avif', 'jp2', 'jxl',
  // audio and video
  'mp3', 'mp4', 'm4a', 'm4v', 'aac', 'ogg', 'oga', 'opus', 'webm', 'mkv', 'mov', 'avi', 'wmv', 'flac',
  // documents that are ZIP or compressed streams inside
  'pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'epub',
  // fonts
  'woff', 'woff2',
]);

export function isAlreadyCompressed(fileName: string): boolean {
  const base = fileName.split('/').pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 && alreadyCompressed.has(base.slice(dot + 1).toLowerCase());
}

/** The deflate level for everything else: zip's default, the bench's yardstick. */
export const deflateLevel = 6;
