/**
 * Verifies a BagIt bag serialized as a ZIP, without unpacking it, as RFC 8493
 * asks of a validator: bagit.txt byte for byte, every tag file well formed,
 * every payload and tag manifest (SHA-256 and SHA-512, MD5 and SHA-1 read but
 * named too weak to stand alone), every payload file in every payload
 * manifest and every listed file present, no fetch.txt, Payload-Oxum. Each
 * entry streams once through every algorithm its manifests use. The ZIP is
 * read with the hostile-input reader, so a package that lies about itself is
 * refused (ZIP_* codes) before any of this. A Berkas package (a handover
 * bundle, a submission) is further judged on its signed document(s), with the
 * signature verifier handed in; the verdict says which of the two it judged.
 */
import { createHash, type Hash } from 'node:crypto';
import path from 'node:path';
import { BerkasError } from '../../domain/errors';
import { parseOxum, tagValue } from '../../domain/handover/bagit';
import {
  bagAlgorithms,
  decodeTagFile,
  findBagBase,
  manifestFileOf,
  parseBagDeclaration,
  parseBagInfo,
  parseManifestFile,
  validityRules,
  type BagIssue,
} from '../../domain/handover/bagit-rules';
import { berkasPackageOf, dataJsonFormatOf, signedDocumentIssues, type SignedDocumentJudgement } from '../../domain/handover/berkas-package';
import { dataJsonPath } from '../../domain/handover/bundle';
import type { VerificationReport } from '../../domain/signing/verification';
import { openZip, openZipBytes, type ZipArchive, type ZipEntry } from '../zip-reader/zip-reader';
import type { ZipLimits } from '../zip-reader/entry-rules';
import type { BagSignature, BagVerification, VerifyProgress } from '../../domain/handover/packaging';
import { formatByteSize } from '../../domain/format/byte-size';

export type { BagSignature, BagVerification, VerifyProgress };

/** Judges the signatures of one PDF: the signing module's verifier. Throws when the PDF cannot be read. */
export type PdfSignatureCheck = (file: string, bytes: Uint8Array) => Promise<VerificationReport>;

export interface VerifyOptions {
  limits?: Partial<ZipLimits>;
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgress) => void;
  /** Without it, PDFs are not judged, `signatures` is empty, and a Berkas package cannot be valid. */
  checkPdf?: PdfSignatureCheck;
  /** PDFs larger than this are hashed but not read whole for their signatures. */
  maxPdfBytes?: number;
  /**
   * Payload paths whose PDF must carry intact signatures, instead of those the
   * bag's own marks name. [] judges the bag as a generic bag: for a caller that
   * judges the signed document itself (the intake server, the outbox packager).
   */
  requireSigned?: readonly string[];
  /**
   * Filled with the bytes of every file entry the verification read whole (by ZIP entry name, in the ZIP's
   * order; null for one it did not), so a caller that stores the bag's files reads and inflates none a second
   * time. Only entries up to keptEntryBytes are kept, and no more than keptTotalBytes in all.
   */
  keptFiles?: Map<string, Buffer | null>;
}

/** Entries kept for keptFiles: the packager stores files up to this size from memory. */
export const keptEntryBytes = 4 * 1024 * 1024;
const keptTotalBytes = 64 * 1024 * 1024;

const maxTagFileBytes = 64 * 1024 * 1024;
const maxDataJsonBytes = 4 * 1024 * 1024;
/** Rules whose files already have a list of their own in the verdict (missing, unexpected, mismatched). */
const listedRules = new Set(['file-missing', 'file-not-in-manifest', 'checksum-mismatch']);

async function digestsOf(
  zip: ZipArchive,
  entry: ZipEntry,
  algorithms: readonly string[],
  signal: AbortSignal | undefined,
  onChunk: (n: number) => void,
  keep?: Buffer[],
): Promise<Map<string, string>> {
  const hashes = new Map<string, Hash>(algorithms.map((a) => [a, createHash(a)]));
  for await (const chunk of await zip.openEntry(entry, signal)) {
    for (const hash of hashes.values()) hash.update(chunk as Buffer);
    keep?.push(chunk as Buffer);
    onChunk((chunk as Buffer).length);
  }
  return new Map([...hashes].map(([a, h]) => [a, h.digest('hex')]));
}

