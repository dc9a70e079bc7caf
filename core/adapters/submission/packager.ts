/**
 * Submission packages (issue 7 item 1, PROTOCOL.md §2): one immutable BagIt
 * ZIP per submission, written by the bag writer, verified with the bag
 * verifier, and kept in the blob store under its SHA-256. Every bag file is
 * kept as a blob too: the upload sends files, not the ZIP (§2.3), and a
 * resumed upload must read from any offset without inflating a ZIP.
 *
 * A package ZIP from elsewhere (`outbox add paket.zip`, a flash drive) is
 * hostile input: the hostile-input ZIP reader, the full bag verification, the
 * Berkas-* fields and the signature of the main document are all checked
 * before anything is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore, BuiltPackage, ForeignBag, PackageInput, SubmissionPackager } from '../../ports';
import { BerkasError, isBerkasError } from '../../domain/errors';
import { tagValue } from '../../domain/handover/bagit';
import { signatureRules } from '../../domain/handover/bagit-rules';
import {
  BAG_INFO_FIELDS,
  bagInfoFieldsOf,
  buildManifest,
  checkSubmissionMeta,
  manifestCanonicalText,
  submissionMetaFromBagInfo,
  uuidV7,
  type ManifestFile,
  type SubmissionMeta,
} from '../../domain/outbox/manifest';
import { writeBagZip, type BagPayloadEntry } from '../bagit/bag-writer';
import { assertValidBag, verifyBagZip, verifyBagZipBytes, type BagVerification } from '../bagit/verify';
import { copyVerified, describeFsError, fsyncDir, writeHashedTemp } from '../fs-atomic';
import { openZip } from '../zip-reader/zip-reader';
import { inspectPdf, pdfSignatureCheck, PdfReportMemo } from './pdf-check';
import { putBlobBatch, type BatchBlob, type SyncedFile } from './blob-batch';

export interface SubmissionPackagerOptions {
  blobs: BlobStore;
  /** Scratch folder inside the data folder (same file system as the blob store, so files are renamed in, not copied). */
  workDir: string;
  now?: () => Date;
}

/** Bag files up to this size are read into memory and stored together with one sync (blob-batch.ts); larger ones stream. */
const batchedEntryBytes = 4 * 1024 * 1024;

/**
 * A scratch ZIP the packager just wrote, up to this size, is read back in one call and verified in memory:
 * the same reader and rules, without a thread-pool round trip per window the file reader fills.
 */
const verifiedInMemoryBytes = 4 * 1024 * 1024;

/** A package larger than this is not a submission (the protocol's limit is 4 GiB of content). */
const maxPackageBytes = 4 * 1024 ** 3 + 64 * 1024 * 1024;

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

async function ensureDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (err) {
    throw describeFsError(err, dir);
  }
}

