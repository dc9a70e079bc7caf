/**
 * The interfaces the outside world implements. Services take these; Node
 * implementations live in core/adapters, Electron ones in electron/main, and
 * fakes only in tests.
 */
import type { Settings } from './domain/settings/settings';
import type { RegionProfile } from './domain/profiles/profile';
import type { BackupCreated, BackupProgress, BackupVerified } from './domain/backup/types';
import type { OutSheet, TableFile } from './domain/rencana-aksi/table';
import type { CertificateDetails } from './domain/signing/certificate';
import type { RencanaAksiPdfInput, RenderedPdf, SignedPdf, SignPdfOptions } from './domain/signing/documents';
import type { VerificationReport } from './domain/signing/verification';
import type { Manifest, SubmissionMeta } from './domain/outbox/manifest';
import type { EnrolledDevice, MissingBlob, Receipt, ServerKey, SubmissionCommitted, SubmissionOpened, SubmissionStatus } from './domain/outbox/protocol';
import type { BagVerification, BagWriteRequest, BagWriteResult, CollectedSource, SourceScan, VerifyProgress } from './domain/handover/packaging';
import type { BeritaAcaraInput } from './domain/handover/berita-acara';
import type { ReportPdfInput } from './domain/reports/model';
import type { ReferenceCatalogFetch } from './domain/outbox/reference';
import type { FolderListing } from './domain/files/folder-listing';

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
  /**
   * A whole SQLite file of the committed state (for backups), taken while the
   * app keeps working: it waits for any write in flight, so it never holds
   * half of one.
   */
  exportSnapshot(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * The officer's documents of one kind (reports, handover bundles, plans): each
 * its own JSON with a title and a revision, in one table whose ids are unique
 * across kinds (core/adapters/repositories/document-repository.ts).
 */
export interface StoredDocument {
  id: string;
  title: string;
  /** The document's JSON, parsed; its shape is the owning service's to check. */
  data: unknown;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentRepository {
  /** A document of this kind; JSON that cannot be parsed is a BerkasError DOCUMENT_CORRUPT naming it. */
  get(id: string): StoredDocument | null;
  /** The ids of this kind, the most recently changed first. */
  ids(): string[];
  /** The kind of whatever document has this id, or null. */
  kindOf(id: string): string | null;
  insert(doc: StoredDocument): Promise<void>;
  /** Replaces title, data, revision and updatedAt of the document of this kind with this id. */
  update(doc: Omit<StoredDocument, 'createdAt'>): Promise<void>;
  remove(id: string): Promise<void>;
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

/** Spreadsheet files (.tsv/.csv/.xlsx) as sheets of text cells, and sheets back into files. */
export interface TableFiles {
  /** Throws BerkasError naming the file, row and column when the file cannot be read. */
  read(fileName: string, bytes: Uint8Array): Promise<TableFile>;
  write(sheets: OutSheet[], format: 'xlsx' | 'csv'): Promise<Uint8Array>;
}

/** A private key and its certificate, opened for signing; the key itself stays inside the adapter. */
export interface SigningKeyHandle {
  readonly details: CertificateDetails;
}

/**
 * Judging a PDF's signatures, apart from making them (core/adapters/signing):
 * verifying an outside file needs no key, no fonts and no workspace.
 */
export interface PdfVerifier {
  verifyPdf(pdf: Uint8Array, input: { fileName: string; trustRoots: Uint8Array[]; now: Date; offsetMinutes: number }): Promise<VerificationReport>;
  /** DER certificates from PEM or DER bytes; throws a BerkasError naming the file. */
  readCertificates(bytes: Uint8Array, fileName: string): Uint8Array[];
  describeCertificate(der: Uint8Array): CertificateDetails;
}

/** Certificates, PAdES signatures and their verification (core/adapters/signing). */
export interface SigningEngine extends PdfVerifier {
  /** Opens a PKCS#12 file with its password (never kept); throws a BerkasError naming the file. Key derivation runs off the event loop. */
  openP12(bytes: Uint8Array, password: string, fileName: string): Promise<SigningKeyHandle>;
  /** What a vault keeps for an imported PKCS#12 file (still protected by its own password). */
  secretForP12(bytes: Uint8Array): Uint8Array;
  /** Opens what the vault kept: an imported file needs its password, a self-signed key none. */
  openSecret(secret: Uint8Array, password: string | null, label: string): Promise<SigningKeyHandle>;
  createSelfSigned(input: { name: string; nip: string | null; organization: string | null; now: Date }): { handle: SigningKeyHandle; secret: Uint8Array };
  signPdf(pdf: Uint8Array, handle: SigningKeyHandle, options: SignPdfOptions): Promise<SignedPdf>;
}

/** Lays out documents as PDF/A-2b (core/adapters/pdf). */
export interface DocumentRenderer {
  renderRencanaAksi(input: RencanaAksiPdfInput): Promise<RenderedPdf>;
}

/** The configured root certificates signatures are trusted up to (the BSrE roots Diskominfo distributes). */
export interface TrustStore {
  list(): Promise<{ fileName: string; der: Uint8Array }[]>;
  add(fileName: string, der: Uint8Array): Promise<void>;
}

/** The "Telusuri…" dialog's view of the computer: one folder at a time, read-only (core/adapters/folder-listing). */
export interface FolderBrowser {
  /** `target` absent: the home folder. */
  list(target: string | undefined, options: { extensions?: readonly string[]; isWithPlaces: boolean }): Promise<FolderListing>;
}

/**
 * Files a transport hands over by path or as bytes (the page sends bytes,
 * the CLI a path), made readable for services that read from disk.
 */
export interface IncomingFiles {
  /** The whole file; a missing or unreadable one is a BerkasError naming it. */
  read(file: string): Promise<Uint8Array>;
  isFolder(file: string): Promise<boolean>;
  /** `bytes` under a temp name that only `use` reads, removed afterwards (also when writing fails part-way). */
  withTempFile<T>(fileName: string, bytes: Uint8Array, use: (file: string) => Promise<T>): Promise<T>;
}

/** Progress and cancel of a long backup operation. */
export interface BackupControl {
  onProgress?: (progress: BackupProgress) => void;
  signal?: AbortSignal;
}

/**
 * The encrypted workspace backup (.berkas-backup, core/adapters/backup). The
 * service hands over what only the running workspace knows (the database
 * snapshot, the settings); the archiver adds the files of the data folder.
 */
export interface BackupArchiver {
  create(
    input: {
      outPath: string;
      passphrase: string;
      isOverwriteAllowed: boolean;
      snapshot: Uint8Array;
      settings: Settings | null;
      schemaVersion: number;
      createdAt: Date;
    },
    control: BackupControl,
  ): Promise<BackupCreated>;
  /** Decrypts and checks every byte without writing anything; throws BACKUP_* errors. */
  verify(path: string, passphrase: string, control: BackupControl): Promise<BackupVerified>;
}

/** Files, folders and source archives an officer picks for a handover item (core/adapters/handover). */
export interface HandoverSources {
  /** What a path holds (files, size, languages, excluded folders, secrets) without copying anything. */
  scan(path: string, options: { excludes: readonly string[]; signal?: AbortSignal }): Promise<SourceScan>;
  /** The same, with every file's location, to copy into the blob store; refuses names a bag cannot hold. */
  collect(path: string, options: { excludes: readonly string[]; signal?: AbortSignal }): Promise<CollectedSource>;
}

/** BagIt bags serialized as ZIP (core/adapters/bagit): streaming writer and hostile-input verifier. */
export interface BagPackager {
  write(request: BagWriteRequest): Promise<BagWriteResult>;
  verify(path: string, options?: { signal?: AbortSignal; onProgress?: (progress: VerifyProgress) => void; requireSigned?: readonly string[] }): Promise<BagVerification>;
  /** Removes a package this run wrote and then found wanting. */
  remove(path: string): Promise<void>;
}

/** Reads a package ZIP as hostile input and judges it as a BagIt bag; the PDFs inside are judged by `checkPdf`. */
export interface PackageVerifier {
  verify(
    path: string,
    options: {
      checkPdf: (fileName: string, pdf: Uint8Array) => Promise<VerificationReport>;
      signal?: AbortSignal;
      onProgress?: (progress: VerifyProgress) => void;
      requireSigned?: readonly string[];
    },
  ): Promise<BagVerification>;
}

/** Lays out the berita acara serah terima as an unsigned PDF/A document. */
export interface BeritaAcaraRenderer {
  render(input: BeritaAcaraInput): Promise<RenderedPdf>;
}

/** Where the device sends and the bearer token it proves itself with (read from the KeyVault, never kept elsewhere). */
export interface SyncConnection {
  serverUrl: string;
  token: string;
}

export interface BlobUploadControl {
  signal?: AbortSignal;
  /** The offset the server has acknowledged (fsynced), after every chunk. */
  onProgress?: (offset: number) => void;
}

/**
 * The Diskominfo intake protocol (server/PROTOCOL.md) over HTTP
 * (core/adapters/sync-client). Every failure is a BerkasError whose code is
 * the server's error code or a NETWORK_* code (core/domain/outbox/failures.ts),
 * with details.httpStatus and details.retryAfterMs when known, and a message
 * in Bahasa Indonesia.
 */
export interface SyncTransport {
  /** Resolves when the server answers GET /v1/health. */
  health(serverUrl: string, signal?: AbortSignal): Promise<void>;
  keys(serverUrl: string): Promise<ServerKey[]>;
  enroll(serverUrl: string, input: { code: string; deviceName: string; appVersion: string }): Promise<EnrolledDevice>;
  openSubmission(conn: SyncConnection, manifest: Manifest, manifestSha256: string, signal?: AbortSignal): Promise<SubmissionOpened>;
  /** Sends one blob from `blob.offset` in checksummed chunks read from `file`; resolves once the server holds all of it. */
  uploadBlob(conn: SyncConnection, blob: MissingBlob, file: string, control?: BlobUploadControl): Promise<void>;
  commit(conn: SyncConnection, submissionId: string, manifestSha256: string): Promise<SubmissionCommitted>;
  /**
   * A small submission (every distinct blob together within one chunk) in one request: manifest, blobs read
   * with `fileOf`, commit. null when the server does not offer it; then the caller sends in steps. A failure
   * may have committed, as a commit's may.
   */
  sendWhole?(conn: SyncConnection, manifest: Manifest, manifestSha256: string, fileOf: (sha256: string) => string, signal?: AbortSignal): Promise<SubmissionCommitted | null>;
  /** null: the server does not know the id for this OPD (404). */
  status(conn: SyncConnection, submissionId: string, signal?: AbortSignal): Promise<SubmissionStatus | null>;
  updates(conn: SyncConnection, since: string | null, limit: number): Promise<{ submissions: SubmissionStatus[]; next: string | null }>;
  /** Whether the receipt's Ed25519 signature verifies under the key it names. */
  verifyReceipt(receipt: Receipt, keys: readonly ServerKey[]): boolean;
}

/**
 * Reference data of the intake server (PROTOCOL.md §9.2), fetched with the
 * device token; `etag` asks for 304 when the server's copy is the one held.
 * The body is hostile input: size-limited and checked against its ETag here,
 * read as a catalog by the caller.
 */
export interface ReferenceTransport {
  fetchReferenceCatalog(conn: SyncConnection, etag?: string | null, signal?: AbortSignal): Promise<ReferenceCatalogFetch>;
}

/** What the signature verifier found in a PDF offered for sending. */
export interface PdfInspection {
  fileName: string;
  /** SHA-256 of the PDF's bytes (lowercase hex), hashed once where it is read: the outbox's duplicate check uses it. */
  sha256: string;
  /** At least one signature, and every one intact. */
  isSigned: boolean;
  signers: string[];
  /** ISO time of the latest signature. */
  signedAt: string | null;
  /** The Berkas document id in the PDF's XMP (a rencana aksi made by Berkas), or null. */
  documentId: string | null;
  problems: string[];
}

/** A verified bag that is not a submission yet, as `SubmissionPackager.importZip` shows it to `wrap`. */
export interface ForeignBag {
  bagInfo: [string, string][];
  payloadPaths: string[];
  /** Payload PDFs with at least one signature, every one intact. */
  signedPdfs: string[];
}

export interface BuiltPackage {
  manifest: Manifest;
  manifestSha256: string;
  /** The package ZIP, kept in the blob store under this hash. */
  packageSha256: string;
  packageSize: number;
  title: string;
}

export interface PackageInput {
  meta: SubmissionMeta;
  title: string;
  sourceOrganization: string;
  pdf: { fileName: string; bytes: Uint8Array };
  /** Written as data/data.json. */
  data: unknown;
  /** Extra files under data/lampiran/. */
  attachments: { name: string; file: string }[];
  createdAt: Date;
}

/**
 * Submission packages (core/adapters/submission): one immutable BagIt ZIP per
 * submission in the blob store, every bag file also stored as a blob so an
 * upload can resume at any offset.
 */
export interface SubmissionPackager {
  newSubmissionId(now: Date): string;
  inspectPdf(pdf: Uint8Array, fileName: string): Promise<PdfInspection>;
  build(input: PackageInput): Promise<BuiltPackage>;
  /**
   * A package ZIP from anywhere (a flash drive, another computer): read as
   * hostile input, verified, stored. A valid bag that is not yet a submission
   * (no Berkas-Submission-Id, e.g. a handover bundle) is re-bagged with the
   * values `wrap` gives, or refused when it gives none.
   */
  importZip(file: string, wrap?: (bag: ForeignBag) => SubmissionMeta | null): Promise<BuiltPackage>;
  /** Copies the package ZIP to `outPath` (never over an existing different file). */
  exportTo(packageSha256: string, outPath: string): Promise<{ path: string; size: number }>;
}

/** Report PDFs (issue 6): laid out as unsigned PDF/A documents with charts (core/adapters/reports). */
export interface ReportRenderer {
  render(input: ReportPdfInput): Promise<RenderedPdf>;
}

/** Asset-system exports in (.xlsx/.csv as text cells, hostile input refused) and the asset register out as .xlsx (core/adapters/reports). */
export interface AssetFiles {
  /** Throws BerkasError naming the file, sheet, row and column when it cannot be read. */
  read(fileName: string, bytes: Uint8Array): Promise<TableFile>;
  writeXlsx(sheets: OutSheet[]): Promise<Uint8Array>;
}
