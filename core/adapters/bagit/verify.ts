/**
 * Verifies a BagIt bag serialized as a ZIP without unpacking it: every
 * payload entry streams through SHA-256 and is compared with the manifest;
 * the tag manifest is checked the same way; Payload-Oxum is compared with
 * what is there. The ZIP itself is read with the hostile-input reader, so a
 * package that lies about itself is refused (ZIP_* codes) before any of this.
 * Signed PDFs inside are judged by the signature verifier handed in.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { BerkasError } from '../../domain/errors';
import { manifestName, parseManifest, parseOxum, parseTagFile, tagManifestName, tagValue } from '../../domain/handover/bagit';
import { beritaAcaraPath as handoverBeritaAcara } from '../../domain/handover/bundle';
import { openZip, type ZipArchive, type ZipEntry } from '../zip-reader/zip-reader';
import type { ZipLimits } from '../zip-reader/entry-rules';
import type { BagSignature, BagVerification, VerifyProgress } from '../../domain/handover/packaging';
import type { VerificationReport } from '../../domain/signing/verification';

export type { BagSignature, BagVerification, VerifyProgress };

/**
 * The first shape this module offered for a PDF's signatures, still returned
 * by some callers' checks: one entry per signature, or one with isSigned false.
 * New code returns the signing module's VerificationReport instead.
 */
export interface SignatureReport {
  file: string;
  isSigned: boolean;
  isValid: boolean;
  signer?: string;
  signedAt?: string;
  notes: string[];
}

/** Judges the signatures of one PDF; supplied by the signing module (its verifier's report). */
export type PdfSignatureCheck = (file: string, bytes: Uint8Array) => Promise<VerificationReport | SignatureReport[]>;

/** Both shapes of a check's answer as the signing module's signature reports, with the file. */
function asBagSignatures(file: string, judged: VerificationReport | SignatureReport[]): BagSignature[] {
  if (!Array.isArray(judged)) return judged.signatures.map((s) => ({ ...s, file, isSigned: true, isValid: s.integrity === 'valid', notes: s.problems }));
  return judged
    .filter((s) => s.isSigned)
    .map((s) => ({
      file,
      field: '',
      signer: s.signer ?? '',
      nip: null,
      subfilter: '',
      signedAt: s.signedAt ?? null,
      timestampedAt: null,
      level: 'lainnya',
      integrity: s.isValid ? 'valid' : 'invalid',
      certificate: 'untrusted',
      certified: false,
      // The first shape could not tell; a valid signature is taken to cover what it signed.
      coversWholeDocument: s.isValid,
      problems: s.notes,
      isSigned: true,
      isValid: s.isValid,
      notes: s.notes,
    }));
}

export interface VerifyOptions {
  limits?: Partial<ZipLimits>;
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgress) => void;
  /** Without it, PDFs are not judged and `signatures` is empty. */
  checkPdf?: PdfSignatureCheck;
  /** PDFs larger than this are hashed but not read whole for their signatures. */
  maxPdfBytes?: number;
  /** Payload paths whose PDF must carry a valid signature (the berita acara of a Berkas bundle). */
  requireSigned?: readonly string[];
}

const maxTagFileBytes = 64 * 1024 * 1024;

/** Where the bag starts: the root, or the single top-level folder that holds bagit.txt (RFC 8493 §4.2). */
function findBase(entries: readonly ZipEntry[]): string | null {
  if (entries.some((e) => e.name === 'bagit.txt' && !e.isDirectory)) return '';
  const tops = new Set(entries.map((e) => e.name.split('/')[0]));
  if (tops.size !== 1) return null;
  const top = [...tops][0] as string;
  return entries.some((e) => e.name === `${top}/bagit.txt` && !e.isDirectory) ? `${top}/` : null;
}

async function sha256Of(zip: ZipArchive, entry: ZipEntry, signal: AbortSignal | undefined, onChunk: (n: number) => void, keep?: Buffer[]): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await zip.openEntry(entry, signal)) {
    hash.update(chunk as Buffer);
    keep?.push(chunk as Buffer);
    onChunk((chunk as Buffer).length);
  }
  return hash.digest('hex');
}

