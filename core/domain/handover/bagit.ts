/**
 * The text side of a BagIt bag (RFC 8493): the rules for names that go into
 * manifests, the tag files Berkas writes, and the parsers the verifier uses on
 * bags that may come from anywhere. Pure, so the writer, the verifier and the
 * server share one reading of the format.
 */

export const bagitTxt = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const manifestName = 'manifest-sha256.txt';
export const tagManifestName = 'tagmanifest-sha256.txt';

/**
 * Most files one package may hold: below the ZIP reader's entry limit
 * (core/adapters/zip-reader, 200 000) with room for tag files, so every
 * package Berkas writes can be read back by Berkas and by the server.
 */
export const maxPackageFiles = 190_000;

/**
 * Why a path cannot go into a bag, or null. RFC 8493 would percent-encode %,
 * CR and LF in manifests; many tools get that wrong, so Berkas refuses such
 * names and asks the officer to rename the file (issue 5 item 5). Backslashes
 * and control characters are refused for the same reason: our own reader
 * refuses them in a ZIP, so a bag with them could not be verified.
 */
export function badBagNameReason(path: string): string | null {
  if (path.includes('%')) return 'mengandung tanda persen (%)';
  if (/[\r\n]/.test(path)) return 'mengandung ganti baris (CR atau LF)';
  if (path.includes('\\')) return 'mengandung garis miring terbalik (\\)';
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'mengandung karakter kendali';
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return 'memuat bagian jalur kosong, "." atau ".."';
  if (segments.some((s) => s !== s.trim())) return 'memuat nama yang diawali atau diakhiri spasi';
  return null;
}

/** The message for a refused name, naming the file. */
export function badBagNameMessage(path: string, reason: string): string {
  const shown = JSON.stringify(path).slice(1, -1);
  return `Nama berkas "${shown}" ${reason}. Ganti nama berkas itu lalu lampirkan lagi; nama seperti ini tidak dapat dimasukkan ke paket BagIt.`;
}

/**
 * One key per name as a case-insensitive, Unicode-normalising file system
 * (Windows, macOS) sees it: two names with the same key would overwrite each
 * other when the bag is unpacked there.
 */
export function foldName(path: string): string {
  return path.normalize('NFC').toUpperCase().toLowerCase();
}

/** Pairs of paths that collide once case and Unicode normalisation are folded. */
export function findFoldCollisions(paths: readonly string[]): [string, string][] {
  const seen = new Map<string, string>();
  const collisions: [string, string][] = [];
  for (const p of paths) {
    const key = foldName(p);
    const first = seen.get(key);
    if (first !== undefined) collisions.push([first, p]);
    else seen.set(key, p);
  }
  return collisions;
}

/** "Payload-Oxum": OctetCount.StreamCount. */
export function payloadOxum(bytes: number, files: number): string {
  return `${bytes}.${files}`;
}

/** "Bag-Size": approximate, with a unit as RFC 8493 §2.2.2 shows ("42.6 GB"). */
export function bagSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** A tag value on one line: tag files are line-based, so breaks become spaces. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/** bag-info.txt from ordered label/value pairs (labels may repeat, values are one line each). */
export function formatBagInfo(fields: readonly [string, string][]): string {
  return fields
    .filter(([, value]) => oneLine(value) !== '')
    .map(([label, value]) => `${label}: ${oneLine(value)}\n`)
    .join('');
}

/** A manifest: one "<sha256>  <path>" line per file, sorted so equal bags give equal bytes. */
export function formatManifest(entries: readonly { path: string; sha256: string }[]): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => `${e.sha256}  ${e.path}\n`)
    .join('');
}

export interface ParsedManifest {
  /** path -> lower-case hex digest */
  entries: Map<string, string>;
  problems: string[];
}

/** Reads a manifest from any tool: tolerant of CRLF and tabs, strict about digests and duplicates. */
export function parseManifest(text: string, fileName: string, digestLength = 64): ParsedManifest {
  const entries = new Map<string, string>();
  const problems: string[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const m = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(raw);
    if (!m || (m[1] as string).length !== digestLength) {
      problems.push(`${fileName} baris ${i + 1}: bukan "<sha256> <jalur>"`);
      return;
    }
    // RFC 8493 §2.1.3: only %0A, %0D and %25 are encoded in manifest paths.
    const path = (m[2] as string).replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
    const cleaned = path.startsWith('./') ? path.slice(2) : path;
    if (entries.has(cleaned)) problems.push(`${fileName} baris ${i + 1}: jalur ${cleaned} tercantum dua kali`);
    else entries.set(cleaned, (m[1] as string).toLowerCase());
  });
  return { entries, problems };
}

/** Label/value pairs of a tag file (bagit.txt, bag-info.txt), with indented continuation lines joined. */
export function parseTagFile(text: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const raw of text.split(/\r\n|\n|\r/)) {
    if (raw.trim() === '') continue;
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(raw) && last) {
      last[1] = `${last[1]} ${raw.trim()}`;
      continue;
    }
    const colon = raw.indexOf(':');
    if (colon <= 0) continue;
    fields.push([raw.slice(0, colon).trim(), raw.slice(colon + 1).trim()]);
  }
  return fields;
}

/** The first value of a label in parsed tag fields (labels compare case-insensitively). */
export function tagValue(fields: readonly [string, string][], label: string): string | undefined {
  return fields.find(([l]) => l.toLowerCase() === label.toLowerCase())?.[1];
}

/** "12345.67" -> {bytes, files}, or null when malformed. */
export function parseOxum(value: string | undefined): { bytes: number; files: number } | null {
  const m = /^(\d+)\.(\d+)$/.exec((value ?? '').trim());
  return m ? { bytes: Number(m[1]), files: Number(m[2]) } : null;
}
