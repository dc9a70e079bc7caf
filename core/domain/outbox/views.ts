/**
 * What the outbox operations return (core/api/contract-outbox.ts): one
 * package with its status, the whole outbox at a glance, the enrollment and
 * the server check. Plain data, so the renderer and the CLI show the same.
 */
import type { OutboxActions, OutboxError, OutboxState, OutboxStatus } from './machine';
import type { SubmissionType } from './manifest';

export interface OutboxItemView {
  /** The submission id (UUIDv7), chosen once when the package was built. */
  id: string;
  /** Queue order: lower goes first. */
  seq: number;
  title: string;
  type: SubmissionType;
  opd: string;
  period: string;
  periodLabel: string;
  revisionOf: string | null;
  /** Payload path of the signed PDF, e.g. "data/rencana-aksi.pdf". */
  mainDocument: string;
  manifestSha256: string;
  /** SHA-256 and size of the package ZIP (the flash-drive file). */
  packageSha256: string;
  packageSize: number;
  fileCount: number;
  createdAt: string;
  exportedAt: string | null;
  status: OutboxStatus;
  /** Whole percent of the upload. */
  percent: number;
  actions: OutboxActions;
}

export interface EnrollmentView {
  serverUrl: string;
  opdCode: string;
  opdName: string;
  tokenId: string;
  deviceName: string;
  enrolledAt: string;
  /** Set when the server said the token is revoked or unknown: enrol again. */
  revokedAt: string | null;
}

export type SenderState = 'idle' | 'sending' | 'waiting' | 'not-enrolled' | 'stopped';

export interface OutboxOverview {
  enrollment: EnrollmentView | null;
  counts: Record<OutboxState, number>;
  /** When the oldest package not yet acknowledged by a receipt was queued (null: none). */
  oldestUnsentAt: string | null;
  oldestUnsentId: string | null;
  sender: {
    state: SenderState;
    /** Whether this process sends on its own (the desktop app and `berkas ui`; not one-shot CLI verbs). */
    isAutomatic: boolean;
    currentId: string | null;
    /** Why nothing can be sent right now (server unreachable, not enrolled), in Indonesian. */
    linkError: OutboxError | null;
    nextWakeAt: string | null;
  };
  now: string;
}

export interface ServerCheck {
  serverUrl: string | null;
  isEnrolled: boolean;
  isReachable: boolean;
  /** What the check found, in Indonesian. */
  message: string;
  checkedAt: string;
}

/** What `outbox send` (one pass) reports. */
export interface SendReport {
  attempted: number;
  delivered: string[];
  /** Packages still waiting, each with its reason. */
  waiting: { id: string; state: OutboxState; reason: string | null }[];
}
