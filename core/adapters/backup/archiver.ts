/**
 * The BackupArchiver port for one data folder: the service hands over the
 * database snapshot and the settings, this adds the folders of the data
 * folder and writes or verifies the file.
 */
import path from 'node:path';
import type { BackupArchiver } from '../../ports';
import { BerkasError } from '../../domain/errors';
import {
  BACKUP_EXTENSION,
  DATABASE_ENTRY,
  SETTINGS_ENTRY,
  entryKind,
  passphraseProblem,
  type ScryptParams,
  type SupportedVersions,
} from '../../domain/backup/format';
import { emptyContents, type BackupContents, type BackupVerified } from '../../domain/backup/types';
import { backupErrors } from '../../domain/backup/errors';
import { migrations } from '../migrations';
import { noSink, openBackupFile, verifiedOf } from './backup-reader';
import { writeBackupFile, type BackupSource } from './backup-writer';
import { collectFolderSources } from './workspace-sources';

export interface BackupArchiverOptions {
  dataDir: string;
  appVersion: string;
  /** Tests only: cheaper key derivation and small chunks. */
  scrypt?: ScryptParams;
  chunkSize?: number;
}

/** This app's versions: a backup newer than these is refused. */
export function supportedVersions(appVersion: string): SupportedVersions {
  return { appVersion, schemaVersion: Math.max(0, ...migrations.map((m) => m.version)) };
}

function contentsOf(sources: BackupSource[]): BackupContents {
  const c = emptyContents();
  for (const s of sources) {
    const kind = entryKind(s.path);
    if (kind === 'database') c.hasDatabase = true;
    else if (kind === 'settings') c.hasSettings = true;
    else if (kind === 'blob') {
      c.blobCount++;
      c.blobBytes += s.size;
    } else if (kind === 'sealed') c.sealedSecretCount++;
    else if (kind === 'trust') c.trustRootCount++;
    else c.outboxFileCount++;
  }
  return c;
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Where a new backup may go: an absolute .berkas-backup path outside the data folder ("kept apart from the primary copy"). */
export function outPathProblem(outPath: string, dataDir: string): string | null {
  if (!path.isAbsolute(outPath)) return `Lokasi berkas cadangan harus path lengkap (misalnya E:\\cadangan\\berkas.berkas-backup), bukan "${outPath}".`;
  if (!outPath.toLowerCase().endsWith(BACKUP_EXTENSION)) return `Nama berkas cadangan harus berakhiran ${BACKUP_EXTENSION}: ${outPath}.`;
  if (isInside(path.resolve(dataDir), path.resolve(outPath))) {
    return `Berkas cadangan tidak boleh disimpan di dalam folder data ${dataDir}: cadangan harus terpisah dari data aslinya (misalnya di flash disk).`;
  }
  return null;
}

export function createBackupArchiver(options: BackupArchiverOptions): BackupArchiver {
  const dataDir = path.resolve(options.dataDir);
  const supported = supportedVersions(options.appVersion);
  return {
    async create(input, control) {
      const outProblem = outPathProblem(input.outPath, dataDir);
      if (outProblem) throw new BerkasError('BACKUP_OUT_PATH', outProblem, { field: 'outPath', outPath: input.outPath, extension: BACKUP_EXTENSION, dataDir });
      const weak = passphraseProblem(input.passphrase);
      if (weak) throw backupErrors.weakPassphrase(weak);

      const sources: BackupSource[] = [{ path: DATABASE_ENTRY, size: input.snapshot.length, bytes: input.snapshot }];
      if (input.settings) {
        // The same bytes json-settings-store writes, which electron-store reads too.
        const bytes = Buffer.from(JSON.stringify(input.settings, null, 2) + '\n', 'utf8');
        sources.push({ path: SETTINGS_ENTRY, size: bytes.length, bytes });
      }
      const collected = await collectFolderSources(dataDir);
      sources.push(...collected.sources);
      const written = await writeBackupFile({
        outPath: input.outPath,
        passphrase: input.passphrase,
        appVersion: options.appVersion,
        schemaVersion: input.schemaVersion,
        createdAt: input.createdAt,
        sources,
        isOverwriteAllowed: input.isOverwriteAllowed,
        ...(options.scrypt ? { scrypt: options.scrypt } : {}),
        ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
        ...(control.onProgress ? { onProgress: control.onProgress } : {}),
        ...(control.signal ? { signal: control.signal } : {}),
      });
      return {
        path: written.path,
        fileBytes: written.fileBytes,
        createdAt: input.createdAt.toISOString(),
        entryCount: written.entryCount,
        contentBytes: written.contentBytes,
        contents: contentsOf(sources),
        warnings: collected.warnings,
      };
    },

    verify: (file, passphrase, control) => verifyBackupFile(file, passphrase, supported, control),
  };
}

/** Decrypts and checks the whole file, writing nothing. */
export async function verifyBackupFile(
  file: string,
  passphrase: string,
  supported: SupportedVersions,
  control: { onProgress?: Parameters<BackupArchiver['verify']>[2]['onProgress']; signal?: AbortSignal } = {},
): Promise<BackupVerified> {
  const opened = await openBackupFile(file, passphrase, supported);
  try {
    return verifiedOf(opened, await opened.readAll(noSink, control));
  } finally {
    await opened.close();
  }
}
