import type { ErrorTexts } from './error-text';

/** The data folder: files written atomically, attachments, the database, the key vault, settings and profiles. */
export const storeErrorsEn: ErrorTexts = {
  // Writing files (core/adapters/fs-atomic.ts)
  DISK_FULL: 'There is no room left on the disk (or your disk quota is used up): {target} could not be saved. Free some space and try again; data already saved is unchanged.',
  READ_ONLY: 'The folder cannot be written to ({systemCode}): {target}. Check the permissions of the data folder; data already saved is unchanged.',
  WRITE_FAILED: 'Could not write {target} (system error: {systemCode}). Data already saved is unchanged.',

  // Attachments (core/adapters/blob-store.ts)
  INVALID_SHA256: 'The SHA-256 fingerprint of the attachment is not valid: {value}. Only 64 hexadecimal characters are accepted.',
  BLOB_SOURCE_MISSING: 'The attachment file was not found: {path}.',
  BLOB_SOURCE_INVALID: 'The attachment is not a file: choose a file, not a folder.',
  BLOB_SOURCE_UNREADABLE: 'The attachment file {path} could not be read (system error: {systemCode}).',
  BLOB_MISSING: 'Attachment {sha256} is not in the attachment store ({file}).',
  BLOB_UNREADABLE: 'The attachment {file} could not be read ({reason}).',

  // Choosing a folder (core/adapters/folder-listing.ts)
  FOLDER_FORBIDDEN: 'This account is not allowed to read the folder {folder} ({systemCode}).',
  FOLDER_UNREADABLE: 'The folder {folder} could not be read (system error: {systemCode}).',
  FOLDER_NOT_ABSOLUTE: 'Write the full path from the root (e.g. {example}), not "{folder}".',
  FOLDER_NOT_FOUND: 'The folder {folder} was not found.',

  // The workspace and its database
  WORKSPACE_LOCKED: 'The data folder {dir} is in use by another Berkas. Close the other Berkas first, then try again. If you are sure no other Berkas is running, delete the lock file {lockPath}.',
  SQLJS_MISSING: 'The database engine (sql-wasm.wasm) could not be read from {file}. Reinstall Berkas.',
  DB_READ_FAILED: 'The file {file} could not be read ({reason}). Check the permissions of the data folder.',
  DB_QUERY_FAILED: 'Reading the database failed: {reason}.',
  DB_WRITE_REJECTED: 'The change was not saved: the database refused it. Nothing changed.',
  DB_EXPORT_FAILED: 'A copy of the database {file} could not be made: {reason}.',
  DB_CLOSED: 'The database in {dir} is already closed.',
  DB_UNAVAILABLE: 'The database could not be brought up to date after a failed save. Close Berkas and open it again before saving anything more; changes already recorded are kept.',
  DB_TOO_NEW: 'The database {file} was made by a newer version of Berkas (schema {schema}; this app knows up to {latest}). Update Berkas; the database was not changed.',
  MIGRATION_INVALID: 'The list of database migrations is not valid: number {version} ({name}) must be a unique positive whole number.',
  MIGRATION_FAILED: 'Database migration number {version} ({name}) failed; the database stays at schema {schema}.',
  DB_BAD_STATEMENT: 'The database change was refused: it must be a list of SQL statements whose parameters are text, finite numbers, null or bytes.',

  // Settings, the key vault and region profiles
  SETTINGS_CORRUPT: 'The settings file {file} is damaged or not valid.',
  VAULT_NAME: 'The secret name "{name}" is not valid for the key vault.',
  VAULT_PASSPHRASE_REQUIRED: 'The key vault needs a passphrase: set the BERKAS_VAULT_PASSPHRASE environment variable or enter the vault passphrase.',
  VAULT_CORRUPT: 'The vault file {file} is damaged or is not a Berkas vault file.',
  VAULT_READ: 'The key vault {file} could not be read (system error: {systemCode}).',
  VAULT_PASSPHRASE: 'The key vault passphrase is wrong (folder {dir}). Use the passphrase you used when the first certificate was saved.',
  VAULT_PASSPHRASE_WEAK: 'The key vault passphrase must be at least {minLength} characters long.',
  PROFILES_MISSING: 'The region profiles folder {dir} could not be read or holds no profiles (*.json). Reinstall Berkas or check the assets/profiles folder.',
  PROFILE_UNKNOWN: 'The region profile "{id}" is not known.',
  PROFILE_INVALID: 'The region profile {file} could not be read or is not valid.',

  // Values the app writes in its own formats (core/domain/format)
  DATE_INVALID: 'The date "{value}" is not valid: write it as {pattern}, for example {example}.',
  MONTH_NAMES: 'The list of month names must hold 12 names, not {count}.',
  SIZE_INVALID: 'The file size is not valid: {value}.',
  AMOUNT_INVALID: 'The rupiah amount {value} is not valid or too large to write exactly.',
};
