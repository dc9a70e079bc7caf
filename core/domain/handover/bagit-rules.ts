/**
 * RFC 8493 as a reader applies it to a bag from anywhere (a vendor's tool, a
 * flash drive, a hostile sender): the bag declaration byte for byte, the tag
 * file format (encoding, BOM, line endings, label/value whitespace), manifest
 * lines with their percent-encoding, manifest names and algorithms. Every
 * refusal carries a named rule, so tests, logs and the verdict say why. Pure:
 * the verifier (core/adapters/bagit/verify.ts) feeds it bytes and hashes.
 */
import { packagePathProblem, packagePathKey, type PackagePathRule } from '../files/package-path';

export type BagRule =
  | 'not-a-bag'
  | 'bagit-txt'
  | 'bagit-version'
  | 'tag-encoding'
  | 'tag-file-bom'
  | 'tag-file-encoding'
  | 'tag-file-line'
  | 'payload-directory-missing'
  | 'manifest-missing'
  | 'manifest-weak-algorithm'
  | 'manifest-unsupported-algorithm'
  | 'manifest-line'
  | 'manifest-percent-encoding'
  | 'manifest-duplicate'
  | 'manifest-unsafe-path'
  | 'manifest-outside-payload'
  | 'manifest-lists-directory'
  | 'tagmanifest-lists-payload'
  | 'tagmanifest-lists-tagmanifest'
  | 'tagmanifest-omits-manifest'
  | 'file-missing'
  | 'file-not-in-manifest'
  | 'checksum-mismatch'
  | 'fetch-txt'
  | 'payload-oxum'
  | 'main-document-missing'
  | 'signature-missing'
  | 'signature-invalid'
  | 'modified-after-signing';

export interface BagIssue {
  rule: BagRule;
  /** Bahasa Indonesia, naming the file and line where there is one. */
  message: string;
  /** The bag-relative path the issue is about. */
  file?: string;
  /** For manifest-unsafe-path: which rule of the package name policy. */
  pathRule?: PackagePathRule;
}

/** Issues about signatures: a bag with only these is a conforming, complete bag whose Berkas document is not signed as it must be. */
export const signatureRules: ReadonlySet<BagRule> = new Set<BagRule>(['main-document-missing', 'signature-missing', 'signature-invalid', 'modified-after-signing']);

/** Issues that leave the bag complete (RFC 8493 §3) but not valid: contents that fail their checksums, checksums Berkas will not rely on. */
export const validityRules: ReadonlySet<BagRule> = new Set<BagRule>(['checksum-mismatch', 'manifest-weak-algorithm', 'manifest-unsupported-algorithm', ...signatureRules]);

/** BagIt versions read: 1.0 (RFC 8493) and 0.97, which older tools (bagit-java 4, Bagger) still write. */
export const supportedBagitVersions = ['1.0', '0.97'] as const;

/**
 * Algorithms with their hex digest length. RFC 8493 §2.4: every tool must
 * support SHA-256 and SHA-512; MD5 and SHA-1 are read for backwards
 * compatibility but are too weak to be a package's only protection.
 */
export const bagAlgorithms: Readonly<Record<string, { hexLength: number; isWeak: boolean }>> = {
  sha512: { hexLength: 128, isWeak: false },
  sha384: { hexLength: 96, isWeak: false },
  sha256: { hexLength: 64, isWeak: false },
  sha224: { hexLength: 56, isWeak: false },
  sha1: { hexLength: 40, isWeak: true },
  md5: { hexLength: 32, isWeak: true },
};

/** "manifest-sha512.txt" -> payload manifest, sha512; null for any other name. */
export function manifestFileOf(name: string): { kind: 'manifest' | 'tagmanifest'; algorithm: string } | null {
  const m = /^(tag)?manifest-([a-z0-9]+)\.txt$/.exec(name);
  return m ? { kind: m[1] ? 'tagmanifest' : 'manifest', algorithm: m[2] as string } : null;
}

