/**
 * One attempt at one package: open the submission with its manifest, upload
 * the blobs the server lacks (resuming at its offsets), commit, and keep the
 * receipt only after checking its signature. A commit whose answer was lost
 * becomes "hasil belum pasti" and is settled by asking about the id, never by
 * committing again blindly (PROTOCOL.md §1.1, §7).
 */
import type { BlobStore, SyncConnection, SyncTransport } from '../../ports';
import { isBerkasError, type BerkasError } from '../../domain/errors';
import { failureKind, isLinkFailure } from '../../domain/outbox/failures';
import type { OutboxState } from '../../domain/outbox/machine';
import { CHUNK_BYTES, distinctBlobs, parseStoredManifest, type Manifest } from '../../domain/outbox/manifest';
import { receiptProblem, type Receipt, type Review, type SubmissionStatus } from '../../domain/outbox/protocol';
import type { Enrollment } from './enrollment';
import { cancelled, errorOf, httpStatusOf, isUncertain, refusalFor, retryAfterOf } from './failures';
import type { Link } from './link';
import type { OutboxItemRecord } from './ports';
import type { Sending } from './status';
import type { OutboxStore } from './store';

export interface AttemptDeps {
  store: OutboxStore;
  enrollment: Enrollment;
  link: Link;
  transport: SyncTransport;
  blobs: BlobStore;
  /** The app is closing: an interrupted upload goes back to the queue. */
  isStopping(): boolean;
  /** A package was delivered (the after-send work runs when the queue is drained). */
  onDelivered(): void;
}

