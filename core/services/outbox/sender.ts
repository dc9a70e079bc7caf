/**
 * The sender: oldest first ("kirim sekarang" goes before), each package
 * through attempt.ts, until the server has acknowledged it with a signed
 * receipt; on its own in the app (`start`, one package at a time), or one pass
 * for `berkas outbox send` (sendPending, a few on their way at once). Failures back off per package, and for the link as a whole
 * when the server cannot be reached at all (link.ts). While idle it asks the
 * server for review results and for packages that arrived by flash drive.
 */
import type { BlobStore, Clock, SyncTransport } from '../../ports';
import { BerkasError, isBerkasError } from '../../domain/errors';
import { failureKind, isLinkFailure } from '../../domain/outbox/failures';
import { isDue, nextWakeAt, pickNext, type OutboxState } from '../../domain/outbox/machine';
import type { OutboxItemView, SendReport } from '../../domain/outbox/views';
import type { Enrollment } from './enrollment';
import { createAttempts } from './attempt';
import { errorOf, httpStatusOf } from './failures';
import type { Link } from './link';
import type { OutboxItemRecord, OutboxRepository, QueueEntry } from './ports';
import { createQueueView } from './queue';
import type { Sending } from './status';
import type { OutboxStore } from './store';

export type Timer = (fn: () => void, ms: number) => () => void;

export interface SenderDeps {
  repository: OutboxRepository;
  store: OutboxStore;
  enrollment: Enrollment;
  link: Link;
  transport: SyncTransport;
  blobs: BlobStore;
  clock: Clock;
  setTimer: Timer;
  /** How often to ask the server for review results while idle. */
  reviewPollMs: number;
  /** Recovery after a restart: nothing is sent before it is done. */
  ready: Promise<void>;
  view(item: OutboxItemRecord): OutboxItemView;
}

/**
 * How many packages sendPending keeps on their way at once: enough that the app's work on one overlaps
 * the server's on another, few enough that a link going down costs little (each is retried with backoff).
 */
const MAX_IN_FLIGHT = 3;
const ACTIVE: readonly OutboxState[] = ['antre', 'belum-pasti', 'mengirim'];
const WAITING: readonly OutboxState[] = ['siap', 'antre', 'mengirim', 'belum-pasti', 'gagal'];

