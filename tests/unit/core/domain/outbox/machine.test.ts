import { BerkasError } from '../../../../../core/domain/errors';
import { backoffCeilingMs, type BackoffPolicy } from '../../../../../core/domain/outbox/backoff';
import {
  OUTBOX_STATES,
  availableActions,
  isDue,
  isUnsent,
  newStatus,
  nextWakeAt,
  pickNext,
  progressPercent,
  transition,
  type OutboxEvent,
  type OutboxStatus,
} from '../../../../../core/domain/outbox/machine';
import type { Receipt } from '../../../../../core/domain/outbox/protocol';

const t0 = new Date('2025-06-17T03:00:00.000Z');
const policy: BackoffPolicy = { baseMs: 1000, capMs: 60_000 };
const fixed = (r: number) => () => r;
const ctx = (now: Date = t0, r = 0.5) => ({ now, random: fixed(r), backoff: policy });

const receipt: Receipt = {
  submissionId: '0190a5f2-7c3e-7d41-9b2a-3f6c1e8d2a10',
  manifestSha256: 'a'.repeat(64),
  receivedAt: '2025-06-17T03:04:05.123Z',
  keyId: '3f9a1c0e5b7d2a64',
  algorithm: 'Ed25519',
  signature: 'A'.repeat(86),
};

function run(status: OutboxStatus, ...events: OutboxEvent[]): OutboxStatus {
  return events.reduce((s, e) => transition(s, e, ctx()), status);
}

