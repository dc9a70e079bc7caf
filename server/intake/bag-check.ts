/**
 * The checks of a commit (PROTOCOL.md §6.2) on a manifest whose blobs are all
 * held: the bag is rebuilt from its blobs as a STORED ZIP (re-hashing every
 * blob on the way) and judged by the shared BagIt verifier
 * (core/adapters/bagit/verify.ts) — the very code a flash-drive package goes
 * through — then bag-info.txt is compared with the manifest, and every PDF's
 * signatures are judged by the shared verifier (core/adapters/signing/pdf-verifier.ts)
 * straight from its blob: the main document must carry an intact one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { BlobStorage } from '../storage/blob-storage';
import { isBerkasError } from '../../core/domain/errors';
import type { DocumentIntegrity, SignatureReport as DomainSignature } from '../../core/domain/signing/verification';
import { verifyBagZip, verifyBagZipBytes, type BagVerification } from '../../core/adapters/bagit/verify';
import { verifyPdfWithSigners } from '../../core/adapters/signing/pdf-verifier';
import { useNativeCrc32 } from '../../core/adapters/bagit/native-crc32';
import { buildSmallZip, canBuildSmallZip } from '../../core/adapters/bagit/small-zip';
import { IntakeError } from '../protocol/errors';
import { metadataMismatch, type Manifest } from '../protocol/manifest';
import type { SignatureSummary } from '../protocol/types';

export interface BagCheckInput {
  manifest: Manifest;
  blobs: BlobStorage;
  tmpDir: string;
  trustRoots: Uint8Array[];
  now: Date;
}

// yazl's CRC-32 of each blob in native code, as the app's packager has it: the same sums, a fifth of the time.
useNativeCrc32();

// Up to this many bytes a bag is assembled and judged in memory; above, written blob by blob to a scratch file.
const IN_MEMORY_BAG_BYTES = 8 * 1024 * 1024;

/** Builds <tmpDir>/<random>.zip from the manifest's blobs, checking each blob's hash as it is read. */
async function assembleZipFile(manifest: Manifest, blobs: BlobStorage, tmpDir: string, mtime: Date): Promise<string> {
  await fs.mkdir(tmpDir, { recursive: true });
  const out = path.join(tmpDir, `${manifest.submissionId}-${randomBytes(6).toString('hex')}.zip`);
  const zip = new ZipFile();
  let failure: Error | undefined;
  // yazl watches neither the streams it is handed nor tells its output of its own errors: a blob that fails
  // (missing, unreadable, not its hash) must end the output here, or the write below waits for it forever.
  const stop = (err: Error) => {
    failure ??= err;
    // yazl's typings say NodeJS.ReadableStream; it is a PassThrough.
    (zip.outputStream as Readable).destroy(failure);
  };
  zip.on('error', stop);
  for (const file of manifest.files) {
    zip.addReadStreamLazy(file.path, { compress: false, size: file.size, mtime, mode: 0o100644 }, (cb) => {
      if (failure) {
        cb(failure, Readable.from([]));
        return;
      }
      const hash = createHash('sha256');
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done: TransformCallback) {
          hash.update(chunk);
          done(null, chunk);
        },
        flush(done: TransformCallback) {
          const digest = hash.digest('hex');
          if (digest !== file.sha256) {
            failure = new IntakeError('BLOB_HASH_MISMATCH', `Lampiran ${file.path} di penyimpanan server tidak lagi sesuai SHA-256-nya (${file.sha256}); kirim ulang lampiran itu.`, {
              details: { sha256: file.sha256, path: file.path },
            });
            done(failure);
            return;
          }
          done();
        },
      });
      tap.on('error', stop);
      blobs.open(file.sha256).then(
        (source) => {
          source.on('error', (err) => tap.destroy(err));
          cb(null, source.pipe(tap));
        },
        (err: Error) => {
          failure = err;
          cb(err, Readable.from([]));
        },
      );
    });
  }
  zip.end();
  try {
    await pipeline(zip.outputStream, createWriteStream(out, { mode: 0o600 }));
  } catch (err) {
    await fs.rm(out, { force: true });
    throw failure ?? err;
  }
  if (failure) {
    await fs.rm(out, { force: true });
    throw failure;
  }
  return out;
}

/**
 * A small bag as one ZIP in memory: its blobs read whole (storage.read checks each against its name, or they
 * are the bytes this request just checked). It is judged where it lies, never written anywhere.
 */
