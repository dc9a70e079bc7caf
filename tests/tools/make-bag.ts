import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/**
 * Writes a BagIt bag as a ZIP the way another tool might, byte by byte where
 * it matters: every tag file is text the test controls. By default a
 * conforming 1.0 bag (bagit.txt, bag-info.txt with Payload-Oxum, one payload
 * manifest and one tag manifest per algorithm); each option breaks or varies
 * exactly one thing, so a test can name the one rule a bag must be refused
 * for. Manifests are computed before `editTags` runs and tag manifests after,
 * so an edit of a manifest still leaves the tag manifest truthful.
 */
export interface BagSpec {
  payload: Record<string, string | Buffer>;
  /** Payload manifest algorithms (default sha256). */
  algorithms?: string[];
  /** Tag manifest algorithms (default: the payload's); [] for none. */
  tagAlgorithms?: string[];
  bagitTxt?: string | Buffer;
  /** bag-info.txt text; null for none. Default: Source-Organization and a true Payload-Oxum. */
  bagInfo?: string | null;
  /** Extra bag-info lines after the default ones. */
  bagInfoExtra?: string;
  /** Line ending of the generated tag files. */
  eol?: '\n' | '\r\n' | '\r';
  /** Hex digits in upper case. */
  upperHex?: boolean;
  /** Payload paths as manifests write them (default: as they are, with %, CR, LF encoded). */
  manifestPathOf?: (p: string) => string;
  /** Payload paths left out of the manifest of one algorithm. */
  omitFrom?: Record<string, string[]>;
  /** Changes to the tag files (name -> text) after the payload manifests, before the tag manifests. */
  editTags?: (tags: Map<string, Buffer>) => void;
  /** Changes to every file (base-relative name -> bytes) at the very end. */
  editAll?: (files: Map<string, Buffer>) => void;
  /** Folder inside the ZIP ('' for a bag at the root). */
  base?: string;
  /** Empty folders to add, base-relative, e.g. 'data/'. */
  folders?: string[];
}

function digest(algorithm: string, bytes: Buffer, upper: boolean): string {
  const hex = createHash(algorithm).update(bytes).digest('hex');
  return upper ? hex.toUpperCase() : hex;
}

export function encodePath(p: string): string {
  return p.replace(/%/g, '%25').replace(/\n/g, '%0A').replace(/\r/g, '%0D');
}

export async function makeBag(file: string, spec: BagSpec): Promise<string> {
  const eol = spec.eol ?? '\n';
  const algorithms = spec.algorithms ?? ['sha256'];
  const tagAlgorithms = spec.tagAlgorithms ?? algorithms;
  const payload = new Map(Object.entries(spec.payload).map(([p, c]) => [p, Buffer.isBuffer(c) ? c : Buffer.from(c, 'utf8')]));
  const bytes = [...payload.values()].reduce((s, b) => s + b.length, 0);
  const tags = new Map<string, Buffer>();
  tags.set('bagit.txt', Buffer.isBuffer(spec.bagitTxt) ? spec.bagitTxt : Buffer.from(spec.bagitTxt ?? `BagIt-Version: 1.0${eol}Tag-File-Character-Encoding: UTF-8${eol}`, 'utf8'));
  if (spec.bagInfo !== null) {
    const info = spec.bagInfo ?? `Source-Organization: Dinas Uji${eol}Payload-Oxum: ${bytes}.${payload.size}${eol}${spec.bagInfoExtra ?? ''}`;
    tags.set('bag-info.txt', Buffer.from(info, 'utf8'));
  }
  const pathOf = spec.manifestPathOf ?? encodePath;
  for (const algorithm of algorithms) {
    const omitted = new Set(spec.omitFrom?.[algorithm] ?? []);
    const lines = [...payload]
      .filter(([p]) => !omitted.has(p))
      .map(([p, b]) => `${digest(algorithm, b, spec.upperHex === true)}  ${pathOf(p)}${eol}`)
      .join('');
    tags.set(`manifest-${algorithm}.txt`, Buffer.from(lines, 'utf8'));
  }
  spec.editTags?.(tags);
  for (const algorithm of tagAlgorithms) {
    const lines = [...tags]
      .filter(([name]) => !name.startsWith('tagmanifest-'))
      .map(([name, b]) => `${digest(algorithm, b, spec.upperHex === true)}  ${name}${eol}`)
      .join('');
    tags.set(`tagmanifest-${algorithm}.txt`, Buffer.from(lines, 'utf8'));
  }
  const all = new Map<string, Buffer>([...tags, ...payload]);
  spec.editAll?.(all);

  const base = spec.base ?? 'bag/';
  const zip = new ZipFile();
  const done = pipeline(zip.outputStream, createWriteStream(file));
  for (const folder of spec.folders ?? []) zip.addEmptyDirectory(base + folder);
  for (const [name, content] of all) zip.addBuffer(content, base + name);
  zip.end();
  await done;
  return file;
}
