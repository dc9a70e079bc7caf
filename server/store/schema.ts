/**
 * The intake server's schema, numbered like core/adapters/migrations.ts. The
 * same statements run on sql.js (SQLite) and PostgreSQL, so they keep to the
 * common subset: TEXT, INTEGER/BIGINT, times as ISO 8601 text (sortable),
 * JSON as text. Never edit a released migration; add the next number.
 */
import type { Migration } from '../../core/adapters/migrations';

export const serverMigrations: Migration[] = [
  {
    version: 1,
    name: 'intake',
    statements: [
      `CREATE TABLE opds (
         code TEXT PRIMARY KEY,
         name TEXT NOT NULL,
         created_at TEXT NOT NULL
       )`,
      // Only the SHA-256 of a code or token is kept: a stolen database enrols no device.
      `CREATE TABLE enroll_codes (
         code_sha256 TEXT PRIMARY KEY,
         opd TEXT NOT NULL,
         created_at TEXT NOT NULL,
         expires_at TEXT NOT NULL,
         used_at TEXT,
         token_id TEXT
       )`,
      `CREATE TABLE device_tokens (
         id TEXT PRIMARY KEY,
         opd TEXT NOT NULL,
         token_sha256 TEXT NOT NULL UNIQUE,
         device_name TEXT,
         app_version TEXT,
         created_at TEXT NOT NULL,
         revoked_at TEXT
       )`,
      'CREATE INDEX device_tokens_opd ON device_tokens(opd)',
      `CREATE TABLE submissions (
         id TEXT PRIMARY KEY,
         opd TEXT NOT NULL,
         type TEXT NOT NULL,
         period TEXT NOT NULL,
         revision_of TEXT,
         app_version TEXT NOT NULL,
         main_document TEXT NOT NULL,
         report_type TEXT,
         profile_id TEXT,
         manifest_sha256 TEXT NOT NULL,
         manifest_json TEXT NOT NULL,
         state TEXT NOT NULL,
         source TEXT NOT NULL,
         total_bytes BIGINT NOT NULL,
         file_count INTEGER NOT NULL,
         created_at TEXT NOT NULL,
         committed_at TEXT,
         receipt_json TEXT,
         signatures_json TEXT,
         review_status TEXT NOT NULL,
         review_note TEXT,
         review_decided_at TEXT,
         review_by TEXT,
         last_error_json TEXT,
         updated_at TEXT NOT NULL
       )`,
      'CREATE INDEX submissions_opd ON submissions(opd, state, updated_at)',
      'CREATE INDEX submissions_review ON submissions(state, review_status, type, period)',
      // Which blobs each submission names: "is this blob expected from this OPD?" on every chunk.
      `CREATE TABLE submission_blobs (
         submission_id TEXT NOT NULL,
         sha256 TEXT NOT NULL,
         size BIGINT NOT NULL,
         PRIMARY KEY (submission_id, sha256)
       )`,
      'CREATE INDEX submission_blobs_sha ON submission_blobs(sha256)',
      // Blobs an OPD has uploaded in full. Content is stored once; this says who may reuse it.
      `CREATE TABLE held_blobs (
         opd TEXT NOT NULL,
         sha256 TEXT NOT NULL,
         size BIGINT NOT NULL,
         held_at TEXT NOT NULL,
         PRIMARY KEY (opd, sha256)
       )`,
      `CREATE TABLE review_events (
         submission_id TEXT NOT NULL,
         at TEXT NOT NULL,
         status TEXT NOT NULL,
         note TEXT,
         by_admin TEXT NOT NULL
       )`,
      'CREATE INDEX review_events_submission ON review_events(submission_id, at)',
      `CREATE TABLE admin_tokens (
         id TEXT PRIMARY KEY,
         token_sha256 TEXT NOT NULL UNIQUE,
         label TEXT,
         created_at TEXT NOT NULL,
         revoked_at TEXT
       )`,
      `CREATE TABLE admin_sessions (
         id_sha256 TEXT PRIMARY KEY,
         admin_token_id TEXT NOT NULL,
         csrf TEXT NOT NULL,
         created_at TEXT NOT NULL,
         expires_at TEXT NOT NULL
       )`,
    ],
  },
  {
    version: 2,
    name: 'signer-check',
    statements: [
      // Whether a submission's signer belongs to the sending OPD (issue 11.7), judged at commit; NULL for older rows.
      'ALTER TABLE submissions ADD COLUMN signer_check_json TEXT',
      // Certificates Diskominfo has registered as an OPD's own, whatever organisation they name.
      `CREATE TABLE opd_certificates (
         opd TEXT NOT NULL,
         sha256 TEXT NOT NULL,
         subject TEXT NOT NULL,
         der_base64 TEXT NOT NULL,
         not_after TEXT NOT NULL,
         label TEXT,
         added_at TEXT NOT NULL,
         PRIMARY KEY (opd, sha256)
       )`,
    ],
  },
  {
    version: 3,
    name: 'console',
    statements: [
      // What the console lists and consolidation counts, read from data.json once at commit (server/consolidation/facts.ts).
      'ALTER TABLE submissions ADD COLUMN title TEXT',
      'ALTER TABLE submissions ADD COLUMN facts_json TEXT',
      // Lower-case OPD code, name, title, period and id: the console's search without a scan of the JSON.
      'ALTER TABLE submissions ADD COLUMN search_text TEXT',
      // The newest committed revision that names this one: a replaced submission never counts.
      'ALTER TABLE submissions ADD COLUMN replaced_by TEXT',
      // tepercaya / belum-tepercaya / kedaluwarsa: the main document's best certificate verdict, re-judged when roots change.
      'ALTER TABLE submissions ADD COLUMN trust TEXT',
      `UPDATE submissions SET replaced_by = (
         SELECT r.id FROM submissions r WHERE r.revision_of = submissions.id AND r.state = 'committed' ORDER BY r.committed_at DESC, r.id DESC LIMIT 1)`,
      // Keyset paging of the console: (sort key, id) under each filter, never OFFSET.
      'CREATE INDEX submissions_received ON submissions(state, committed_at, id)',
      'CREATE INDEX submissions_opd_received ON submissions(opd, state, committed_at, id)',
      'CREATE INDEX submissions_title ON submissions(state, title, id)',
      'CREATE INDEX submissions_period ON submissions(state, period, id)',
      'CREATE INDEX submissions_revision_of ON submissions(revision_of)',
      'CREATE INDEX submissions_counted ON submissions(state, review_status, type, replaced_by)',
      'ALTER TABLE review_events ADD COLUMN by_name TEXT',
      // Named reviewers (issue 14.3); the password only as an scrypt hash (server/console/passwords.ts).
      `CREATE TABLE reviewers (
         id TEXT PRIMARY KEY,
         username TEXT NOT NULL UNIQUE,
         name TEXT NOT NULL,
         role TEXT NOT NULL,
         password_hash TEXT NOT NULL,
         created_at TEXT NOT NULL,
         created_by TEXT,
         disabled_at TEXT
       )`,
      // One row per login; the cookie's SHA-256 only. last_seen_at drives the idle limit (Banjarmasin Pasal 15(3)(d)).
      `CREATE TABLE console_sessions (
         id_sha256 TEXT PRIMARY KEY,
         principal TEXT NOT NULL,
         csrf TEXT NOT NULL,
         created_at TEXT NOT NULL,
         last_seen_at TEXT NOT NULL,
         expires_at TEXT NOT NULL,
         revoked_at TEXT
       )`,
      'CREATE INDEX console_sessions_principal ON console_sessions(principal)',
      // Roots signatures are judged against (besides files in D/trust), shared by every node of a PostgreSQL install.
      `CREATE TABLE trust_roots (
         sha256 TEXT PRIMARY KEY,
         subject TEXT NOT NULL,
         der_base64 TEXT NOT NULL,
         not_after TEXT NOT NULL,
         label TEXT,
         added_at TEXT NOT NULL,
         added_by TEXT
       )`,
      // Catalog activities a reviewer marked as no source of duplicate findings.
      `CREATE TABLE catalog_exclusions (
         submission_id TEXT NOT NULL,
         activity_key TEXT NOT NULL,
         note TEXT,
         by_reviewer TEXT NOT NULL,
         at TEXT NOT NULL,
         PRIMARY KEY (submission_id, activity_key)
       )`,
    ],
  },
  {
    version: 4,
    name: 'nodes',
    statements: [
      // Partial uploads when blobs live in object storage: the committed offset is here, so any node continues
      // what another accepted; each acknowledged chunk is one object (server/storage/s3-storage.ts).
      `CREATE TABLE blob_uploads (
         opd TEXT NOT NULL,
         sha256 TEXT NOT NULL,
         size BIGINT NOT NULL,
         upload_offset BIGINT NOT NULL,
         updated_at TEXT NOT NULL,
         PRIMARY KEY (opd, sha256)
       )`,
      // The primary key is what lets one of two nodes racing for the same offset win, and only one.
      `CREATE TABLE blob_upload_chunks (
         opd TEXT NOT NULL,
         sha256 TEXT NOT NULL,
         chunk_offset BIGINT NOT NULL,
         length BIGINT NOT NULL,
         object_key TEXT NOT NULL,
         PRIMARY KEY (opd, sha256, chunk_offset)
       )`,
      // Receipt keys every node signs with (PostgreSQL installs); the private key as PKCS#8 PEM.
      `CREATE TABLE receipt_keys (
         key_id TEXT PRIMARY KEY,
         created_at TEXT NOT NULL,
         retired_at TEXT,
         private_key_pem TEXT NOT NULL
       )`,
      // Blobs whose stored bytes no longer hash to their name (berkas server check): never served, taken again from the OPD.
      `CREATE TABLE damaged_blobs (
         sha256 TEXT PRIMARY KEY,
         found_at TEXT NOT NULL,
         detail TEXT NOT NULL
       )`,
    ],
  },
];
