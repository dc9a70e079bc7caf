/**
 * Restore a .berkas-backup into a data folder, and undo a restore.
 *
 * Nothing of the data folder is touched until the whole backup has been
 * decrypted and checked into a staging folder beside it (same parent, so the
 * same file system, so the final step is a rename):
 *
 * 1. header, versions and passphrase (backup-reader), no I/O on the target;
 * 2. the data folder's lock: a running Berkas holds it, and the restore is
 *    refused; otherwise the restore holds it until the end;
 * 3. every chunk decrypted, every entry written to staging and hashed,
 *    the manifest compared, everything fsynced; the staged database opened
 *    (and migrated) as the app would, and this backup recorded in it as the
 *    last one;
 * 4. the current data folder renamed to "<dataDir>.sebelum-pulih-<stamp>"
 *    (kept, never deleted: the restore can be undone), the staging folder
 *    renamed into its place.
 *
 * A failure or cancel before step 4 removes the staging folder and leaves
 * the data folder exactly as it was.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BerkasError, isBerkasError } from '../../domain/errors';
import { BEFORE_RESTORE_SUFFIX, PASSPHRASE_SEALED_MAGIC, UNDONE_RESTORE_SUFFIX, folderStamp, type SupportedVersions } from '../../domain/backup/format';
import { backupErrors } from '../../domain/backup/errors';
import type { BackupProgress, BackupRestored, BackupVerified, RestoreUndone } from '../../domain/backup/types';
import { describeFsError, freeName, fsyncDir } from '../fs-atomic';
import { LOCK_FILE, acquireDirLock, type DirLock } from '../store-lock';
import { openDatabase } from '../sqljs-database';
import { migrations } from '../migrations';
import { openBackupFile, verifiedOf, type EntryInfo, type EntrySink } from './backup-reader';
import { newestBeforeRestore } from './in-place-restore';

export interface RestoreOptions {
  file: string;
  dataDir: string;
  passphrase: string;
  supported: SupportedVersions;
  now?: () => Date;
  onProgress?: (progress: BackupProgress) => void;
  signal?: AbortSignal;
}

async function writeFully(handle: fs.FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/** Writes entries under the staging folder; paths were checked by the reader, and are checked again against the root here. */
class StagingSink implements EntrySink {
  private handle: fs.FileHandle | null = null;
  private target = '';
  private position = 0;
  private readonly dirs = new Set<string>();
  private isSealed = false;
  private head = Buffer.alloc(0);
  /** Sealed secrets by who can open them: the OS of the computer they came from, or the key vault's passphrase. */
  readonly sealed = { byOs: 0, byPassphrase: 0 };

  constructor(private readonly root: string) {
    this.dirs.add(root);
  }

  async begin(entry: EntryInfo): Promise<void> {
    const target = path.join(this.root, ...entry.path.split('/'));
    const rel = path.relative(this.root, target);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new BerkasError('BACKUP_UNSAFE_ENTRY', `Path "${entry.path}" keluar dari folder pemulihan; pemulihan dihentikan.`, { entryPath: entry.path.slice(0, 200) });
    }
    // Secrets and the settings (officer's name, NIP) readable by the owner only, as in the live folder.
    const isPrivate = entry.kind === 'sealed' || entry.kind === 'settings';
    let dir = path.dirname(target);
    try {
      await fs.mkdir(dir, { recursive: true, mode: entry.kind === 'sealed' ? 0o700 : 0o755 });
      this.handle = await fs.open(target, 'wx', isPrivate ? 0o600 : 0o644);
    } catch (err) {
      throw describeFsError(err, target);
    }
    while (dir.length > this.root.length && !this.dirs.has(dir)) {
      this.dirs.add(dir);
      dir = path.dirname(dir);
    }
    this.target = target;
    this.position = 0;
    this.isSealed = entry.kind === 'sealed';
    this.head = Buffer.alloc(0);
  }

  async data(bytes: Buffer): Promise<void> {
    try {
      await writeFully(this.handle!, bytes, this.position);
    } catch (err) {
      throw describeFsError(err, this.target);
    }
    this.position += bytes.length;
    if (this.isSealed && this.head.length < PASSPHRASE_SEALED_MAGIC.length) {
      this.head = Buffer.concat([this.head, bytes.subarray(0, PASSPHRASE_SEALED_MAGIC.length - this.head.length)]);
    }
  }

  async end(): Promise<void> {
    const handle = this.handle!;
    this.handle = null;
    if (this.isSealed) {
      if (this.head.toString('latin1') === PASSPHRASE_SEALED_MAGIC) this.sealed.byPassphrase++;
      else this.sealed.byOs++;
    }
    try {
      await handle.sync();
      await handle.close();
    } catch (err) {
      await handle.close().catch(() => undefined);
      throw describeFsError(err, this.target);
    }
  }

  async abort(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
  }

  /** Folder entries (names) made durable, deepest first. */
  async syncFolders(): Promise<void> {
    for (const dir of [...this.dirs].sort((a, b) => b.length - a.length)) await fsyncDir(dir);
  }
}

