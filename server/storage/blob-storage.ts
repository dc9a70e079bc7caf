/**
 * Where the intake keeps blob bytes (PROTOCOL.md §5.2, §14): one port, two
 * adapters. The embedded default is the content-addressed folder D/blobs with
 * partial uploads in D/uploads (local-storage.ts); a province's N nodes share
 * S3-compatible object storage, with the state of partial uploads in the
 * database so any node continues what another accepted (s3-storage.ts).
 *
 * Either way a blob appears under its SHA-256 only complete and hashing to
 * that name, and `read` re-checks the bytes it returns: a blob damaged at
 * rest is refused (BLOB_DAMAGED), never served as good.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { BerkasError } from '../../core/domain/errors';
import { IntakeError } from '../protocol/errors';

export interface UploadState {
  offset: number;
  isComplete: boolean;
}

export interface BlobStorage {
  readonly kind: 'local' | 's3';
  /** For the start-up line and messages, without secrets. */
  readonly description: string;
  /** Whether a blob is stored whole under this name. */
  has(sha256: string): Promise<boolean>;
  /** Size of the stored blob, or null when there is none. */
  sizeOf(sha256: string): Promise<number | null>;
  /** The whole blob, checked against its name (BLOB_MISSING, BLOB_DAMAGED). */
  read(sha256: string): Promise<Buffer>;
  /** The blob as it is stored, unchecked: for callers that hash while they read (commit, `server check`). */
  open(sha256: string): Promise<Readable>;
  /** Bytes of this OPD's partial upload durably held (the resume point). */
  uploadOffset(opd: string, sha256: string): Promise<number>;
  /**
   * Appends one checked chunk at `offset` of a blob of `total` bytes and, on the last one, stores the blob
   * when the whole hashes to its name (else BLOB_HASH_MISMATCH and the upload starts again at 0).
   * `replace`: the stored copy is known damaged, so a complete upload takes its place.
   */
  appendChunk(opd: string, sha256: string, offset: number, chunk: Buffer, total: number, replace?: boolean): Promise<UploadState>;
  /** Stores a stream as a blob (a flash-drive package's entry); returns its name and size. */
  putStream(source: Readable): Promise<{ sha256: string; size: number }>;
  /** Every stored blob, for `berkas server check`. */
  list(): AsyncIterable<{ sha256: string; size: number }>;
  /** Removes what a crash left half-done (temp files). */
  cleanup(): Promise<void>;
  close(): Promise<void>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function blobMissing(sha256: string, where: string): BerkasError {
  return new BerkasError('BLOB_MISSING', `Lampiran ${sha256} tidak ada di penyimpanan server (${where}).`, { sha256 });
}

export function blobDamaged(sha256: string, actual: string): BerkasError {
  return new BerkasError(
    'BLOB_DAMAGED',
    `Lampiran ${sha256} di penyimpanan server rusak: isinya kini ber-SHA-256 ${actual}. Isi itu tidak dipakai; jalankan berkas server check, lalu minta OPD mengirim ulang paketnya.`,
    { sha256, actual },
  );
}

/** The object store cannot be reached or refuses to store: the client retries later, and nothing is acknowledged. */
export function storageUnavailable(detail: string): IntakeError {
  return new IntakeError('UNAVAILABLE', `Penyimpanan berkas server sedang tidak dapat dipakai (${detail}); coba lagi nanti. Bagian yang belum dikonfirmasi server akan dikirim ulang.`, {
    headers: { 'Retry-After': '30' },
  });
}

export function offsetMismatch(sha256: string, offset: number, current: number): IntakeError {
  return new IntakeError('UPLOAD_OFFSET_MISMATCH', `Potongan dimulai di bita ${offset}, sedangkan server sudah menyimpan ${current} bita lampiran ${sha256}; lanjutkan dari bita ${current}.`, {
    extra: { offset: current },
  });
}

export function chunkOutOfRange(sha256: string, offset: number, length: number, total: number): IntakeError {
  return new IntakeError('CHUNK_OUT_OF_RANGE', `Potongan bita ${offset}–${offset + length} melewati ukuran lampiran ${sha256} (${total} bita).`);
}

export function hashMismatch(sha256: string, digest: string): IntakeError {
  return new IntakeError(
    'BLOB_HASH_MISMATCH',
    `Isi lampiran yang diunggah (SHA-256 ${digest}) tidak sama dengan yang tercantum di manifes (${sha256}); unggahan dibuang. Periksa berkas itu di perangkat lalu kirim ulang dari awal.`,
    { details: { sha256, received: digest } },
  );
}