function refusalOf(fn: () => unknown): BerkasError {
  try {
    fn();
  } catch (err) {
    if (err instanceof BerkasError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const queued = () => run(newStatus(t0, 5000), { type: 'enqueue' });
const sending = () => run(queued(), { type: 'start' });

describe('outbox state machine', () => {
  it('walks the happy path draft → siap → antre → mengirim → terkirim → diterima', () => {
    const draft: OutboxStatus = { ...newStatus(t0, 5000), state: 'draft' };
    const siap = transition(draft, { type: 'sign' }, ctx());
    expect(siap.state).toBe('siap');
    const antre = transition(siap, { type: 'enqueue' }, ctx());
    expect(antre).toMatchObject({ state: 'antre', queuedAt: t0.toISOString(), nextAttemptAt: t0.toISOString() });
    const mengirim = transition(antre, { type: 'start' }, ctx());
    expect(mengirim.state).toBe('mengirim');
    const half = transition(mengirim, { type: 'progress', bytesSent: 2500 }, ctx());
    expect(progressPercent(half)).toBe(50);
    const sent = transition(half, { type: 'deliver', receipt, review: { status: 'menunggu', note: null, decidedAt: null } }, ctx());
    expect(sent).toMatchObject({ state: 'terkirim', bytesSent: 5000, receipt, lastError: null, sentAt: t0.toISOString() });
    const accepted = transition(sent, { type: 'review', review: { status: 'diterima', note: 'Lengkap', decidedAt: receipt.receivedAt } }, ctx());
    expect(accepted.state).toBe('diterima');
    expect(transition(accepted, { type: 'review', review: { status: 'perlu-revisi', note: 'Lampiran kurang', decidedAt: receipt.receivedAt } }, ctx()).state).toBe('perlu-revisi');
  });

  it('maps a review that arrives with the receipt straight to its state', () => {
    const s = transition(sending(), { type: 'deliver', receipt, review: { status: 'ditolak', note: 'Bukan OPD ini', decidedAt: receipt.receivedAt } }, ctx());
    expect(s.state).toBe('ditolak');
  });

  it('backs off a retryable failure with full jitter within the ceiling, and never below Retry-After', () => {
    let s = sending();
    const seen: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const now = new Date(t0.getTime() + attempt * 1_000_000);
      s = transition(s, { type: 'fail', error: { code: 'NETWORK_RESET', message: 'putus' } }, { now, random: fixed(0.999), backoff: policy });
      expect(s.state).toBe('antre');
      expect(s.attempts).toBe(attempt + 1);
      const wait = Date.parse(s.nextAttemptAt as string) - now.getTime();
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(backoffCeilingMs(attempt, policy));
      seen.push(wait);
      s = transition(s, { type: 'start' }, { now, random: fixed(0.5), backoff: policy });
    }
    // Doubling until the cap.
    expect(seen).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000].map((ceiling) => Math.floor(0.999 * ceiling)));
    const limited = transition(sending(), { type: 'fail', error: { code: 'RATE_LIMITED', message: 'tunggu' }, retryAfterMs: 30_000 }, ctx(t0, 0));
    expect(Date.parse(limited.nextAttemptAt as string) - t0.getTime()).toBe(30_000);
    expect(limited.lastError).toEqual({ code: 'RATE_LIMITED', message: 'tunggu', at: t0.toISOString() });
  });

  it("keeps a failure's details with the recorded error, so its English text can be filled in later", () => {
    const details = { serverUrl: 'https://intake.example.go.id', httpStatus: 401 };
    const failures: OutboxEvent[] = [
      { type: 'fail', error: { code: 'NETWORK_REFUSED', message: 'ditolak', details } },
      { type: 'wait', error: { code: 'TOKEN_REVOKED', message: 'token ditolak', details } },
      { type: 'refuse', error: { code: 'SUBMISSION_CONFLICT', message: 'beda isi', details } },
      { type: 'uncertain', error: { code: 'NETWORK_RESET', message: 'putus', details } },
    ];
    for (const event of failures) {
      const s = transition(sending(), event, ctx());
      expect(s.lastError).toEqual({ ...(event as { error: object }).error, at: t0.toISOString() });
      expect(s.lastError?.details).toEqual(details);
    }
    // Without details the recorded error has no details key at all (exactOptionalPropertyTypes).
    expect(Object.keys(transition(sending(), { type: 'fail', error: { code: 'X', message: 'y' } }, ctx()).lastError ?? {})).toEqual(['code', 'message', 'at']);
  });

  it('resets the attempt count when bytes move again', () => {
    const fail: OutboxEvent = { type: 'fail', error: { code: 'NETWORK_RESET', message: 'x' } };
    const s = run(sending(), fail, { type: 'start' }, fail, { type: 'start' });
    expect(s).toMatchObject({ state: 'mengirim', attempts: 2 });
    expect(transition(s, { type: 'progress', bytesSent: 0 }, ctx()).attempts).toBe(2);
    expect(transition(s, { type: 'progress', bytesSent: 1 }, ctx()).attempts).toBe(0);
  });

  it('turns a lost commit answer into "belum pasti", which is settled only by asking', () => {
    const uncertain = transition(sending(), { type: 'uncertain', error: { code: 'NETWORK_TIMEOUT', message: 'tidak menjawab' } }, ctx());
    expect(uncertain.state).toBe('belum-pasti');
    expect(uncertain.nextAttemptAt).not.toBeNull();
    // Never re-sent blindly: it cannot start, be held or be cancelled while uncertain.
    for (const type of ['start', 'hold', 'cancel', 'enqueue'] as const) {
      expect(refusalOf(() => transition(uncertain, { type }, ctx())).code).toBe('OUTBOX_TRANSITION');
    }
    // Asking failed: ask again later, still uncertain.
    const again = transition(uncertain, { type: 'fail', error: { code: 'NETWORK_REFUSED', message: 'mati' } }, ctx());
    expect(again).toMatchObject({ state: 'belum-pasti', attempts: uncertain.attempts + 1 });
    expect(transition(again, { type: 'resolve', outcome: 'missing' }, ctx())).toMatchObject({ state: 'antre', nextAttemptAt: t0.toISOString() });
    expect(transition(again, { type: 'resolve', outcome: 'open' }, ctx()).state).toBe('antre');
    expect(transition(again, { type: 'deliver', receipt, review: null }, ctx()).state).toBe('terkirim');
    expect(transition(again, { type: 'refuse', error: { code: 'SIGNATURE_INVALID', message: 'rusak' } }, ctx()).state).toBe('gagal');
    // "Kirim sekarang" on an uncertain package only asks sooner.
    expect(transition(again, { type: 'sendNow' }, ctx())).toMatchObject({ state: 'belum-pasti', isUrgent: true, nextAttemptAt: t0.toISOString() });
  });

  it('holds a package mid-upload back into the queue and resumes it where it was', () => {
    const half = transition(sending(), { type: 'progress', bytesSent: 3000 }, ctx());
    const held = transition(half, { type: 'hold' }, ctx());
    expect(held).toMatchObject({ state: 'antre', isHeld: true, bytesSent: 3000 });
    expect(isDue(held, new Date(t0.getTime() + 10 ** 9))).toBe(false);
    expect(refusalOf(() => transition(held, { type: 'start' }, ctx())).message).toContain('ditahan');
    const resumed = transition(held, { type: 'resume' }, ctx());
    expect(resumed).toMatchObject({ state: 'antre', isHeld: false, bytesSent: 3000 });
    expect(isDue(resumed, t0)).toBe(true);
    expect(refusalOf(() => transition(resumed, { type: 'resume' }, ctx())).code).toBe('OUTBOX_TRANSITION');
  });

  it('lets "kirim sekarang" retry a refused package and jump the queue', () => {
    const refused = transition(sending(), { type: 'refuse', error: { code: 'OPD_MISMATCH', message: 'bukan OPD ini' } }, ctx());
    expect(refused).toMatchObject({ state: 'gagal', nextAttemptAt: null });
    expect(isDue(refused, new Date(t0.getTime() + 10 ** 9))).toBe(false);
    const again = transition(refused, { type: 'sendNow' }, ctx());
    expect(again).toMatchObject({ state: 'antre', isUrgent: true, attempts: 0 });
  });

  it('makes a waiting package due now without letting it jump the queue', () => {
    const waiting = transition(sending(), { type: 'fail', error: { code: 'NETWORK_RESET', message: 'x' } }, ctx(t0, 0.9));
    const due = transition(waiting, { type: 'retryNow' }, ctx(new Date(t0.getTime() + 10)));
    expect(due).toMatchObject({ state: 'antre', isUrgent: false, attempts: 1, nextAttemptAt: new Date(t0.getTime() + 10).toISOString() });
    expect(refusalOf(() => transition(run(queued(), { type: 'hold' }), { type: 'retryNow' }, ctx())).code).toBe('OUTBOX_TRANSITION');
  });

  it('cancels only what has not reached the server for good', () => {
    for (const s of [queued(), sending(), run(queued(), { type: 'hold' }), { ...newStatus(t0, 1), state: 'draft' as const }]) {
      expect(transition(s, { type: 'cancel' }, ctx()).state).toBe('dibatalkan');
    }
    const sent = transition(sending(), { type: 'deliver', receipt, review: null }, ctx());
    const err = refusalOf(() => transition(sent, { type: 'cancel' }, ctx()));
    expect(err.message).toBe('Paket berstatus "Terkirim" tidak dapat dibatalkan.');
  });

  it('puts a package interrupted by a restart back in the queue, due at once', () => {
    const s = transition(transition(sending(), { type: 'progress', bytesSent: 4000 }, ctx()), { type: 'interrupt' }, ctx(new Date(t0.getTime() + 5000)));
    expect(s).toMatchObject({ state: 'antre', bytesSent: 4000, attempts: 0 });
    expect(isDue(s, new Date(t0.getTime() + 5000))).toBe(true);
  });

  it('picks urgent packages first, then the oldest due one; held and not-yet-due ones wait', () => {
    const later = new Date(t0.getTime() + 60_000).toISOString();
    const items = [
      { seq: 1, status: { ...queued(), isHeld: true } },
      { seq: 2, status: { ...queued(), nextAttemptAt: later } },
      { seq: 3, status: queued() },
      { seq: 4, status: queued() },
    ];
    expect(pickNext(items, t0)?.seq).toBe(3);
    expect(pickNext([...items, { seq: 9, status: { ...queued(), isUrgent: true } }], t0)?.seq).toBe(9);
    expect(pickNext(items, new Date(t0.getTime() + 60_000))?.seq).toBe(2);
    expect(pickNext(items.slice(0, 2), t0)).toBeNull();
    expect(nextWakeAt(items.slice(0, 2))).toBe(later);
    expect(nextWakeAt([{ status: { ...queued(), isHeld: true } }])).toBeNull();
  });

  it('counts unsent packages for the oldest-age header', () => {
    expect(OUTBOX_STATES.filter(isUnsent)).toEqual(['siap', 'antre', 'mengirim', 'belum-pasti', 'gagal']);
  });

  it('offers the actions that the state allows', () => {
    expect(availableActions(queued())).toEqual({ canSendNow: true, canHold: true, canResume: false, canCancel: true, canExport: true, hasReceipt: false });
    expect(availableActions(run(queued(), { type: 'hold' }))).toMatchObject({ canSendNow: false, canHold: false, canResume: true });
    const sent = transition(sending(), { type: 'deliver', receipt, review: null }, ctx());
    expect(availableActions(sent)).toEqual({ canSendNow: false, canHold: false, canResume: false, canCancel: false, canExport: true, hasReceipt: true });
  });

  it('keeps its invariants under any sequence of events (seeded random walk)', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const events: OutboxEvent[] = [
      { type: 'enqueue' },
      { type: 'hold' },
      { type: 'resume' },
      { type: 'sendNow' },
      { type: 'retryNow' },
      { type: 'start' },
      { type: 'progress', bytesSent: 100 },
      { type: 'progress', bytesSent: 99_999 },
      { type: 'fail', error: { code: 'NETWORK_RESET', message: 'x' } },
      { type: 'wait', error: { code: 'NOT_ENROLLED', message: 'x' } },
      { type: 'refuse', error: { code: 'BAG_INVALID', message: 'x' } },
      { type: 'uncertain', error: { code: 'NETWORK_TIMEOUT', message: 'x' } },
      { type: 'resolve', outcome: 'open' },
      { type: 'deliver', receipt, review: null },
      { type: 'review', review: { status: 'diterima', note: null, decidedAt: null } },
      { type: 'interrupt' },
      { type: 'cancel' },
    ];
    for (let walk = 0; walk < 300; walk++) {
      let s = newStatus(t0, 5000);
      for (let step = 0; step < 40; step++) {
        const event = events[Math.floor(rnd() * events.length)] as OutboxEvent;
        const before = s;
        try {
          s = transition(s, event, { now: new Date(t0.getTime() + step * 1000), random: rnd, backoff: policy });
        } catch (err) {
          expect((err as BerkasError).code).toBe('OUTBOX_TRANSITION');
          expect(s).toBe(before);
          continue;
        }
        expect(OUTBOX_STATES).toContain(s.state);
        expect(s.bytesSent).toBeLessThanOrEqual(s.bytesTotal);
        if (s.isHeld) expect(['siap', 'antre']).toContain(s.state);
        expect(s.receipt !== null).toBe(['terkirim', 'diterima', 'perlu-revisi', 'ditolak'].includes(s.state));
        // An uncertain commit is never followed directly by sending.
        if (before.state === 'belum-pasti') expect(s.state).not.toBe('mengirim');
        if (s.state === 'dibatalkan' || s.receipt !== null) expect(s.nextAttemptAt).toBeNull();
      }
    }
  });
});