async function listOrNull(dir: string): Promise<string[] | null> {
  try {
    return await fs.readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ENOTDIR') throw new BerkasError('BACKUP_TARGET_INVALID', `${dir} adalah berkas, bukan folder data. Tidak ada yang diubah.`, { dir });
    throw describeFsError(err, dir);
  }
}

/** The data folder's lock, or a refusal that says a running Berkas must be closed first. */
async function lockTarget(dataDir: string): Promise<DirLock> {
  try {
    return await acquireDirLock(dataDir);
  } catch (err) {
    if (isBerkasError(err) && err.code === 'WORKSPACE_LOCKED') {
      throw new BerkasError(
        'BACKUP_TARGET_IN_USE',
        `Folder data ${dataDir} sedang dipakai oleh Berkas yang berjalan. Pulihkan dari aplikasi itu (Pengaturan › Cadangan › Memulihkan dari cadangan), atau tutup aplikasi Berkas (dan "berkas ui") lebih dahulu, lalu ulangi. Tidak ada yang diubah. (${err.message})`,
        { dataDir, ...(err.details ?? {}) },
      );
    }
    throw err;
  }
}

/** Removes the lock file this process left inside a folder it just renamed (it travelled with the folder). */
async function removeOwnLock(dir: string): Promise<void> {
  const lockPath = path.join(dir, LOCK_FILE);
  try {
    const held = JSON.parse(await fs.readFile(lockPath, 'utf8')) as { pid?: unknown; host?: unknown };
    if (held.pid === process.pid && held.host === os.hostname()) await fs.rm(lockPath, { force: true });
  } catch {
    // No lock, or not ours: leave it.
  }
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Renames staging into place; returns where the previous workspace went (null: there was none). */
async function swapIn(dataDir: string, staging: string, now: Date): Promise<string | null> {
  const parent = path.dirname(dataDir);
  const names = await listOrNull(dataDir);
  try {
    if (names === null) {
      await fs.rename(staging, dataDir);
      await fsyncDir(parent);
      return null;
    }
    if (names.every((n) => n === LOCK_FILE)) {
      // An empty folder (a fresh install): nothing to keep aside.
      await removeOwnLock(dataDir);
      await fs.rmdir(dataDir);
      await fs.rename(staging, dataDir);
      await fsyncDir(parent);
      return null;
    }
  } catch (err) {
    throw describeFsError(err, dataDir);
  }
  const aside = await freeName(`${dataDir}${BEFORE_RESTORE_SUFFIX}${folderStamp(now)}`);
  try {
    await fs.rename(dataDir, aside);
  } catch (err) {
    throw new BerkasError(
      'BACKUP_SWAP_FAILED',
      `Folder data ${dataDir} tidak dapat dipindahkan ke ${aside} (${(err as NodeJS.ErrnoException).code ?? 'galat'}); mungkin ada program lain yang membuka berkas di dalamnya. Tidak ada yang diubah.`,
      { dataDir },
    );
  }
  try {
    await fs.rename(staging, dataDir);
  } catch (err) {
    const isBack = await fs.rename(aside, dataDir).then(
      () => true,
      () => false,
    );
    throw new BerkasError(
      isBack ? 'BACKUP_SWAP_FAILED' : 'BACKUP_SWAP_LEFT_ASIDE',
      isBack
        ? `Hasil pemulihan tidak dapat dipindahkan ke ${dataDir} (${(err as NodeJS.ErrnoException).code ?? 'galat'}). Folder data dikembalikan seperti semula.`
        : `Hasil pemulihan tidak dapat dipindahkan ke ${dataDir} (${(err as NodeJS.ErrnoException).code ?? 'galat'}). Ruang kerja lama ada di ${aside}; ganti namanya kembali menjadi ${path.basename(dataDir)}.`,
      { dataDir, aside, folderName: path.basename(dataDir) },
    );
  }
  await removeOwnLock(aside);
  await fsyncDir(parent);
  return aside;
}

/**
 * Opens the staged database as the app will (migrations included) before it
 * replaces anything: a database that cannot be opened never takes the place
 * of one that can. It then records this backup as the workspace's last one,
 * which is what the restored data is: saved in that file at that time.
 */
async function prepareDatabase(staging: string, file: string, createdAt: string, fileBytes: number): Promise<void> {
  const unusable = (why: string) =>
    new BerkasError('BACKUP_DATABASE_UNUSABLE', `Basis data di dalam berkas cadangan ${file} tidak dapat dibuka: ${why}. Folder data tidak diubah.`, { file });
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase({ dir: staging, migrations });
  } catch (err) {
    throw unusable(err instanceof Error ? err.message : String(err));
  }
  try {
    if (opened.notices.length > 0) throw unusable(opened.notices.map((n) => n.message).join(' '));
    await opened.db.write([
      { sql: 'UPDATE backup_state SET last_backup_at = ?, last_backup_path = ?, last_backup_bytes = ? WHERE id = 1', params: [createdAt, file, fileBytes] },
    ]);
  } finally {
    await opened.db.close();
  }
}

