/**
 * Reads what an officer picked for a handover item — one file, a folder, or a
 * source archive — and reports what it holds: files and bytes, languages,
 * the folders left out, the secrets inside, the names a bag cannot hold.
 * Folders are walked without following symbolic links (a link could reach
 * anywhere on the machine); archives are read with the hostile-input reader.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { HandoverSources } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { badBagNameMessage, badBagNameReason } from '../../domain/handover/bagit';
import { excludedBy } from '../../domain/handover/exclusions';
import { detectLanguages } from '../../domain/handover/languages';
import type { CollectedSource, SourceScan } from '../../domain/handover/packaging';
import { looksBinary, maxScannedBytes, secretByName, secretsInText, shouldScanContent, type SecretFinding } from '../../domain/handover/secrets';
import { openZip } from '../zip-reader/zip-reader';

/** More files than this is not one application's source (half the ZIP reader's entry limit, so a package stays readable). */
export const maxSourceFiles = 100_000;
/** Secrets found beyond this many are summarised, not listed. */
const maxSecretFindings = 200;

const archiveExtensions = /\.(zip)$/i;

async function secretsOfFile(rel: string, size: number, read: () => Promise<Uint8Array>): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  const byName = secretByName(rel);
  if (byName) findings.push({ file: rel, reason: byName });
  if (shouldScanContent(rel, size)) {
    const bytes = await read();
    if (!looksBinary(bytes)) {
      const text = new TextDecoder('utf-8').decode(bytes);
      // A PEM key already named by its file name (id_rsa, *.key) is one finding, not two.
      for (const f of secretsInText(rel, text)) if (!(byName && f.reason.startsWith('kunci privat'))) findings.push(f);
    }
  }
  return findings;
}

function notFound(file: string, err: unknown): BerkasError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new BerkasError('SOURCE_NOT_FOUND', `${file} tidak ditemukan. Periksa jalurnya lalu pilih lagi.`, { file });
  return new BerkasError('SOURCE_UNREADABLE', `${file} tidak dapat dibaca${code ? ` (${code})` : ''}.`, { file });
}

function tooMany(file: string): BerkasError {
  return new BerkasError('SOURCE_TOO_MANY', `${file} berisi lebih dari ${maxSourceFiles} berkas. Kecualikan folder hasil build atau dependensi, atau lampirkan sebagai arsip ZIP.`, { file, max: maxSourceFiles });
}

async function walkFolder(root: string, excludes: readonly string[], signal?: AbortSignal): Promise<CollectedSource> {
  const entries: CollectedSource['entries'] = [];
  const excluded: SourceScan['excluded'] = [];
  const secrets: SecretFinding[] = [];
  const badNames: SourceScan['badNames'] = [];
  const stack: string[] = [''];
  while (stack.length > 0) {
    signal?.throwIfAborted();
    const relDir = stack.pop() as string;
    let dirents;
    try {
      dirents = await fs.readdir(path.join(root, relDir), { withFileTypes: true });
    } catch (err) {
      throw notFound(path.join(root, relDir), err);
    }
    for (const d of dirents) {
      const rel = relDir === '' ? d.name : `${relDir}/${d.name}`;
      if (d.isSymbolicLink()) {
        excluded.push({ path: rel, rule: 'tautan simbolik (tidak diikuti)' });
        continue;
      }
      if (d.isDirectory()) {
        const rule = excludedBy(`${rel}/x`, excludes);
        if (rule) excluded.push({ path: rel, rule });
        else stack.push(rel);
        continue;
      }
      if (!d.isFile()) continue; // sockets, pipes, devices: not source
      const absPath = path.join(root, ...rel.split('/'));
      const reason = badBagNameReason(rel);
      if (reason) badNames.push({ file: rel, reason });
      const stat = await fs.stat(absPath);
      entries.push({ relPath: rel, absPath, size: stat.size });
      if (entries.length > maxSourceFiles) throw tooMany(root);
      if (secrets.length < maxSecretFindings) secrets.push(...(await secretsOfFile(rel, stat.size, async () => fs.readFile(absPath))));
    }
  }
  entries.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  excluded.sort((a, b) => a.path.localeCompare(b.path));
  const bytes = entries.reduce((s, e) => s + e.size, 0);
  return {
    kind: 'folder',
    name: path.basename(root),
    files: entries.length,
    bytes,
    languages: detectLanguages(entries.map((e) => ({ path: e.relPath, size: e.size }))),
    excluded,
    secrets: secrets.slice(0, maxSecretFindings),
    badNames,
    entries,
  };
}

/** An archive is attached as it is; its listing (read safely) tells languages and secrets. */
async function scanArchive(file: string, size: number, signal?: AbortSignal): Promise<CollectedSource> {
  const zip = await openZip(file, { maxEntries: maxSourceFiles });
  try {
    const files = zip.entries.filter((e) => !e.isDirectory);
    const secrets: SecretFinding[] = [];
    for (const entry of files) {
      signal?.throwIfAborted();
      if (secrets.length >= maxSecretFindings) break;
      secrets.push(...(await secretsOfFile(entry.name, entry.uncompressedSize, () => zip.readEntry(entry, maxScannedBytes, signal))));
    }
    const name = path.basename(file);
    const reason = badBagNameReason(name);
    return {
      kind: 'archive',
      name,
      files: files.length,
      bytes: files.reduce((s, e) => s + e.uncompressedSize, 0),
      languages: detectLanguages(files.map((e) => ({ path: e.name, size: e.uncompressedSize }))),
      excluded: [],
      secrets: secrets.slice(0, maxSecretFindings),
      badNames: reason ? [{ file: name, reason }] : [],
      entries: [{ relPath: name, absPath: file, size }],
    };
  } finally {
    await zip.close();
  }
}

async function scanOne(target: string, excludes: readonly string[], signal?: AbortSignal): Promise<CollectedSource> {
  const resolved = path.resolve(target);
  let stat;
  try {
    stat = await fs.stat(resolved);
  } catch (err) {
    throw notFound(target, err);
  }
  if (stat.isDirectory()) return walkFolder(resolved, excludes, signal);
  if (!stat.isFile()) throw new BerkasError('SOURCE_UNREADABLE', `${target} bukan berkas maupun folder.`, { file: target });
  if (archiveExtensions.test(resolved)) return scanArchive(resolved, stat.size, signal);
  const name = path.basename(resolved);
  const reason = badBagNameReason(name);
  return {
    kind: 'file',
    name,
    files: 1,
    bytes: stat.size,
    languages: detectLanguages([{ path: name, size: stat.size }]),
    excluded: [],
    secrets: await secretsOfFile(name, stat.size, async () => fs.readFile(resolved)),
    badNames: reason ? [{ file: name, reason }] : [],
    entries: [{ relPath: name, absPath: resolved, size: stat.size }],
  };
}

export function createHandoverSources(): HandoverSources {
  return {
    async scan(target, options) {
      const { entries: _entries, ...scan } = await scanOne(target, options.excludes, options.signal);
      return scan;
    },
    async collect(target, options) {
      const collected = await scanOne(target, options.excludes, options.signal);
      const bad = collected.badNames[0];
      if (bad) {
        const shown = collected.kind === 'folder' ? path.join(target, bad.file) : target;
        throw new BerkasError('BAG_BAD_NAME', badBagNameMessage(shown, bad.reason), { file: shown, count: collected.badNames.length });
      }
      return collected;
    },
  };
}