export async function verifyBagZip(file: string, options: VerifyOptions = {}): Promise<BagVerification> {
  const zip = await openZip(file, options.limits);
  const archive = path.basename(file);
  try {
    const problems: string[] = [];
    const missing: string[] = [];
    const mismatched: string[] = [];
    const unexpected: string[] = [];
    const signatures: BagSignature[] = [];
    const report = (complete: boolean, base: string, bagInfo: [string, string][], payload: { files: number; bytes: number }): BagVerification => {
      const signaturesOk = signatures.every((s) => s.integrity === 'valid');
      return {
        file,
        complete,
        valid: complete && mismatched.length === 0 && problems.length === 0 && signaturesOk,
        missing,
        mismatched,
        unexpected,
        signatures,
        problems,
        baseDirectory: base.replace(/\/$/, ''),
        bagInfo,
        payload,
      };
    };

    const base = findBase(zip.entries);
    if (base === null) {
      problems.push(`${archive} bukan paket BagIt: bagit.txt tidak ada di akar ZIP maupun di satu folder teratasnya.`);
      return report(false, '', [], { files: 0, bytes: 0 });
    }
    const byName = new Map(zip.entries.filter((e) => !e.isDirectory).map((e) => [e.name, e]));
    const tagEntry = (name: string) => byName.get(base + name);
    const readTag = async (name: string) => {
      const entry = tagEntry(name);
      return entry ? (await zip.readEntry(entry, maxTagFileBytes, options.signal)).toString('utf8') : null;
    };

    // bagit.txt: version and encoding (RFC 8493 §2.1.1).
    const bagit = parseTagFile((await readTag('bagit.txt')) ?? '');
    const version = tagValue(bagit, 'BagIt-Version');
    const encoding = tagValue(bagit, 'Tag-File-Character-Encoding');
    if (!version || !/^\d+\.\d+$/.test(version)) problems.push('bagit.txt tidak menyebut BagIt-Version yang sah.');
    if (!encoding || encoding.toUpperCase() !== 'UTF-8') problems.push(`bagit.txt: Tag-File-Character-Encoding "${encoding ?? ''}" tidak didukung (harus UTF-8).`);

    const bagInfoText = await readTag('bag-info.txt');
    const bagInfo = bagInfoText === null ? [] : parseTagFile(bagInfoText);

    const manifestText = await readTag(manifestName);
    if (manifestText === null) {
      const others = [...byName.keys()].filter((n) => n.startsWith(base + 'manifest-')).map((n) => n.slice(base.length));
      problems.push(`${manifestName} tidak ada${others.length ? ` (ada ${others.join(', ')}; Berkas hanya memeriksa SHA-256)` : ''}.`);
    }
    const manifest = parseManifest(manifestText ?? '', manifestName);
    problems.push(...manifest.problems);

    // Payload: every file under data/, streamed once through SHA-256.
    const payloadEntries = zip.entries.filter((e) => !e.isDirectory && e.name.startsWith(base + 'data/'));
    const total = payloadEntries.reduce((s, e) => s + e.uncompressedSize, 0);
    let done = 0;
    const onChunk = (n: number, current?: string) => {
      done += n;
      options.onProgress?.({ bytes: done, total, ...(current ? { current } : {}) });
    };
    const manifestByNfc = new Map([...manifest.entries].map(([p, h]) => [p.normalize('NFC'), { path: p, digest: h }]));
    const seen = new Set<string>();
    const maxPdf = options.maxPdfBytes ?? 100 * 1024 * 1024;
    for (const entry of payloadEntries) {
      const rel = entry.name.slice(base.length);
      const listed = manifest.entries.has(rel) ? { path: rel, digest: manifest.entries.get(rel) as string } : manifestByNfc.get(rel.normalize('NFC'));
      const isPdf = /\.pdf$/i.test(rel) && options.checkPdf !== undefined && entry.uncompressedSize <= maxPdf;
      const keep: Buffer[] | undefined = isPdf ? [] : undefined;
      let digest: string;
      try {
        digest = await sha256Of(zip, entry, options.signal, (n) => onChunk(n, rel), keep);
      } catch (err) {
        // A damaged entry (CRC, broken deflate data) is one changed file, not a reason to stop judging the rest.
        if (!(err instanceof BerkasError) || err.details?.isContentDamaged !== true) throw err;
        problems.push(err.message);
        if (listed) seen.add(listed.path);
        (listed ? mismatched : unexpected).push(rel);
        continue;
      }
      if (!listed) {
        unexpected.push(rel);
      } else {
        seen.add(listed.path);
        if (listed.digest !== digest) mismatched.push(rel);
      }
      if (isPdf && keep && options.checkPdf) {
        let judged: VerificationReport | SignatureReport[];
        try {
          judged = await options.checkPdf(rel, Buffer.concat(keep));
        } catch {
          // An attachment named .pdf that the verifier cannot read (a scan, a damaged file) carries no
          // signature to judge; its bytes were checked above. A PDF that must be signed is caught by
          // requireSigned below, so nothing unreadable can pass for signed.
          judged = { signatures: [] };
        }
        signatures.push(...asBagSignatures(rel, judged));
      }
    }
    for (const listedPath of manifest.entries.keys()) {
      if (!seen.has(listedPath)) missing.push(listedPath);
      if (!listedPath.startsWith('data/')) problems.push(`${manifestName} mencantumkan ${listedPath} di luar data/.`);
    }

    // Tag manifest: optional in RFC 8493, but when present every line must hold.
    const tagManifestText = await readTag(tagManifestName);
    if (tagManifestText !== null) {
      const tags = parseManifest(tagManifestText, tagManifestName);
      problems.push(...tags.problems);
      for (const [tagPath, expected] of tags.entries) {
        const entry = tagEntry(tagPath);
        if (!entry || tagPath.startsWith('data/')) {
          missing.push(tagPath);
          continue;
        }
        const digest = await sha256Of(zip, entry, options.signal, () => undefined);
        if (digest !== expected) mismatched.push(tagPath);
      }
    }

    // Payload-Oxum (RFC 8493 §2.2.2): a quick completeness check that also catches a manifest rewritten to match.
    const oxumText = tagValue(bagInfo, 'Payload-Oxum');
    let isOxumOk = true;
    if (oxumText !== undefined) {
      const oxum = parseOxum(oxumText);
      if (!oxum) {
        problems.push(`bag-info.txt: Payload-Oxum "${oxumText}" tidak sah.`);
        isOxumOk = false;
      } else if (oxum.bytes !== total || oxum.files !== payloadEntries.length) {
        problems.push(`Payload-Oxum menyatakan ${oxum.files} berkas ${oxum.bytes} bita, ternyata ${payloadEntries.length} berkas ${total} bita.`);
        isOxumOk = false;
      }
    }

    // A Berkas handover bag stands on its signed berita acara: when signatures can be judged, it must be there and intact.
    const isHandoverBag = tagValue(bagInfo, 'Berkas-Document') === 'serah-terima-aplikasi';
    const requireSigned = options.requireSigned ?? (isHandoverBag && options.checkPdf ? [handoverBeritaAcara] : []);
    for (const required of requireSigned) {
      if (!byName.has(base + required)) continue; // already reported as missing when listed
      const reports = signatures.filter((s) => s.file === required);
      if (reports.length === 0) problems.push(`${required} belum ditandatangani secara elektronik.`);
      else if (!reports.every((s) => s.integrity === 'valid')) problems.push(`Tanda tangan elektronik ${required} tidak utuh.`);
      // Content appended after the last signature is covered by no signature.
      else if (!reports.some((s) => s.coversWholeDocument)) problems.push(`${required} diubah setelah ditandatangani (ada revisi sesudah tanda tangan terakhir).`);
    }

    const complete = manifestText !== null && missing.length === 0 && unexpected.length === 0 && isOxumOk;
    return report(complete, base, bagInfo, { files: payloadEntries.length, bytes: total });
  } finally {
    await zip.close();
  }
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
  throw new BerkasError('BAG_INVALID', `Paket ${path.basename(result.file)} tidak sah: ${parts.join('; ')}.`, { verification: result });
}

