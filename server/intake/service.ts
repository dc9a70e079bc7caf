/**
 * The intake: enrollment, manifests, resumable blobs, commit with receipts,
 * status, flash-drive import, and the review decisions. Transport-free: the
 * HTTP layer (server/http) and the CLI (cli/commands/server.ts) both call it.
 */
import path from 'node:path';
import type { Clock } from '../../core/ports';
import { BerkasError } from '../../core/domain/errors';
import type { RegionProfile } from '../../core/domain/profiles/profile';
import { IntakeError } from '../protocol/errors';
import { isSha256, isSubmissionId } from '../protocol/ids';
import { blobsOf, manifestSha256, type Manifest } from '../protocol/manifest';
import type { Receipt, ReviewStatus, SignatureSummary } from '../protocol/types';
import type { DeviceToken, HeldBlobs, IntakeRepository, SaveManifestResult, SubmissionRecord } from '../store/repository';
import type { ConsoleFacts } from '../store/console-store';
import { KeyedMutex } from '../store/sql-runner';
import { checkBag } from './bag-check';
import { BlobIntake, type BlobState } from './blob-intake';
import { authenticate, createEnrollmentCode, enrollDevice } from './enrollment';
import { readPackageManifest } from './package-import';
import type { PublishedKey, ReceiptKeys } from './receipt-keys';
import type { BlobStorage } from '../storage/blob-storage';
import { withKnownBytes } from '../storage/known-bytes';
import type { NodeStore } from '../store/node-store';
import { judgeSigner, signerCertificatesOf } from './signer-check';
import { conflictError, notFound, type ImportResult, type SubmissionView } from './submission-views';
import { allTrustRoots } from './trust-roots';
import { manifestOfBody, takenError, wholePieces } from './request-manifest';
import { backfillFacts, consoleFactsOf, rejudgeTrust, type RecorderDeps } from './facts-recorder';

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

export type { SubmissionView, ImportResult };

export class IntakeService {
  /** The blob storage (named `blobs` for the console's readers). */
  readonly blobs: BlobStorage;
  private readonly commits = new KeyedMutex();
  private readonly blobIntake: BlobIntake;
  private readonly dataDir: string;
  /** Bumped on every commit and decision, so cached reference data knows when to rebuild. */
  private generation = 0;