export function restoreNotices(dataDir: string, previous: string | null, sealed: StagingSink['sealed'], undoHint?: string): string[] {
  const notices: string[] = [];
  if (previous) {
    notices.push(
      `Ruang kerja yang ada sebelumnya tidak dihapus: dipindahkan ke ${previous}. ${undoHint ?? `Untuk membatalkan pemulihan ini jalankan: npm run -s berkas -- backup undo-restore --data-dir "${dataDir}"`}`,
    );
  }
  if (sealed.byOs > 0) {
    notices.push(
      `${sealed.byOs} rahasia (sertifikat, kata sandi, token perangkat) yang disegel oleh sistem operasi ikut dipulihkan dalam keadaan tersegel, tetapi hanya dapat dibuka oleh akun pengguna yang sama di komputer tempat cadangan dibuat. Bila ini komputer lain atau akun lain, impor ulang sertifikat (.p12) Anda dan daftarkan ulang perangkat ini di Berkas.`,
    );
  }
  if (sealed.byPassphrase > 0) {
    notices.push(
      `${sealed.byPassphrase} rahasia di brankas kunci berfrasa sandi ikut dipulihkan dalam keadaan tersegel; bukalah dengan frasa sandi brankas kunci yang sama seperti sebelumnya (BERKAS_VAULT_PASSPHRASE), bukan dengan frasa sandi cadangan.`,
    );
  }
  return notices;
}

/** A backup decrypted, checked and opened into a folder beside the data folder, not yet in place. */
export interface StagedBackup {
  /** The staging folder (same parent as the data folder, so moving out of it is a rename). */
  staging: string;
  verified: BackupVerified;
  sealed: StagingSink['sealed'];
  /** Plaintext bytes of the backup (entries and manifest), for the last progress report. */
  plaintextBytes: number;
  /** Removes the staging folder (after a failure, or what is left of it after the swap). */
  discard(): Promise<void>;
}

export interface StageOptions extends Omit<RestoreOptions, 'now'> {
  /** Runs after the passphrase and versions are checked, before anything is written (the CLI takes the folder lock here). */
  beforeWrite?: () => Promise<void>;
}

/**
 * Steps 1 and 3 of a restore: checks the file, decrypts every entry into a
 * staging folder, compares the manifest, and opens (and migrates) the staged
 * database, recording this backup as its last. The data folder is not touched;
 * on any failure or cancel the staging folder is removed.
 */
