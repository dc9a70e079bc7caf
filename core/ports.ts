/**
 * The interfaces the outside world implements. Services take these; Node
 * implementations live in core/adapters, Electron ones in electron/main, and
 * fakes only in tests.
 */
import type { Settings } from './domain/settings/settings';
import type { RegionProfile } from './domain/profiles/profile';

export type SqlValue = string | number | null | Uint8Array;
export type SqlRow = Record<string, SqlValue>;

export interface SqlStatement {
  sql: string;
  params?: SqlValue[];
}

/**
 * The officer's database. Reads are synchronous against memory; a write
 * resolves only once the change is durable on disk, so "saved" in the UI is
 * never a promise the disk has not kept.
 */
export interface Database {
  query<T extends SqlRow = SqlRow>(sql: string, params?: SqlValue[]): T[];
  /** Applies all statements atomically, then persists them durably. */
  write(statements: SqlStatement[]): Promise<void>;
  /** The applied migration number. */
  schemaVersion(): number;
  close(): Promise<void>;
}

/** Content-addressed files (attachments): named by SHA-256, written atomically, deduplicated. */
export interface BlobStore {
  /** Stores bytes or the contents of a file; returns the hex SHA-256 and size. */
  put(source: Uint8Array | { path: string }): Promise<{ sha256: string; size: number }>;
  has(sha256: string): Promise<boolean>;
  read(sha256: string): Promise<Uint8Array>;
  /** A filesystem path to read the blob from (for streaming into packages). */
  pathOf(sha256: string): string;
}

export interface SettingsStore {
  load(): Promise<Settings | null>;
  save(settings: Settings): Promise<void>;
}

/** Secrets (certificate passwords, device tokens) sealed by the OS or a passphrase. */
export interface KeyVault {
  readonly kind: 'os' | 'passphrase-file';
  seal(name: string, secret: Uint8Array): Promise<void>;
  open(name: string): Promise<Uint8Array | null>;
  remove(name: string): Promise<void>;
}

export interface ProfileSource {
  list(): RegionProfile[];
  get(id: string): RegionProfile;
}

export interface Clock {
  now(): Date;
}