  constructor(private readonly deps: IntakeDeps) {
    this.dataDir = path.resolve(deps.dataDir);
    this.blobs = deps.storage;
    this.blobIntake = new BlobIntake({ repo: deps.repo, storage: deps.storage, nodes: deps.nodes, clock: deps.clock });
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

  // ---- enrollment and tokens (enrollment.ts) ----------------------------------------------

  createEnrollmentCode(opdCode: string, name: string | null, validDays = 7): Promise<{ code: string; opd: string; name: string; expiresAt: string }> {
    return createEnrollmentCode(this.deps.repo, this.now(), opdCode, name, validDays);
  }

  async enroll(body: unknown): Promise<{ token: string; tokenId: string; opd: { code: string; name: string }; keys: PublishedKey[] }> {
    return { ...(await enrollDevice(this.deps.repo, this.now(), body)), keys: await this.publishedKeys() };
  }

  authenticate(authorization: string | undefined): Promise<DeviceToken> {
    return authenticate(this.deps.repo, authorization);
  }

  // ---- manifests and blobs ---------------------------------------------------------------

  async postManifest(token: DeviceToken, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const { manifest, sha } = manifestOfBody(token.opd, body);
    const saved = await this.saveManifestChecked(manifest, sha, 'online');
    const record = saved.record;
    const isCommitted = record.state === 'committed';
    const response: Record<string, unknown> = {
      submissionId: record.id,
      manifestSha256: record.manifestSha256,
      state: record.state,
      missing: isCommitted ? [] : await this.blobIntake.missingOf(token.opd, manifest),
      receipt: record.receipt,
    };
    if (saved.kind === 'replaced') response.replaced = true;
    return { status: saved.kind === 'created' || saved.kind === 'replaced' ? 201 : 200, body: response };
  }

  /**
   * A small submission in one request (PROTOCOL.md §5.3): the manifest, the bytes of every distinct blob (in
   * ascending order of SHA-256, each checked against its name) and the commit. The blobs are stored (and
   * synced) side by side, every check runs on the bytes in memory, and then ONE transaction saves the
   * manifest, marks the blobs held and commits with the console's facts (IntakeRepository.commitSubmission).
   */
  async sendWhole(token: DeviceToken, body: unknown, blobBytes: Buffer): Promise<SubmissionRecord> {
    const { manifest, sha } = manifestOfBody(token.opd, body);
    // Sizes are checked before anything is saved: a refused request leaves nothing behind.
    const pieces = wholePieces(manifest, blobBytes);
    const id = manifest.submissionId;
    // A re-send or a refusal is answered before a byte is stored; the commit's transaction decides again.
    const existing = await this.deps.repo.getSubmission(id);
    if (existing && existing.opd !== token.opd) throw takenError(id);
    if (existing?.state === 'committed') {
      if (existing.manifestSha256 === sha) return existing;
      throw conflictError(existing);
    }
    const known = new Map(pieces.map((p) => [p.sha256, p.bytes]));
    let stored;
    try {
      stored = await this.blobIntake.storeWhole(token.opd, pieces);
    } catch (err) {
      // The manifest is kept, as its own request would have: the steps finish what this request could not.
      await this.commits.run(id, () => this.deps.repo.saveManifest(manifest, sha, 'online', this.now().toISOString()));
      throw err;
    }
    const held = { opd: token.opd, blobs: stored.stored };
    try {
      if (pieces.some((p) => !stored.complete.has(p.sha256))) {
        // Not every blob whole (another request moved its upload): the stepwise commit names what is missing.
        await this.saveManifestChecked(manifest, sha, 'online', { held });
        return await this.commitById(token.opd, id, sha, new Map([...known].filter(([s]) => stored.complete.has(s))));
      }
      return await this.commits.run(id, () => this.judgeAndCommit({ manifest, sha, blobs: withKnownBytes(this.blobs, known), save: { source: 'online', held } }));
    } finally {
      // Bytes that hash to the name stand in the damaged copy's place now, whatever the commit's fate.
      for (const sha256 of stored.repaired) await this.deps.nodes.clearDamaged(sha256);
    }
  }

  /** Saves a manifest (serialized per id), refusing an id another OPD took or a committed one's other manifest. */
  private async saveManifestChecked(manifest: Manifest, sha: string, source: 'online' | 'import', extra?: { held?: HeldBlobs }): Promise<Exclude<SaveManifestResult, { kind: 'taken' | 'conflict' }>> {
    const saved = await this.commits.run(manifest.submissionId, () => this.deps.repo.saveManifest(manifest, sha, source, this.now().toISOString(), extra));
    if (saved.kind === 'taken') throw takenError(manifest.submissionId);
    if (saved.kind === 'conflict') throw conflictError(saved.record);
    return saved;
  }

  blobStatus(token: DeviceToken, sha256: string): Promise<BlobState> {
    return this.blobIntake.status(token, sha256);
  }

  putChunk(token: DeviceToken, sha256: string, input: { offset: number; uploadLength: number; chunkSha256: string; body: Buffer }): Promise<BlobState> {
    return this.blobIntake.putChunk(token, sha256, input);
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

  /** The stepwise commit of online sends and imports: the saved row, with every blob held; serialized per id. */
  private commitById(opd: string, id: string, sha: string, known: ReadonlyMap<string, Buffer> = new Map()): Promise<SubmissionRecord> {
    // Bytes this very request stored (and hashed): the checks read them from memory.
    const blobs = withKnownBytes(this.blobs, known);
    return this.commits.run(id, async () => {
      const record = await this.deps.repo.getSubmission(id);
      if (!record || record.opd !== opd) throw notFound(id);
      if (record.manifestSha256 !== sha) throw conflictError(record);
      if (record.state === 'committed') return record;
      // Every blob in `known` was held or stored and synced by this request: nothing to look up for those.
      const isAllKnown = record.manifest.files.every((f) => known.has(f.sha256));
      const missing = isAllKnown ? [] : await this.blobIntake.missingOf(opd, record.manifest);
      if (missing.length > 0) {
        throw new IntakeError('BLOBS_MISSING', `${missing.length} lampiran pengiriman ${id} belum lengkap di server; unggah dulu lalu ulangi.`, { extra: { missing } });
      }
      return this.judgeAndCommit({ manifest: record.manifest, sha, blobs });
    });
  }

  /**
   * The one commit of every path: the §6.2 checks on `blobs`, the signer check, the receipt and the console's
   * facts, then one transaction. With `save` (a whole submission) that transaction also saves the manifest and
   * marks the blobs held; a refusal saves them with the error instead. The caller holds the id's mutex.
   */
  private async judgeAndCommit(input: { manifest: Manifest; sha: string; blobs: BlobStorage; save?: { source: 'online' | 'import'; held: HeldBlobs } }): Promise<SubmissionRecord> {
    const { manifest, sha, blobs, save } = input;
    const id = manifest.submissionId;
    const now = this.now();
    let checked;
    try {
      if (manifest.revisionOf) {
        const target = await this.deps.repo.getSubmission(manifest.revisionOf);
        if (!target || target.opd !== manifest.opd || target.state !== 'committed') {
          throw new IntakeError('REVISION_TARGET_UNKNOWN', `Pengiriman ${id} merevisi ${manifest.revisionOf}, tetapi pengiriman itu tidak dikenal server untuk OPD ${manifest.opd}.`);
        }
      }
      const trustRoots = await this.trustRoots();
      checked = await checkBag({ manifest, blobs, tmpDir: path.join(this.dataDir, 'tmp'), trustRoots, now });
    } catch (err) {
      const lastError = err instanceof IntakeError && err.status === 422 ? { code: err.code, message: err.message } : undefined;
      if (save) await this.deps.repo.saveManifest(manifest, sha, save.source, now.toISOString(), { held: save.held, ...(lastError ? { lastError } : {}) });
      else if (lastError) await this.deps.repo.setLastError(id, sha, lastError, now.toISOString());
      throw err;
    }
    const { signatures } = checked;
    const opd = await this.deps.repo.getOpd(manifest.opd);
    const registered = (await this.deps.repo.listOpdCertificates(manifest.opd)).map((c) => c.sha256);
    // A mismatch is flagged, not refused: certificates name their organisation in no fixed form (often the
    // Pemda, not the dinas), and a refusal would turn a question of authority — the reviewer's — into a lost deadline.
    const signerCheck = await judgeSigner({ opd: opd ?? { code: manifest.opd, name: manifest.opd }, signatures, registered, signerCertificates: signerCertificatesOf(signatures, checked.signerCertificates) });
    const receivedAt = now.toISOString();
    await this.deps.keys.refresh();
    const receipt = this.deps.keys.sign({ submissionId: id, manifestSha256: sha, receivedAt });
    const facts = await this.factsOf(manifest, signatures, blobs, opd?.name ?? '');
    const result = await this.deps.repo.commitSubmission({
      id,
      manifestSha256: sha,
      receipt,
      signatures,
      signerCheck,
      now: receivedAt,
      ...(save ? { save: { manifest, source: save.source }, held: save.held } : {}),
      facts,
    });
    if (result.kind === 'not-found') throw notFound(id);
    if (result.kind === 'taken') throw takenError(id);
    if (result.kind === 'conflict') throw conflictError(result.record);
    this.generation += 1;
    return result.record;
  }

  private recorderOf(blobs: BlobStorage = this.blobs): RecorderDeps {
    return { repo: this.deps.repo, profiles: this.deps.profiles ?? [], read: (sha) => blobs.read(sha) };
  }

  /** Never fails a commit: a row left without facts is filled at the next start (backfillFacts). */
  private async factsOf(manifest: Manifest, signatures: SignatureSummary[], blobs: BlobStorage, opdName: string): Promise<ConsoleFacts | null> {
    const source = { id: manifest.submissionId, opd: manifest.opd, type: manifest.type, period: manifest.period, reportType: manifest.reportType ?? null, profileId: manifest.profileId ?? null, manifest, signatures };
    try {
      return await consoleFactsOf(this.recorderOf(blobs), source, opdName);
    } catch (err) {
      console.warn(`[server] fakta pengiriman ${manifest.submissionId} belum tercatat: ${(err as Error).message}`);
      return null;
    }
  }

  /** A change that cached reference data must see (a catalog exclusion). */
  noteChange(): void {
    this.generation += 1;
  }

  /** Fills the console's columns of rows committed before schema 3 (or whose facts a crash lost). */
  async backfillFacts(): Promise<number> {
    const n = await backfillFacts(this.recorderOf());
    if (n > 0) this.generation += 1;
    return n;
  }

  /** After a trust root is added or removed: every committed signature judged again. */
  async rejudgeTrust(): Promise<{ checked: number; changed: number }> {
    const result = await rejudgeTrust(this.recorderOf(), await this.trustRoots());
    this.generation += 1;
    return result;
  }

  /** The store's roots and D/trust's files (PEM or DER), decoded alike (server/intake/trust-roots.ts). */
  trustRoots(): Promise<Uint8Array[]> {
    return allTrustRoots(this.deps.repo.console, this.dataDir);
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
    if (withMissing && record.state === 'open') view.missing = await this.blobIntake.missingOf(record.opd, record.manifest);
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
    const manifest = await readPackageManifest(file, this.blobs);
    const opd = await this.deps.repo.getOpd(manifest.opd);
    if (!opd) {
      throw new IntakeError('OPD_NOT_FOUND', `Paket ${shown} dari OPD ${manifest.opd}, yang belum terdaftar di server ini. Daftarkan dulu: berkas server enroll-code --opd ${manifest.opd}.`);
    }
    const sha = manifestSha256(manifest);
    // The package's blobs are stored: held from the transaction that saves its manifest.
    const held = { opd: manifest.opd, blobs: [...blobsOf(manifest)].map(([sha256, size]) => ({ sha256, size })) };
    const saved = await this.commits.run(manifest.submissionId, () => this.deps.repo.saveManifest(manifest, sha, 'import', this.now().toISOString(), { held }));
    if (saved.kind === 'taken') throw new IntakeError('SUBMISSION_ID_TAKEN', `Id pengiriman ${manifest.submissionId} sudah dipakai OPD lain.`);
    if (saved.kind === 'conflict') throw conflictError(saved.record);
    if (saved.kind === 'committed-same') {
      return { submissionId: manifest.submissionId, opd: manifest.opd, manifestSha256: sha, receipt: saved.record.receipt as Receipt, isDuplicate: true, signerCheck: saved.record.signerCheck };
    }
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
