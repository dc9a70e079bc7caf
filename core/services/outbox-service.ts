/**
 * The kotak keluar (issue 7 item 2): packages wait here until Diskominfo's
 * intake server has acknowledged them with a signed receipt, however often the
 * link drops and whenever the app is restarted.
 *
 * - One sender at a time, oldest first ("kirim sekarang" goes before), each
 *   package through the pure state machine of core/domain/outbox/machine.ts;
 *   every change of state is written to the database before it is acted on.
 * - A broken link costs at most the chunk in flight: the server's offsets are
 *   the truth, and the acknowledged offsets are also kept in outbox_uploads, so
 *   a restart mid-upload shows where it was and continues there.
 * - A commit whose answer was lost becomes "hasil belum pasti" and is settled
 *   by asking the server about the id, never by committing again blindly.
 * - Failures back off exponentially with full jitter, per package, and for the
 *   link as a whole when the server cannot be reached at all.
 * - The device token lives only in the KeyVault; it is read when needed.
 */
import type { BlobStore, Clock, Database, ForeignBag, KeyVault, SettingsStore, SqlStatement, SubmissionPackager, SyncConnection, SyncTransport } from '../ports';
import { tagValue } from '../domain/handover/bagit';
import { beritaAcaraPath } from '../domain/handover/bundle';
import { BerkasError, isBerkasError } from '../domain/errors';
import { backoffDelayMs, defaultBackoff, type BackoffPolicy, type Random } from '../domain/outbox/backoff';
import { failureKind, isLinkFailure, isNetworkCode } from '../domain/outbox/failures';
import {
  OUTBOX_STATES,
  availableActions,
  isUnsent,
  newStatus,
  nextWakeAt,
  pickNext,
  progressPercent,
  transition,
  type OutboxError,
  type OutboxEvent,
  type OutboxState,
  type OutboxStatus,
} from '../domain/outbox/machine';
import {
  canonicalJson,
  distinctBlobs,
  isOpdCode,
  isPeriod,
  isSubmissionId,
  isSubmissionType,
  mainDocumentPath,
  packageFileName,
  parseStoredManifest,
  periodLabel,
  submissionTypeLabels,
  type Manifest,
  type SubmissionMeta,
  type SubmissionType,
} from '../domain/outbox/manifest';
import { receiptProblem, type Receipt, type Review, type ServerKey, type SubmissionStatus } from '../domain/outbox/protocol';
import { normalizeServerUrl } from '../domain/outbox/server-url';
import type { EnrollmentView, OutboxItemView, OutboxOverview, SendReport, ServerCheck } from '../domain/outbox/views';

/** What a signed PDF's data.json comes from when the PDF names a Berkas document. */
export interface DocumentSource {
  type: SubmissionType;
  period: string;
  title: string;
  /** For a report: its type key in the region profile (bag-info Berkas-Report-Type). */
  reportType?: string;
  data: unknown;
  /** When the document last changed: after the signature means the PDF no longer shows it. */
  updatedAt: string;
}

export type Timer = (fn: () => void, ms: number) => () => void;

export interface OutboxServiceDeps {
  db: Database;
  clock: Clock;
  blobs: BlobStore;
  settings: SettingsStore;
  transport: SyncTransport;
  packager: SubmissionPackager;
  /** The KeyVault; outside Electron it needs the passphrase of the request or the environment. */
  vault(passphrase?: string): KeyVault;
  findDocument(documentId: string): DocumentSource | null | Promise<DocumentSource | null>;
  appVersion: string;
  deviceName: string;
  random?: Random;
  /** Per package (default 1 s doubling to 5 min). */
  backoff?: BackoffPolicy;
  /** For the link as a whole, when the server cannot be reached (default as per package). */
  linkBackoff?: BackoffPolicy;
  setTimer?: Timer;
  /** How often to ask the server for review results while idle (default 5 min). */
  reviewPollMs?: number;
}

export interface AddPdfInput {
  fileName: string;
  bytes: Uint8Array;
  /** data.json given by the officer, when the PDF does not name a Berkas document. */
  data?: unknown;
  type?: SubmissionType;
  period?: string;
  revisionOf?: string;
  reportType?: string;
  title?: string;
  attachments?: { name: string; file: string }[];
  isHeld?: boolean;
}

interface ItemRow {
  [key: string]: string | number | null | Uint8Array;
  id: string;
  seq: number;
  title: string;
  type: string;
  opd: string;
  period: string;
  revision_of: string | null;
  main_document: string;
  main_sha256: string;
  manifest: string;
  manifest_sha256: string;
  package_sha256: string;
  package_size: number;
  state: string;
  status: string;
  created_at: string;
  exported_at: string | null;
}

interface EnrollmentRow {
  [key: string]: string | number | null | Uint8Array;
  server_url: string;
  opd_code: string;
  opd_name: string;
  token_id: string;
  device_name: string;
  vault_name: string;
  keys: string;
  enrolled_at: string;
  revoked_at: string | null;
  reviews_since: string | null;
}

export const DEVICE_TOKEN_VAULT_NAME = 'sync-device-token';
const probeVaultName = 'sync-enroll-probe';

