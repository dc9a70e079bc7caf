/**
 * Autosave of the plan on screen, without React (so it can be tested with fake
 * timers): 700 ms after the last change the plan goes to rencanaAksiSave; one
 * save at a time (a change made during a save is saved right after it); a
 * flush saves at once (leaving the editor, closing the page). baseRevision
 * guards against overwriting a copy changed elsewhere.
 */
import type { RencanaAksiPlan } from '@core/domain/rencana-aksi';
import { messageOf } from '../../lib/errors';

export const AUTOSAVE_DELAY_MS = 700;

export type SaveStatus =
  | { kind: 'saved'; at: string }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'invalid'; reason: 'title' }
  | { kind: 'error'; message: string; isConflict: boolean };

export interface SaverDeps {
  save(request: { plan: RencanaAksiPlan; baseRevision?: number }): Promise<{ revision: number; updatedAt: string }>;
  onStatus(status: SaveStatus): void;
  delayMs?: number;
  setTimer?(run: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
}

function isConflict(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'REVISION_CONFLICT';
}

export class PlanSaver {
  private latest: RencanaAksiPlan;
  private saved: RencanaAksiPlan;
  private revision: number;
  private timer: unknown = null;
  private inFlight: Promise<boolean> | null = null;
  private shouldOverwrite = false;
  private hasFailed = false;
  private isDetached = false;
  private savedAt: string;
  private lastStatus: SaveStatus['kind'] = 'saved';
  private readonly delay: number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly deps: SaverDeps,
    initial: { plan: RencanaAksiPlan; revision: number; updatedAt: string },
  ) {
    this.savedAt = initial.updatedAt;
    this.latest = initial.plan;
    this.saved = initial.plan;
    this.revision = initial.revision;
    this.delay = deps.delayMs ?? AUTOSAVE_DELAY_MS;
    this.setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = deps.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  get isDirty(): boolean {
    return this.latest !== this.saved;
  }

  get currentRevision(): number {
    return this.revision;
  }

  /** The plan on screen changed (a new object: edits never mutate). */
  change(plan: RencanaAksiPlan): void {
    this.latest = plan;
    if (!this.isDirty) {
      // Back to what is stored (undo to the start): nothing to save, and the status says so.
      this.cancelTimer();
      if (!this.inFlight && this.lastStatus !== 'saved') this.report({ kind: 'saved', at: this.savedAt });
      return;
    }
    if (plan.title.trim() === '') {
      // The contract refuses a plan without a title: say so instead of failing on every keystroke.
      this.cancelTimer();
      this.report({ kind: 'invalid', reason: 'title' });
      return;
    }
    // After a failure the error stays on screen until a save succeeds; every change tries again.
    if (!this.inFlight && !this.hasFailed) this.report({ kind: 'pending' });
    this.cancelTimer();
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.flush();
    }, this.delay);
  }

  /** Saves pending changes now; true once the plan on screen is stored. */
  flush(): Promise<boolean> {
    this.cancelTimer();
    if (this.inFlight) return this.inFlight.then((isOk) => (isOk && this.isDirty ? this.flush() : isOk && !this.isDirty));
    if (!this.isDirty) return Promise.resolve(true);
    const snapshot = this.latest;
    if (snapshot.title.trim() === '') {
      this.report({ kind: 'invalid', reason: 'title' });
      return Promise.resolve(false);
    }
    this.report({ kind: 'saving' });
    const request = this.shouldOverwrite ? { plan: snapshot } : { plan: snapshot, baseRevision: this.revision };
    const attempt = this.deps.save(request).then(
      (doc) => {
        this.shouldOverwrite = false;
        this.hasFailed = false;
        this.revision = doc.revision;
        this.saved = snapshot;
        this.savedAt = doc.updatedAt;
        if (this.latest === snapshot) this.report({ kind: 'saved', at: doc.updatedAt });
        return true;
      },
      (err: unknown) => {
        this.hasFailed = true;
        this.report({ kind: 'error', message: messageOf(err), isConflict: isConflict(err) });
        return false;
      },
    );
    this.inFlight = attempt.then((isOk) => {
      this.inFlight = null;
      // Changes typed during the save: save them as well (the quiet time has passed already).
      if (isOk && this.isDirty) return this.flush();
      return isOk;
    });
    return this.inFlight;
  }

  /** After an error: try again; `overwrite` drops the revision check (the officer chose to keep this copy). */
  retry(overwrite = false): Promise<boolean> {
    this.shouldOverwrite = overwrite;
    return this.flush();
  }

  /** The editor is on screen: report status changes (again, after a detach). */
  attach(): void {
    this.isDetached = false;
  }

  /** The editor goes away: no more status reports, but what is pending is saved now. */
  detach(): Promise<boolean> {
    this.isDetached = true;
    return this.flush();
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
  }

  private report(status: SaveStatus): void {
    this.lastStatus = status.kind;
    if (!this.isDetached) this.deps.onStatus(status);
  }
}
