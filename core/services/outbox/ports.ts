/**
 * Where the outbox keeps its packages, their upload progress and the device's
 * enrollment (core/adapters/repositories/outbox-repository.ts over the
 * database). Every method that changes something is one atomic, durable
 * write: a status and the upload offsets it reports change together.
 */
import type { OutboxState, OutboxStatus } from '../../domain/outbox/machine';
import type { SubmissionType } from '../../domain/outbox/manifest';
import type { ServerKey } from '../../domain/outbox/protocol';

export interface OutboxItemRecord {
  id: string;
  /** Order of arrival: the sender takes the oldest first. */
  seq: number;
  title: string;
  type: SubmissionType;
  opd: string;
  period: string;
  revisionOf: string | null;
  mainDocument: string;
  mainSha256: string;
  /** The manifest as stored (canonical JSON), parsed only where its files are needed. */
  manifestJson: string;
  manifestSha256: string;
  packageSha256: string;
  packageSize: number;
  status: OutboxStatus;
  createdAt: string;
  exportedAt: string | null;
}

/** What the sender needs to choose the next package (pickNext), without the manifest. */
export interface QueueEntry {
  id: string;
  seq: number;
  status: OutboxStatus;
}

/** One package's new status, with what changes together with it. */
export interface StatusWrite {
  id: string;
  status: OutboxStatus;
  change?: StatusChange;
}

/** How far the server acknowledged one blob of a package. */
export interface UploadOffset {
  sha256: string;
  size: number;
  offset: number;
}

export interface EnrollmentRecord {
  serverUrl: string;
  opdCode: string;
  opdName: string;
  tokenId: string;
  deviceName: string;
  /** The device token itself is in the key vault under this name, never here. */
  vaultName: string;
  keys: ServerKey[];
  enrolledAt: string;
  revokedAt: string | null;
  /** The server's change list has been read up to here (PROTOCOL.md §7). */
  reviewsSince: string | null;
}

/** What changes together with a status. */
export interface StatusChange {
  /** Offsets acknowledged since the last write. */
  uploads?: readonly UploadOffset[];
  /** Forget the offsets (delivered or cancelled: nothing left to resume). */
  clearUploads?: boolean;
}

export interface OutboxRepository {
  item(id: string): OutboxItemRecord | null;
  /** Every package, oldest first. */
  items(): OutboxItemRecord[];
  /** The packages in these states, oldest first. */
  itemsIn(states: readonly OutboxState[]): OutboxItemRecord[];
  /** The same packages as itemsIn, read without their manifests: the sender asks on every turn. */
  queue(states: readonly OutboxState[]): QueueEntry[];
  /** One package's status alone, or null when there is no such package. */
  statusOf(id: string): OutboxStatus | null;
  /** A package not cancelled whose signed document has these bytes (one signed document is sent once). */
  itemWithMainDocument(sha256: string): OutboxItemRecord | null;
  /** Every package whose signed document has these bytes, cancelled ones too, oldest first (a kept revision's packages). */
  itemsWithMainDocument(sha256: string): OutboxItemRecord[];
  /** Adds a package after the newest; returns it with its place in the queue. */
  insertItem(item: Omit<OutboxItemRecord, 'seq' | 'exportedAt'>): Promise<OutboxItemRecord>;
  saveStatus(id: string, status: OutboxStatus, change?: StatusChange): Promise<void>;
  /** Several packages' statuses in one atomic, durable write. */
  saveStatuses(writes: readonly StatusWrite[]): Promise<void>;
  markExported(id: string, at: string): Promise<void>;
  uploads(id: string): UploadOffset[];

  enrollment(): EnrollmentRecord | null;
  /** The device's one enrollment, replacing an earlier one. */
  saveEnrollment(enrollment: Omit<EnrollmentRecord, 'revokedAt' | 'reviewsSince'>): Promise<void>;
  /** From `at` on the server refuses the token (kept at the first refusal). */
  markRevoked(at: string): Promise<void>;
  saveServerKeys(keys: readonly ServerKey[]): Promise<void>;
  saveReviewsSince(since: string | null): Promise<void>;
}
