/**
 * The life of one submission in the kotak keluar, as a pure function from
 * (status, event) to the next status. Everything that decides what a package
 * is allowed to do next lives here, so the service only performs I/O and the
 * rules are tested without a network or a disk:
 *
 *   draft → siap (signed) → antre → mengirim (n %) → terkirim (receipt held)
 *         → diterima / perlu-revisi / ditolak (Diskominfo's review)
 *
 * plus "belum-pasti" after a commit whose answer was lost (timeout, reset):
 * it is resolved only by asking the server about the id (PROTOCOL.md §7),
 * never by committing again blindly; "gagal" when the server refused the
 * package for a reason sending again cannot fix; "dibatalkan" by the officer.
 * Hold is a flag on a queued package, not a state: resuming returns it to
 * exactly where it was.
 */
import { BerkasError } from '../errors';
import { backoffDelayMs, defaultBackoff, type BackoffPolicy, type Random } from './backoff';
import type { Receipt, Review, ReviewStatus } from './protocol';

export const OUTBOX_STATES = ['draft', 'siap', 'antre', 'mengirim', 'belum-pasti', 'terkirim', 'diterima', 'perlu-revisi', 'ditolak', 'gagal', 'dibatalkan'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** Indonesian names of the states (the CLI prints them; the renderer has its own catalogs). */
export const outboxStateLabels: Record<OutboxState, string> = {
  draft: 'Draf',
  siap: 'Siap (ditandatangani)',
  antre: 'Antre',
  mengirim: 'Mengirim',
  'belum-pasti': 'Hasil belum pasti',
  terkirim: 'Terkirim',
  diterima: 'Diterima',
  'perlu-revisi': 'Perlu revisi',
  ditolak: 'Ditolak',
  gagal: 'Tidak dapat dikirim',
  dibatalkan: 'Dibatalkan',
};

/** Why a package (or the link) failed, as the outbox hands it to the event. */
export interface OutboxFailure {
  code: string;
  /** Bahasa Indonesia, naming what went wrong and what happens next. */
  message: string;
  /**
   * The error's parameters (JSON, no secrets), so the UI can show the code's
   * English text filled in; left out where the message was composed here and
   * the code's own text would not say the same.
   */
  details?: Record<string, unknown>;
}

export interface OutboxError extends OutboxFailure {
  at: string;
}

/** The changing part of an outbox item; what `transition` reads and returns. */
export interface OutboxStatus {
  state: OutboxState;
  /** Held by the officer: the sender skips it until resumed. */
  isHeld: boolean;
  /** "Kirim sekarang" was asked: it goes before older packages. */
  isUrgent: boolean;
  /** Failed attempts since the last success or "kirim sekarang"; drives the backoff. */
  attempts: number;
  /** When the sender may try (or, for belum-pasti, ask) next; null: not scheduled. */
  nextAttemptAt: string | null;
  lastError: OutboxError | null;
  bytesSent: number;
  bytesTotal: number;
  receipt: Receipt | null;
  review: Review | null;
  queuedAt: string | null;
  sentAt: string | null;
  updatedAt: string;
}

export type OutboxEvent =
  | { type: 'sign' }
  | { type: 'enqueue' }
  | { type: 'hold' }
  | { type: 'resume' }
  | { type: 'sendNow' }
  /** Due now, without jumping the queue (the officer runs `outbox send`, or the link came back). */
  | { type: 'retryNow' }
  | { type: 'start' }
  | { type: 'progress'; bytesSent: number }
  /** A failure that may pass: network, timeout, 408/429/5xx (PROTOCOL.md §1.1). */
  | { type: 'fail'; error: OutboxFailure; retryAfterMs?: number }
  /** Not sent, and not tried: the sender cannot start (not enrolled, vault locked). No attempt is counted. */
  | { type: 'wait'; error: OutboxFailure }
  /** The server refused the package for a reason that sending it again will not change. */
  | { type: 'refuse'; error: OutboxFailure }
  /** The commit's answer was lost: the submission may or may not exist on the server. */
  | { type: 'uncertain'; error: OutboxFailure }
  /** The server answered about an uncertain commit: it never got the manifest, or it is still open. */
  | { type: 'resolve'; outcome: 'missing' | 'open' }
  /** A receipt arrived and its signature was verified. */
  | { type: 'deliver'; receipt: Receipt; review: Review | null }
  | { type: 'review'; review: Review }
  /** The app stopped (crash, kill, shutdown) while this package was being sent. */
  | { type: 'interrupt' }
  | { type: 'cancel' };

export interface TransitionContext {
  now: Date;
  random: Random;
  backoff?: BackoffPolicy;
}

const reviewStates: Record<ReviewStatus, OutboxState> = {
  menunggu: 'terkirim',
  diterima: 'diterima',
  'perlu-revisi': 'perlu-revisi',
  ditolak: 'ditolak',
};

const eventVerbs: Record<OutboxEvent['type'], string> = {
  sign: 'ditandai siap',
  enqueue: 'dimasukkan ke antrean',
  hold: 'ditahan',
  resume: 'dilanjutkan',
  sendNow: 'dikirim sekarang',
  retryNow: 'dicoba sekarang',
  start: 'mulai dikirim',
  progress: 'diperbarui kemajuannya',
  fail: 'dicatat gagal',
  wait: 'ditunda',
  refuse: 'dicatat ditolak server',
  uncertain: 'dicatat belum pasti',
  resolve: 'diselesaikan',
  deliver: 'dicatat terkirim',
  review: 'diberi hasil pemeriksaan',
  interrupt: 'dicatat terputus',
  cancel: 'dibatalkan',
};

function refuseTransition(status: OutboxStatus, event: OutboxEvent): never {
  const held = status.isHeld ? ', ditahan' : '';
  throw new BerkasError(
    'OUTBOX_TRANSITION',
    `Paket berstatus "${outboxStateLabels[status.state]}${held}" tidak dapat ${eventVerbs[event.type]}.`,
    { state: status.state, event: event.type },
  );
}

function errorAt(error: OutboxFailure, now: Date): OutboxError {
  const at = now.toISOString();
  return error.details === undefined ? { code: error.code, message: error.message, at } : { code: error.code, message: error.message, details: error.details, at };
}

/** Where a package with a receipt stands, from the review (or "terkirim" while none). */
function deliveredState(review: Review | null): OutboxState {
  return review ? reviewStates[review.status] : 'terkirim';
}

/** The status after `event`, or a BerkasError (OUTBOX_TRANSITION) naming why not. */
export function transition(status: OutboxStatus, event: OutboxEvent, ctx: TransitionContext): OutboxStatus {
  const now = ctx.now.toISOString();
  const base = { ...status, updatedAt: now };
  const later = (retryAfterMs = 0) => new Date(ctx.now.getTime() + backoffDelayMs(status.attempts, ctx.random, ctx.backoff ?? defaultBackoff, retryAfterMs)).toISOString();
  const s = status.state;

  switch (event.type) {
    case 'sign':
      if (s !== 'draft') refuseTransition(status, event);
      return { ...base, state: 'siap' };

    case 'enqueue':
      if (s !== 'siap') refuseTransition(status, event);
      return { ...base, state: 'antre', queuedAt: status.queuedAt ?? now, nextAttemptAt: now, attempts: 0 };

    case 'hold':
      if (status.isHeld || (s !== 'siap' && s !== 'antre' && s !== 'mengirim')) refuseTransition(status, event);
      // A package held mid-upload goes back to the queue; what the server already holds stays there.
      return { ...base, state: s === 'mengirim' ? 'antre' : s, isHeld: true, isUrgent: false };

    case 'resume':
      if (!status.isHeld) refuseTransition(status, event);
      return { ...base, isHeld: false, nextAttemptAt: s === 'antre' ? now : status.nextAttemptAt };

    case 'sendNow':
      if (s === 'siap' || s === 'antre' || s === 'gagal') {
        return { ...base, state: 'antre', isHeld: false, isUrgent: true, attempts: 0, nextAttemptAt: now, queuedAt: status.queuedAt ?? now };
      }
      // Asking about an uncertain result is always safe; it never re-sends by itself.
      if (s === 'belum-pasti') return { ...base, isUrgent: true, attempts: 0, nextAttemptAt: now };
      // Already on its way: nothing to hurry.
      if (s === 'mengirim') return status;
      return refuseTransition(status, event);

    case 'retryNow':
      if (status.isHeld || (s !== 'antre' && s !== 'belum-pasti')) refuseTransition(status, event);
      return { ...base, nextAttemptAt: now };

    case 'start':
      if (s !== 'antre' || status.isHeld) refuseTransition(status, event);
      return { ...base, state: 'mengirim', nextAttemptAt: null };

    case 'progress': {
      if (s !== 'mengirim') refuseTransition(status, event);
      const bytesSent = Math.min(Math.max(0, event.bytesSent), status.bytesTotal);
      // Bytes moving again means the link works: the next failure starts the backoff afresh.
      return { ...base, bytesSent, attempts: bytesSent > status.bytesSent ? 0 : status.attempts };
    }

    case 'fail':
      if (s === 'mengirim') {
        return { ...base, state: 'antre', attempts: status.attempts + 1, nextAttemptAt: later(event.retryAfterMs), lastError: errorAt(event.error, ctx.now) };
      }
      // Asking the server about an uncertain commit failed too: ask again later, still never re-commit.
      if (s === 'belum-pasti') {
        return { ...base, attempts: status.attempts + 1, nextAttemptAt: later(event.retryAfterMs), lastError: errorAt(event.error, ctx.now) };
      }
      return refuseTransition(status, event);

    case 'wait':
      if (s !== 'antre' && s !== 'mengirim') refuseTransition(status, event);
      return { ...base, state: 'antre', lastError: errorAt(event.error, ctx.now) };

    case 'refuse':
      if (s !== 'mengirim' && s !== 'belum-pasti') refuseTransition(status, event);
      return { ...base, state: 'gagal', isUrgent: false, nextAttemptAt: null, lastError: errorAt(event.error, ctx.now) };

    case 'uncertain':
      if (s !== 'mengirim') refuseTransition(status, event);
      return { ...base, state: 'belum-pasti', attempts: status.attempts + 1, nextAttemptAt: later(), lastError: errorAt(event.error, ctx.now) };

    case 'resolve':
      if (s !== 'belum-pasti') refuseTransition(status, event);
      // The server said what happened: start (or continue) the ordinary way, at once.
      return { ...base, state: 'antre', nextAttemptAt: now };

    case 'deliver':
      if (s !== 'mengirim' && s !== 'belum-pasti' && s !== 'antre' && s !== 'gagal') refuseTransition(status, event);
      return {
        ...base,
        state: deliveredState(event.review),
        isHeld: false,
        isUrgent: false,
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        bytesSent: status.bytesTotal,
        receipt: event.receipt,
        review: event.review,
        sentAt: status.sentAt ?? now,
      };

    case 'review':
      if (s !== 'terkirim' && s !== 'diterima' && s !== 'perlu-revisi' && s !== 'ditolak') refuseTransition(status, event);
      return { ...base, state: reviewStates[event.review.status], review: event.review };

    case 'interrupt':
      if (s !== 'mengirim') refuseTransition(status, event);
      return { ...base, state: 'antre', nextAttemptAt: now };

    case 'cancel':
      if (s !== 'draft' && s !== 'siap' && s !== 'antre' && s !== 'mengirim' && s !== 'gagal') refuseTransition(status, event);
      return { ...base, state: 'dibatalkan', isHeld: false, isUrgent: false, nextAttemptAt: null };
  }
}

/** Not yet acknowledged by a receipt, and not given up: what the "oldest unsent" age counts. */
export function isUnsent(state: OutboxState): boolean {
  return state === 'siap' || state === 'antre' || state === 'mengirim' || state === 'belum-pasti' || state === 'gagal';
}

/** Whether the sender should take this item up now (send it, or ask about it). */
export function isDue(status: OutboxStatus, now: Date): boolean {
  if (status.isHeld) return false;
  if (status.state !== 'antre' && status.state !== 'belum-pasti') return false;
  return status.nextAttemptAt === null || Date.parse(status.nextAttemptAt) <= now.getTime();
}

/**
 * The next item for the one sender: urgent ones first, then oldest first (by
 * queue order). Items not yet due wait; a younger due item may go meanwhile.
 */
export function pickNext<T extends { seq: number; status: OutboxStatus }>(items: readonly T[], now: Date): T | null {
  let best: T | null = null;
  for (const item of items) {
    if (!isDue(item.status, now)) continue;
    if (
      best === null ||
      (item.status.isUrgent && !best.status.isUrgent) ||
      (item.status.isUrgent === best.status.isUrgent && item.seq < best.seq)
    ) {
      best = item;
    }
  }
  return best;
}

/** The earliest moment something becomes due, or null when nothing is waiting on time. */
export function nextWakeAt(items: readonly { status: OutboxStatus }[]): string | null {
  let earliest: number | null = null;
  for (const { status } of items) {
    if (status.isHeld || (status.state !== 'antre' && status.state !== 'belum-pasti') || status.nextAttemptAt === null) continue;
    const at = Date.parse(status.nextAttemptAt);
    if (earliest === null || at < earliest) earliest = at;
  }
  return earliest === null ? null : new Date(earliest).toISOString();
}

export interface OutboxActions {
  canSendNow: boolean;
  canHold: boolean;
  canResume: boolean;
  canCancel: boolean;
  canExport: boolean;
  hasReceipt: boolean;
}

/** What the officer may do with an item now (buttons in the UI, checks in the CLI). */
export function availableActions(status: OutboxStatus): OutboxActions {
  const s = status.state;
  return {
    canSendNow: !status.isHeld && (s === 'siap' || s === 'antre' || s === 'gagal' || s === 'belum-pasti'),
    canHold: !status.isHeld && (s === 'siap' || s === 'antre' || s === 'mengirim'),
    canResume: status.isHeld,
    canCancel: s === 'draft' || s === 'siap' || s === 'antre' || s === 'mengirim' || s === 'gagal',
    canExport: s !== 'draft' && s !== 'dibatalkan',
    hasReceipt: status.receipt !== null,
  };
}

/** Whole percent of the upload, 0–100 (100 only once everything is held by the server). */
export function progressPercent(status: Pick<OutboxStatus, 'bytesSent' | 'bytesTotal'>): number {
  if (status.bytesTotal <= 0) return 0;
  return Math.min(100, Math.floor((status.bytesSent * 100) / status.bytesTotal));
}

/** A fresh status for a package just built from a signed document. */
export function newStatus(now: Date, bytesTotal: number): OutboxStatus {
  return {
    state: 'siap',
    isHeld: false,
    isUrgent: false,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    bytesSent: 0,
    bytesTotal,
    receipt: null,
    review: null,
    queuedAt: null,
    sentAt: null,
    updatedAt: now.toISOString(),
  };
}
