/**
 * Blobs as the intake takes them from an OPD (PROTOCOL.md §5.2, §5.3): what
 * is still missing and from which offset, resumable chunks, and the whole
 * blobs of a small submission stored side by side. A blob counts as held per
 * OPD, only when stored and not found damaged by `server check`.
 */
import type { Clock } from '../../core/ports';
import { IntakeError, isIntakeError } from '../protocol/errors';
import { isSha256 } from '../protocol/ids';
import { blobsOf, type Manifest } from '../protocol/manifest';
import type { MissingBlob } from '../protocol/types';
import type { BlobStorage } from '../storage/blob-storage';
import type { NodeStore } from '../store/node-store';
import type { DeviceToken, IntakeRepository } from '../store/repository';

export interface BlobIntakeDeps {
  repo: IntakeRepository;
  storage: BlobStorage;
  nodes: NodeStore;
  clock: Clock;
}

export interface BlobState {
  sha256: string;
  size: number;
  offset: number;
  complete: boolean;
}

function checkSha(sha256: string): void {
  if (!isSha256(sha256)) throw new IntakeError('INVALID_ID', `"${String(sha256).slice(0, 80)}" bukan SHA-256 (64 karakter heksadesimal huruf kecil).`);
}

export class BlobIntake {
  constructor(private readonly deps: BlobIntakeDeps) {}

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }

  /** What this OPD still has to upload for a manifest, with the offsets already held. */
  async missingOf(opd: string, manifest: Manifest): Promise<MissingBlob[]> {
    const blobs = blobsOf(manifest);
    const held = await this.deps.repo.heldBlobs(opd, [...blobs.keys()]);
    const damaged = await this.damagedOf([...held]);
    const missing: MissingBlob[] = [];
    for (const [sha256, size] of blobs) {
      if (held.has(sha256) && !damaged.has(sha256) && (await this.deps.storage.has(sha256))) continue;
      const upload = await this.uploadOffsetOf(opd, sha256, size);
      if (upload.isStored) continue;
      missing.push({ sha256, size, offset: upload.offset });
    }
    return missing;
  }

  /**
   * The resume point of this OPD's upload. When every byte is held but the blob was never stored (the node
   * was killed between the last chunk's sync and storing the blob), it is finished here as the last chunk
   * would have been: else the client, told "all bytes held, not complete", could never finish.
   */
  private async uploadOffsetOf(opd: string, sha256: string, size: number): Promise<{ offset: number; isStored: boolean }> {
    const { storage } = this.deps;
    const offset = Math.min(await storage.uploadOffset(opd, sha256), size);
    if (size === 0 || offset !== size) return { offset, isStored: false };
    const isDamaged = (await this.damagedOf([sha256])).has(sha256);
    try {
      const state = await storage.appendChunk(opd, sha256, size, Buffer.alloc(0), size, isDamaged);
      if (!state.isComplete) return { offset: state.offset, isStored: false };
    } catch (err) {
      // Bytes that do not hash to the name are dropped by the storage, or another request moved the upload: ask again.
      if (isIntakeError(err) && (err.code === 'BLOB_HASH_MISMATCH' || err.code === 'UPLOAD_OFFSET_MISMATCH')) {
        // A last chunk arriving meanwhile may have stored it.
        if (await this.isHeld(opd, sha256)) return { offset: size, isStored: true };
        return { offset: Math.min(await storage.uploadOffset(opd, sha256), size), isStored: false };
      }
      throw err;
    }
    await this.deps.repo.markBlobsHeld(opd, [{ sha256, size }], this.nowIso());
    if (isDamaged) await this.deps.nodes.clearDamaged(sha256);
    return { offset: size, isStored: true };
  }

  /** Of these blobs, those `server check` found damaged: never counted as held, taken again from the OPD. */
  private async damagedOf(sha256s: readonly string[]): Promise<Set<string>> {
    if (sha256s.length === 0) return new Set();
    return new Set((await this.deps.nodes.damaged(sha256s)).map((d) => d.sha256));
  }

  /** Held by this OPD, stored, and not known damaged. */
  private async isHeld(opd: string, sha256: string): Promise<boolean> {
    if (!(await this.deps.repo.heldBlobs(opd, [sha256])).has(sha256)) return false;
    return !(await this.damagedOf([sha256])).has(sha256) && (await this.deps.storage.has(sha256));
  }

  async status(token: DeviceToken, sha256: string): Promise<BlobState> {
    checkSha(sha256);
    const held = await this.isHeld(token.opd, sha256);
    const expected = await this.deps.repo.expectedBlobSize(token.opd, sha256);
    if (held) {
      const size = expected ?? (await this.deps.storage.sizeOf(sha256)) ?? 0;
      return { sha256, size, offset: size, complete: true };
    }
    if (expected === null) throw new IntakeError('BLOB_NOT_EXPECTED', `Lampiran ${sha256} tidak tercantum di pengiriman terbuka mana pun milik OPD ini.`);
    const upload = await this.uploadOffsetOf(token.opd, sha256, expected);
    return { sha256, size: expected, offset: upload.offset, complete: upload.isStored };
  }

  async putChunk(token: DeviceToken, sha256: string, input: { offset: number; uploadLength: number; chunkSha256: string; body: Buffer }): Promise<BlobState> {
    checkSha(sha256);
    const expected = await this.deps.repo.expectedBlobSize(token.opd, sha256);
    const held = await this.isHeld(token.opd, sha256);
    if (held) {
      const size = expected ?? input.uploadLength;
      return { sha256, size, offset: size, complete: true };
    }
    if (expected === null) throw new IntakeError('BLOB_NOT_EXPECTED', `Lampiran ${sha256} tidak tercantum di pengiriman terbuka mana pun milik OPD ini; kirim manifesnya terlebih dahulu.`);
    if (input.uploadLength !== expected) {
      throw new IntakeError('UPLOAD_LENGTH_MISMATCH', `Upload-Length ${input.uploadLength} tidak sama dengan ukuran lampiran ${sha256} di manifes (${expected} bita).`);
    }
    const isDamaged = (await this.damagedOf([sha256])).has(sha256);
    const state = await this.deps.storage.appendChunk(token.opd, sha256, input.offset, input.body, expected, isDamaged);
    if (state.isComplete) {
      await this.deps.repo.markBlobsHeld(token.opd, [{ sha256, size: expected }], this.nowIso());
      // Bytes that hash to the name stand in the damaged copy's place now.
      if (isDamaged) await this.deps.nodes.clearDamaged(sha256);
    }
    return { sha256, size: expected, offset: state.offset, complete: state.isComplete };
  }

  /**
   * Whole blobs of a small submission (§5.3), each hashed against its name by the storage; those this OPD
   * does not hold yet are stored side by side (their syncs overlap on the thread pool instead of following
   * one another). Nothing is written to the repository here: the caller marks `stored` held in the
   * transaction that saves the submission, then clears `repaired` (stored over a copy found damaged).
   * `complete`: those now held or stored, and not damaged.
   */
  async storeWhole(opd: string, pieces: readonly { sha256: string; size: number; bytes: Buffer }[]): Promise<{ complete: Set<string>; stored: { sha256: string; size: number }[]; repaired: string[] }> {
    const { storage } = this.deps;
    const held = await this.deps.repo.heldBlobs(
      opd,
      pieces.map((p) => p.sha256),
    );
    const damaged = await this.damagedOf([...held]);
    const stored: { sha256: string; size: number }[] = [];
    const complete = new Set<string>();
    await Promise.all(
      pieces.map(async (p) => {
        if (held.has(p.sha256) && !damaged.has(p.sha256) && (await storage.has(p.sha256))) {
          complete.add(p.sha256);
          return;
        }
        const isDamaged = damaged.has(p.sha256);
        let state;
        try {
          state = await storage.appendChunk(opd, p.sha256, 0, p.bytes, p.size, isDamaged);
        } catch (err) {
          if (!isIntakeError(err) || err.code !== 'UPLOAD_OFFSET_MISMATCH') throw err;
          // A stepwise upload left part of this blob: continue it from there with the bytes at hand.
          const at = Math.min(await storage.uploadOffset(opd, p.sha256), p.size);
          state = await storage.appendChunk(opd, p.sha256, at, p.bytes.subarray(at), p.size, isDamaged);
        }
        if (!state.isComplete) return;
        stored.push({ sha256: p.sha256, size: p.size });
        complete.add(p.sha256);
      }),
    );
    return { complete, stored, repaired: stored.filter((b) => damaged.has(b.sha256)).map((b) => b.sha256) };
  }
}
