/**
 * What backup operations report: shared by the adapters that do the work, the
 * service, the contract and the screens.
 */
import type { ErrorPayload } from '../errors';

export type BackupPhase = 'snapshot' | 'key' | 'writing' | 'reading' | 'finishing' | 'done';

export interface BackupProgress {
  phase: BackupPhase;
  /** Plaintext bytes (entries and manifest) processed so far, of bytesTotal. */
  bytesDone: number;
  bytesTotal: number;
  entriesDone: number;
  entriesTotal: number;
}

/** What a backup holds, by kind. */
export interface BackupContents {
  hasDatabase: boolean;
  hasSettings: boolean;
  blobCount: number;
  blobBytes: number;
  /** Sealed secrets (certificate passwords, keys), copied still sealed. */
  sealedSecretCount: number;
  outboxFileCount: number;
  /** Configured root certificates (public). */
  trustRootCount: number;
}

export interface BackupCreated {
  path: string;
  fileBytes: number;
  createdAt: string;
  entryCount: number;
  /** Sum of the sizes of the files inside. */
  contentBytes: number;
  contents: BackupContents;
  /** Files left out, each with the reason (a damaged settings file, an unreadable name). */
  warnings: string[];
}

export interface BackupVerified {
  path: string;
  fileBytes: number;
  formatVersion: number;
  appVersion: string;
  schemaVersion: number;
  createdAt: string;
  entryCount: number;
  contentBytes: number;
  contents: BackupContents;
}

export interface BackupRestored extends BackupVerified {
  dataDir: string;
  /** Where the workspace that was there before now is (null: the folder was empty or absent). */
  previousDataDir: string | null;
  /** Things the officer must know afterwards (sealed secrets, how to undo). */
  notices: string[];
}

export interface RestoreUndone {
  dataDir: string;
  /** The folder put back in place. */
  restoredFrom: string;
  /** Where the restored workspace that was undone now is (null: the data folder was gone). */
  movedAside: string | null;
}

export type BackupJobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface BackupJob {
  jobId: string;
  state: BackupJobState;
  outPath: string;
  startedAt: string;
  finishedAt: string | null;
  progress: BackupProgress;
  result: BackupCreated | null;
  error: ErrorPayload | null;
}

export interface BackupStatus {
  /** ISO time of the last successful backup of this workspace, null when never. */
  lastBackupAt: string | null;
  lastBackupPath: string | null;
  lastBackupBytes: number | null;
  intervalDays: number;
  isDue: boolean;
  /** When the reminder appears (ISO), null when it is already due. */
  nextDueAt: string | null;
  /** A file name in the officer's home folder, to start from. */
  suggestedPath: string;
  /** The backup running now, if any (one at a time). */
  runningJobId: string | null;
}

/**
 * A restore from the running app: 'staging' decrypts and checks the file
 * beside the data folder while the app keeps working (cancel allowed);
 * 'swapping' closes the workspace, exchanges it for the staged one and opens
 * it again (seconds at most; other requests wait); then it has ended.
 */
export interface RestoreJob {
  jobId: string;
  state: BackupJobState;
  phase: 'staging' | 'swapping' | 'ended';
  path: string;
  startedAt: string;
  finishedAt: string | null;
  progress: BackupProgress;
  result: BackupRestored | null;
  error: ErrorPayload | null;
}

/** What the running app can do about restores now. */
export interface RestoreState {
  runningJobId: string | null;
  /** The workspace the newest restore moved aside, which an undo puts back (null: nothing to undo). */
  undoFolder: string | null;
}

export function emptyContents(): BackupContents {
  return { hasDatabase: false, hasSettings: false, blobCount: 0, blobBytes: 0, sealedSecretCount: 0, outboxFileCount: 0, trustRootCount: 0 };
}