async function assembleSmallZip(manifest: Manifest, blobs: BlobStorage, mtime: Date): Promise<Buffer> {
  const distinct = [...new Set(manifest.files.map((f) => f.sha256))];
  let bytesOf: Map<string, Buffer>;
  try {
    bytesOf = new Map(await Promise.all(distinct.map(async (sha256) => [sha256, await blobs.read(sha256)] as const)));
  } catch (err) {
    if (isBerkasError(err) && err.code === 'BLOB_DAMAGED') {
      const sha256 = String(err.details?.sha256 ?? '');
      const file = manifest.files.find((f) => f.sha256 === sha256);
      throw new IntakeError('BLOB_HASH_MISMATCH', `Lampiran ${file?.path ?? sha256} di penyimpanan server tidak lagi sesuai SHA-256-nya (${sha256}); kirim ulang lampiran itu.`, {
        details: { sha256, path: file?.path ?? null },
      });
    }
    throw err;
  }
  const entries = manifest.files.map((file) => ({ name: file.path, bytes: bytesOf.get(file.sha256) as Buffer, isCompressed: false }));
  // In one synchronous pass where it can be (the same STORED layout yazl writes, without its streams).
  if (canBuildSmallZip() && entries.length <= 0xffff) return buildSmallZip(entries, mtime);
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(entry.bytes, entry.name, { compress: false, mtime, mode: 0o100644 });
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** The bag as the shared verifier judges it: a small one from memory, a large one from a scratch file. */
async function verifyBag(input: BagCheckInput): Promise<BagVerification> {
  const { manifest } = input;
  // The signed documents are judged below from their blobs, with the server's trust roots: here the bag only.
  const options = { requireSigned: [] };
  if (manifest.files.reduce((sum, f) => sum + f.size, 0) <= IN_MEMORY_BAG_BYTES) {
    return verifyBagZipBytes(await assembleSmallZip(manifest, input.blobs, input.now), `${manifest.submissionId}.zip`, options);
  }
  const zipPath = await assembleZipFile(manifest, input.blobs, input.tmpDir, input.now);
  try {
    return await verifyBagZip(zipPath, options);
  } finally {
    await fs.rm(zipPath, { force: true });
  }
}

function summarize(s: DomainSignature): SignatureSummary {
  return { field: s.field, signer: s.signer, nip: s.nip, signedAt: s.signedAt, integrity: s.integrity, certificate: s.certificate, problems: s.problems };
}

function bagProblems(v: BagVerification): string[] {
  return [
    ...(v.missing.length ? [`berkas hilang: ${v.missing.slice(0, 5).join(', ')}`] : []),
    ...(v.mismatched.length ? [`isi tidak cocok dengan manifes: ${v.mismatched.slice(0, 5).join(', ')}`] : []),
    ...(v.unexpected.length ? [`berkas tidak tercantum di ${'manifest-sha256.txt'}: ${v.unexpected.slice(0, 5).join(', ')}`] : []),
    ...v.problems,
  ];
}

// pdf-lib holds a whole PDF (and more) in memory while it is judged; the verifier's own default bound.
const MAX_PDF_BYTES = 100 * 1024 * 1024;

/** Signatures of one PDF blob; a file named .pdf that is no readable PDF has none (and says why). */
async function signaturesOf(
  input: BagCheckInput,
  file: { path: string; sha256: string; size: number },
): Promise<{ signatures: DomainSignature[]; signerCertificates: (Uint8Array | null)[]; integrity?: DocumentIntegrity; unreadable?: string }> {
  if (file.size > MAX_PDF_BYTES) return { signatures: [], signerCertificates: [], unreadable: `berkas lebih dari ${MAX_PDF_BYTES} bita` };
  try {
    const pdf = await input.blobs.read(file.sha256);
    const { report, signerCertificates } = await verifyPdfWithSigners({ pdf, fileName: file.path, trustRoots: input.trustRoots, now: input.now });
    return { signatures: report.signatures, signerCertificates, integrity: report.integrity };
  } catch (err) {
    if (isBerkasError(err)) return { signatures: [], signerCertificates: [], unreadable: err.message };
    // A hostile PDF may trip the parser in ways it does not describe; it is still just unreadable, never a crash.
    console.warn(`[server] ${file.path}: pemeriksa PDF gagal: ${(err as Error).message}`);
    return { signatures: [], signerCertificates: [], unreadable: `PDF ${file.path} tidak dapat dibaca: strukturnya rusak.` };
  }
}

/**
 * Runs §6.2 checks 1–4; returns the main document's signatures for the review
 * page, and beside each its signer's certificate from the CMS the verifier
 * checked (null when not intact or ambiguous) for the signer check. Throws 422
 * IntakeErrors.
 */
export async function checkBag(input: BagCheckInput): Promise<{ signatures: SignatureSummary[]; signerCertificates: (Uint8Array | null)[] }> {
  const { manifest } = input;
  let verification: BagVerification;
  try {
    verification = await verifyBag(input);
  } catch (err) {
    if (isBerkasError(err) && err.code.startsWith('ZIP_')) {
      throw new IntakeError('BAG_INVALID', `Berkas-berkas pengiriman ${manifest.submissionId} tidak membentuk paket BagIt yang sah: ${err.message}`, { details: { problems: [err.message] } });
    }
    throw err;
  }

  const structural = bagProblems(verification);
  if (!verification.complete || verification.mismatched.length > 0 || verification.problems.length > 0) {
    throw new IntakeError('BAG_INVALID', `Paket ${manifest.submissionId} bukan bag BagIt yang sah: ${structural.slice(0, 4).join('; ')}.`, {
      details: { problems: structural, missing: verification.missing, mismatched: verification.mismatched, unexpected: verification.unexpected },
    });
  }

  const mismatch = metadataMismatch(manifest, verification.bagInfo);
  if (mismatch) {
    throw new IntakeError(
      'METADATA_MISMATCH',
      `bag-info.txt menyatakan ${mismatch.label}: "${mismatch.found}", sedangkan manifes menyatakan ${mismatch.field} "${mismatch.expected}".`,
      { details: { field: mismatch.field, label: mismatch.label, manifest: mismatch.expected, bagInfo: mismatch.found } },
    );
  }

  // The main document, and the berita acara of a handover package whatever its bag-info says (issue 11).
  const mustBeSigned = [manifest.mainDocument, ...(verification.berkasPackage?.signedDocuments ?? []).filter((d) => d !== manifest.mainDocument)];
  const signedBy = new Map<string, { signatures: DomainSignature[]; signerCertificates: (Uint8Array | null)[] }>();
  for (const doc of mustBeSigned) {
    const file = manifest.files.find((f) => f.path === doc);
    const main = file ? await signaturesOf(input, file) : { signatures: [], signerCertificates: [], unreadable: 'berkas itu tidak ada di dalam paket.' };
    const what = doc === manifest.mainDocument ? `Dokumen utama ${doc}` : `Berita acara ${doc}`;
    if (main.signatures.length === 0) {
      throw new IntakeError(
        'SIGNATURE_MISSING',
        main.unreadable ? `${what} tidak dapat diperiksa tanda tangannya: ${main.unreadable}` : `${what} belum ditandatangani secara elektronik; tandatangani dulu lalu buat paket baru.`,
        { details: { file: doc } },
      );
    }
    if (!main.signatures.some((s) => s.integrity === 'valid')) {
      const problems = main.signatures.flatMap((s) => s.problems);
      throw new IntakeError('SIGNATURE_INVALID', `Tidak ada tanda tangan elektronik yang utuh pada ${doc}: ${problems.slice(0, 3).join('; ') || 'isi berubah setelah ditandatangani'}.`, {
        details: { file: doc, problems },
      });
    }
    // The one judgement of core/domain (documentIntegrity): what the reviewer would read must be what was signed,
    // apart from changes the signer permitted — a second signature on top of a change does not excuse it.
    if (main.integrity !== 'utuh') {
      const changes = main.signatures.flatMap((s) => (s.isChangePermitted ? [] : s.changesAfter.map((c) => c.description)));
      const problems = changes.length > 0 ? changes : main.signatures.flatMap((s) => s.problems);
      throw new IntakeError('SIGNATURE_INVALID', `${doc} diubah setelah ditandatangani (${[...new Set(problems)].slice(0, 3).join('; ')}); tandatangani ulang dokumen aslinya lalu buat paket baru.`, {
        details: { file: doc, problems },
      });
    }
    signedBy.set(doc, main);
  }
  for (const file of manifest.files) {
    if (signedBy.has(file.path) || !file.path.startsWith('data/') || !/\.pdf$/i.test(file.path)) continue;
    const broken = (await signaturesOf(input, file)).signatures.filter((s) => s.integrity !== 'valid');
    if (broken.length > 0) {
      throw new IntakeError('BAG_INVALID', `Tanda tangan elektronik pada ${file.path} tidak utuh.`, { details: { problems: broken.flatMap((s) => s.problems), files: [file.path] } });
    }
  }
  const main = signedBy.get(manifest.mainDocument);
  return { signatures: (main?.signatures ?? []).map(summarize), signerCertificates: main?.signerCertificates ?? [] };
}
