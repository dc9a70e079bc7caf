/** Fired after a backup or a new interval, so the reminder banner re-reads the status. */
export const backupStatusEvent = 'berkas:backup-status';
