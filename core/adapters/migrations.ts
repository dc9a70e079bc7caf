/**
 * Numbered schema migrations, applied in order inside one write each; the
 * applied number is kept in the database. Never edit a released migration:
 * add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'documents',
    statements: [
      // Every document an officer prepares (rencana aksi, report, handover bundle) as
      // versioned JSON: one table keeps drafts simple to back up and to migrate.
      `CREATE TABLE documents (
         id TEXT PRIMARY KEY,
         kind TEXT NOT NULL,
         title TEXT NOT NULL,
         data TEXT NOT NULL,
         revision INTEGER NOT NULL DEFAULT 1,
         created_at TEXT NOT NULL,
         updated_at TEXT NOT NULL
       )`,
      'CREATE INDEX documents_kind ON documents(kind, updated_at)',
    ],
  },
  {
    version: 2,
    name: 'rencana-aksi-catalog',
    statements: [
      // Diskominfo's catalog of every OPD's activities, for the duplicate check of
      // Pontianak Pasal 9 ayat (2). Replaced whole on each import.
      `CREATE TABLE activity_catalog (
         id INTEGER PRIMARY KEY,
         opd_code TEXT NOT NULL,
         opd_name TEXT NOT NULL,
         year INTEGER,
         activity TEXT NOT NULL,
         output TEXT,
         program_code TEXT
       )`,
      `CREATE TABLE activity_catalog_info (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         file_name TEXT NOT NULL,
         issued_by TEXT,
         issued_at TEXT,
         imported_at TEXT NOT NULL,
         entry_count INTEGER NOT NULL
       )`,
    ],
  },
  {
    version: 3,
    name: 'certificates',
    statements: [
      // Signing certificates (issue 4): metadata only. The key material (an imported
      // .p12 as issued, or a locally generated key) is sealed in the KeyVault under
      // vault_name; passwords are never stored anywhere.
      `CREATE TABLE certificates (
         id TEXT PRIMARY KEY,
         kind TEXT NOT NULL CHECK (kind IN ('imported', 'self-signed')),
         label TEXT NOT NULL,
         subject TEXT NOT NULL,
         common_name TEXT NOT NULL,
         nip TEXT,
         nik TEXT,
         organization TEXT,
         issuer TEXT NOT NULL,
         issuer_common_name TEXT NOT NULL,
         serial_number TEXT NOT NULL,
         not_before TEXT NOT NULL,
         not_after TEXT NOT NULL,
         key_usage TEXT,
         is_self_signed INTEGER NOT NULL,
         is_certified INTEGER NOT NULL,
         fingerprint_sha256 TEXT NOT NULL UNIQUE,
         vault_name TEXT NOT NULL,
         created_at TEXT NOT NULL
       )`,
    ],
  },
  {
    version: 5,
    name: 'backup-reminder',
    statements: [
      // Issue 8: when this workspace was last backed up and how often to remind.
      // In the database, not the settings, so it travels with the data it describes.
      `CREATE TABLE backup_state (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         interval_days INTEGER NOT NULL DEFAULT 7 CHECK (interval_days BETWEEN 1 AND 365),
         last_backup_at TEXT,
         last_backup_path TEXT,
         last_backup_bytes INTEGER
       )`,
      'INSERT INTO backup_state (id, interval_days) VALUES (1, 7)',
    ],
  },
  {
    version: 6,
    name: 'outbox',
    statements: [
      // Issue 7: the kotak keluar. One row per submission package (immutable, in the
      // blob store under package_sha256); `status` is the JSON of OutboxStatus
      // (core/domain/outbox/machine.ts), `state` a copy of its state for queries.
      `CREATE TABLE outbox_items (
         id TEXT PRIMARY KEY,
         seq INTEGER NOT NULL UNIQUE,
         title TEXT NOT NULL,
         type TEXT NOT NULL,
         opd TEXT NOT NULL,
         period TEXT NOT NULL,
         revision_of TEXT,
         main_document TEXT NOT NULL,
         main_sha256 TEXT NOT NULL,
         manifest TEXT NOT NULL,
         manifest_sha256 TEXT NOT NULL,
         package_sha256 TEXT NOT NULL,
         package_size INTEGER NOT NULL,
         state TEXT NOT NULL,
         status TEXT NOT NULL,
         created_at TEXT NOT NULL,
         exported_at TEXT
       )`,
      'CREATE INDEX outbox_items_state ON outbox_items(state, seq)',
      // Upload progress per blob, as the server acknowledged it: survives a restart mid-upload.
      `CREATE TABLE outbox_uploads (
         item_id TEXT NOT NULL,
         sha256 TEXT NOT NULL,
         size INTEGER NOT NULL,
         offset INTEGER NOT NULL,
         PRIMARY KEY (item_id, sha256)
       )`,
      // The device's enrollment with the intake server. The token itself is only in the
      // KeyVault (vault_name); keys are the server's receipt keys (JSON of ServerKey[]).
      `CREATE TABLE sync_enrollment (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         server_url TEXT NOT NULL,
         opd_code TEXT NOT NULL,
         opd_name TEXT NOT NULL,
         token_id TEXT NOT NULL,
         device_name TEXT NOT NULL,
         vault_name TEXT NOT NULL,
         keys TEXT NOT NULL,
         enrolled_at TEXT NOT NULL,
         revoked_at TEXT,
         reviews_since TEXT
       )`,
    ],
  },
  {
    version: 8,
    name: 'reference-sync',
    statements: [
      // Reference data fetched from the intake server (PROTOCOL.md §9), one row per
      // kind ('catalog'): the ETag of what was installed (for If-None-Match), when it
      // was installed, and the reason the last automatic fetch failed.
      `CREATE TABLE reference_sync (
         name TEXT PRIMARY KEY,
         etag TEXT,
         installed_at TEXT,
         checked_at TEXT,
         last_error_code TEXT,
         last_error_message TEXT,
         last_error_at TEXT
       )`,
    ],
  },
  {
    version: 9,
    name: 'catalog-plan',
    statements: [
      // The accepted plan an activity of the server's catalog is in, so a duplicate finding names it (issue 14.4).
      'ALTER TABLE activity_catalog ADD COLUMN plan TEXT',
    ],
  },
  {
    version: 10,
    name: 'signed-revisions',
    statements: [
      // Issue 13: every signed revision of a rencana aksi, report or serah terima package,
      // kept. The signed file (PDF or package ZIP) and the exact data.json it was signed
      // with are blobs named by their SHA-256; a second signature or an edit makes the
      // next revision, naming the one it replaces. main_sha256 is the signed PDF a
      // submission names (the file itself, or the package's berita acara): the outbox
      // item of a revision is found by it.
      `CREATE TABLE signed_revisions (
         id TEXT PRIMARY KEY,
         document_id TEXT NOT NULL,
         kind TEXT NOT NULL CHECK (kind IN ('rencana-aksi', 'laporan', 'serah-terima')),
         title TEXT NOT NULL,
         period TEXT NOT NULL,
         revision INTEGER NOT NULL CHECK (revision >= 1),
         revision_of TEXT,
         signer_name TEXT NOT NULL,
         signer_nip TEXT,
         signer_nik TEXT,
         signer_fingerprint TEXT NOT NULL,
         signer_is_certified INTEGER NOT NULL,
         signed_at TEXT NOT NULL,
         file_name TEXT NOT NULL,
         media_type TEXT NOT NULL,
         file_sha256 TEXT NOT NULL,
         file_size INTEGER NOT NULL,
         main_sha256 TEXT NOT NULL,
         data_sha256 TEXT NOT NULL,
         data_size INTEGER NOT NULL,
         report_type TEXT,
         level TEXT,
         pages INTEGER NOT NULL,
         draft_revision INTEGER NOT NULL,
         created_at TEXT NOT NULL,
         UNIQUE (document_id, revision)
       )`,
      'CREATE INDEX signed_revisions_main ON signed_revisions(main_sha256)',
      // Immutable by construction, not by convention: no code path can rewrite what was signed.
      `CREATE TRIGGER signed_revisions_no_update BEFORE UPDATE ON signed_revisions
       BEGIN SELECT RAISE(ABORT, 'revisi bertanda tangan tidak dapat diubah'); END`,
      `CREATE TRIGGER signed_revisions_no_delete BEFORE DELETE ON signed_revisions
       BEGIN SELECT RAISE(ABORT, 'revisi bertanda tangan tidak dapat dihapus'); END`,
    ],
  },
  {
    version: 11,
    name: 'blob-stamps',
    statements: [
      // A kept file's size, mtime and inode when it was last hashed, and what the hash
      // said (adapters/blob-check.ts): a list hashes a file again only when these change.
      `CREATE TABLE blob_stamps (
         sha256 TEXT PRIMARY KEY,
         stamp TEXT NOT NULL,
         condition TEXT NOT NULL
       )`,
    ],
  },
  {
    version: 12,
    name: 'outbox-main-document',
    statements: [
      // Issue 16: every packaging looks for the signed PDF's earlier packages (one signed document is sent
      // once), twice; without an index that read every row of a long kotak keluar.
      'CREATE INDEX outbox_items_main_sha256 ON outbox_items(main_sha256, seq)',
    ],
  },
];
