import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../api/contract';
import { createBackupArchiver } from '../adapters/backup/archiver';
import { backupFileName } from '../domain/backup/format';
import { createBackupService } from '../services/backup-service';
import type { Workspace } from './workspace';

type BackupChannel = 'backupStatus' | 'backupSetInterval' | 'backupCreate' | 'backupJobStatus' | 'backupJobCancel' | 'backupVerify';

/** The backup channels, spread into createHandlers. */
export function createBackupHandlers(ws: Workspace): Pick<Handlers, BackupChannel> {
  const service = createBackupService({
    db: ws.db,
    settings: ws.settings,
    clock: ws.clock,
    archiver: createBackupArchiver({ dataDir: ws.dataDir, appVersion: ws.appVersion }),
    newId: randomUUID,
    suggestOutPath: (now) => path.join(os.homedir(), backupFileName(now)),
  });
  return {
    backupStatus: async () => service.status(),
    backupSetInterval: ({ intervalDays }) => service.setInterval(intervalDays),
    backupCreate: async ({ outPath, passphrase, isOverwriteAllowed }) => service.start({ outPath, passphrase, isOverwriteAllowed: isOverwriteAllowed === true }),
    backupJobStatus: async ({ jobId }) => service.jobStatus(jobId),
    backupJobCancel: async ({ jobId }) => service.cancel(jobId),
    backupVerify: ({ path: file, passphrase }) => service.verify(file, passphrase),
  };
}