export function createSender(deps: SenderDeps) {
  const { store, link, enrollment } = deps;
  const now = () => deps.clock.now();
  let isAutomatic = false;
  let isStopping = false;
  let loopDone: Promise<void> | null = null;
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
      cancelSleep = deps.setTimer(done, ms);
    });
  }

  // Asked on every turn: only what pickNext needs, and only the packages that changed are read again.
  const queue = createQueueView(deps, ACTIVE);
  const activeQueue = () => queue.read();
  const attempts = createAttempts({
    ...deps,
    isStopping: () => isStopping,
    onDelivered: () => {
      hasDeliveredThisCycle = true;
    },
  });

  /** Review results and packages that arrived by flash drive: the server's list of changes. */
  async function pollReviews(): Promise<void> {
    const r = enrollment.record();
    if (!r || r.revokedAt) return;
    lastReviewPoll = now().getTime();
    const conn = await enrollment.connection();
    let since = r.reviewsSince;
    let latest = since;
    for (let page = 0; page < 50; page++) {
      const { submissions, next } = await deps.transport.updates(conn, since, 200);
      for (const s of submissions) {
        if (s.updatedAt && (latest === null || Date.parse(s.updatedAt) > Date.parse(latest))) latest = s.updatedAt;
        const local = deps.repository.item(s.submissionId);
        if (!local || s.state !== 'committed' || s.manifestSha256 !== local.manifestSha256) continue;
        const st = local.status;
        if (st.receipt === null && s.receipt && (st.state === 'antre' || st.state === 'gagal' || st.state === 'belum-pasti')) {
          await attempts.deliver(local, s.receipt, s.review, ['antre', 'gagal', 'belum-pasti']);
        } else if (st.receipt !== null && s.review && (s.review.status !== st.review?.status || s.review.note !== st.review?.note)) {
          await store.apply(local.id, { type: 'review', review: s.review }, ['terkirim', 'diterima', 'perlu-revisi', 'ditolak']);
        }
      }
      if (next === null || next === since) break;
      since = next;
    }
    // "At or after": the newest change seen comes again next time, harmlessly; older ones never do.
    if (latest !== r.reviewsSince) await deps.repository.saveReviewsSince(latest);
  }

  /** The automatic sender: runs until stop(). */
  async function loop(): Promise<void> {
    await deps.ready;
    while (!isStopping) {
      const t = now().getTime();
      if (!enrollment.canSend()) {
        await sleep(deps.reviewPollMs);
        continue;
      }
      if (link.retryAt() > t) {
        await sleep(link.retryAt() - t);
        continue;
      }
      const items = activeQueue();
      const next = pickNext(items, now());
      if (next) {
        try {
          await attempts.process(store.item(next.id));
        } catch {
          // Could not start (vault locked, not enrolled): wait for the officer, who wakes the sender.
          if (!isStopping) await sleep(deps.reviewPollMs);
        }
        continue;
      }
      // Not awaited: a slow reference fetch must not hold up the next package.
      void afterSendCycle();
      if (t - lastReviewPoll >= deps.reviewPollMs) {
        try {
          await pollReviews();
          link.up();
        } catch (err) {
          if (isBerkasError(err) && failureKind(err.code, httpStatusOf(err)) === 'auth') await enrollment.markRevoked(err);
          lastReviewPoll = now().getTime();
        }
        continue;
      }
      const wake = nextWakeAt(items);
      const untilPoll = lastReviewPoll + deps.reviewPollMs - t;
      await sleep(Math.max(10, Math.min(untilPoll, wake === null ? untilPoll : Date.parse(wake) - t)));
    }
  }

  return {
    kick,
    pollReviews,
    sending: (): Sending | null => attempts.sending(),
    isAutomatic: () => isAutomatic,
    isStopping: () => isStopping,
    interrupt: (id: string): void => attempts.interrupt(id),

    start(): void {
      if (loopDone) return;
      isAutomatic = true;
      isStopping = false;
      loopDone = loop().catch((err: unknown) => {
        // The sender must never die silently: the status shows why.
        link.blame(errorOf(err));
      });
    },

    async stop(): Promise<void> {
      isStopping = true;
      attempts.interruptAll();
      kick();
      await loopDone;
      await afterSendRun;
      loopDone = null;
      isAutomatic = false;
      await store.idle();
    },

    async sendPending(options: { isPatient?: boolean; onChange?: (view: OutboxItemView) => void } = {}): Promise<SendReport> {
      if (loopDone) throw new BerkasError('OUTBOX_BUSY', 'Pengirim otomatis sedang berjalan di aplikasi ini; gunakan "kirim sekarang" per paket.');
      if (!enrollment.canSend()) {
        const r = enrollment.record();
        throw r ? new BerkasError('TOKEN_REVOKED', `Token perangkat ditolak server ${r.serverUrl}. Daftarkan ulang perangkat ini dengan kode baru dari Diskominfo.`, { serverUrl: r.serverUrl }) : enrollment.notEnrolled();
      }
      // The officer asked now: a link backoff from earlier does not make them wait.
      link.tryNow();
      const tried = new Set<string>();
      const delivered: string[] = [];
      let attempted = 0;
      // One write for the whole backlog; a package already due keeps its place as it is.
      const startedAt = now();
      const backedOff = activeQueue().filter((i) => !i.status.isHeld && (i.status.state === 'antre' || i.status.state === 'belum-pasti') && !isDue(i.status, startedAt));
      await store.applyAll(
        backedOff.map((i) => i.id),
        { type: 'retryNow' },
        ['antre', 'belum-pasti'],
      );
      // A few packages in flight, so the app packs and verifies one while the server stores another. Their
      // results are taken oldest first (the report's order); any trouble takes the window back to one.
      const inFlight: { id: string; isStarted: Promise<boolean> }[] = [];
      let window = 1;
      let isHalted = false;
      const settleOldest = async (): Promise<void> => {
        const head = inFlight.shift() as (typeof inFlight)[number];
        if (!(await head.isStarted)) {
          // Could not start (vault locked, not enrolled): nothing more is tried in this pass.
          isHalted = true;
          return;
        }
        // The whole view (its manifest parsed) only for a caller that shows it.
        if (options.onChange) options.onChange(deps.view(store.item(head.id)));
        const receipt = deps.repository.statusOf(head.id)?.receipt;
        const isDelivered = receipt !== undefined && receipt !== null;
        if (isDelivered && !delivered.includes(head.id)) delivered.push(head.id);
        window = isDelivered ? MAX_IN_FLIGHT : 1;
        if (!enrollment.canSend()) isHalted = true;
        const linkError = link.error();
        if (!options.isPatient && linkError !== null && isLinkFailure(linkError.code)) isHalted = true;
      };
      while (!isStopping && !isHalted) {
        if (inFlight.length >= window) {
          await settleOldest();
          continue;
        }
        const busy = new Set(inFlight.map((f) => f.id));
        const items: QueueEntry[] = activeQueue().filter((i) => !busy.has(i.id) && (options.isPatient || !tried.has(i.id)));
        const nowDate = now();
        const next = pickNext(items, nowDate);
        if (!next || link.retryAt() > nowDate.getTime()) {
          // Nothing to start now: what is on its way may change that (a failure backs the link off).
          if (inFlight.length > 0) {
            await settleOldest();
            continue;
          }
        }
        if (!next) {
          if (!options.isPatient) break;
          const pending = items.filter((i) => !i.status.isHeld);
          if (pending.length === 0 || !enrollment.canSend()) break;
          const wake = nextWakeAt(pending);
          const until = Math.max(link.retryAt(), wake === null ? 0 : Date.parse(wake));
          await sleep(Math.max(10, until - nowDate.getTime()));
          continue;
        }
        if (link.retryAt() > nowDate.getTime()) {
          if (!options.isPatient) break;
          await sleep(link.retryAt() - nowDate.getTime());
          continue;
        }
        const record = store.item(next.id);
        if (record.revisionOf !== null && busy.has(record.revisionOf)) {
          // The server refuses a revision of a submission it has not accepted yet (REVISION_TARGET_UNKNOWN):
          // a revision waits for the package it revises while that one is on its way.
          await settleOldest();
          continue;
        }
        tried.add(next.id);
        attempted += 1;
        inFlight.push({
          id: next.id,
          isStarted: Promise.resolve()
            .then(() => attempts.process(record))
            .then(
              () => true,
              () => false,
            ),
        });
      }
      while (inFlight.length > 0) await settleOldest();
      const waiting = deps.repository.queue(WAITING).map((r) => {
        const st = r.status;
        return { id: r.id, state: st.state, reason: st.isHeld ? 'Ditahan oleh petugas.' : (st.lastError?.message ?? null) };
      });
      // Sending is over: the after-send work (reference data) may take its time now; its failures are its own.
      if (delivered.length > 0) await afterSendCycle();
      return { attempted, delivered, waiting };
    },

    onSendCycle(listener: () => Promise<void>): () => void {
      sendCycleListeners.push(listener);
      return () => {
        const at = sendCycleListeners.indexOf(listener);
        if (at >= 0) sendCycleListeners.splice(at, 1);
      };
    },
  };
}

export type Sender = ReturnType<typeof createSender>;
