/**
 * The intake: enrollment, manifests, resumable blobs, commit with receipts,
 * status, flash-drive import, and the review decisions. Transport-free: the
 * HTTP layer (server/http) and the CLI (cli/commands/server.ts) both call it.
 */
import path from 'node:path';
import type { Clock } from '../../core/ports';
import { BerkasError, isBerkasError } from '../../core/domain/errors';
import type { RegionProfile } from '../../core/domain/profiles/profile';
import { openZip, type ZipEntry } from '../../core/adapters/zip-reader/zip-reader';
import { parseTagFile } from '../../core/domain/handover/bagit';
import { IntakeError, isIntakeError } from '../protocol/errors';
import { isOpdCode, isSha256, isSubmissionId } from '../protocol/ids';
import { blobsOf, LIMITS, manifestSha256, metadataFromBagInfo, parseManifest, sortedManifest, type Manifest } from '../protocol/manifest';
import type { ErrorSummary, MissingBlob, Receipt, ReviewStatus, SignatureSummary, SignerCheck } from '../protocol/types';
import type { DeviceToken, IntakeRepository, SaveManifestResult, SubmissionRecord } from '../store/repository';
import { KeyedMutex } from '../store/sql-runner';
import { checkBag } from './bag-check';
import { enrollmentCodeHash, newEnrollmentCode, newId, newToken, tokenHash } from './codes';
import type { PublishedKey, ReceiptKeys } from './receipt-keys';
import type { BlobStorage } from '../storage/blob-storage';
import type { NodeStore } from '../store/node-store';
import { judgeSigner } from './signer-check';
import { allTrustRoots } from './trust-roots';
import { backfillFacts, recordFacts, rejudgeTrust, type RecorderDeps } from './facts-recorder';

export interface IntakeDeps {
  dataDir: string;
  repo: IntakeRepository;
  keys: ReceiptKeys;
  clock: Clock;
  /** Where blob bytes live: the data folder, or object storage shared by every node. */
  storage: BlobStorage;
  /** Upload state, shared keys and damaged blobs (schema 4). */
  nodes: NodeStore;
  /** Region profiles: handover checklists and report names for the console's facts. */
  profiles?: readonly RegionProfile[];
}

/** What GET /v1/submissions/{id} answers (PROTOCOL.md §7). */
export interface SubmissionView {
  submissionId: string;
  opd: string;
  type: string;
  period: string;
  revisionOf: string | null;
  manifestSha256: string;
  state: 'open' | 'committed';
  missing?: MissingBlob[];
  receipt: Receipt | null;
  review: { status: ReviewStatus; note: string | null; decidedAt: string | null };
  lastError: ErrorSummary | null;
  updatedAt: string;
}

export interface ImportResult {
  submissionId: string;
  opd: string;
  manifestSha256: string;
  receipt: Receipt;
  /** True when this id and hash were already committed (online or an earlier import). */
  isDuplicate: boolean;
  /** Whether the signer is the OPD's (PROTOCOL.md §6.3); null for a duplicate committed before the check existed. */
  signerCheck: SignerCheck | null;
}

function conflictError(record: SubmissionRecord): IntakeError {
  return new IntakeError(
    'SUBMISSION_CONFLICT',
    `Pengiriman ${record.id} sudah diterima server dengan isi lain (SHA-256 manifes ${record.manifestSha256}). Paket yang sudah terkirim tidak dapat diganti; buat paket baru, atau revisi yang merujuk pengiriman itu.`,
    {
      extra: {
        server: { submissionId: record.id, manifestSha256: record.manifestSha256, state: record.state, receivedAt: record.committedAt, receipt: record.receipt },
      },
    },
  );
}

function notFound(id: string): IntakeError {
  return new IntakeError('SUBMISSION_NOT_FOUND', `Pengiriman ${id} tidak ditemukan di server untuk OPD ini; kirim manifesnya terlebih dahulu.`);
}