const defaultTimer: Timer = (fn, ms) => {
  const t = setTimeout(fn, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
  return () => clearTimeout(t);
};

function parseStatus(row: ItemRow): OutboxStatus {
  return JSON.parse(row.status) as OutboxStatus;
}

function errorOf(err: unknown): { code: string; message: string } {
  if (isBerkasError(err)) return { code: err.code, message: err.message };
  return { code: 'OUTBOX_INTERNAL', message: `Kesalahan tak terduga saat mengirim: ${err instanceof Error ? err.message : String(err)}. Paket dicoba lagi nanti.` };
}

function httpStatusOf(err: unknown): number | null {
  const v = isBerkasError(err) ? err.details?.httpStatus : undefined;
  return typeof v === 'number' ? v : null;
}

/** The commit may have happened although no answer came: lost answers and gateway errors. */
function isUncertain(err: unknown): boolean {
  if (!isBerkasError(err)) return false;
  if (isNetworkCode(err.code)) return err.details?.isMaybeDelivered !== false;
  const status = httpStatusOf(err);
  return status === 500 || status === 502 || status === 504;
}

export function createOutboxService(deps: OutboxServiceDeps) {
  const random = deps.random ?? Math.random;
  const itemBackoff = deps.backoff ?? defaultBackoff;
  const linkBackoff = deps.linkBackoff ?? itemBackoff;
  const setTimer = deps.setTimer ?? defaultTimer;
  const reviewPollMs = deps.reviewPollMs ?? 5 * 60_000;
  const now = () => deps.clock.now();

  // ---- serialized state changes --------------------------------------------------

  let mutations: Promise<unknown> = Promise.resolve();
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = mutations.then(task, task);
    mutations = run.catch(() => undefined);
    return run;
  }

  function row(id: string): ItemRow {
    const [found] = deps.db.query<ItemRow>('SELECT * FROM outbox_items WHERE id = ?', [id]);
    if (!found) throw new BerkasError('OUTBOX_NOT_FOUND', `Paket dengan id ${id} tidak ada di kotak keluar.`, { field: 'id' });
    return found;
  }

  function statusStatement(id: string, status: OutboxStatus): SqlStatement {
    return { sql: 'UPDATE outbox_items SET status = ?, state = ? WHERE id = ?', params: [JSON.stringify(status), status.state, id] };
  }

  /**
   * Applies one event and persists it. With `onlyIn`, an item that meanwhile
   * left those states (held, cancelled by the officer) is left alone: null.
   */
  function apply(id: string, event: OutboxEvent, onlyIn?: readonly OutboxState[], extra: SqlStatement[] = []): Promise<OutboxStatus | null> {
    return exclusive(async () => {
      const current = parseStatus(row(id));
      if (onlyIn && !onlyIn.includes(current.state)) return null;
      const next = transition(current, event, { now: now(), random, backoff: itemBackoff });
      if (next === current) return current;
      await deps.db.write([statusStatement(id, next), ...extra]);
      return next;
    });
  }

  // ---- enrollment and the token ----------------------------------------------------

  let cachedToken: { tokenId: string; token: string } | null = null;

  function enrollmentRow(): EnrollmentRow | null {
    return deps.db.query<EnrollmentRow>('SELECT * FROM sync_enrollment WHERE id = 1')[0] ?? null;
  }

  function enrollmentView(r: EnrollmentRow | null): EnrollmentView | null {
    if (!r) return null;
    return {
      serverUrl: r.server_url,
      opdCode: r.opd_code,
      opdName: r.opd_name,
      tokenId: r.token_id,
      deviceName: r.device_name,
      enrolledAt: r.enrolled_at,
      revokedAt: r.revoked_at,
    };
  }

  function notEnrolled(): BerkasError {
    return new BerkasError(
      'NOT_ENROLLED',
      'Perangkat ini belum terdaftar ke server Diskominfo. Minta kode pendaftaran kepada Diskominfo, lalu daftarkan di Kotak Keluar (atau: berkas enroll --server URL --code KODE). Paket tetap tersimpan di antrean.',
    );
  }

  async function connection(passphrase?: string): Promise<SyncConnection> {
    const r = enrollmentRow();
    if (!r) throw notEnrolled();
    if (r.revoked_at) {
      throw new BerkasError('TOKEN_REVOKED', `Server ${r.server_url} menolak token perangkat ini (sejak ${r.revoked_at}). Daftarkan ulang perangkat dengan kode pendaftaran baru dari Diskominfo; paket tetap di antrean.`);
    }
    if (cachedToken?.tokenId !== r.token_id) {
      const sealed = await deps.vault(passphrase).open(r.vault_name);
      if (!sealed) {
        throw new BerkasError('TOKEN_MISSING', 'Token perangkat tidak ada di brankas kunci komputer ini. Daftarkan ulang perangkat dengan kode pendaftaran baru dari Diskominfo.');
      }
      cachedToken = { tokenId: r.token_id, token: new TextDecoder().decode(sealed) };
    }
    return { serverUrl: r.server_url, token: cachedToken.token };
  }

  async function markRevoked(err: BerkasError): Promise<void> {
    cachedToken = null;
    await deps.db.write([{ sql: 'UPDATE sync_enrollment SET revoked_at = ? WHERE id = 1 AND revoked_at IS NULL', params: [now().toISOString()] }]);
    linkError = { code: err.code, message: `${err.message} Daftarkan ulang perangkat dengan kode pendaftaran baru dari Diskominfo; paket tetap di antrean.`, at: now().toISOString() };
  }

  async function keysFor(receipt: Receipt): Promise<ServerKey[]> {
    const r = enrollmentRow();
    if (!r) throw notEnrolled();
    const known = JSON.parse(r.keys) as ServerKey[];
    if (known.some((k) => k.keyId === receipt.keyId)) return known;
    // A key the app has not seen (the server rotated it): fetch the list again (PROTOCOL.md §8).
    const fresh = await deps.transport.keys(r.server_url);
    await deps.db.write([{ sql: 'UPDATE sync_enrollment SET keys = ? WHERE id = 1', params: [JSON.stringify(fresh)] }]);
    return fresh;
  }

  // ---- the sender ------------------------------------------------------------------

  let isAutomatic = false;
  let isStopping = false;
  let loopDone: Promise<void> | null = null;
  let current: { id: string; controller: AbortController; bytesSent: number } | null = null;
  let linkError: OutboxError | null = null;
  let linkAttempts = 0;
  let linkRetryAt = 0;
  let lastReviewPoll = 0;
  let wakeUp: (() => void) | null = null;
  let cancelSleep: (() => void) | null = null;
  // After-send work (reference data): runs once the queue is drained after a delivery, never in the sender's way.
  const sendCycleListeners: (() => Promise<void>)[] = [];
  let hasDeliveredThisCycle = false;
  let afterSendRun: Promise<void> | null = null;

  function afterSendCycle(): Promise<void> {
    if (!hasDeliveredThisCycle || sendCycleListeners.length === 0) return Promise.resolve();
    hasDeliveredThisCycle = false;
    afterSendRun ??= Promise.all(sendCycleListeners.map((fn) => fn().catch(() => undefined))).then(() => {
      afterSendRun = null;
    });
    return afterSendRun;
  }

  function kick(): void {
    wakeUp?.();
  }

  function sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        wakeUp = null;
        cancelSleep?.();
        cancelSleep = null;
        resolve();
      };
      wakeUp = done;
      cancelSleep = setTimer(done, ms);
    });
  }

  function linkUp(): void {
    linkAttempts = 0;
    linkRetryAt = 0;
    linkError = null;
  }

  function linkDown(err: unknown): void {
    const e = errorOf(err);
    const retryAfter = isBerkasError(err) && typeof err.details?.retryAfterMs === 'number' ? err.details.retryAfterMs : 0;
    linkRetryAt = now().getTime() + backoffDelayMs(linkAttempts, random, linkBackoff, retryAfter);
    linkAttempts += 1;
    linkError = { ...e, at: now().toISOString() };
  }

  const activeSql = "SELECT * FROM outbox_items WHERE state IN ('antre', 'belum-pasti', 'mengirim') ORDER BY seq";

  function activeItems(): { row: ItemRow; seq: number; status: OutboxStatus }[] {
    return deps.db.query<ItemRow>(activeSql).map((r) => ({ row: r, seq: r.seq, status: parseStatus(r) }));
  }

  /** Handles a failure of a send or of a question about an uncertain commit. */
  async function failed(id: string, err: unknown, states: readonly OutboxState[]): Promise<void> {
    if (isBerkasError(err) && err.code === 'CANCELLED') {
      // Held or cancelled by the officer (already recorded), or the app is closing.
      if (isStopping) await apply(id, { type: 'interrupt' }, ['mengirim']);
      return;
    }
    const error = errorOf(err);
    const httpStatus = httpStatusOf(err);
    if (error.code.startsWith('OUTBOX_BLOB')) {
      await apply(id, { type: 'refuse', error }, states);
      return;
    }
    switch (failureKind(error.code, httpStatus)) {
      case 'auth':
        await markRevoked(err as BerkasError);
        await apply(id, { type: 'wait', error: linkError ?? error }, ['mengirim', 'antre']);
        if (states.includes('belum-pasti')) await apply(id, { type: 'fail', error: linkError ?? error }, ['belum-pasti']);
        return;
      case 'retry': {
        const retryAfter = isBerkasError(err) && typeof err.details?.retryAfterMs === 'number' ? err.details.retryAfterMs : 0;
        if (isLinkFailure(error.code, httpStatus)) linkDown(err);
        await apply(id, { type: 'fail', error, retryAfterMs: retryAfter }, states);
        return;
      }
      case 'refuse':
        linkUp();
        await apply(id, { type: 'refuse', error: refusalFor(error, err) }, states);
        return;
    }
  }

  /** The officer's reason for a refusal: the server's message, plus what to do for the ones that need it. */
  function refusalFor(error: { code: string; message: string }, err: unknown): { code: string; message: string } {
    if (error.code === 'SUBMISSION_CONFLICT') {
      const server = (isBerkasError(err) ? err.details?.server : null) as { receivedAt?: string } | null;
      const when = server?.receivedAt ? ` (diterima server ${server.receivedAt})` : '';
      return {
        code: error.code,
        message: `${error.message} Server sudah menyimpan kiriman dengan id ini tetapi isinya lain${when}; kiriman di server tidak ditimpa. Batalkan paket ini dan kirim perbaikannya sebagai revisi baru.`,
      };
    }
    if (error.code === 'OPD_MISMATCH') {
      return { code: error.code, message: `${error.message} Paket ini dibuat untuk OPD lain daripada OPD perangkat yang terdaftar; batalkan lalu buat paket baru.` };
    }
    return error;
  }

  /** Verifies a receipt (fields, then the Ed25519 signature) and marks the package delivered. */
  async function deliver(r: ItemRow, receipt: Receipt | null, review: Review | null, states: readonly OutboxState[]): Promise<void> {
    const problem = receiptProblem(receipt, { submissionId: r.id, manifestSha256: r.manifest_sha256 });
    if (problem || !receipt) {
      await apply(r.id, { type: 'refuse', error: { code: 'RECEIPT_INVALID', message: `Tanda terima dari server tidak sah: ${problem ?? 'tidak ada'}. Paket belum dianggap terkirim; hubungi Diskominfo.` } }, states);
      return;
    }
    const keys = await keysFor(receipt);
    if (!deps.transport.verifyReceipt(receipt, keys)) {
      await apply(
        r.id,
        { type: 'refuse', error: { code: 'RECEIPT_INVALID', message: `Tanda tangan tanda terima (kunci ${receipt.keyId}) tidak dapat diverifikasi dengan kunci server; paket belum dianggap terkirim. Hubungi Diskominfo.` } },
        states,
      );
      return;
    }
    await apply(r.id, { type: 'deliver', receipt, review }, states, [{ sql: 'DELETE FROM outbox_uploads WHERE item_id = ?', params: [r.id] }]);
    hasDeliveredThisCycle = true;
  }

  /** Upload progress: acknowledged offsets per blob, written one at a time (a newer one replaces a waiting one). */
  function progressTracker(id: string, blobs: { sha256: string; size: number }[], missing: Map<string, number>) {
    const offsets = new Map<string, number>();
    for (const b of blobs) offsets.set(b.sha256, missing.has(b.sha256) ? (missing.get(b.sha256) as number) : b.size);
    const sizes = new Map(blobs.map((b) => [b.sha256, b.size]));
    const total = () => [...offsets.values()].reduce((a, b) => a + b, 0);
    let writing: Promise<void> | null = null;
    let isDirty = false;
    const dirtyBlobs = new Set<string>(missing.keys());
    const writeOnce = async () => {
      const changed = [...dirtyBlobs];
      dirtyBlobs.clear();
      const extra: SqlStatement[] = changed.map((sha) => ({
        sql: 'INSERT OR REPLACE INTO outbox_uploads (item_id, sha256, size, offset) VALUES (?, ?, ?, ?)',
        params: [id, sha, sizes.get(sha) ?? 0, offsets.get(sha) ?? 0],
      }));
      await apply(id, { type: 'progress', bytesSent: total() }, ['mengirim'], extra);
    };
    const pump = async () => {
      while (isDirty) {
        isDirty = false;
        await writeOnce();
      }
    };
    return {
      bytesSent: total,
      update(sha256: string, offset: number) {
        offsets.set(sha256, offset);
        dirtyBlobs.add(sha256);
        if (current?.id === id) current.bytesSent = total();
        isDirty = true;
        if (!writing) {
          writing = pump().finally(() => {
            writing = null;
          });
        }
      },
      async flush() {
        isDirty = true;
        while (writing) await writing;
        writing = pump().finally(() => {
          writing = null;
        });
        await writing;
      },
    };
  }

  /** One attempt at one package: manifest, missing blobs, commit, receipt. */
  async function send(r: ItemRow): Promise<void> {
    let conn: SyncConnection;
    try {
      conn = await connection();
    } catch (err) {
      linkError = { ...errorOf(err), at: now().toISOString() };
      await apply(r.id, { type: 'wait', error: errorOf(err) }, ['antre']);
      throw err;
    }
    const started = await apply(r.id, { type: 'start' }, ['antre']);
    if (!started || started.state !== 'mengirim') return;
    const controller = new AbortController();
    current = { id: r.id, controller, bytesSent: started.bytesSent };
    const manifest: Manifest = parseStoredManifest(r.manifest);
    try {
      const opened = await deps.transport.openSubmission(conn, manifest, r.manifest_sha256, controller.signal);
      linkUp();
      if (opened.state === 'committed') {
        // Sent before (another attempt whose answer was lost, or the flash drive): the same receipt.
        await deliver(r, opened.receipt, null, ['mengirim']);
        return;
      }
      const blobs = distinctBlobs(manifest);
      const tracker = progressTracker(r.id, blobs, new Map(opened.missing.map((m) => [m.sha256, m.offset])));
      await tracker.flush();
      for (const blob of opened.missing) {
        await deps.transport.uploadBlob(conn, blob, deps.blobs.pathOf(blob.sha256), {
          signal: controller.signal,
          onProgress: (offset) => tracker.update(blob.sha256, offset),
        });
        tracker.update(blob.sha256, blob.size);
      }
      await tracker.flush();
      if (controller.signal.aborted) throw new BerkasError('CANCELLED', 'Pengiriman dihentikan.');
      let committed;
      try {
        committed = await deps.transport.commit(conn, r.id, r.manifest_sha256);
      } catch (err) {
        if (!isUncertain(err)) throw err;
        // The answer was lost: from now on only asking is allowed (PROTOCOL.md §1.1).
        const reason = errorOf(err);
        await apply(
          r.id,
          { type: 'uncertain', error: { code: reason.code, message: `Hasil pengiriman belum pasti: jawaban server atas komit tidak diterima (${reason.message}). Berkas menanyakan statusnya ke server; paket tidak dikirim ulang begitu saja.` } },
          ['mengirim'],
        );
        if (isLinkFailure(reason.code, httpStatusOf(err))) linkDown(err);
        return;
      }
      await deliver(r, committed.receipt, committed.review, ['mengirim']);
    } catch (err) {
      await failed(r.id, err, ['mengirim']);
    } finally {
      current = null;
    }
  }

  /** Settles "hasil belum pasti" by asking the server about the id (PROTOCOL.md §7). */
  async function settle(r: ItemRow): Promise<void> {
    let conn: SyncConnection;
    try {
      conn = await connection();
    } catch (err) {
      linkError = { ...errorOf(err), at: now().toISOString() };
      throw err;
    }
    let status: SubmissionStatus | null;
    try {
      status = await deps.transport.status(conn, r.id);
      linkUp();
    } catch (err) {
      await failed(r.id, err, ['belum-pasti']);
      return;
    }
    if (status === null) {
      // The manifest never arrived: start again at POST /v1/submissions.
      await apply(r.id, { type: 'resolve', outcome: 'missing' }, ['belum-pasti']);
      return;
    }
    if (status.state === 'committed') {
      if (status.manifestSha256 === r.manifest_sha256) {
        await deliver(r, status.receipt, status.review, ['belum-pasti']);
        return;
      }
      await apply(
        r.id,
        { type: 'refuse', error: refusalFor({ code: 'SUBMISSION_CONFLICT', message: `Server menyimpan kiriman ${r.id} dengan isi lain.` }, null) },
        ['belum-pasti'],
      );
      return;
    }
    if (status.lastError && status.manifestSha256 === r.manifest_sha256) {
      await apply(r.id, { type: 'refuse', error: refusalFor(status.lastError, null) }, ['belum-pasti']);
      return;
    }
    await apply(r.id, { type: 'resolve', outcome: 'open' }, ['belum-pasti']);
  }

  async function processItem(item: { row: ItemRow; status: OutboxStatus }): Promise<void> {
    if (item.status.state === 'belum-pasti') await settle(item.row);
    else await send(item.row);
  }

  /** Review results and packages that arrived by flash drive: the server's list of changes. */
  async function pollReviews(): Promise<void> {
    const r = enrollmentRow();
    if (!r || r.revoked_at) return;
    lastReviewPoll = now().getTime();
    const conn = await connection();
    let since = r.reviews_since;
    let latest = since;
    for (let page = 0; page < 50; page++) {
      const { submissions, next } = await deps.transport.updates(conn, since, 200);
      for (const s of submissions) {
        if (s.updatedAt && (latest === null || Date.parse(s.updatedAt) > Date.parse(latest))) latest = s.updatedAt;
        const [local] = deps.db.query<ItemRow>('SELECT * FROM outbox_items WHERE id = ?', [s.submissionId]);
        if (!local || s.state !== 'committed' || s.manifestSha256 !== local.manifest_sha256) continue;
        const st = parseStatus(local);
        if (st.receipt === null && s.receipt && (st.state === 'antre' || st.state === 'gagal' || st.state === 'belum-pasti')) {
          await deliver(local, s.receipt, s.review, ['antre', 'gagal', 'belum-pasti']);
        } else if (st.receipt !== null && s.review && (s.review.status !== st.review?.status || s.review.note !== st.review?.note)) {
          await apply(local.id, { type: 'review', review: s.review }, ['terkirim', 'diterima', 'perlu-revisi', 'ditolak']);
        }
      }
      if (next === null || next === since) break;
      since = next;
    }
    // "At or after": the newest change seen comes again next time, harmlessly; older ones never do.
    if (latest !== r.reviews_since) await deps.db.write([{ sql: 'UPDATE sync_enrollment SET reviews_since = ? WHERE id = 1', params: [latest] }]);
  }

  function canSend(): boolean {
    const r = enrollmentRow();
    return r !== null && r.revoked_at === null;
  }

  /** The automatic sender: runs until stop(). */
  async function loop(): Promise<void> {
    await ready;
    while (!isStopping) {
      const t = now().getTime();
      if (!canSend()) {
        await sleep(reviewPollMs);
        continue;
      }
      if (linkRetryAt > t) {
        await sleep(linkRetryAt - t);
        continue;
      }
      const items = activeItems();
      const next = pickNext(items, now());
      if (next) {
        try {
          await processItem(next);
        } catch {
          // Could not start (vault locked, not enrolled): wait for the officer, who wakes the sender.
          if (!isStopping) await sleep(reviewPollMs);
        }
        continue;
      }
      // Not awaited: a slow reference fetch must not hold up the next package.
      void afterSendCycle();
      if (t - lastReviewPoll >= reviewPollMs) {
        try {
          await pollReviews();
          linkUp();
        } catch (err) {
          if (isBerkasError(err) && failureKind(err.code, httpStatusOf(err)) === 'auth') await markRevoked(err);
          lastReviewPoll = now().getTime();
        }
        continue;
      }
      const wake = nextWakeAt(items);
      const untilPoll = lastReviewPoll + reviewPollMs - t;
      await sleep(Math.max(10, Math.min(untilPoll, wake === null ? untilPoll : Date.parse(wake) - t)));
    }
  }

  // ---- recovery after a restart ------------------------------------------------------

  async function recover(): Promise<void> {
    const stale = deps.db.query<ItemRow>("SELECT * FROM outbox_items WHERE state = 'mengirim'");
    for (const r of stale) await apply(r.id, { type: 'interrupt' }, ['mengirim']);
  }
  const ready = recover();
  ready.catch(() => undefined);

  // ---- views -------------------------------------------------------------------------

  function view(r: ItemRow): OutboxItemView {
    let status = parseStatus(r);
    if (current?.id === r.id && status.state === 'mengirim') status = { ...status, bytesSent: Math.max(status.bytesSent, current.bytesSent) };
    const manifest = parseStoredManifest(r.manifest);
    return {
      id: r.id,
      seq: r.seq,
      title: r.title,
      type: r.type as SubmissionType,
      opd: r.opd,
      period: r.period,
      periodLabel: periodLabel(r.period),
      revisionOf: r.revision_of,
      mainDocument: r.main_document,
      manifestSha256: r.manifest_sha256,
      packageSha256: r.package_sha256,
      packageSize: r.package_size,
      fileCount: manifest.files.length,
      createdAt: r.created_at,
      exportedAt: r.exported_at,
      status,
      percent: progressPercent(status),
      actions: availableActions(status),
    };
  }

  function overview(): OutboxOverview {
    const rows = deps.db.query<ItemRow>('SELECT * FROM outbox_items ORDER BY seq');
    const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
    let oldest: { at: string; id: string } | null = null;
    for (const r of rows) {
      const st = parseStatus(r);
      counts[st.state] += 1;
      if (isUnsent(st.state)) {
        const at = st.queuedAt ?? r.created_at;
        if (!oldest || Date.parse(at) < Date.parse(oldest.at)) oldest = { at, id: r.id };
      }
    }
    const e = enrollmentRow();
    const items = rows.filter((r) => r.state === 'antre' || r.state === 'belum-pasti').map((r) => ({ status: parseStatus(r) }));
    const senderState = isStopping
      ? 'stopped'
      : !canSend()
        ? 'not-enrolled'
        : current
          ? 'sending'
          : linkError !== null || items.some((i) => !i.status.isHeld)
            ? 'waiting'
            : 'idle';
    return {
      enrollment: enrollmentView(e),
      counts,
      oldestUnsentAt: oldest?.at ?? null,
      oldestUnsentId: oldest?.id ?? null,
      sender: {
        state: senderState,
        isAutomatic,
        currentId: current?.id ?? null,
        linkError: linkError ?? (e?.revoked_at ? { code: 'TOKEN_REVOKED', message: `Token perangkat ditolak server sejak ${e.revoked_at}. Daftarkan ulang perangkat ini.`, at: e.revoked_at } : null),
        nextWakeAt: linkRetryAt > now().getTime() ? new Date(linkRetryAt).toISOString() : nextWakeAt(items),
      },
      now: now().toISOString(),
    };
  }

  // ---- adding packages -----------------------------------------------------------------

  function nextSeq(): number {
    const [r] = deps.db.query<{ m: number | null }>('SELECT MAX(seq) AS m FROM outbox_items');
    return (r?.m ?? 0) + 1;
  }

  async function opdCode(): Promise<{ code: string; name: string; profileId: string | undefined }> {
    const e = enrollmentRow();
    const settings = await deps.settings.load();
    const code = e?.opd_code ?? settings?.opd.code.trim().toUpperCase() ?? '';
    if (!isOpdCode(code)) {
      throw new BerkasError('OPD_CODE_MISSING', `Kode OPD "${code}" tidak dapat dipakai untuk kiriman; isi kode OPD di Pengaturan (huruf besar, angka, titik, garis bawah, tanda hubung) atau daftarkan perangkat dulu.`, { field: 'opd.code' });
    }
    return { code, name: e?.opd_name ?? settings?.opd.name ?? code, profileId: settings?.opd.profileId };
  }

  async function insert(built: Awaited<ReturnType<SubmissionPackager['build']>>, isHeld: boolean): Promise<OutboxItemView> {
    const m = built.manifest;
    const mainSha = m.files.find((f) => f.path === m.mainDocument)?.sha256 ?? '';
    return exclusive(async () => {
      const [same] = deps.db.query<ItemRow>('SELECT * FROM outbox_items WHERE id = ?', [m.submissionId]);
      if (same) {
        if (same.manifest_sha256 === built.manifestSha256) return view(same);
        throw new BerkasError('OUTBOX_DUPLICATE_ID', `Kotak keluar sudah memuat paket ${m.submissionId} dengan isi lain; paket dengan id yang sama tidak boleh berbeda isi.`, { id: m.submissionId });
      }
      const createdAt = now();
      let status = transition(newStatus(createdAt, distinctBlobs(m).reduce((a, b) => a + b.size, 0)), { type: 'enqueue' }, { now: createdAt, random });
      if (isHeld) status = transition(status, { type: 'hold' }, { now: createdAt, random });
      await deps.db.write([
        {
          sql: `INSERT INTO outbox_items (id, seq, title, type, opd, period, revision_of, main_document, main_sha256, manifest, manifest_sha256,
                package_sha256, package_size, state, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          params: [
            m.submissionId,
            nextSeq(),
            built.title,
            m.type,
            m.opd,
            m.period,
            m.revisionOf,
            m.mainDocument,
            mainSha,
            canonicalJson(m),
            built.manifestSha256,
            built.packageSha256,
            built.packageSize,
            status.state,
            JSON.stringify(status),
            createdAt.toISOString(),
          ],
        },
      ]);
      return view(row(m.submissionId));
    });
  }

  function refuseDuplicatePdf(mainSha256: string): void {
    const [dup] = deps.db.query<ItemRow>("SELECT * FROM outbox_items WHERE main_sha256 = ? AND state <> 'dibatalkan' ORDER BY seq LIMIT 1", [mainSha256]);
    if (dup) {
      throw new BerkasError(
        'OUTBOX_DUPLICATE',
        `PDF ini sudah ada di kotak keluar sebagai "${dup.title}" (id ${dup.id}, ${parseStatus(dup).state}). Satu dokumen bertanda tangan dikirim sekali; perbaikan dikirim sebagai revisi dengan PDF yang ditandatangani ulang.`,
        { id: dup.id },
      );
    }
  }

  async function sha256Of(bytes: Uint8Array): Promise<string> {
    const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  const service = {
    ready,

    async addPdf(input: AddPdfInput): Promise<OutboxItemView> {
      await ready;
      const inspection = await deps.packager.inspectPdf(input.bytes, input.fileName);
      if (!inspection.isSigned) {
        const why = inspection.problems.length > 0 ? ` (${inspection.problems.slice(0, 2).join('; ')})` : '';
        throw new BerkasError(
          inspection.problems.length > 0 ? 'SIGNATURE_INVALID' : 'PDF_NOT_SIGNED',
          inspection.problems.length > 0
            ? `PDF ${input.fileName} memuat tanda tangan elektronik yang tidak utuh${why}; PDF yang berubah setelah ditandatangani tidak dapat dikirim.`
            : `PDF ${input.fileName} belum ditandatangani secara elektronik. Tandatangani dulu (Rencana Aksi → Tandatangani, atau: berkas sign), lalu masukkan ke kotak keluar.`,
          { file: input.fileName },
        );
      }
      refuseDuplicatePdf(await sha256Of(input.bytes));

      let data = input.data;
      let type = input.type;
      let period = input.period;
      let title = input.title;
      let reportType = input.reportType;
      if (data === undefined) {
        const source = inspection.documentId ? await deps.findDocument(inspection.documentId) : null;
        if (!source) {
          throw new BerkasError(
            'OUTBOX_DATA_MISSING',
            `PDF ${input.fileName} tidak berasal dari dokumen yang tersimpan di Berkas ini${inspection.documentId ? ` (id dokumen ${inspection.documentId} tidak ditemukan)` : ''}, jadi data.json-nya tidak diketahui. Sertakan datanya (--data BERKAS.json) beserta jenis dan periodenya.`,
            { file: input.fileName, field: 'data' },
          );
        }
        if (inspection.signedAt && Date.parse(source.updatedAt) > Date.parse(inspection.signedAt) + 1000) {
          throw new BerkasError(
            'OUTBOX_DATA_CHANGED',
            `"${source.title}" diubah (${source.updatedAt}) setelah PDF ${input.fileName} ditandatangani (${inspection.signedAt}); data.json tidak lagi sama dengan isi PDF. Tandatangani ulang PDF-nya, atau sertakan data yang sesuai dengan --data.`,
            { file: input.fileName },
          );
        }
        data = source.data;
        type = type ?? source.type;
        period = period ?? source.period;
        title = title ?? source.title;
        reportType = reportType ?? source.reportType;
      } else if (data !== null && typeof data === 'object' && (data as { format?: unknown }).format === 'berkas-rencana-aksi') {
        const year = (data as { plan?: { year?: unknown } }).plan?.year;
        type = type ?? 'rencana-aksi';
        if (period === undefined && typeof year === 'number' && Number.isInteger(year)) period = String(year);
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new BerkasError('OUTBOX_DATA_INVALID', 'data.json kiriman harus berupa objek JSON ({ … }).', { field: 'data' });
      }
      if (!isSubmissionType(type)) throw new BerkasError('OUTBOX_TYPE_MISSING', `Sebutkan jenis kiriman: ${Object.entries(submissionTypeLabels).map(([k, v]) => `${k} (${v})`).join(', ')}.`, { field: 'type' });
      if (!isPeriod(period)) throw new BerkasError('OUTBOX_PERIOD_INVALID', `Periode "${period ?? ''}" tidak sah; contoh: 2025, 2025-T1, 2025-S2, 2025-06, 2025-06-17.`, { field: 'period' });
      if (input.revisionOf !== undefined && !isSubmissionId(input.revisionOf)) {
        throw new BerkasError('OUTBOX_REVISION_INVALID', `"${input.revisionOf}" bukan id kiriman (UUIDv7 atau ULID) yang dapat direvisi.`, { field: 'revisionOf' });
      }
      const opd = await opdCode();
      const createdAt = now();
      const meta: SubmissionMeta = {
        submissionId: deps.packager.newSubmissionId(createdAt),
        type,
        opd: opd.code,
        period,
        revisionOf: input.revisionOf ?? null,
        appVersion: deps.appVersion,
        mainDocument: mainDocumentPath(input.fileName),
        ...(type === 'laporan' && reportType ? { reportType } : {}),
        ...(opd.profileId ? { profileId: opd.profileId } : {}),
      };
      const built = await deps.packager.build({
        meta,
        title: (title ?? input.fileName.replace(/\.pdf$/i, '')).slice(0, 300),
        sourceOrganization: opd.name,
        pdf: { fileName: input.fileName, bytes: input.bytes },
        data,
        attachments: input.attachments ?? [],
        createdAt,
      });
      const added = await insert(built, input.isHeld === true);
      kick();
      return added;
    },

    async addPackage(file: string, options: { isHeld?: boolean; revisionOf?: string } = {}): Promise<OutboxItemView> {
      await ready;
      const opd = await opdCode();
      // A handover bundle bagged by Berkas is not a submission yet: the same files become one, with its signed berita acara as the main document.
      const wrap = (bag: ForeignBag): SubmissionMeta | null => {
        if (tagValue(bag.bagInfo, 'Berkas-Document') !== 'serah-terima-aplikasi') return null;
        const main = bag.signedPdfs.includes(beritaAcaraPath) ? beritaAcaraPath : bag.signedPdfs[0];
        if (!main) return null;
        const bagged = /^(\d{4})-/.exec(tagValue(bag.bagInfo, 'Bagging-Date') ?? '');
        const createdAt = now();
        return {
          submissionId: deps.packager.newSubmissionId(createdAt),
          type: 'serah-terima',
          opd: opd.code,
          period: bagged?.[1] ?? String(createdAt.getFullYear()),
          revisionOf: options.revisionOf ?? null,
          appVersion: deps.appVersion,
          mainDocument: main,
          ...(opd.profileId ? { profileId: opd.profileId } : {}),
        };
      };
      const built = await deps.packager.importZip(file, wrap);
      const e = enrollmentRow();
      if (e && built.manifest.opd !== e.opd_code) {
        throw new BerkasError('OPD_MISMATCH', `Paket ${file} dibuat untuk OPD ${built.manifest.opd}, sedangkan perangkat ini terdaftar untuk ${e.opd_code}; server akan menolaknya.`, { file });
      }
      const [existing] = deps.db.query<ItemRow>('SELECT * FROM outbox_items WHERE id = ?', [built.manifest.submissionId]);
      if (!existing) refuseDuplicatePdf(built.manifest.files.find((f) => f.path === built.manifest.mainDocument)?.sha256 ?? '');
      const added = await insert(built, options.isHeld === true);
      kick();
      return added;
    },

    list(): OutboxItemView[] {
      return deps.db.query<ItemRow>('SELECT * FROM outbox_items ORDER BY seq').map(view);
    },

    get(id: string): OutboxItemView {
      return view(row(id));
    },

    overview,

    async sendNow(id: string): Promise<OutboxItemView> {
      await ready;
      await apply(id, { type: 'sendNow' });
      linkRetryAt = 0;
      kick();
      return view(row(id));
    },

    async hold(id: string): Promise<OutboxItemView> {
      await ready;
      await apply(id, { type: 'hold' });
      if (current?.id === id) current.controller.abort();
      return view(row(id));
    },

    async resume(id: string): Promise<OutboxItemView> {
      await ready;
      await apply(id, { type: 'resume' });
      kick();
      return view(row(id));
    },

    async cancel(id: string): Promise<OutboxItemView> {
      await ready;
      await apply(id, { type: 'cancel' }, undefined, [{ sql: 'DELETE FROM outbox_uploads WHERE item_id = ?', params: [id] }]);
      if (current?.id === id) current.controller.abort();
      return view(row(id));
    },

    async exportTo(id: string, outPath: string): Promise<{ id: string; path: string; size: number; fileName: string }> {
      await ready;
      const r = row(id);
      if (r.state === 'dibatalkan') throw new BerkasError('OUTBOX_CANCELLED', `Paket ${id} sudah dibatalkan; paket yang dibatalkan tidak diekspor.`, { id });
      const written = await deps.packager.exportTo(r.package_sha256, outPath);
      await exclusive(() => deps.db.write([{ sql: 'UPDATE outbox_items SET exported_at = ? WHERE id = ?', params: [now().toISOString(), id] }]));
      return { id, ...written, fileName: packageFileName(r.opd, r.id) };
    },

    uploads(id: string): { sha256: string; size: number; offset: number }[] {
      return deps.db.query<{ sha256: string; size: number; offset: number }>('SELECT sha256, size, offset FROM outbox_uploads WHERE item_id = ? ORDER BY sha256', [id]);
    },

    enrollment(): EnrollmentView | null {
      return enrollmentView(enrollmentRow());
    },

    async enroll(input: { serverUrl: string; code: string; deviceName?: string; vaultPassphrase?: string }): Promise<EnrollmentView> {
      await ready;
      const code = input.code.replace(/[\s-]+/g, '');
      if (!/^[0-9A-Za-z]{16}$/.test(code)) {
        throw new BerkasError('ENROLLMENT_CODE_FORMAT', 'Kode pendaftaran terdiri atas 16 huruf/angka, misalnya K7QM-4XTD-9HPA-2WEC; periksa lagi kode dari Diskominfo.', { field: 'code' });
      }
      const vault = deps.vault(input.vaultPassphrase);
      // The code works once: prove the vault can keep the token before spending it.
      await vault.seal(probeVaultName, new Uint8Array([1]));
      await vault.remove(probeVaultName);
      const serverUrl = normalizeServerUrl(input.serverUrl);
      const deviceName = (input.deviceName ?? deps.deviceName).trim().slice(0, 200) || deps.deviceName;
      const device = await deps.transport.enroll(serverUrl, { code: input.code.trim(), deviceName, appVersion: deps.appVersion });
      await vault.seal(DEVICE_TOKEN_VAULT_NAME, new TextEncoder().encode(device.token));
      const enrolledAt = now().toISOString();
      await exclusive(() =>
        deps.db.write([
          { sql: 'DELETE FROM sync_enrollment WHERE id = 1' },
          {
            sql: `INSERT INTO sync_enrollment (id, server_url, opd_code, opd_name, token_id, device_name, vault_name, keys, enrolled_at)
                  VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
            params: [serverUrl, device.opd.code, device.opd.name, device.tokenId, deviceName, DEVICE_TOKEN_VAULT_NAME, JSON.stringify(device.keys), enrolledAt],
          },
        ]),
      );
      cachedToken = { tokenId: device.tokenId, token: device.token };
      const settings = await deps.settings.load();
      if (settings && settings.serverUrl !== serverUrl) await deps.settings.save({ ...settings, serverUrl });
      linkUp();
      kick();
      return enrollmentView(enrollmentRow()) as EnrollmentView;
    },

    async checkServer(): Promise<ServerCheck> {
      const r = enrollmentRow();
      const settings = await deps.settings.load();
      const serverUrl = r?.server_url ?? (settings?.serverUrl || null);
      const checkedAt = now().toISOString();
      if (!serverUrl) return { serverUrl: null, isEnrolled: false, isReachable: false, message: 'Alamat server Diskominfo belum diatur; daftarkan perangkat ini di Kotak Keluar.', checkedAt };
      try {
        await deps.transport.health(serverUrl);
        if (r && !r.revoked_at) linkUp();
        return {
          serverUrl,
          isEnrolled: r !== null && r.revoked_at === null,
          isReachable: true,
          message: r ? (r.revoked_at ? `Server ${serverUrl} dapat dihubungi, tetapi token perangkat ini ditolak; daftarkan ulang.` : `Server ${serverUrl} dapat dihubungi.`) : `Server ${serverUrl} dapat dihubungi; perangkat ini belum terdaftar.`,
          checkedAt,
        };
      } catch (err) {
        return { serverUrl, isEnrolled: r !== null && r.revoked_at === null, isReachable: false, message: errorOf(err).message, checkedAt };
      }
    },

    /** Asks the server for review results now (also done by the sender every few minutes). */
    async refreshReviews(): Promise<void> {
      await ready;
      if (!canSend()) return;
      await pollReviews();
    },

    /** Starts sending on its own (desktop app, `berkas ui`). */
    start(): void {
      if (loopDone) return;
      isAutomatic = true;
      isStopping = false;
      loopDone = loop().catch((err: unknown) => {
        // The sender must never die silently: the status shows why.
        linkError = { ...errorOf(err), at: now().toISOString() };
      });
    },

    /** Stops the sender: an upload in flight is interrupted (the server keeps what it acknowledged). */
    async stop(): Promise<void> {
      isStopping = true;
      current?.controller.abort();
      kick();
      await loopDone;
      await afterSendRun;
      loopDone = null;
      isAutomatic = false;
      await mutations.catch(() => undefined);
    },

    /**
     * One pass for `outbox send`: every queued package (oldest first) and every
     * uncertain one is tried now, once; with `isPatient`, keep trying with
     * backoff until nothing is left to send. Stops early when the server
     * cannot be reached or the device is not enrolled.
     */
    async sendPending(options: { isPatient?: boolean; onChange?: (view: OutboxItemView) => void } = {}): Promise<SendReport> {
      await ready;
      if (loopDone) throw new BerkasError('OUTBOX_BUSY', 'Pengirim otomatis sedang berjalan di aplikasi ini; gunakan "kirim sekarang" per paket.');
      if (!canSend()) {
        const r = enrollmentRow();
        throw r ? new BerkasError('TOKEN_REVOKED', `Token perangkat ditolak server ${r.server_url}. Daftarkan ulang perangkat ini dengan kode baru dari Diskominfo.`) : notEnrolled();
      }
      // The officer asked now: a link backoff from earlier does not make them wait.
      linkRetryAt = 0;
      const tried = new Set<string>();
      const delivered: string[] = [];
      let attempted = 0;
      for (const item of activeItems()) {
        if (!item.status.isHeld && (item.status.state === 'antre' || item.status.state === 'belum-pasti')) await apply(item.row.id, { type: 'retryNow' });
      }
      for (;;) {
        if (isStopping) break;
        const items = activeItems().filter((i) => options.isPatient || !tried.has(i.row.id));
        const nowDate = now();
        const next = pickNext(items, nowDate);
        if (!next) {
          if (!options.isPatient) break;
          const pending = items.filter((i) => !i.status.isHeld);
          if (pending.length === 0 || !canSend()) break;
          const wake = nextWakeAt(pending);
          const until = Math.max(linkRetryAt, wake === null ? 0 : Date.parse(wake));
          await sleep(Math.max(10, until - nowDate.getTime()));
          continue;
        }
        if (linkRetryAt > nowDate.getTime()) {
          if (!options.isPatient) break;
          await sleep(linkRetryAt - nowDate.getTime());
          continue;
        }
        tried.add(next.row.id);
        attempted += 1;
        try {
          await processItem(next);
        } catch {
          break;
        }
        const after = view(row(next.row.id));
        options.onChange?.(after);
        if (after.status.receipt !== null && !delivered.includes(after.id)) delivered.push(after.id);
        if (!canSend()) break;
        if (!options.isPatient && linkError !== null && isLinkFailure(linkError.code)) break;
      }
      const waiting = deps.db
        .query<ItemRow>("SELECT * FROM outbox_items WHERE state IN ('siap', 'antre', 'mengirim', 'belum-pasti', 'gagal') ORDER BY seq")
        .map((r) => {
          const st = parseStatus(r);
          return { id: r.id, state: st.state, reason: st.isHeld ? 'Ditahan oleh petugas.' : (st.lastError?.message ?? null) };
        });
      // Sending is over: the after-send work (reference data) may take its time now; its failures are its own.
      if (delivered.length > 0) await afterSendCycle();
      return { attempted, delivered, waiting };
    },

    /** Registers work to run after a send cycle that delivered something (best-effort; a failure never reaches the sender). */
    onSendCycle(listener: () => Promise<void>): () => void {
      sendCycleListeners.push(listener);
      return () => {
        const at = sendCycleListeners.indexOf(listener);
        if (at >= 0) sendCycleListeners.splice(at, 1);
      };
    },

    /** The enrolled server and the device token from the key vault, for other requests of the protocol (reference data). */
    deviceConnection(passphrase?: string): Promise<SyncConnection> {
      return connection(passphrase);
    },

    /** For tests and the CLI: the reason the sender is waiting, if any. */
    linkError(): OutboxError | null {
      return linkError;
    },
  };
  return service;
}

export type OutboxService = ReturnType<typeof createOutboxService>;