/** Where the bag starts in a ZIP: the root, or the single top-level folder holding bagit.txt (RFC 8493 §4.2). */
export function findBagBase(entries: readonly { name: string; isDirectory: boolean }[]): string | null {
  if (entries.some((e) => e.name === 'bagit.txt' && !e.isDirectory)) return '';
  const tops = new Set(entries.map((e) => e.name.split('/')[0]));
  if (tops.size !== 1) return null;
  const top = [...tops][0] as string;
  return entries.some((e) => e.name === `${top}/bagit.txt` && !e.isDirectory) ? `${top}/` : null;
}

function issue(rule: BagRule, message: string, file?: string): BagIssue {
  return file === undefined ? { rule, message } : { rule, message, file };
}

function shown(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** Lines of a tag file: LF, CR or CRLF end a line (§2.3); a last line without one is allowed. */
export function tagFileLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A tag file's bytes as text: UTF-8 without a byte-order mark (§2.3, RFC 3629),
 * or the issue that stops it being read.
 */
export function decodeTagFile(bytes: Uint8Array, fileName: string): { text: string } | { issue: BagIssue } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { issue: issue('tag-file-bom', `${fileName} diawali byte-order mark (BOM); RFC 8493 §2.3 melarangnya pada tag file UTF-8.`, fileName) };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { issue: issue('tag-file-encoding', `${fileName} bukan teks UTF-8 yang sah.`, fileName) };
  }
}

export interface BagDeclaration {
  version: string | null;
  issues: BagIssue[];
}

/** bagit.txt (§2.1.1): exactly "BagIt-Version: M.N" and "Tag-File-Character-Encoding: ENCODING", in that order. */
export function parseBagDeclaration(bytes: Uint8Array): BagDeclaration {
  const decoded = decodeTagFile(bytes, 'bagit.txt');
  if ('issue' in decoded) return { version: null, issues: [decoded.issue] };
  const lines = tagFileLines(decoded.text);
  const issues: BagIssue[] = [];
  const versionLine = /^BagIt-Version: (\d+\.\d+)$/.exec(lines[0] ?? '');
  const encodingLine = /^Tag-File-Character-Encoding: (\S+)$/.exec(lines[1] ?? '');
  if (!versionLine) issues.push(issue('bagit-txt', `bagit.txt baris 1 harus tepat "BagIt-Version: M.N" (ditemukan ${shown(lines[0] ?? '')}).`, 'bagit.txt'));
  if (!encodingLine) issues.push(issue('bagit-txt', `bagit.txt baris 2 harus tepat "Tag-File-Character-Encoding: UTF-8" (ditemukan ${shown(lines[1] ?? '')}).`, 'bagit.txt'));
  if (lines.length > 2) issues.push(issue('bagit-txt', `bagit.txt harus tepat dua baris, berisi ${lines.length}.`, 'bagit.txt'));
  const version = versionLine ? (versionLine[1] as string) : null;
  if (version !== null && !(supportedBagitVersions as readonly string[]).includes(version)) {
    issues.push(issue('bagit-version', `BagIt-Version ${version} tidak didukung (Berkas membaca ${supportedBagitVersions.join(' dan ')}).`, 'bagit.txt'));
  }
  // Charset names compare case-insensitively (RFC 2978); any encoding but UTF-8 would change how every other tag file reads.
  if (encodingLine && (encodingLine[1] as string).toUpperCase() !== 'UTF-8') {
    issues.push(issue('tag-encoding', `Tag-File-Character-Encoding ${encodingLine[1]} tidak didukung; Berkas hanya membaca tag file UTF-8.`, 'bagit.txt'));
  }
  return { version, issues };
}

/**
 * bag-info.txt (§2.2.2): "label: value" lines, a continuation indented with
 * spaces or tabs. From 1.0 on, no whitespace before the colon (0.97 allowed
 * it) and a space or tab after it. Payload-Oxum at most once.
 */