/** Both shapes of a check's answer as the verdict's signature reports, with the file. */
function asBagSignatures(file: string, report: VerificationReport): BagSignature[] {
  return report.signatures.map((s) => ({ ...s, file, isSigned: true, isValid: s.integrity === 'valid', notes: s.problems }));
}

interface Manifest {
  name: string;
  algorithm: string;
  entries: Map<string, string>;
  /** The same keys under NFC, for names one tool wrote decomposed and another composed. */
  byNfc: Map<string, string>;
}

export async function verifyBagZip(file: string, options: VerifyOptions = {}): Promise<BagVerification> {
  const zip = await openZip(file, options.limits);
  try {
    return await judge(zip, file, options);
  } finally {
    await zip.close();
  }
}

/**
 * verifyBagZip for a bag ZIP held in memory (the server's small bags, built
 * from their blobs): the same reader and judgement, no scratch file; `name`
 * stands for the file name in the verdict and in every message.
 */
export async function verifyBagZipBytes(bytes: Buffer, name: string, options: VerifyOptions = {}): Promise<BagVerification> {
  const zip = await openZipBytes(bytes, name, options.limits);
  try {
    return await judge(zip, name, options);
  } finally {
    await zip.close();
  }
}

async function judge(zip: ZipArchive, file: string, options: VerifyOptions): Promise<BagVerification> {
  const archive = path.basename(file);
  const issues: BagIssue[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const missing: string[] = [];
  const mismatched: string[] = [];
  const unexpected: string[] = [];
  const signatures: BagSignature[] = [];
  const add = (issue: BagIssue, isProblem = !listedRules.has(issue.rule)) => {
    issues.push(issue);
    if (isProblem) problems.push(issue.message);
  };
  const listOnce = (list: string[], item: string) => {
    if (!list.includes(item)) list.push(item);
  };

  const base = findBagBase(zip.entries);
  const verdict = (extra: Partial<BagVerification>): BagVerification => {
    const complete = !issues.some((i) => !validityRules.has(i.rule));
    return {
      file,
      complete,
      valid: issues.length === 0,
      judgedAs: 'bag',
      berkasPackage: null,
      bagitVersion: null,
      algorithms: [],
      missing,
      mismatched,
      unexpected,
      signatures,
      issues,
      problems,
      notes,
      baseDirectory: (base ?? '').replace(/\/$/, ''),
      bagInfo: [],
      payload: { files: 0, bytes: 0 },
      ...extra,
    };
  };
  if (base === null) {
    add({ rule: 'not-a-bag', message: `${archive} bukan paket BagIt: bagit.txt tidak ada di akar ZIP maupun di satu folder teratasnya.` });
    return verdict({});
  }

  const files = new Map<string, ZipEntry>();
  const folders = new Set<string>();
  for (const entry of zip.entries) {
    const rel = entry.name.slice(base.length);
    if (entry.isDirectory) folders.add(rel);
    else files.set(rel, entry);
    for (let at = rel.indexOf('/'); at > 0; at = rel.indexOf('/', at + 1)) folders.add(rel.slice(0, at));
  }
  const kept = options.keptFiles;
  let keptBytes = 0;
  for (const entry of zip.entries) if (!entry.isDirectory) kept?.set(entry.name, null);
  const mayKeep = (entry: ZipEntry) => kept !== undefined && entry.uncompressedSize <= keptEntryBytes && keptBytes + entry.uncompressedSize <= keptTotalBytes;
  const keep = (entry: ZipEntry, bytes: Buffer) => {
    if (!mayKeep(entry) || kept?.get(entry.name) !== null) return;
    kept.set(entry.name, bytes);
    keptBytes += bytes.length;
  };
  // Tag files as read once: the tag manifests' digests are taken from these bytes, not from a second read.
  const tagBytes = new Map<string, Buffer>();
  const readTag = async (name: string): Promise<Buffer | null> => {
    const entry = files.get(name);
    if (!entry) return null;
    const bytes = tagBytes.get(name) ?? (await zip.readEntry(entry, maxTagFileBytes, options.signal));
    tagBytes.set(name, bytes);
    keep(entry, bytes);
    return bytes;
  };
  const readText = async (name: string): Promise<string | null> => {
    const bytes = await readTag(name);
    if (bytes === null) return null;
    const decoded = decodeTagFile(bytes, name);
    if ('issue' in decoded) {
      add(decoded.issue);
      return null;
    }
    return decoded.text;
  };

  // bagit.txt (§2.1.1).
  const declaration = parseBagDeclaration((await readTag('bagit.txt')) ?? Buffer.alloc(0));
  for (const i of declaration.issues) add(i);
  const version = declaration.version;

  // Berkas never fetches: a bag that is not whole in itself is not a package (§2.2.3).
  if (files.has('fetch.txt')) add({ rule: 'fetch-txt', message: 'Paket memuat fetch.txt (berkas yang harus diunduh dari tempat lain); paket Berkas harus memuat seluruh isinya sendiri.', file: 'fetch.txt' });

  // bag-info.txt (§2.2.2), optional.
  const bagInfoText = await readText('bag-info.txt');
  let bagInfo: [string, string][] = [];
  if (bagInfoText !== null) {
    const parsed = parseBagInfo(bagInfoText, version);
    bagInfo = parsed.fields;
    for (const i of parsed.issues) add(i);
  }

  // Manifests (§2.1.3, §2.2.1): every one in the base directory, by algorithm.
  const manifestNames = [...files.keys()].filter((n) => !n.includes('/') && manifestFileOf(n) !== null).sort();
  const payloadManifests: Manifest[] = [];
  const tagManifests: Manifest[] = [];
  for (const name of manifestNames) {
    const { kind, algorithm } = manifestFileOf(name) as { kind: 'manifest' | 'tagmanifest'; algorithm: string };
    if (bagAlgorithms[algorithm] === undefined) {
      add({ rule: 'manifest-unsupported-algorithm', message: `${name}: algoritma "${algorithm}" tidak dapat diperiksa Berkas (didukung: ${Object.keys(bagAlgorithms).join(', ')}).`, file: name });
      continue;
    }
    const text = await readText(name);
    if (text === null) continue;
    const parsed = parseManifestFile(text, name, algorithm);
    for (const i of parsed.issues) add(i);
    if (kind === 'manifest') {
      for (const listed of [...parsed.entries.keys()]) {
        if (listed.startsWith('data/')) continue;
        add({ rule: 'manifest-outside-payload', message: `${name} mencantumkan ${listed} di luar data/.`, file: name });
        parsed.entries.delete(listed);
      }
    }
    const manifest = { name, algorithm, entries: parsed.entries, byNfc: new Map([...parsed.entries.keys()].map((p) => [p.normalize('NFC'), p])) };
    (kind === 'manifest' ? payloadManifests : tagManifests).push(manifest);
  }
  const hasStrong = payloadManifests.some((m) => !(bagAlgorithms[m.algorithm] as { isWeak: boolean }).isWeak);
  if (!manifestNames.some((n) => manifestFileOf(n)?.kind === 'manifest')) {
    add({ rule: 'manifest-missing', message: 'Paket tidak memuat manifes muatan (manifest-sha256.txt atau manifest-sha512.txt); RFC 8493 §2.1.3 mewajibkan paling sedikit satu.' });
  } else if (!hasStrong && payloadManifests.length > 0) {
    const weak = payloadManifests.map((m) => m.name).join(', ');
    add({ rule: 'manifest-weak-algorithm', message: `Paket hanya memuat ${weak}: MD5 dan SHA-1 terlalu lemah untuk menjamin isi tidak diganti; sertakan manifest-sha256.txt atau manifest-sha512.txt.`, file: weak });
  } else {
    for (const m of payloadManifests) if ((bagAlgorithms[m.algorithm] as { isWeak: boolean }).isWeak) notes.push(`${m.name} ikut diperiksa, tetapi ${m.algorithm.toUpperCase()} terlalu lemah untuk dijadikan satu-satunya pelindung.`);
  }

  // Payload (§2.1.2): every file under data/, streamed once through every payload algorithm.
  if (!folders.has('data')) add({ rule: 'payload-directory-missing', message: 'Paket tidak memuat folder data/ (RFC 8493 §2.1.2).' });
  const payloadEntries = [...files].filter(([rel]) => rel.startsWith('data/'));
  const algorithms = [...new Set(payloadManifests.map((m) => m.algorithm))];
  const total = payloadEntries.reduce((s, [, e]) => s + e.uncompressedSize, 0);
  const maxPdf = options.maxPdfBytes ?? 100 * 1024 * 1024;
  const pdfJudgements = new Map<string, SignedDocumentJudgement>();
  let dataJson: Buffer | null = null;
  let done = 0;
  const seen = new Map<string, Set<string>>(payloadManifests.map((m) => [m.name, new Set<string>()]));
  for (const [rel, entry] of payloadEntries) {
    const listedIn = payloadManifests.map((m) => ({ m, listed: m.entries.has(rel) ? rel : m.byNfc.get(rel.normalize('NFC')) }));
    const isPdf = /\.pdf$/i.test(rel) && options.checkPdf !== undefined;
    const isRead = (isPdf && entry.uncompressedSize <= maxPdf) || (rel === dataJsonPath && entry.uncompressedSize <= maxDataJsonBytes);
    const chunks: Buffer[] | undefined = isRead || mayKeep(entry) ? [] : undefined;
    let digests: Map<string, string>;
    try {
      digests = await digestsOf(zip, entry, algorithms, options.signal, (n) => {
        done += n;
        options.onProgress?.({ bytes: done, total, current: rel });
      }, chunks);
    } catch (err) {
      // A damaged entry (CRC, broken deflate data) is one changed file, not a reason to stop judging the rest.
      if (!(err instanceof BerkasError) || err.details?.isContentDamaged !== true) throw err;
      add({ rule: 'checksum-mismatch', message: err.message, file: rel }, true);
      listOnce(listedIn.some((l) => l.listed !== undefined) ? mismatched : unexpected, rel);
      for (const { m, listed } of listedIn) if (listed !== undefined) seen.get(m.name)?.add(listed);
      continue;
    }
    const notIn = listedIn.filter((l) => l.listed === undefined).map((l) => l.m.name);
    // BagIt 1.0 §3: every payload file in every payload manifest; 0.97 asked for one.
    const isUnlisted = payloadManifests.length > 0 && (version === '0.97' ? notIn.length === payloadManifests.length : notIn.length > 0);
    if (isUnlisted) {
      listOnce(unexpected, rel);
      add({ rule: 'file-not-in-manifest', message: `${rel} tidak tercantum di ${notIn.join(', ')}.`, file: rel });
    }
    for (const { m, listed } of listedIn) {
      if (listed === undefined) continue;
      seen.get(m.name)?.add(listed);
      if (m.entries.get(listed) !== digests.get(m.algorithm)) {
        if (!mismatched.includes(rel)) add({ rule: 'checksum-mismatch', message: `Isi ${rel} tidak cocok dengan ${m.name}.`, file: rel });
        listOnce(mismatched, rel);
      }
    }
    const bytes = chunks ? Buffer.concat(chunks) : undefined;
    if (bytes) keep(entry, bytes);
    if (rel === dataJsonPath && isRead) dataJson = bytes ?? null;
    if (isPdf && options.checkPdf) {
      if (!isRead || !bytes) pdfJudgements.set(rel, { unreadable: `berkas lebih dari ${formatByteSize(maxPdf)} untuk diperiksa tanda tangannya.` });
      else {
        try {
          const report = await options.checkPdf(rel, bytes);
          pdfJudgements.set(rel, { report });
          signatures.push(...asBagSignatures(rel, report));
        } catch (err) {
          // An attachment named .pdf that the verifier cannot read (a scan, a damaged file) carries no signature to judge.
          pdfJudgements.set(rel, { unreadable: err instanceof Error ? err.message : String(err) });
        }
      }
    }
  }
  for (const m of payloadManifests) {
    const found = seen.get(m.name) as Set<string>;
    for (const listed of m.entries.keys()) {
      if (found.has(listed)) continue;
      if (folders.has(listed)) add({ rule: 'manifest-lists-directory', message: `${m.name} mencantumkan folder ${listed}; manifes hanya memuat berkas.`, file: m.name });
      else {
        listOnce(missing, listed);
        add({ rule: 'file-missing', message: `${listed} tercantum di ${m.name} tetapi tidak ada di dalam paket.`, file: listed });
      }
    }
  }

  // Tag manifests (§2.2.1), optional: each lists every payload manifest, no payload file and no tag manifest.
  const tagDigestsNeeded = new Map<string, Set<string>>();
  for (const t of tagManifests) {
    for (const listed of [...t.entries.keys()]) {
      const rule = listed.startsWith('data/') ? 'tagmanifest-lists-payload' : manifestFileOf(listed)?.kind === 'tagmanifest' ? 'tagmanifest-lists-tagmanifest' : null;
      if (rule) {
        add({ rule, message: `${t.name} mencantumkan ${listed}; ${rule === 'tagmanifest-lists-payload' ? 'berkas muatan hanya dicantumkan di manifes muatan' : 'manifes tag tidak mencantumkan manifes tag'}.`, file: t.name });
        t.entries.delete(listed);
        continue;
      }
      const needed = tagDigestsNeeded.get(listed) ?? new Set<string>();
      needed.add(t.algorithm);
      tagDigestsNeeded.set(listed, needed);
    }
    for (const m of payloadManifests) {
      if (!t.entries.has(m.name)) add({ rule: 'tagmanifest-omits-manifest', message: `${t.name} tidak mencantumkan ${m.name}; RFC 8493 §2.2.1 mewajibkannya.`, file: t.name });
    }
  }
  for (const [listed, needed] of tagDigestsNeeded) {
    const entry = files.get(listed);
    if (!entry) {
      listOnce(missing, listed);
      add({ rule: 'file-missing', message: `${listed} tercantum di manifes tag tetapi tidak ada di dalam paket.`, file: listed });
      continue;
    }
    const read = tagBytes.get(listed);
    const digests = read ? new Map([...needed].map((a) => [a, createHash(a).update(read).digest('hex')])) : await digestsOf(zip, entry, [...needed], options.signal, () => undefined);
    if (tagManifests.some((t) => t.entries.has(listed) && t.entries.get(listed) !== digests.get(t.algorithm))) {
      add({ rule: 'checksum-mismatch', message: `Isi ${listed} tidak cocok dengan manifes tag.`, file: listed });
      listOnce(mismatched, listed);
    }
  }

  // Payload-Oxum (§2.2.2): a quick completeness check that also catches a manifest rewritten to match.
  const oxumText = tagValue(bagInfo, 'Payload-Oxum');
  if (oxumText !== undefined) {
    const oxum = parseOxum(oxumText);
    if (!oxum) add({ rule: 'payload-oxum', message: `bag-info.txt: Payload-Oxum "${oxumText}" tidak sah.`, file: 'bag-info.txt' });
    else if (oxum.bytes !== total || oxum.files !== payloadEntries.length) {
      add({ rule: 'payload-oxum', message: `Payload-Oxum menyatakan ${oxum.files} berkas ${oxum.bytes} bita, ternyata ${payloadEntries.length} berkas ${total} bita.`, file: 'bag-info.txt' });
    }
  }

  // A Berkas package stands on its signed document(s), whatever its bag-info says (issue 11).
  const detected = berkasPackageOf(bagInfo, new Set(payloadEntries.map(([rel]) => rel)), dataJsonFormatOf(dataJson));
  const required = options.requireSigned ?? detected.berkasPackage?.signedDocuments ?? [];
  if (options.requireSigned === undefined) for (const i of detected.issues) add(i);
  for (const doc of required) {
    const judged: SignedDocumentJudgement = !files.has(doc)
      ? { absent: true }
      : (pdfJudgements.get(doc) ?? { unreadable: options.checkPdf ? 'bukan berkas .pdf.' : 'pemeriksa tanda tangan tidak tersedia pada pemeriksaan ini.' });
    for (const i of signedDocumentIssues(doc, judged)) add(i);
  }
  // Any other signed PDF whose signatures do not pass: the package does not pass with it. Unsigned attachments are fine.
  for (const [rel, judged] of pdfJudgements) {
    if (required.includes(rel) || !('report' in judged) || judged.report.signatures.length === 0) continue;
    for (const i of signedDocumentIssues(rel, judged)) add(i);
  }

  return verdict({
    judgedAs: required.length > 0 ? 'paket-berkas' : 'bag',
    berkasPackage: detected.berkasPackage,
    bagitVersion: version,
    algorithms,
    bagInfo,
    payload: { files: payloadEntries.length, bytes: total },
  });
}

/** For callers that only need to know: throws when the bag is not valid. */
export function assertValidBag(result: BagVerification): void {
  if (result.valid) return;
  const parts = [
    result.missing.length ? `hilang: ${result.missing.slice(0, 5).join(', ')}` : '',
    result.mismatched.length ? `isi berubah: ${result.mismatched.slice(0, 5).join(', ')}` : '',
    result.unexpected.length ? `tidak tercantum: ${result.unexpected.slice(0, 5).join(', ')}` : '',
    ...result.problems.slice(0, 3),
  ].filter(Boolean);
  throw new BerkasError('BAG_INVALID', `Paket ${path.basename(result.file)} tidak sah: ${parts.join('; ')}.`, { verification: result, file: path.basename(result.file) });
}
