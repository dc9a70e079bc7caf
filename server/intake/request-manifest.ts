/**
 * The manifest a device posts (PROTOCOL.md §5.1, §5.3), checked before
 * anything is saved: its canonical hash, its OPD against the token's, and for
 * a whole submission the body's blob bytes against the manifest's sizes.
 */
import { IntakeError } from '../protocol/errors';
import { blobsOf, LIMITS, manifestSha256, parseManifest, sortedManifest, type Manifest } from '../protocol/manifest';

/** A POST body's manifest, checked against its hash and the token's OPD. */
export function manifestOfBody(tokenOpd: string, body: unknown): { manifest: Manifest; sha: string } {
  const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : null) as Record<string, unknown> | null;
  if (!b) throw new IntakeError('BAD_REQUEST', 'Isi permintaan harus objek JSON {"manifest": {...}, "manifestSha256": "..."}.');
  const manifest = sortedManifest(parseManifest(b.manifest));
  const sha = manifestSha256(manifest);
  if (b.manifestSha256 !== sha) {
    throw new IntakeError('MANIFEST_HASH_MISMATCH', `manifestSha256 "${String(b.manifestSha256).slice(0, 80)}" bukan SHA-256 JSON kanonis manifes (seharusnya ${sha}). Periksa kanonisasi JSON (PROTOCOL.md §1.2).`, {
      details: { expected: sha },
    });
  }
  if (manifest.opd !== tokenOpd) {
    throw new IntakeError('OPD_MISMATCH', `Manifes menyatakan OPD ${manifest.opd}, padahal perangkat ini terdaftar untuk OPD ${tokenOpd}.`);
  }
  return { manifest, sha };
}

/** The distinct blobs of a whole submission's body, in ascending order of SHA-256; sizes checked first. */
export function wholePieces(manifest: Manifest, blobBytes: Buffer): { sha256: string; size: number; bytes: Buffer }[] {
  const blobs = [...blobsOf(manifest)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const expected = blobs.reduce((sum, [, size]) => sum + size, 0);
  if (expected > LIMITS.maxChunkBytes) {
    throw new IntakeError('PAYLOAD_TOO_LARGE', `Lampiran pengiriman ${manifest.submissionId} berjumlah ${expected} bita, melebihi ${LIMITS.maxChunkBytes} bita untuk satu permintaan; kirim bertahap (§5.1–§6).`);
  }
  if (blobBytes.length !== expected) {
    throw new IntakeError('BAD_REQUEST', `Isi lampiran ${blobBytes.length} bita, sedangkan manifes ${manifest.submissionId} menyatakan ${expected} bita (lampiran berbeda, urut SHA-256).`);
  }
  let at = 0;
  return blobs.map(([sha256, size]) => {
    const bytes = blobBytes.subarray(at, at + size);
    at += size;
    return { sha256, size, bytes };
  });
}

export function takenError(id: string): IntakeError {
  return new IntakeError('SUBMISSION_ID_TAKEN', `Id pengiriman ${id} sudah dipakai pihak lain. Buat paket baru (id baru).`);
}