export function createAttempts(deps: AttemptDeps) {
  const { store, link, enrollment } = deps;
  // The packages on their way now, oldest first (sendPending keeps a few in flight; the automatic sender one).
  const current = new Map<string, Sending & { controller: AbortController }>();

  /** Handles a failure of a send or of a question about an uncertain commit. */
  async function failed(id: string, err: unknown, states: readonly OutboxState[]): Promise<void> {
    if (isBerkasError(err) && err.code === 'CANCELLED') {
      // Held or cancelled by the officer (already recorded), or the app is closing.
      if (deps.isStopping()) await store.apply(id, { type: 'interrupt' }, ['mengirim']);
      return;
    }
    const error = errorOf(err);
    const httpStatus = httpStatusOf(err);
    if (error.code.startsWith('OUTBOX_BLOB')) {
      await store.apply(id, { type: 'refuse', error }, states);
      return;
    }
    switch (failureKind(error.code, httpStatus)) {
      case 'auth':
        await enrollment.markRevoked(err as BerkasError);
        await store.apply(id, { type: 'wait', error: link.error() ?? error }, ['mengirim', 'antre']);
        if (states.includes('belum-pasti')) await store.apply(id, { type: 'fail', error: link.error() ?? error }, ['belum-pasti']);
        return;
      case 'retry':
        if (isLinkFailure(error.code, httpStatus)) link.down(err);
        await store.apply(id, { type: 'fail', error, retryAfterMs: retryAfterOf(err) }, states);
        return;
      case 'refuse':
        link.up();
        await store.apply(id, { type: 'refuse', error: refusalFor(error, err) }, states);
        return;
    }
  }

  /** Verifies a receipt (fields, then the Ed25519 signature) and marks the package delivered. */
  async function deliver(r: OutboxItemRecord, receipt: Receipt | null, review: Review | null, states: readonly OutboxState[]): Promise<void> {
    const problem = receiptProblem(receipt, { submissionId: r.id, manifestSha256: r.manifestSha256 });
    if (problem || !receipt) {
      await store.apply(r.id, { type: 'refuse', error: { code: 'RECEIPT_INVALID', message: `Tanda terima dari server tidak sah: ${problem ?? 'tidak ada'}. Paket belum dianggap terkirim; hubungi Diskominfo.` } }, states);
      return;
    }
    const keys = await enrollment.keysFor(receipt);
    if (!deps.transport.verifyReceipt(receipt, keys)) {
      await store.apply(
        r.id,
        { type: 'refuse', error: { code: 'RECEIPT_INVALID', message: `Tanda tangan tanda terima (kunci ${receipt.keyId}) tidak dapat diverifikasi dengan kunci server; paket belum dianggap terkirim. Hubungi Diskominfo.` } },
        states,
      );
      return;
    }
    await store.apply(r.id, { type: 'deliver', receipt, review }, states, { clearUploads: true });
    deps.onDelivered();
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
      const uploads = changed.map((sha) => ({ sha256: sha, size: sizes.get(sha) ?? 0, offset: offsets.get(sha) ?? 0 }));
      await store.apply(id, { type: 'progress', bytesSent: total() }, ['mengirim'], { uploads });
    };
    const pump = async () => {
      while (isDirty) {
        isDirty = false;
        await writeOnce();
      }
    };
    return {
      update(sha256: string, offset: number) {
        offsets.set(sha256, offset);
        dirtyBlobs.add(sha256);
        const sending = current.get(id);
        if (sending) sending.bytesSent = total();
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
  async function send(r: OutboxItemRecord): Promise<void> {
    let conn: SyncConnection;
    try {
      conn = await enrollment.connection();
    } catch (err) {
      link.blame(errorOf(err));
      await store.apply(r.id, { type: 'wait', error: errorOf(err) }, ['antre']);
      throw err;
    }
    const started = await store.apply(r.id, { type: 'start' }, ['antre']);
    if (!started || started.state !== 'mengirim') return;
    const controller = new AbortController();
    current.set(r.id, { id: r.id, controller, bytesSent: started.bytesSent });
    const manifest: Manifest = parseStoredManifest(r.manifestJson);
    try {
      if (await sendWhole(r, conn, manifest)) return;
      const opened = await deps.transport.openSubmission(conn, manifest, r.manifestSha256, controller.signal);
      link.up();
      if (opened.state === 'committed') {
        // Sent before (another attempt whose answer was lost, or the flash drive): the same receipt.
        await deliver(r, opened.receipt, null, ['mengirim']);
        return;
      }
      const tracker = progressTracker(r.id, distinctBlobs(manifest), new Map(opened.missing.map((m) => [m.sha256, m.offset])));
      await tracker.flush();
      for (const blob of opened.missing) {
        await deps.transport.uploadBlob(conn, blob, deps.blobs.pathOf(blob.sha256), {
          signal: controller.signal,
          onProgress: (offset) => tracker.update(blob.sha256, offset),
        });
        tracker.update(blob.sha256, blob.size);
      }
      await tracker.flush();
      if (controller.signal.aborted) throw cancelled();
      let committed;
      try {
        committed = await deps.transport.commit(conn, r.id, r.manifestSha256);
      } catch (err) {
        if (!isUncertain(err)) throw err;
        await uncertain(r, err);
        return;
      }
      await deliver(r, committed.receipt, committed.review, ['mengirim']);
    } catch (err) {
      await failed(r.id, err, ['mengirim']);
    } finally {
      current.delete(r.id);
    }
  }

  /** The answer to a commit was lost: from now on only asking is allowed (PROTOCOL.md §1.1). */
  async function uncertain(r: OutboxItemRecord, err: unknown): Promise<void> {
    const reason = errorOf(err);
    await store.apply(
      r.id,
      { type: 'uncertain', error: { code: reason.code, message: `Hasil pengiriman belum pasti: jawaban server atas komit tidak diterima (${reason.message}). Berkas menanyakan statusnya ke server; paket tidak dikirim ulang begitu saja.` } },
      ['mengirim'],
    );
    if (isLinkFailure(reason.code, httpStatusOf(err))) link.down(err);
  }

  /**
   * A package whose blobs fit in one chunk goes in one request (PROTOCOL.md §5.3): no round trip and no
   * progress write per blob. False when it is larger or the server does not offer it: then it goes in steps,
   * resumable. Failures are the caller's, except a lost answer, which may have committed.
   */
  async function sendWhole(r: OutboxItemRecord, conn: SyncConnection, manifest: Manifest): Promise<boolean> {
    if (!deps.transport.sendWhole) return false;
    const bytes = distinctBlobs(manifest).reduce((sum, b) => sum + b.size, 0);
    if (bytes > CHUNK_BYTES) return false;
    let committed;
    try {
      // Not interruptible, as a commit is not: once sent it may be accepted, and only asking tells.
      committed = await deps.transport.sendWhole(conn, manifest, r.manifestSha256, (sha256) => deps.blobs.pathOf(sha256));
    } catch (err) {
      if (!isUncertain(err)) throw err;
      await uncertain(r, err);
      return true;
    }
    if (committed === null) return false;
    link.up();
    await deliver(r, committed.receipt, committed.review, ['mengirim']);
    return true;
  }

  /** Settles "hasil belum pasti" by asking the server about the id (PROTOCOL.md §7). */
  async function settle(r: OutboxItemRecord): Promise<void> {
    let conn: SyncConnection;
    try {
      conn = await enrollment.connection();
    } catch (err) {
      link.blame(errorOf(err));
      throw err;
    }
    let status: SubmissionStatus | null;
    try {
      status = await deps.transport.status(conn, r.id);
      link.up();
    } catch (err) {
      await failed(r.id, err, ['belum-pasti']);
      return;
    }
    if (status === null) {
      // The manifest never arrived: start again at POST /v1/submissions.
      await store.apply(r.id, { type: 'resolve', outcome: 'missing' }, ['belum-pasti']);
      return;
    }
    if (status.state === 'committed') {
      if (status.manifestSha256 === r.manifestSha256) {
        await deliver(r, status.receipt, status.review, ['belum-pasti']);
        return;
      }
      await store.apply(r.id, { type: 'refuse', error: refusalFor({ code: 'SUBMISSION_CONFLICT', message: `Server menyimpan kiriman ${r.id} dengan isi lain.` }, null) }, ['belum-pasti']);
      return;
    }
    if (status.lastError && status.manifestSha256 === r.manifestSha256) {
      await store.apply(r.id, { type: 'refuse', error: refusalFor(status.lastError, null) }, ['belum-pasti']);
      return;
    }
    await store.apply(r.id, { type: 'resolve', outcome: 'open' }, ['belum-pasti']);
  }

  return {
    /** Sends a queued package, or settles one whose commit answer was lost. */
    async process(item: OutboxItemRecord): Promise<void> {
      if (item.status.state === 'belum-pasti') await settle(item);
      else await send(item);
    },
    deliver,
    /** The oldest package in flight (the one the screens show as being sent). */
    sending(): Sending | null {
      const [first] = current.values();
      return first ? { id: first.id, bytesSent: first.bytesSent } : null;
    },
    /** Interrupts the upload of `id`, if it is in flight (held or cancelled by the officer). */
    interrupt(id: string): void {
      current.get(id)?.controller.abort();
    },
    /** Interrupts whatever is in flight (closing). */
    interruptAll(): void {
      for (const c of current.values()) c.controller.abort();
    },
  };
}

export type Attempts = ReturnType<typeof createAttempts>;
