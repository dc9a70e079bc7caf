import type { Handlers } from '../api/contract';
import type { Services } from './services';

type BackupChannel = 'backupStatus' | 'backupSetInterval' | 'backupCreate' | 'backupJobStatus' | 'backupJobCancel' | 'backupVerify';

/** The backup channels, spread into createHandlers. */
export function createBackupHandlers(services: Services): Pick<Handlers, BackupChannel> {
  return {
    backupStatus: async () => services.backup.status(),
    backupSetInterval: ({ intervalDays }) => services.backup.setInterval(intervalDays),
    backupCreate: async ({ outPath, passphrase, isOverwriteAllowed }) => services.backup.start({ outPath, passphrase, isOverwriteAllowed: isOverwriteAllowed === true }),
    backupJobStatus: async ({ jobId }) => services.backup.jobStatus(jobId),
    backupJobCancel: async ({ jobId }) => services.backup.cancel(jobId),
    backupVerify: ({ path: file, passphrase }) => services.backup.verify(file, passphrase),
  };
}
