import type { ErrorTexts } from './error-text';

/** The app around the services: the workspace host (restore from the screen) and the backup jobs it runs. */
export const appErrorsEn: ErrorTexts = {
  APP_CLOSING: 'Berkas is closing; the restore was not run.',
  RESTORE_NEEDS_APP:
    'Restoring from the screen is only available in the Berkas app and "berkas ui". From the command line use: npm run -s berkas -- backup restore FILE --data-dir D --passphrase-env VAR',
  BACKUP_RESTORE_FAILED: 'The restored workspace could not be opened ({cause:error}); the previous workspace is used again.',
  BACKUP_BUSY: 'A backup or a restore is already running; wait until it finishes, or cancel it first.',
  BACKUP_JOB_UNKNOWN: 'The backup or restore job {jobId} is not known (the app may have been restarted).',
  BACKUP_INTERVAL_INVALID: 'The reminder interval must be a whole number of {min}–{max} days, not {days}.',
};