export function createSubmissionPackager(options: SubmissionPackagerOptions): SubmissionPackager {
  const { blobs } = options;
  const workDir = path.resolve(options.workDir);
  const now = options.now ?? (() => new Date());
  const reports = new PdfReportMemo();
  const checkPdf = pdfSignatureCheck(now, reports);

  const tempPath = (label: string) => path.join(workDir, `.${label}-${randomBytes(6).toString('hex')}.tmp`);

  /**
   * Moves a fsynced file whose hash is known into the blob store under that
   * hash (or drops it when the store already has it): the store's rule that a
   * file under its name is complete and right still holds.
   */
  async function adopt(file: string, sha256: string): Promise<void> {
    if (await blobs.has(sha256)) {
      await fs.rm(file, { force: true });
      return;
    }
    const target = blobs.pathOf(sha256);
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(file, target);
      await fsyncDir(path.dirname(target));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EXDEV') {
        // Another file system after all: the store copies it in.
        await blobs.put({ path: file });
        await fs.rm(file, { force: true });
        return;
      }
      await fs.rm(file, { force: true }).catch(() => undefined);
      throw describeFsError(err, target);
    }
  }

  /** Streams bytes into a temp file while hashing, syncs it, and adopts it as a blob. */
  async function storeStream(source: Readable): Promise<{ sha256: string; size: number }> {
    await ensureDir(workDir);
    const tmp = tempPath('blob');
    let written: { sha256: string; size: number };
    try {
      written = await writeHashedTemp(tmp, source as AsyncIterable<Uint8Array>);
    } catch (err) {
      if (isBerkasError(err)) throw err;
      throw describeFsError(err, tmp);
    }
    await adopt(tmp, written.sha256);
    return written;
  }

  /** The packager's own scratch ZIP, read back whole. */
  function readScratch(zipFile: string): Buffer {
    try {
      return readFileSync(zipFile);
    } catch (err) {
      throw describeFsError(err, zipFile);
    }
  }

  function refuseBag(verification: BagVerification, zipFile: string, shownName: string): never {
    try {
      assertValidBag({ ...verification, valid: false });
    } catch (err) {
      if (isBerkasError(err)) throw new BerkasError('PACKAGE_INVALID', err.message.replace(path.basename(zipFile), shownName), { file: shownName });
      throw err;
    }
    throw new BerkasError('PACKAGE_INVALID', `Paket ${shownName} tidak sah.`, { file: shownName });
  }

  /**
   * Verifies a bag ZIP completely (hostile-input reader, manifests, Payload-Oxum, PDF signatures), or refuses it.
   * Issues about signatures wait for assertMainSigned, which names the main document's own trouble first.
   */
  async function verified(zipFile: string, shownName: string, keptFiles?: Map<string, Buffer | null>, scratchSize?: number): Promise<BagVerification> {
    const options = { checkPdf, ...(keptFiles ? { keptFiles } : {}) };
    const verification =
      scratchSize !== undefined && scratchSize <= verifiedInMemoryBytes ? await verifyBagZipBytes(readScratch(zipFile), zipFile, options) : await verifyBagZip(zipFile, options);
    if (verification.issues.some((i) => !signatureRules.has(i.rule))) refuseBag(verification, zipFile, shownName);
    return verification;
  }

  /** The main document must carry a signature, every one intact; then no other signature trouble may remain. */
  function assertMainSigned(verification: BagVerification, mainDocument: string, shownName: string, zipFile: string): void {
    const main = verification.signatures.filter((s) => s.file === mainDocument);
    if (main.length === 0) {
      throw new BerkasError('PDF_NOT_SIGNED', `Paket ${shownName}: dokumen utama ${mainDocument} belum ditandatangani secara elektronik; paket tanpa tanda tangan tidak dapat dikirim.`, { file: shownName });
    }
    // The verifier's judgement of the main document, as the bag verification recorded it.
    const trouble = verification.issues.find((i) => signatureRules.has(i.rule) && i.file === mainDocument);
    if (trouble) {
      const notes = main.flatMap((s) => s.notes).slice(0, 3).join('; ');
      throw new BerkasError('SIGNATURE_INVALID', `Paket ${shownName}: tanda tangan pada ${mainDocument} tidak utuh${notes ? ` (${notes})` : ''}.`, { file: shownName, rule: trouble.rule });
    }
    if (!verification.valid) refuseBag(verification, zipFile, shownName);
  }

  /**
   * Keeps every file of a verified bag as a blob; returns them as manifest entries (PROTOCOL.md §2.3).
   * Small files go into the store together, with one sync for all of them (and for `alsoKeep`, the
   * package ZIP itself); only large ones stream, each with its own.
   */
  async function storeFiles(zipFile: string, verification: BagVerification, shownName: string, alsoKeep: SyncedFile[] = [], kept?: Map<string, Buffer | null>): Promise<ManifestFile[]> {
    const base = verification.baseDirectory === '' ? '' : `${verification.baseDirectory}/`;
    const files: ManifestFile[] = [];
    const batch: BatchBlob[] = [];
    const outside = (name: string) => new BerkasError('PACKAGE_INVALID', `Paket ${shownName}: ${name} berada di luar folder paket ${base || '(akar)'}.`, { file: shownName });
    if (kept && kept.size > 0 && [...kept.values()].every((b) => b !== null)) {
      // Every file was read whole (and checked: CRC, size, manifests) by the verification a moment ago: stored from those bytes.
      for (const [name, bytes] of kept as Map<string, Buffer>) {
        if (!name.startsWith(base)) throw outside(name);
        const sha256 = sha256Hex(bytes);
        batch.push({ sha256, bytes });
        files.push({ path: name.slice(base.length), sha256, size: bytes.length });
      }
      await ensureDir(workDir);
      await putBlobBatch(blobs, workDir, batch, alsoKeep);
      return files;
    }
    const zip = await openZip(zipFile);
    try {
      for (const entry of zip.entries) {
        if (entry.isDirectory) continue;
        if (!entry.name.startsWith(base)) throw outside(entry.name);
        if (entry.uncompressedSize <= batchedEntryBytes) {
          const bytes = await zip.readEntry(entry, batchedEntryBytes);
          const sha256 = sha256Hex(bytes);
          batch.push({ sha256, bytes });
          files.push({ path: entry.name.slice(base.length), sha256, size: bytes.length });
          continue;
        }
        const stored = await storeStream(await zip.openEntry(entry));
        files.push({ path: entry.name.slice(base.length), sha256: stored.sha256, size: stored.size });
      }
    } finally {
      await zip.close();
    }
    await ensureDir(workDir);
    await putBlobBatch(blobs, workDir, batch, alsoKeep);
    return files;
  }

  /** A submission bag: verified, its Berkas-* values read, its main PDF signed, its files stored (with `alsoKeep`). */
  async function ingest(zipFile: string, shownName: string, alsoKeep: SyncedFile[] = [], scratchSize?: number): Promise<{ meta: SubmissionMeta; files: ManifestFile[]; bagInfo: [string, string][] }> {
    const kept = new Map<string, Buffer | null>();
    const verification = await verified(zipFile, shownName, kept, scratchSize);
    const meta = metaOf(verification.bagInfo, shownName);
    assertMainSigned(verification, meta.mainDocument, shownName, zipFile);
    return { meta, files: await storeFiles(zipFile, verification, shownName, alsoKeep, kept), bagInfo: verification.bagInfo };
  }

  function metaOf(bagInfo: [string, string][], shownName: string): SubmissionMeta {
    try {
      return submissionMetaFromBagInfo(bagInfo);
    } catch (err) {
      // The bag-info reader refuses with PACKAGE_METADATA_INVALID only; the package's name goes before its words.
      if (!isBerkasError(err) || err.code !== 'PACKAGE_METADATA_INVALID') throw err;
      const field = err.details?.['field'];
      throw new BerkasError('PACKAGE_METADATA_INVALID', `Paket ${shownName}: ${err.message}`, { ...(err.details ?? {}), field: typeof field === 'string' ? field : 'bag-info.txt', file: shownName });
    }
  }

  /** Writes a bag into the scratch folder, ingests it, keeps the ZIP in the store. */
  async function bagAndKeep(meta: SubmissionMeta, title: string, payload: BagPayloadEntry[], bagInfo: [string, string][], createdAt: Date): Promise<BuiltPackage> {
    const outPath = tempPath(`paket-${meta.submissionId}`);
    const written = await writeBagZip({
      outPath,
      payload,
      bagInfo: [...bagInfo, ...bagInfoFieldsOf(meta)],
      baggingDate: createdAt,
      baseDirectory: `berkas-${meta.opd}-${meta.submissionId}`,
      isScratch: true,
    });
    try {
      // A scratch ZIP, not synced by the writer: it is synced and moved under its hash in the same barrier as the bag's files.
      const { files } = await ingest(outPath, `paket ${meta.submissionId}`, [{ sha256: written.sha256, file: outPath, needsSync: true }], written.size);
      return built(meta, files, written.sha256, written.size, title);
    } finally {
      await fs.rm(outPath, { force: true }).catch(() => undefined);
    }
  }

  function built(meta: SubmissionMeta, files: ManifestFile[], packageSha256: string, packageSize: number, title: string): BuiltPackage {
    const manifest = buildManifest(meta, files);
    return { manifest, manifestSha256: sha256Hex(manifestCanonicalText(manifest)), packageSha256, packageSize, title };
  }

  return {
    newSubmissionId(at) {
      return uuidV7(at.getTime(), randomBytes(10));
    },

    inspectPdf(pdf, fileName) {
      return inspectPdf(pdf, fileName, now(), reports);
    },

    async build(input: PackageInput): Promise<BuiltPackage> {
      const meta = checkSubmissionMeta(input.meta);
      await ensureDir(workDir);
      // The PDF and data.json are bytes in hand: the writer bags them from memory and they are stored with the
      // bag's other files (one sync). Attachments go into the store first, so the writer reads them by hash.
      const pdfBytes = input.pdf.bytes;
      const dataBytes = Buffer.from(JSON.stringify(input.data, null, 2) + '\n', 'utf8');
      const payload: BagPayloadEntry[] = [
        { path: meta.mainDocument, bytes: pdfBytes, sha256: sha256Hex(pdfBytes), size: pdfBytes.byteLength, origin: input.pdf.fileName },
        { path: 'data/data.json', bytes: dataBytes, sha256: sha256Hex(dataBytes), size: dataBytes.length },
      ];
      for (const attachment of input.attachments) {
        const stored = await blobs.put({ path: attachment.file });
        payload.push({ path: `data/lampiran/${attachment.name}`, file: blobs.pathOf(stored.sha256), sha256: stored.sha256, size: stored.size, origin: attachment.file });
      }
      return bagAndKeep(
        meta,
        input.title,
        payload,
        [
          ['Source-Organization', input.sourceOrganization],
          ['External-Identifier', meta.submissionId],
          ['External-Description', input.title],
        ],
        input.createdAt,
      );
    },

    async importZip(file: string, wrap?: (bag: ForeignBag) => SubmissionMeta | null): Promise<BuiltPackage> {
      const shown = path.basename(file);
      let size: number;
      try {
        const st = await fs.stat(file);
        if (!st.isFile()) throw new BerkasError('PACKAGE_INVALID', `${file} bukan berkas paket (.zip).`, { file });
        size = st.size;
      } catch (err) {
        if (isBerkasError(err)) throw err;
        const errno = (err as NodeJS.ErrnoException).code;
        throw new BerkasError('FILE_NOT_FOUND', `Berkas ${file} tidak dapat dibuka (${errno ?? 'galat'}).`, { file, errno: errno ?? 'unknown' });
      }
      if (size > maxPackageBytes) throw new BerkasError('PACKAGE_INVALID', `Paket ${shown} berukuran ${size} bita, melebihi batas kiriman 4 GiB.`, { file });
      const kept = new Map<string, Buffer | null>();
      const verification = await verified(file, shown, kept);
      const title = tagValue(verification.bagInfo, 'External-Description');

      if (tagValue(verification.bagInfo, BAG_INFO_FIELDS.submissionId) === undefined && wrap) {
        // A bag made by Berkas for another purpose (a handover bundle): the same files, bagged again as a submission.
        const signedPdfs = [...new Set(verification.signatures.filter((s) => s.isSigned && s.isValid).map((s) => s.file))].filter((f) =>
          verification.signatures.filter((s) => s.file === f).every((s) => s.isValid),
        );
        const files = await storeFiles(file, verification, shown, [], kept);
        const payloadFiles = files.filter((f) => f.path.startsWith('data/'));
        const meta = wrap({ bagInfo: verification.bagInfo, payloadPaths: payloadFiles.map((f) => f.path), signedPdfs });
        if (meta) {
          assertMainSigned(verification, meta.mainDocument, shown, file);
          const keep = new Set(['source-organization', 'contact-name', 'contact-email', 'contact-phone', 'external-identifier', 'external-description', 'bag-group-identifier', 'organization-address']);
          const carried = verification.bagInfo.filter(([k]) => keep.has(k.toLowerCase()));
          const payload: BagPayloadEntry[] = payloadFiles.map((f) => ({ path: f.path, file: blobs.pathOf(f.sha256), sha256: f.sha256, size: f.size }));
          return bagAndKeep(checkSubmissionMeta(meta), title ?? shown, payload, carried, now());
        }
      }
      const meta = metaOf(verification.bagInfo, shown);
      assertMainSigned(verification, meta.mainDocument, shown, file);
      const files = await storeFiles(file, verification, shown, [], kept);
      const stored = await blobs.put({ path: file });
      return built(meta, files, stored.sha256, stored.size, title ?? path.posix.basename(meta.mainDocument));
    },

    async exportTo(packageSha256: string, outPath: string) {
      const source = blobs.pathOf(packageSha256);
      async function* packageBytes(): AsyncIterable<Uint8Array> {
        if (!(await fs.stat(source).then(() => true, () => false))) {
          throw new BerkasError('OUTBOX_BLOB_MISSING', `Paket ${packageSha256.slice(0, 12)}… tidak ada lagi di penyimpanan komputer ini (${source}).`, { file: source });
        }
        yield* createReadStream(source, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>;
      }
      const target = path.resolve(outPath);
      // The store's copy is checked on the way out: a damaged package never reaches the flash drive.
      return copyVerified({
        target,
        sha256: packageSha256,
        chunks: packageBytes(),
        existsError: () => new BerkasError('EXPORT_EXISTS', `Berkas ${target} sudah ada dan isinya bukan paket ini; pilih nama lain. Berkas yang ada tidak ditimpa.`, { file: target }),
        mismatchError: () => new BerkasError('OUTBOX_BLOB_DAMAGED', `Paket ${packageSha256.slice(0, 12)}… di penyimpanan komputer ini rusak (isinya berubah); buat paket baru.`, { file: source }),
      });
    },
  };
}