export class IntakeService {
  /** The blob storage (named `blobs` for the console's readers). */
  readonly blobs: BlobStorage;
  private readonly commits = new KeyedMutex();
  private readonly dataDir: string;
  /** Bumped on every commit and decision, so cached reference data knows when to rebuild. */
  private generation = 0;

  constructor(private readonly deps: IntakeDeps) {
    this.dataDir = path.resolve(deps.dataDir);
    this.blobs = deps.storage;
  }

  get repo(): IntakeRepository {
    return this.deps.repo;
  }

  get profiles(): readonly RegionProfile[] {
    return this.deps.profiles ?? [];
  }

  get changeGeneration(): number {
    return this.generation;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  async publishedKeys(): Promise<PublishedKey[]> {
    await this.deps.keys.refresh();
    return this.deps.keys.published();
  }

  get nodes(): NodeStore {
    return this.deps.nodes;
  }

  // ---- enrollment and tokens -------------------------------------------------------------

  async createEnrollmentCode(opdCode: string, name: string | null, validDays = 7): Promise<{ code: string; opd: string; name: string; expiresAt: string }> {
    if (!isOpdCode(opdCode)) {
      throw new BerkasError('OPD_INVALID', `Kode OPD "${opdCode}" tidak sah: gunakan huruf besar, angka, titik, garis bawah atau tanda hubung, paling banyak 32 karakter (mis. DISDIK).`);
    }
    if (!Number.isInteger(validDays) || validDays < 1 || validDays > 90) throw new BerkasError('USAGE', `Masa berlaku kode ${validDays} hari tidak sah: 1–90 hari.`);
    const now = this.now();
    const opd = await this.deps.repo.ensureOpd(opdCode, name, now.toISOString());
    const code = newEnrollmentCode();
    const expiresAt = new Date(now.getTime() + validDays * 86_400_000).toISOString();
    await this.deps.repo.addEnrollCode({ codeSha256: enrollmentCodeHash(code), opd: opd.code, createdAt: now.toISOString(), expiresAt });
    return { code, opd: opd.code, name: opd.name, expiresAt };
  }

  async enroll(body: unknown): Promise<{ token: string; tokenId: string; opd: { code: string; name: string }; keys: PublishedKey[] }> {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof b.code !== 'string' || b.code.length === 0 || b.code.length > 64) {
      throw new IntakeError('ENROLLMENT_CODE_INVALID', 'Kode pendaftaran kosong atau tidak sah. Masukkan kode dari Diskominfo, mis. K7QM-4XTD-9HPA-2WEC.');
    }
    const deviceName = typeof b.deviceName === 'string' ? b.deviceName.slice(0, 200) : null;
    const appVersion = typeof b.appVersion === 'string' ? b.appVersion.slice(0, 64) : null;
    const token = newToken();
    const tokenId = newId('tok');
    const result = await this.deps.repo.redeemEnrollCode(enrollmentCodeHash(b.code), this.now().toISOString(), { id: tokenId, tokenSha256: tokenHash(token), deviceName, appVersion });
    switch (result.kind) {
      case 'ok':
        return { token, tokenId, opd: { code: result.opd.code, name: result.opd.name }, keys: await this.publishedKeys() };
      case 'used':
        throw new IntakeError('ENROLLMENT_CODE_USED', 'Kode pendaftaran ini sudah dipakai. Minta kode baru kepada Diskominfo; satu kode hanya untuk satu perangkat.');
      case 'expired':
        throw new IntakeError('ENROLLMENT_CODE_EXPIRED', 'Kode pendaftaran ini sudah kedaluwarsa. Minta kode baru kepada Diskominfo.');
      default:
        throw new IntakeError('ENROLLMENT_CODE_INVALID', 'Kode pendaftaran tidak dikenal. Periksa kembali kode dari Diskominfo (16 huruf/angka, mis. K7QM-4XTD-9HPA-2WEC).');
    }
  }

