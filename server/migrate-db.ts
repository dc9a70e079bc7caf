/**
 * `berkas server migrate-db`: the embedded node's folder onto PostgreSQL (and,
 * when configured, its blobs onto the object store), so the same OPDs, tokens,
 * submissions, receipts and decisions are served by N nodes (server/DEPLOY.md).
 * The steps and their order are explained in store/migrate-embedded.ts.
 */
import path from 'node:path';
import { BerkasError } from '../core/domain/errors';
import { statIfPresent } from '../core/adapters/fs-atomic';
import { SNAPSHOT_FILE } from '../core/adapters/sqljs-files';
import { ReceiptKeys } from './intake/receipt-keys';
import type { BlobStorage } from './storage/blob-storage';
import { openBlobStorage, type ObjectStoreConfig } from './storage/config';
import { createLocalBlobStorage } from './storage/local-storage';
import { copyBlobs, copyTables, type BlobCopyReport, type TableCount } from './store/migrate-embedded';
import { NodeStore } from './store/node-store';
import { openPostgresRunner, redactUrl } from './store/postgres-runner';
import type { SqlRunner } from './store/sql-runner';
import { openSqljsRunner } from './store/sqljs-runner';

export interface MigrateOptions {
  dataDir: string;
  databaseUrl: string;
  objectStore: ObjectStoreConfig | null;
  now: Date;
  onBlobProgress?: (done: number) => void;
}

export interface MigrateReport {
  database: string;
  tables: TableCount[];
  blobs: BlobCopyReport;
  /** Receipt keys now kept in the database (the data folder's, so earlier receipts still verify). */
  receiptKeys: { keyId: string; isCurrent: boolean }[];
}

export async function migrateEmbeddedToPostgres(options: MigrateOptions): Promise<MigrateReport> {
  const dataDir = path.resolve(options.dataDir);
  const where = redactUrl(options.databaseUrl);
  // Opening a folder without a store would make an empty one (and a new receipt key in the target): a mistyped
  // --data-dir must change nothing, neither the folder nor the database.
  const snapshot = path.join(dataDir, 'db', SNAPSHOT_FILE);
  if (statIfPresent(snapshot)?.isFile() !== true) {
    throw new BerkasError('MIGRATE_SOURCE_MISSING', `Folder ${dataDir} tidak memuat basis data server bawaan (${snapshot} tidak ada). Sebutkan folder data node lama dengan --data-dir; tidak ada yang diubah.`, {
      dataDir,
    });
  }
  // The embedded store first: its lock refuses the move while a node still runs on this folder.
  const source = await openSqljsRunner(dataDir);
  let target: SqlRunner | undefined;
  const opened: BlobStorage[] = [];
  try {
    target = await openPostgresRunner(options.databaseUrl);
    const nodes = new NodeStore(target);
    let blobs: BlobCopyReport = { target: null, copied: 0, alreadyThere: 0, bytes: 0, damaged: [] };
    if (options.objectStore) {
      const local = createLocalBlobStorage(dataDir);
      opened.push(local);
      const remote = await openBlobStorage(dataDir, options.objectStore, nodes);
      opened.push(remote);
      blobs = await copyBlobs(local, remote, options.onBlobProgress);
    }
    const tables = await copyTables(source, target, where);
    // The folder's keys go into the (now filled) database: ReceiptKeys imports them when it holds none.
    const keys = await ReceiptKeys.open(dataDir, options.now, nodes);
    const receiptKeys = keys.published().map((k) => ({ keyId: k.keyId, isCurrent: k.isCurrent }));
    return { database: where, tables, blobs, receiptKeys };
  } finally {
    for (const storage of opened) await storage.close().catch(() => undefined);
    await target?.close().catch(() => undefined);
    await source.close();
  }
}
