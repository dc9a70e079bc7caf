import { z } from 'zod';
import { op } from './operation';
import { MAX_INTERVAL_DAYS, MIN_INTERVAL_DAYS } from '../domain/backup/reminder';
import type { BackupJob, BackupStatus, BackupVerified } from '../domain/backup/types';

/**
 * Backup operations (issue 8). A backup runs as a job: backupCreate returns
 * its id at once, backupJobStatus is polled for progress, backupJobCancel
 * stops it (no file is left). Passphrases are checked by the service (length,
 * in Indonesian), so the schema only bounds them. Restore is CLI-only: it
 * replaces the data folder the running app has open.
 */
const filePath = z.string().min(1).max(4096);
const passphrase = z.string().min(1).max(4096);
const jobId = z.strictObject({ jobId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });

export const backupContract = {
  backupStatus: op(z.strictObject({})).returns<BackupStatus>(),
  backupSetInterval: op(z.strictObject({ intervalDays: z.number().int().min(MIN_INTERVAL_DAYS).max(MAX_INTERVAL_DAYS) })).returns<BackupStatus>(),
  backupCreate: op(z.strictObject({ outPath: filePath, passphrase, isOverwriteAllowed: z.boolean().optional() })).returns<{ jobId: string }>(),
  backupJobStatus: op(jobId).returns<BackupJob>(),
  backupJobCancel: op(jobId).returns<BackupJob>(),
  /** Decrypts and checks the whole file; writes nothing. */
  backupVerify: op(z.strictObject({ path: filePath, passphrase })).returns<BackupVerified>(),
};
