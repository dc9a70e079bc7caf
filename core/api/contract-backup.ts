import { z } from 'zod';
import { op } from './operation';
import { MAX_INTERVAL_DAYS, MIN_INTERVAL_DAYS } from '../domain/backup/reminder';
import type { BackupJob, BackupStatus, BackupVerified, RestoreJob, RestoreState, RestoreUndone } from '../domain/backup/types';

/**
 * Backup operations (issue 8). A backup runs as a job: backupCreate returns
 * its id at once, backupJobStatus is polled for progress, backupJobCancel
 * stops it (no file is left). Passphrases are checked by the service (length,
 * in Indonesian), so the schema only bounds them.
 *
 * A restore from the screens is a job as well: it stages the backup beside the
 * data folder, then the app closes its workspace, exchanges it for the staged
 * one and opens it again (core/app/workspace-host.ts). Only the desktop app and
 * `berkas ui` host that; the CLI restores with `backup restore`.
 */
const filePath = z.string().min(1).max(4096);
const passphrase = z.string().min(1).max(4096);
const jobId = z.strictObject({ jobId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });

export const backupContract = {
  backupStatus: op(z.strictObject({})).returns<BackupStatus>(),
  backupSetInterval: op(z.strictObject({ intervalDays: z.number().int().min(MIN_INTERVAL_DAYS).max(MAX_INTERVAL_DAYS) })).returns<BackupStatus>(),
  backupCreate: op(z.strictObject({ outPath: filePath, passphrase, isOverwriteAllowed: z.boolean().exactOptional() })).returns<{ jobId: string }>(),
  backupJobStatus: op(jobId).returns<BackupJob>(),
  backupJobCancel: op(jobId).returns<BackupJob>(),
  /** Decrypts and checks the whole file; writes nothing. */
  backupVerify: op(z.strictObject({ path: filePath, passphrase })).returns<BackupVerified>(),
  backupRestoreState: op(z.strictObject({})).returns<RestoreState>(),
  backupRestoreStart: op(z.strictObject({ path: filePath, passphrase })).returns<{ jobId: string }>(),
  backupRestoreStatus: op(jobId).returns<RestoreJob>(),
  /** Stops a restore while it is still staging; once swapping it runs to its end. */
  backupRestoreCancel: op(jobId).returns<RestoreJob>(),
  /** Puts back the workspace the newest restore moved aside (the restored one is kept aside in turn). */
  backupUndoRestore: op(z.strictObject({})).returns<RestoreUndone>(),
};