export async function stageBackup(options: StageOptions): Promise<StagedBackup> {
  const dataDir = path.resolve(options.dataDir);
  const parent = path.dirname(dataDir);
  const file = path.resolve(options.file);
  if (parent === dataDir) throw new BerkasError('BACKUP_TARGET_IS_ROOT', `Folder data tidak boleh akar disk (${dataDir}). Tidak ada yang diubah.`, { dir: dataDir });
  if (isInside(dataDir, file)) {
    throw new BerkasError('BACKUP_FILE_INSIDE_TARGET', `Berkas cadangan ${file} berada di dalam folder data yang akan diganti. Pindahkan ke luar folder itu lebih dahulu. Tidak ada yang diubah.`, {
      file,
    });
  }
  const opened = await openBackupFile(file, options.passphrase, options.supported);
  let staging: string | null = null;
  let sink: StagingSink | null = null;
  try {
    await options.beforeWrite?.();
    try {
      await fs.mkdir(parent, { recursive: true });
      staging = await fs.mkdtemp(path.join(parent, `.${path.basename(dataDir)}.pulih-`));
    } catch (err) {
      throw describeFsError(err, parent);
    }
    sink = new StagingSink(staging);
    const summary = await opened.readAll(sink, { ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    options.onProgress?.({ phase: 'finishing', bytesDone: opened.header.plaintextBytes, bytesTotal: opened.header.plaintextBytes, entriesDone: summary.entryCount, entriesTotal: summary.entryCount });
    await sink.syncFolders();
    await prepareDatabase(staging, file, opened.header.createdAt, opened.fileBytes);
    if (options.signal?.aborted) throw backupErrors.cancelled('restore');
    const h = opened.header;
    const done = staging;
    staging = null;
    return {
      staging: done,
      verified: verifiedOf(opened, summary),
      sealed: { ...sink.sealed },
      plaintextBytes: h.plaintextBytes,
      discard: () => fs.rm(done, { recursive: true, force: true }).catch(() => undefined),
    };
  } finally {
    await sink?.abort();
    await opened.close();
    if (staging) await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

export async function restoreBackup(options: RestoreOptions): Promise<BackupRestored> {
  const dataDir = path.resolve(options.dataDir);
  const now = options.now ?? (() => new Date());
  let lock: DirLock | null = null;
  let staged: StagedBackup | null = null;
  try {
    staged = await stageBackup({
      ...options,
      beforeWrite: async () => {
        if ((await listOrNull(dataDir)) !== null) lock = await lockTarget(dataDir);
      },
    });
    // The last moment a cancel leaves the data folder as it was.
    if (options.signal?.aborted) throw backupErrors.cancelled('restore');
    const previous = await swapIn(dataDir, staged.staging, now());
    const { verified, sealed, plaintextBytes: total } = staged;
    staged = null;
    options.onProgress?.({ phase: 'done', bytesDone: total, bytesTotal: total, entriesDone: verified.entryCount, entriesTotal: verified.entryCount });
    return { ...verified, dataDir, previousDataDir: previous, notices: restoreNotices(dataDir, previous, sealed) };
  } finally {
    await staged?.discard();
    const held = lock as DirLock | null;
    if (held) await held.release().catch(() => undefined);
  }
}

/**
 * Puts back the workspace the newest restore moved aside; the restored one is
 * moved aside in turn ("<dataDir>.hasil-pulih-<stamp>"), so nothing is lost.
 */
export async function undoRestore(options: { dataDir: string; now?: () => Date }): Promise<RestoreUndone> {
  const dataDir = path.resolve(options.dataDir);
  const restoredFrom = await newestBeforeRestore(dataDir);
  if (!restoredFrom) {
    throw new BerkasError(
      'BACKUP_NOTHING_TO_UNDO',
      `Tidak ada ruang kerja yang disisihkan oleh pemulihan di ${path.dirname(dataDir)} (folder ${path.basename(dataDir)}${BEFORE_RESTORE_SUFFIX}…). Tidak ada yang diubah.`,
      { dataDir },
    );
  }
  const now = options.now ?? (() => new Date());
  let lock: DirLock | null = null;
  try {
    let movedAside: string | null = null;
    if ((await listOrNull(dataDir)) !== null) {
      lock = await lockTarget(dataDir);
      movedAside = await freeName(`${dataDir}${UNDONE_RESTORE_SUFFIX}${folderStamp(now())}`);
      try {
        await fs.rename(dataDir, movedAside);
      } catch (err) {
        throw describeFsError(err, dataDir);
      }
      await removeOwnLock(movedAside);
    }
    try {
      await fs.rename(restoredFrom, dataDir);
      await fsyncDir(path.dirname(dataDir));
    } catch (err) {
      if (movedAside) await fs.rename(movedAside, dataDir).catch(() => undefined);
      throw describeFsError(err, dataDir);
    }
    return { dataDir, restoredFrom, movedAside };
  } finally {
    if (lock) await lock.release().catch(() => undefined);
  }
}
