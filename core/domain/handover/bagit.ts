/**
 * The text side of a BagIt bag (RFC 8493): the rules for names that go into
 * manifests, the tag files Berkas writes, and the parsers the verifier uses on
 * bags that may come from anywhere. Pure, so the writer, the verifier and the
 * server share one reading of the format.
 */
import { packagePathProblem } from '../files/package-path';

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
 * Why a path cannot go into a bag Berkas writes, or null: the package name
 * policy (core/domain/files/package-path.ts), which every reader applies too,
 * and two rules of the writer's own. RFC 8493 would percent-encode %, CR and
 * LF in manifests; many tools get that wrong, so Berkas refuses such names and
 * asks the officer to rename the file (issue 5 item 5); a leading space is
 * lost by many tools that trim.
 */
export function badBagNameReason(path: string): string | null {
  const problem = packagePathProblem(path);
  if (problem) return problem.message;
  if (path.includes('%')) return 'mengandung tanda persen (%)';
  if (path.split('/').some((s) => s !== s.trimStart())) return 'memuat nama yang diawali spasi';
  return null;
}

/** The message for a refused name, naming the file. */
export function badBagNameMessage(path: string, reason: string): string {
  const shown = JSON.stringify(path).slice(1, -1);
  return `Nama berkas "${shown}" ${reason}. Ganti nama berkas itu lalu lampirkan lagi; nama seperti ini tidak dapat dimasukkan ke paket BagIt.`;
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

/**
 * Label/value pairs of a tag file (bagit.txt, bag-info.txt), with indented
 * continuation lines joined: a lenient reading for values, after the bag has
 * been judged by the strict one (bagit-rules.ts).
 */
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
