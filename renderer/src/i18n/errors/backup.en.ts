import type { ErrorTexts } from './error-text';

/** Making, checking and restoring a backup file (.berkas-backup). */
export const backupErrorsEn: ErrorTexts = {
  // Reading a backup file: none of these touched the data folder.
  BACKUP_NOT_FOUND: 'The backup file {file} was not found, or it is a folder; choose a .berkas-backup file.',
  BACKUP_UNREADABLE: 'The backup file {file} could not be read (system error: {systemCode}).',
  BACKUP_NOT_A_BACKUP: '{file} is not a Berkas backup file (.berkas-backup). The data folder was not changed.',
  BACKUP_WRONG_PASSPHRASE: 'Wrong passphrase for the backup file {file}. Check upper and lower case and the keyboard layout, then try again. The data folder was not changed.',
  BACKUP_TRUNCATED: 'The backup file {file} is cut short ({actualBytes} bytes); copying it to the flash drive may not have finished. Copy it again from its source. The data folder was not changed.',
  BACKUP_TAMPERED: 'The backup file {file} is damaged or has been changed. Use another backup copy. The data folder was not changed.',
  BACKUP_TOO_NEW: 'The backup file {file} was made by a newer version of Berkas than this one ({appVersion}). Update Berkas first, then restore again. The data folder was not changed.',
  BACKUP_UNSAFE_ENTRY: 'The path "{entryPath}" was refused: it is not a safe part of a Berkas workspace (a backup holding it was not made by Berkas or has been forged). Nothing was written or changed.',
  BACKUP_CANCELLED: 'Cancelled: no backup file was written and the data folder was not changed.',

  // Making a backup file
  BACKUP_OUT_PATH: 'The backup file cannot be saved at "{outPath}": write a full path ending in {extension}, outside the data folder {dataDir} (for example on a flash drive), so the backup is kept apart from the data.',
  BACKUP_PASSPHRASE_WEAK: 'The passphrase must be {minLength} to {maxLength} characters long and must not start or end with a space (easy to mistype when restoring).',
  BACKUP_OUT_DIR_MISSING: 'The destination folder {dir} does not exist. Choose a folder that exists (for example a flash drive that is plugged in).',
  BACKUP_EXISTS: '{path} already exists. Choose another name, or allow the old backup file to be overwritten; nothing was overwritten.',
  BACKUP_TOO_LARGE_FOR_DRIVE: 'The backup file {file} is larger than the destination allows for one file (4 GB on a FAT32 flash drive). Use a flash drive formatted as exFAT or NTFS; no backup file was written.',
  BACKUP_WORKSPACE_TOO_LARGE: 'The workspace is too large for one backup file.',
  BACKUP_SOURCE_CHANGED: 'The contents of the data folder changed during the backup; no backup file was written. Run the backup again.',
  BACKUP_SOURCE_UNREADABLE: '{file} could not be read (system error: {systemCode}); no backup file was written.',
  BACKUP_INTERNAL: 'The backup failed an internal check of the app; no backup file was written.',

  // Restoring
  BACKUP_TARGET_INVALID: '{dir} is a file, not a data folder. Nothing was changed.',
  BACKUP_TARGET_IS_ROOT: 'The data folder cannot be the root of a disk ({dir}). Nothing was changed.',
  BACKUP_FILE_INSIDE_TARGET: 'The backup file {file} is inside the data folder that would be replaced. Move it out of that folder first. Nothing was changed.',
  BACKUP_TARGET_IN_USE: 'The data folder {dataDir} is in use by a running Berkas. Restore from that app (Settings › Backup › Restore from a backup), or close Berkas (and "berkas ui") first, then try again. Nothing was changed.',
  BACKUP_DATABASE_UNUSABLE: 'The database inside the backup file {file} could not be opened. The data folder was not changed.',
  BACKUP_SWAP_FAILED: 'The data folder {dataDir} could not be swapped with the restored one; another program may have a file in it open. Everything was put back as it was.',
  BACKUP_SWAP_LEFT_ASIDE: 'The restored data could not be moved to {dataDir}. The old workspace is at {aside}; rename it back to {folderName}.',
  BACKUP_NOTHING_TO_UNDO: 'There is no workspace set aside by a restore next to {dataDir}. Nothing was changed.',
};