export function parseBagInfo(text: string, version: string | null): { fields: [string, string][]; issues: BagIssue[] } {
  const fields: [string, string][] = [];
  const issues: BagIssue[] = [];
  const isLegacy = version === '0.97';
  const bad = (n: number, why: string) => issues.push(issue('tag-file-line', `bag-info.txt baris ${n}: ${why}.`, 'bag-info.txt'));
  tagFileLines(text).forEach((line, i) => {
    const n = i + 1;
    if (line === '') return;
    if (/^[ \t]/.test(line)) {
      const last = fields[fields.length - 1];
      if (!last || line.trim() === '') bad(n, 'baris menjorok tanpa elemen sebelumnya, atau hanya berisi spasi');
      else last[1] = `${last[1]} ${line.trim()}`;
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      bad(n, `bukan "label: nilai" (${shown(line)})`);
      return;
    }
    const label = line.slice(0, colon);
    const rest = line.slice(colon + 1);
    if (!isLegacy && /[ \t]$/.test(label)) bad(n, `spasi sebelum titik dua pada label ${shown(label.trim())}`);
    else if (rest !== '' && !/^[ \t]/.test(rest)) bad(n, `titik dua pada label ${shown(label.trim())} harus diikuti satu spasi atau tab`);
    fields.push([label.trim(), rest.trim()]);
  });
  if (fields.filter(([l]) => l.toLowerCase() === 'payload-oxum').length > 1) {
    issues.push(issue('payload-oxum', 'bag-info.txt memuat Payload-Oxum lebih dari sekali (RFC 8493 §2.2.2).', 'bag-info.txt'));
  }
  return { fields, issues };
}

export interface ParsedManifest {
  /** Decoded path -> lower-case hex digest. */
  entries: Map<string, string>;
  issues: BagIssue[];
}

/** A manifest path with %0A, %0D and %25 decoded (§2.1.3), or null when a "%" starts anything else. */
export function decodeManifestPath(raw: string): string | null {
  let isWellFormed = true;
  const decoded = raw.replace(/%(..)?/g, (_match, hex: string | undefined) => {
    const code = (hex ?? '').toUpperCase();
    if (code === '0A') return '\n';
    if (code === '0D') return '\r';
    if (code === '25') return '%';
    isWellFormed = false;
    return '';
  });
  return isWellFormed ? decoded : null;
}

/**
 * A payload manifest or tag manifest (§2.1.3, §2.2.1): "checksum filepath",
 * one or more spaces or tabs between; hex digits of the algorithm's length
 * in either case; paths percent-decoded and held to the package name policy;
 * a path (or its case/Unicode twin) listed once.
 */
export function parseManifestFile(text: string, fileName: string, algorithm: string): ParsedManifest {
  const entries = new Map<string, string>();
  const keys = new Map<string, string>();
  const issues: BagIssue[] = [];
  const hexLength = bagAlgorithms[algorithm]?.hexLength;
  tagFileLines(text).forEach((line, i) => {
    const where = `${fileName} baris ${i + 1}`;
    if (line === '') return;
    const m = /^([0-9A-Fa-f]+)[ \t]+(.+)$/.exec(line);
    if (!m || (hexLength !== undefined && (m[1] as string).length !== hexLength)) {
      issues.push(issue('manifest-line', `${where}: bukan "<${algorithm}> <jalur>" (${shown(line)}).`, fileName));
      return;
    }
    const decoded = decodeManifestPath(m[2] as string);
    if (decoded === null) {
      issues.push(issue('manifest-percent-encoding', `${where}: tanda % pada ${shown(m[2] as string)} harus ditulis %25 (hanya %0A, %0D dan %25 yang dikodekan).`, fileName));
      return;
    }
    // "./data/x", as `find . | sha256sum` writes it, names the same file.
    const path = decoded.startsWith('./') ? decoded.slice(2) : decoded;
    const problem = packagePathProblem(path);
    if (problem) {
      issues.push({ ...issue('manifest-unsafe-path', `${where}: jalur ${shown(path)} ${problem.message}.`, fileName), pathRule: problem.rule });
      return;
    }
    const key = packagePathKey(path);
    const first = keys.get(key);
    if (first !== undefined) {
      const how = first === path ? 'tercantum dua kali' : `sama dengan ${shown(first)} bila huruf besar/kecil dan normalisasi Unicode diabaikan`;
      issues.push(issue('manifest-duplicate', `${where}: jalur ${shown(path)} ${how}.`, fileName));
      return;
    }
    keys.set(key, path);
    entries.set(path, (m[1] as string).toLowerCase());
  });
  return { entries, issues };
}