  async authenticate(authorization: string | undefined): Promise<DeviceToken> {
    const m = /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(authorization ?? '');
    if (!authorization) throw new IntakeError('AUTH_REQUIRED', 'Permintaan tanpa token perangkat (header Authorization: Bearer). Daftarkan perangkat ini dengan kode dari Diskominfo.');
    if (!m) throw new IntakeError('TOKEN_INVALID', 'Token perangkat tidak sah. Daftarkan ulang perangkat ini dengan kode dari Diskominfo.');
    const token = await this.deps.repo.findDeviceToken(tokenHash(m[1] as string));
    if (!token) throw new IntakeError('TOKEN_INVALID', 'Token perangkat tidak dikenal server. Daftarkan ulang perangkat ini dengan kode dari Diskominfo.');
    if (token.revokedAt) throw new IntakeError('TOKEN_REVOKED', `Token perangkat ini dicabut Diskominfo pada ${token.revokedAt}. Daftarkan ulang perangkat dengan kode baru.`);
    return token;
  }

  // ---- manifests and blobs ---------------------------------------------------------------

  /** What this OPD still has to upload for a manifest, with the offsets already held. */
  private async missingOf(opd: string, manifest: Manifest): Promise<MissingBlob[]> {
    const blobs = blobsOf(manifest);
    const held = await this.deps.repo.heldBlobs(opd, [...blobs.keys()]);
    const damaged = await this.damagedOf([...held]);
    const missing: MissingBlob[] = [];
    for (const [sha256, size] of blobs) {
      if (held.has(sha256) && !damaged.has(sha256) && (await this.blobs.has(sha256))) continue;
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
    const offset = Math.min(await this.blobs.uploadOffset(opd, sha256), size);
    if (size === 0 || offset !== size) return { offset, isStored: false };
    const isDamaged = (await this.damagedOf([sha256])).has(sha256);
    try {
      const state = await this.blobs.appendChunk(opd, sha256, size, Buffer.alloc(0), size, isDamaged);
      if (!state.isComplete) return { offset: state.offset, isStored: false };
    } catch (err) {
      // Bytes that do not hash to the name are dropped by the storage, or another request moved the upload: ask again.
      if (isIntakeError(err) && (err.code === 'BLOB_HASH_MISMATCH' || err.code === 'UPLOAD_OFFSET_MISMATCH')) {
        // A last chunk arriving meanwhile may have stored it.
        if (await this.isHeld(opd, sha256)) return { offset: size, isStored: true };
        return { offset: Math.min(await this.blobs.uploadOffset(opd, sha256), size), isStored: false };
      }
      throw err;
    }
    await this.deps.repo.markBlobsHeld(opd, [{ sha256, size }], this.now().toISOString());
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
    return !(await this.damagedOf([sha256])).has(sha256) && (await this.blobs.has(sha256));
  }

  async postManifest(token: DeviceToken, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const { manifest, saved } = await this.saveManifestOf(token, body);
    const record = saved.record;
    const isCommitted = record.state === 'committed';
    const response: Record<string, unknown> = {
      submissionId: record.id,
      manifestSha256: record.manifestSha256,
      state: record.state,
      missing: isCommitted ? [] : await this.missingOf(token.opd, manifest),
      receipt: record.receipt,
    };
    if (saved.kind === 'replaced') response.replaced = true;
    return { status: saved.kind === 'created' || saved.kind === 'replaced' ? 201 : 200, body: response };
  }

  /**
   * A small submission in one request (PROTOCOL.md §5.3): the manifest, the bytes of every distinct blob (in
   * ascending order of SHA-256, each checked against its name) and the commit. The same steps as the three
   * requests it replaces, with the blobs stored side by side and marked held in one transaction.
   */
  async sendWhole(token: DeviceToken, body: unknown, blobBytes: Buffer): Promise<SubmissionRecord> {
    const sortedBlobs = (m: Manifest) => [...blobsOf(m)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    // Sizes are checked before the manifest is saved: a refused request leaves nothing behind.
    const { manifest, sha, saved } = await this.saveManifestOf(token, body, (m) => {
      const expected = sortedBlobs(m).reduce((sum, [, size]) => sum + size, 0);
      if (expected > LIMITS.maxChunkBytes) {
        throw new IntakeError('PAYLOAD_TOO_LARGE', `Lampiran pengiriman ${m.submissionId} berjumlah ${expected} bita, melebihi ${LIMITS.maxChunkBytes} bita untuk satu permintaan; kirim bertahap (§5.1–§6).`);
      }
      if (blobBytes.length !== expected) {
        throw new IntakeError('BAD_REQUEST', `Isi lampiran ${blobBytes.length} bita, sedangkan manifes ${m.submissionId} menyatakan ${expected} bita (lampiran berbeda, urut SHA-256).`);
      }
    });
    const blobs = sortedBlobs(manifest);
    if (saved.record.state === 'committed') return saved.record;
    const opd = token.opd;
    const held = await this.deps.repo.heldBlobs(opd, blobs.map(([h]) => h));
    const damaged = await this.damagedOf([...held]);
    let at = 0;
    const pieces = blobs.map(([sha256, size]) => {
      const bytes = blobBytes.subarray(at, at + size);
      at += size;
      return { sha256, size, bytes };
    });
    const stored: { sha256: string; size: number }[] = [];
    // Side by side: their syncs overlap on the thread pool instead of following one another.
    await Promise.all(
      pieces.map(async (p) => {
        if (held.has(p.sha256) && !damaged.has(p.sha256) && (await this.blobs.has(p.sha256))) return;
        const state = await this.blobs.appendChunk(opd, p.sha256, 0, p.bytes, p.size, damaged.has(p.sha256));
        if (state.isComplete) stored.push({ sha256: p.sha256, size: p.size });
      }),
    );
    if (stored.length > 0) {
      await this.deps.repo.markBlobsHeld(opd, stored, this.now().toISOString());
      const repaired = stored.filter((b) => damaged.has(b.sha256));
      for (const b of repaired) await this.deps.nodes.clearDamaged(b.sha256);
    }
    return this.commitById(opd, manifest.submissionId, sha);
  }

  /** Checks a POST /v1/submissions body against the token and saves the manifest (or finds it saved). */
  private async saveManifestOf(token: DeviceToken, body: unknown, check?: (manifest: Manifest) => void): Promise<{ manifest: Manifest; sha: string; saved: Exclude<SaveManifestResult, { kind: 'taken' | 'conflict' }> }> {
    const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : null) as Record<string, unknown> | null;
    if (!b) throw new IntakeError('BAD_REQUEST', 'Isi permintaan harus objek JSON {"manifest": {...}, "manifestSha256": "..."}.');
    const manifest = sortedManifest(parseManifest(b.manifest));
    const sha = manifestSha256(manifest);
    if (b.manifestSha256 !== sha) {
      throw new IntakeError('MANIFEST_HASH_MISMATCH', `manifestSha256 "${String(b.manifestSha256).slice(0, 80)}" bukan SHA-256 JSON kanonis manifes (seharusnya ${sha}). Periksa kanonisasi JSON (PROTOCOL.md §1.2).`, {
        details: { expected: sha },
      });
    }
    if (manifest.opd !== token.opd) {
      throw new IntakeError('OPD_MISMATCH', `Manifes menyatakan OPD ${manifest.opd}, padahal perangkat ini terdaftar untuk OPD ${token.opd}.`);
    }
    check?.(manifest);
    const saved = await this.commits.run(manifest.submissionId, () => this.deps.repo.saveManifest(manifest, sha, 'online', this.now().toISOString()));
    if (saved.kind === 'taken') {
      throw new IntakeError('SUBMISSION_ID_TAKEN', `Id pengiriman ${manifest.submissionId} sudah dipakai pihak lain. Buat paket baru (id baru).`);
    }
    if (saved.kind === 'conflict') throw conflictError(saved.record);
    return { manifest, sha, saved };
  }

  private checkSha(sha256: string): void {
    if (!isSha256(sha256)) throw new IntakeError('INVALID_ID', `"${String(sha256).slice(0, 80)}" bukan SHA-256 (64 karakter heksadesimal huruf kecil).`);
  }

  async blobStatus(token: DeviceToken, sha256: string): Promise<{ sha256: string; size: number; offset: number; complete: boolean }> {
    this.checkSha(sha256);
    const held = await this.isHeld(token.opd, sha256);
    const expected = await this.deps.repo.expectedBlobSize(token.opd, sha256);
    if (held) {
      const size = expected ?? (await this.blobs.sizeOf(sha256)) ?? 0;
      return { sha256, size, offset: size, complete: true };
    }
    if (expected === null) throw new IntakeError('BLOB_NOT_EXPECTED', `Lampiran ${sha256} tidak tercantum di pengiriman terbuka mana pun milik OPD ini.`);
    const upload = await this.uploadOffsetOf(token.opd, sha256, expected);
    return { sha256, size: expected, offset: upload.offset, complete: upload.isStored };
  }

  async putChunk(
    token: DeviceToken,
    sha256: string,
    input: { offset: number; uploadLength: number; chunkSha256: string; body: Buffer },
  ): Promise<{ sha256: string; size: number; offset: number; complete: boolean }> {
    this.checkSha(sha256);
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
    const state = await this.blobs.appendChunk(token.opd, sha256, input.offset, input.body, expected, isDamaged);
    if (state.isComplete) {
      await this.deps.repo.markBlobsHeld(token.opd, [{ sha256, size: expected }], this.now().toISOString());
      // Bytes that hash to the name stand in the damaged copy's place now.
      if (isDamaged) await this.deps.nodes.clearDamaged(sha256);
    }
    return { sha256, size: expected, offset: state.offset, complete: state.isComplete };
  }

  // ---- commit --------------------------------------------------------------------------------

  private async ownRecord(token: DeviceToken, id: string): Promise<SubmissionRecord> {
    if (!isSubmissionId(id)) throw new IntakeError('INVALID_ID', `"${String(id).slice(0, 80)}" bukan id pengiriman (UUIDv7 atau ULID).`);
    const record = await this.deps.repo.getSubmission(id);
    if (!record || record.opd !== token.opd) throw notFound(id);
    return record;
  }

  async commit(token: DeviceToken, id: string, body: unknown): Promise<SubmissionRecord> {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (!isSha256(b.manifestSha256)) throw new IntakeError('BAD_REQUEST', 'Isi permintaan harus {"manifestSha256": "<64 heksadesimal>"}.');
    await this.ownRecord(token, id);
    return this.commitById(token.opd, id, b.manifestSha256);
  }

  /** The one commit path of online sends and imports; serialized per id. */
  private commitById(opd: string, id: string, sha: string): Promise<SubmissionRecord> {
    return this.commits.run(id, async () => {
      const record = await this.deps.repo.getSubmission(id);
      if (!record || record.opd !== opd) throw notFound(id);
      if (record.manifestSha256 !== sha) throw conflictError(record);
      if (record.state === 'committed') return record;
      const missing = await this.missingOf(opd, record.manifest);
      if (missing.length > 0) {
        throw new IntakeError('BLOBS_MISSING', `${missing.length} lampiran pengiriman ${id} belum lengkap di server; unggah dulu lalu ulangi.`, { extra: { missing } });
      }
      const now = this.now();
      let signatures;
      try {
        if (record.revisionOf) {
          const target = await this.deps.repo.getSubmission(record.revisionOf);
          if (!target || target.opd !== opd || target.state !== 'committed') {
            throw new IntakeError('REVISION_TARGET_UNKNOWN', `Pengiriman ${id} merevisi ${record.revisionOf}, tetapi pengiriman itu tidak dikenal server untuk OPD ${opd}.`);
          }
        }
        const trustRoots = await this.trustRoots();
        signatures = await checkBag({ manifest: record.manifest, blobs: this.blobs, tmpDir: path.join(this.dataDir, 'tmp'), trustRoots, now });
      } catch (err) {
        if (err instanceof IntakeError && err.status === 422) {
          await this.deps.repo.setLastError(id, sha, { code: err.code, message: err.message }, now.toISOString());
        }
        throw err;
      }
      const signerCheck = await this.judgeSigner(record.manifest, signatures);
      const receivedAt = now.toISOString();
      await this.deps.keys.refresh();
      const receipt = this.deps.keys.sign({ submissionId: id, manifestSha256: sha, receivedAt });
      const result = await this.deps.repo.commitSubmission({ id, manifestSha256: sha, receipt, signatures, signerCheck, now: receivedAt });
      if (result.kind === 'not-found') throw notFound(id);
      if (result.kind === 'conflict') throw conflictError(result.record);
      this.generation += 1;
      await this.recordFactsOf(result.record);
      return result.record;
    });
  }

  private get recorder(): RecorderDeps {
    return { repo: this.deps.repo, profiles: this.deps.profiles ?? [], read: (sha) => this.blobs.read(sha) };
  }

  /** Never fails a commit that already has its receipt: a row left without facts is filled at the next start. */
  private async recordFactsOf(record: SubmissionRecord): Promise<void> {
    try {
      await recordFacts(this.recorder, record);
    } catch (err) {
      console.warn(`[server] fakta pengiriman ${record.id} belum tercatat: ${(err as Error).message}`);
    }
  }

  /** A change that cached reference data must see (a catalog exclusion). */
  noteChange(): void {
    this.generation += 1;
  }

  /** Fills the console's columns of rows committed before schema 3 (or whose facts a crash lost). */
  async backfillFacts(): Promise<number> {
    const n = await backfillFacts(this.recorder);
    if (n > 0) this.generation += 1;
    return n;
  }

  /** After a trust root is added or removed: every committed signature judged again. */
  async rejudgeTrust(): Promise<{ checked: number; changed: number }> {
    const result = await rejudgeTrust(this.recorder, await this.trustRoots());
    this.generation += 1;
    return result;
  }

  /** The store's roots and D/trust's files (PEM or DER), decoded alike (server/intake/trust-roots.ts). */
  trustRoots(): Promise<Uint8Array[]> {
    return allTrustRoots(this.deps.repo.console, this.dataDir);
  }

  /**
   * A mismatch is flagged, not refused: certificates name their organisation
   * in no fixed form (often the Pemda, not the dinas), and a refusal would
   * turn a question of authority — the reviewer's — into a lost deadline.
   */
  private async judgeSigner(manifest: Manifest, signatures: SignatureSummary[]): Promise<SignerCheck> {
    const opd = (await this.deps.repo.getOpd(manifest.opd)) ?? { code: manifest.opd, name: manifest.opd };
    const main = manifest.files.find((f) => f.path === manifest.mainDocument) as Manifest['files'][number];
    const registered = (await this.deps.repo.listOpdCertificates(manifest.opd)).map((c) => c.sha256);
    return judgeSigner({ opd, signatures, registered, mainDocument: { size: main.size, read: () => this.blobs.read(main.sha256) } });
  }

  // ---- status --------------------------------------------------------------------------------

  async view(record: SubmissionRecord, withMissing: boolean): Promise<SubmissionView> {
    const view: SubmissionView = {
      submissionId: record.id,
      opd: record.opd,
      type: record.type,
      period: record.period,
      revisionOf: record.revisionOf,
      manifestSha256: record.manifestSha256,
      state: record.state,
      receipt: record.receipt,
      review: { status: record.review.status, note: record.review.note, decidedAt: record.review.decidedAt },
      lastError: record.lastError,
      updatedAt: record.updatedAt,
    };
    if (withMissing && record.state === 'open') view.missing = await this.missingOf(record.opd, record.manifest);
    return view;
  }

  async status(token: DeviceToken, id: string): Promise<SubmissionView> {
    return this.view(await this.ownRecord(token, id), true);
  }

  async listChanged(token: DeviceToken, query: URLSearchParams): Promise<{ submissions: SubmissionView[]; next: string | null }> {
    const since = query.get('updatedSince') ?? '1970-01-01T00:00:00.000Z';
    if (Number.isNaN(Date.parse(since))) throw new IntakeError('BAD_REQUEST', `updatedSince "${since.slice(0, 40)}" bukan waktu ISO 8601.`);
    const limitText = query.get('limit') ?? '200';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new IntakeError('BAD_REQUEST', `limit "${limitText.slice(0, 20)}" tidak sah: 1–500.`);
    const records = await this.deps.repo.listSubmissions({ opd: token.opd, state: 'committed', updatedSince: new Date(since).toISOString(), limit: limit + 1, order: 'updated-asc' });
    const page = records.slice(0, limit);
    const submissions = await Promise.all(page.map((r) => this.view(r, false)));
    return { submissions, next: records.length > limit ? (page.at(-1)?.updatedAt ?? null) : null };
  }

  // ---- flash drive ---------------------------------------------------------------------------

  async importPackage(file: string): Promise<ImportResult> {
    const shown = path.basename(file);
    let zip;
    try {
      zip = await openZip(file);
    } catch (err) {
      if (isBerkasError(err) && err.code.startsWith('ZIP_')) {
        throw new IntakeError('PACKAGE_INVALID', err.message, { details: { zipCode: err.code, file } });
      }
      throw err;
    }
    let manifest: Manifest;
    try {
      const base = findBase(zip.entries);
      if (base === null) {
        throw new IntakeError('BAG_INVALID', `${shown} bukan paket BagIt: bagit.txt tidak ada di akar ZIP maupun di satu folder teratasnya.`, { details: { problems: [] } });
      }
      const entries = zip.entries.filter((e) => !e.isDirectory && e.name.startsWith(base));
      const bagInfoEntry = entries.find((e) => e.name === `${base}bag-info.txt`);
      if (!bagInfoEntry) throw new IntakeError('BAG_INVALID', `${shown}: bag-info.txt tidak ada.`, { details: { problems: ['bag-info.txt tidak ada'] } });
      const bagInfo = parseTagFile((await zip.readEntry(bagInfoEntry, 1024 * 1024)).toString('utf8'));
      const meta = metadataFromBagInfo(bagInfo);
      if (meta.missing.length > 0) {
        throw new IntakeError('METADATA_MISMATCH', `${shown}: bag-info.txt tidak memuat ${meta.missing.join(', ')}; paket ini bukan paket pengiriman Berkas.`, { details: { field: meta.missing[0] } });
      }
      if (entries.length > LIMITS.maxFiles) throw new IntakeError('MANIFEST_INVALID', `${shown} memuat ${entries.length} berkas; batasnya ${LIMITS.maxFiles}.`, { details: { field: 'files' } });
      const files = [];
      for (const entry of entries) {
        const stored = await this.blobs.putStream(await zip.openEntry(entry));
        files.push({ path: entry.name.slice(base.length), sha256: stored.sha256, size: stored.size });
      }
      const { missing: _missing, ...fields } = meta;
      manifest = sortedManifest(parseManifest({ protocol: 1, ...fields, files }));
    } catch (err) {
      if (isBerkasError(err) && err.code.startsWith('ZIP_')) throw new IntakeError('PACKAGE_INVALID', err.message, { details: { zipCode: err.code, file } });
      throw err;
    } finally {
      await zip.close();
    }
    const opd = await this.deps.repo.getOpd(manifest.opd);
    if (!opd) {
      throw new IntakeError('OPD_NOT_FOUND', `Paket ${shown} dari OPD ${manifest.opd}, yang belum terdaftar di server ini. Daftarkan dulu: berkas server enroll-code --opd ${manifest.opd}.`);
    }
    const sha = manifestSha256(manifest);
    const saved = await this.commits.run(manifest.submissionId, () => this.deps.repo.saveManifest(manifest, sha, 'import', this.now().toISOString()));
    if (saved.kind === 'taken') throw new IntakeError('SUBMISSION_ID_TAKEN', `Id pengiriman ${manifest.submissionId} sudah dipakai OPD lain.`);
    if (saved.kind === 'conflict') throw conflictError(saved.record);
    if (saved.kind === 'committed-same') {
      return { submissionId: manifest.submissionId, opd: manifest.opd, manifestSha256: sha, receipt: saved.record.receipt as Receipt, isDuplicate: true, signerCheck: saved.record.signerCheck };
    }
    await this.deps.repo.markBlobsHeld(manifest.opd, [...blobsOf(manifest)].map(([sha256, size]) => ({ sha256, size })), this.now().toISOString());
    const record = await this.commitById(manifest.opd, manifest.submissionId, sha);
    return { submissionId: record.id, opd: record.opd, manifestSha256: sha, receipt: record.receipt as Receipt, isDuplicate: false, signerCheck: record.signerCheck };
  }

  // ---- review --------------------------------------------------------------------------------

  /**
   * A decision by a named reviewer. `expectedDecidedAt` is the decision time the reviewer's page showed:
   * when someone decided since, the page was stale and nothing is changed.
   */
  async decide(
    id: string,
    status: Exclude<ReviewStatus, 'menunggu'>,
    note: string | null,
    by: string | { id: string; name: string | null },
    expectedDecidedAt?: string | null,
  ): Promise<SubmissionRecord> {
    if ((status === 'perlu-revisi' || status === 'ditolak') && !note) {
      throw new BerkasError('NOTE_REQUIRED', `Catatan wajib diisi untuk keputusan "${status === 'ditolak' ? 'ditolak' : 'perlu revisi'}": tuliskan apa yang harus diperbaiki OPD.`, { field: 'note' });
    }
    const existing = await this.deps.repo.getSubmission(id);
    if (existing && !(await this.deps.repo.getOpd(existing.opd))) {
      throw new BerkasError('OPD_NOT_FOUND', `Pengiriman ${id} berasal dari OPD ${existing.opd}, yang tidak terdaftar di server ini; daftarkan OPD itu dulu sebelum memutuskan.`);
    }
    const who = typeof by === 'string' ? { id: by, name: null } : by;
    const result = await this.deps.repo.decide(id, status, note, who, this.now().toISOString(), expectedDecidedAt);
    if (result.kind === 'not-found') throw new BerkasError('SUBMISSION_NOT_FOUND', `Pengiriman ${id} tidak ditemukan atau belum selesai diterima.`);
    if (result.kind === 'stale') {
      const r = result.record.review;
      throw new BerkasError(
        'DECISION_STALE',
        `Keputusan tidak disimpan: pengiriman ${id} sudah diputuskan "${r.status}" pada ${r.decidedAt ?? '-'} setelah halaman ini dibuka. Muat ulang halamannya, baca keputusan itu, lalu putuskan lagi bila perlu.`,
      );
    }
    this.generation += 1;
    return result.record;
  }

  /** Bytes of a committed submission's file, for the review page. */
  async fileOf(record: SubmissionRecord, filePath: string): Promise<Uint8Array> {
    const file = record.manifest.files.find((f) => f.path === filePath);
    if (!file) throw new BerkasError('NOT_FOUND', `Berkas ${filePath} tidak ada dalam pengiriman ${record.id}.`);
    return this.blobs.read(file.sha256);
  }
}

/** Where the bag starts in a ZIP: the root, or the single top-level folder holding bagit.txt (as the verifier reads it). */
function findBase(entries: readonly ZipEntry[]): string | null {
  if (entries.some((e) => e.name === 'bagit.txt' && !e.isDirectory)) return '';
  const tops = new Set(entries.map((e) => e.name.split('/')[0]));
  if (tops.size !== 1) return null;
  const top = [...tops][0] as string;
  return entries.some((e) => e.name === `${top}/bagit.txt` && !e.isDirectory) ? `${top}/` : null;
}
