/**
 * Restore and undo for the running app (issue 8, from the Pengaturan screen).
 *
 * The CLI restore renames the whole data folder. The running app cannot: in
 * Electron the data folder is also the browser profile (caches, local
 * storage), open while the window lives. So here only the entries that make
 * up a Berkas workspace change places, each by a rename within one parent
 * folder: the current ones move into "<dataDir>.sebelum-pulih-<stamp>" (kept,
 * so the restore can be undone), then the staged ones into the data folder.
 * The caller has closed the workspace (database, senders) and holds the
 * folder lock while this runs. A failure part-way moves everything back.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerkasError } from '../../domain/errors';
import { BEFORE_RESTORE_SUFFIX, UNDONE_RESTORE_SUFFIX, folderStamp } from '../../domain/backup/format';
import { describeFsError, freeName, fsyncDir, pathExists } from '../fs-atomic';

/** Suffix of a restored workspace that would not open and was replaced by the previous one again. */
export const FAILED_RESTORE_SUFFIX = '.gagal-pulih-';

/** What of a data folder belongs to the workspace (everything a backup holds, plus the journal). The lock stays. */
export const WORKSPACE_ENTRIES = ['berkas.db', 'berkas.journal', 'settings.json', 'blobs', 'vault', 'outbox', 'trust-roots'] as const;

export interface Exchange {
  /** The new folder holding what was in the data folder before (null: the data folder held no workspace). */
  aside: string | null;
  movedIn: number;
}

/**
 * Moves the workspace entries of `dataDir` into a new folder named from
 * `asideBase`, then those of `incoming` into `dataDir`. All or nothing: a
 * rename that fails undoes the ones before it, newest first.
 */
export async function exchangeWorkspaceEntries(
  dataDir: string,
  incoming: string,
  asideBase: string,
  move: (from: string, to: string) => Promise<void> = fs.rename,
): Promise<Exchange> {
  const done: { from: string; to: string }[] = [];
  let aside: string | null = null;
  const rollBack = async () => {
    for (const step of done.reverse()) await move(step.to, step.from).catch(() => undefined);
    if (aside) await fs.rmdir(aside).catch(() => undefined);
  };
  try {
    const current = [];
    for (const name of WORKSPACE_ENTRIES) if (await pathExists(path.join(dataDir, name))) current.push(name);
    if (current.length > 0) {
      aside = await freeName(asideBase);
      await fs.mkdir(aside, { mode: 0o700 });
      for (const name of current) {
        const step = { from: path.join(dataDir, name), to: path.join(aside, name) };
        await move(step.from, step.to);
        done.push(step);
      }
    }
    let movedIn = 0;
    for (const name of WORKSPACE_ENTRIES) {
      const from = path.join(incoming, name);
      if (!(await pathExists(from))) continue;
      const step = { from, to: path.join(dataDir, name) };
      await move(step.from, step.to);
      done.push(step);
      movedIn++;
    }
    await fsyncDir(dataDir);
    if (aside) await fsyncDir(aside);
    return { aside, movedIn };
  } catch (err) {
    await rollBack();
    const code = (err as NodeJS.ErrnoException).code;
    if (code) {
      throw new BerkasError(
        'BACKUP_SWAP_FAILED',
        `Isi folder data ${dataDir} tidak dapat ditukar (${code}); mungkin ada program lain yang membuka berkas di dalamnya. Semua dikembalikan seperti semula.`,
        { dataDir },
      );
    }
    throw err;
  }
}

/** The folder the newest restore moved the workspace into, if any is left ("<dataDir>.sebelum-pulih-…"). */
export async function newestBeforeRestore(dataDir: string): Promise<string | null> {
  const parent = path.dirname(dataDir);
  const prefix = `${path.basename(dataDir)}${BEFORE_RESTORE_SUFFIX}`;
  let names: string[];
  try {
    names = await fs.readdir(parent);
  } catch (err) {
    throw describeFsError(err, parent);
  }
  // The stamp sorts by time; a "-2" suffix (two restores in one second) sorts after its base.
  const newest = names.filter((n) => n.startsWith(prefix)).sort().at(-1);
  return newest ? path.join(parent, newest) : null;
}

/** Puts a staged restore in place; the current workspace goes to "<dataDir>.sebelum-pulih-<stamp>". */
export function swapInStaged(dataDir: string, staging: string, now: Date): Promise<Exchange> {
  return exchangeWorkspaceEntries(dataDir, staging, `${dataDir}${BEFORE_RESTORE_SUFFIX}${folderStamp(now)}`);
}

export interface InPlaceUndo {
  /** The folder whose workspace was put back. */
  restoredFrom: string;
  /** Where the restored workspace that was undone now is. */
  movedAside: string | null;
}

/** Puts back the workspace the newest restore moved aside; the restored one goes to "<dataDir>.hasil-pulih-<stamp>". */
export async function undoInPlace(dataDir: string, now: Date): Promise<InPlaceUndo> {
  const restoredFrom = await newestBeforeRestore(dataDir);
  if (!restoredFrom) {
    throw new BerkasError('BACKUP_NOTHING_TO_UNDO', `Tidak ada ruang kerja yang disisihkan oleh pemulihan di samping ${dataDir}. Tidak ada yang diubah.`, { dataDir });
  }
  const { aside } = await exchangeWorkspaceEntries(dataDir, restoredFrom, `${dataDir}${UNDONE_RESTORE_SUFFIX}${folderStamp(now)}`);
  // Emptied by the exchange; a folder that still holds something (a file put there by hand) is left as it is.
  await fs.rmdir(restoredFrom).catch(() => undefined);
  return { restoredFrom, movedAside: aside };
}

/**
 * After an exchange whose result would not open: moves the workspace in
 * `from` back into the data folder, and the one that failed into
 * "<dataDir>.gagal-pulih-<stamp>" (kept for inspection, never offered as an undo).
 */
export async function putBack(dataDir: string, from: string, now: Date): Promise<void> {
  await exchangeWorkspaceEntries(dataDir, from, `${dataDir}${FAILED_RESTORE_SUFFIX}${folderStamp(now)}`);
  await fs.rmdir(from).catch(() => undefined);
}
