import { randomUUID } from 'node:crypto';
import { channels, type Channel } from '../api/channels';
import type { Handlers } from '../api/contract';
import { BerkasError, isBerkasError, type ErrorPayload } from '../domain/errors';
import type { BackupProgress, RestoreJob, RestoreUndone } from '../domain/backup/types';
import { restoreNotices, stageBackup, type StagedBackup } from '../adapters/backup/backup-restore';
import { newestBeforeRestore, putBack, swapInStaged, undoInPlace } from '../adapters/backup/in-place-restore';
import { acquireDirLock } from '../adapters/store-lock';
import { supportedVersions } from '../adapters/backup/archiver';
import { createHandlers, restoreChannels, type RestoreChannel, type RestoreHandlers } from './handlers';
import { createServices } from './services';
import type { Workspace } from './workspace';

/**
 * The workspace of a running app (Electron, `berkas ui`), which a restore can
 * replace without a restart. Transports bind `handlers` once; each call goes
 * to the handlers of the workspace open at that moment. A swap (restore or
 * undo) lets the calls in flight finish, holds new ones back, closes the
 * workspace (senders stop, the database is flushed, the folder lock is
 * released), exchanges the workspace's files, opens it again and lets the
 * waiting calls through. If the exchanged workspace cannot be opened, the
 * exchange is undone and the previous workspace opened again.
 */
export interface WorkspaceHost {
  readonly handlers: Handlers;
  current(): Workspace;
  close(): Promise<void>;
}

const KEPT_FINISHED_JOBS = 10;

/** Lets calls run together, or one exclusive task alone once the calls before it have finished. */
function createGate() {
  let inFlight = 0;
  let exclusive: Promise<void> | null = null;
  let onDrained: (() => void) | null = null;
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      while (exclusive) await exclusive;
      inFlight++;
      try {
        return await fn();
      } finally {
        inFlight--;
        if (inFlight === 0) onDrained?.();
      }
    },
    async alone<T>(fn: () => Promise<T>): Promise<T> {
      while (exclusive) await exclusive;
      let release = () => {};
      exclusive = new Promise<void>((resolve) => (release = resolve));
      try {
        if (inFlight > 0) await new Promise<void>((resolve) => (onDrained = resolve));
        onDrained = null;
        return await fn();
      } finally {
        exclusive = null;
        release();
      }
    },
  };
}

function errorPayload(err: unknown, fallback: string): ErrorPayload {
  if (isBerkasError(err)) return err.toPayload();
  return { code: 'BACKUP_RESTORE_FAILED', message: `${fallback}: ${err instanceof Error ? err.message : String(err)}` };
}

export async function openWorkspaceHost(open: () => Promise<Workspace>): Promise<WorkspaceHost> {
  let ws = await open();
  const gate = createGate();
  const jobs = new Map<string, { job: RestoreJob; controller: AbortController }>();
  let runningJobId: string | null = null;
  let isClosed = false;
  let isUndoing = false;

  /** Closes the workspace, runs `exchange` on its folder, opens it again; on failure, `revert` and open the old one. */
  async function swap<T>(exchange: () => Promise<T>, revert: (done: T) => Promise<void>, notices: (done: T) => string[]): Promise<T> {
    return gate.alone(async () => {
      if (isClosed) throw new BerkasError('APP_CLOSING', 'Berkas sedang ditutup; pemulihan tidak dijalankan.');
      const dataDir = ws.dataDir;
      await ws.close();
      let done: T;
      try {
        // Held across the exchange, so no other Berkas opens the folder half-exchanged.
        const lock = await acquireDirLock(dataDir);
        try {
          done = await exchange();
        } finally {
          await lock.release();
        }
      } catch (err) {
        ws = await open();
        inner = build(ws);
        throw err;
      }
      try {
        ws = await open();
      } catch (err) {
        await revert(done);
        ws = await open();
        inner = build(ws);
        throw new BerkasError('BACKUP_RESTORE_FAILED', `Ruang kerja hasil pemulihan tidak dapat dibuka (${err instanceof Error ? err.message : String(err)}); ruang kerja sebelumnya dipakai kembali.`, {
          cause: isBerkasError(err) ? err.toPayload() : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) },
        });
      }
      ws.notices.push(...notices(done).map((message) => ({ code: 'BACKUP_RESTORED', message })));
      inner = build(ws);
      return done;
    });
  }

  function forgetOldJobs(): void {
    const ended = [...jobs.values()].filter((r) => r.job.state !== 'running');
    for (const r of ended.slice(0, Math.max(0, ended.length - KEPT_FINISHED_JOBS))) jobs.delete(r.job.jobId);
  }

  async function runRestore(record: { job: RestoreJob; controller: AbortController }, passphrase: string): Promise<void> {
    const { job, controller } = record;
    let staged: StagedBackup | null = null;
    let outcome: RestoreJob['state'] = 'failed';
    try {
      const dataDir = ws.dataDir;
      staged = await stageBackup({
        file: job.path,
        dataDir,
        passphrase,
        supported: supportedVersions(ws.appVersion),
        signal: controller.signal,
        onProgress: (p: BackupProgress) => {
          job.progress = p;
        },
      });
      if (controller.signal.aborted) throw new BerkasError('BACKUP_CANCELLED', 'Pemulihan dibatalkan; ruang kerja tidak diubah.');
      job.phase = 'swapping';
      const { staging, verified, sealed } = staged;
      let notices: string[] = [];
      const undoHint = 'Untuk membatalkannya, pilih "Batalkan pemulihan" di Pengaturan › Cadangan.';
      const exchange = await swap(
        () => swapInStaged(dataDir, staging, ws.clock.now()),
        async (done) => {
          // Put the previous workspace back in place of the one that would not open.
          if (done.aside) await putBack(dataDir, done.aside, ws.clock.now()).catch(() => undefined);
        },
        (done) => (notices = restoreNotices(dataDir, done.aside, sealed, undoHint)),
      );
      job.result = { ...verified, dataDir, previousDataDir: exchange.aside, notices };
      outcome = 'done';
      job.progress = { ...job.progress, phase: 'done', bytesDone: job.progress.bytesTotal, entriesDone: job.progress.entriesTotal };
    } catch (err) {
      const isCancel = controller.signal.aborted && job.phase === 'staging';
      outcome = isCancel ? 'cancelled' : 'failed';
      job.error = isCancel
        ? { code: 'BACKUP_CANCELLED', message: 'Pemulihan dibatalkan; ruang kerja tidak diubah.' }
        : errorPayload(err, 'Pemulihan gagal');
    } finally {
      await staged?.discard();
      // The job ends in one step, after its staging is gone: a poll never sees it done but still cleaning up.
      job.state = outcome;
      job.phase = 'ended';
      job.finishedAt = new Date().toISOString();
      runningJobId = null;
      forgetOldJobs();
    }
  }

  function jobOf(jobId: string) {
    const record = jobs.get(jobId);
    if (!record) throw new BerkasError('BACKUP_JOB_UNKNOWN', `Pekerjaan pemulihan ${jobId.slice(0, 64)} tidak dikenal (mungkin aplikasi sudah dimulai ulang).`, { jobId: jobId.slice(0, 64) });
    return record;
  }
  const snapshot = (job: RestoreJob): RestoreJob => structuredClone(job);

  const restore: RestoreHandlers = {
    backupRestoreState: async () => ({ runningJobId, undoFolder: await newestBeforeRestore(ws.dataDir) }),
    backupRestoreStart: async ({ path: file, passphrase }) => {
      if (runningJobId) throw new BerkasError('BACKUP_BUSY', 'Pemulihan lain sedang berjalan; tunggu sampai selesai atau batalkan lebih dahulu.', { jobId: runningJobId });
      // Through the gate: an undo exchanging the workspace right now is waited for, not read half-closed.
      const backup = await gate.run(() => inner.backupStatus({}));
      if (backup.runningJobId) throw new BerkasError('BACKUP_BUSY', 'Pencadangan sedang berjalan; tunggu sampai selesai atau batalkan sebelum memulihkan.', { jobId: backup.runningJobId });
      const jobId = randomUUID();
      const record = {
        job: {
          jobId,
          state: 'running',
          phase: 'staging',
          path: file,
          startedAt: new Date().toISOString(),
          finishedAt: null,
          progress: { phase: 'key', bytesDone: 0, bytesTotal: 0, entriesDone: 0, entriesTotal: 0 },
          result: null,
          error: null,
        } satisfies RestoreJob as RestoreJob,
        controller: new AbortController(),
      };
      jobs.set(jobId, record);
      runningJobId = jobId;
      void runRestore(record, passphrase);
      return { jobId };
    },
    backupRestoreStatus: async ({ jobId }) => snapshot(jobOf(jobId).job),
    backupRestoreCancel: async ({ jobId }) => {
      const record = jobOf(jobId);
      if (record.job.state === 'running' && record.job.phase === 'staging') record.controller.abort();
      return snapshot(record.job);
    },
    backupUndoRestore: async () => {
      if (runningJobId) throw new BerkasError('BACKUP_BUSY', 'Pemulihan sedang berjalan; tunggu sampai selesai.', { jobId: runningJobId });
      // A second click while the first undo runs would undo the restore before it as well.
      if (isUndoing) throw new BerkasError('BACKUP_BUSY', 'Pembatalan pemulihan sedang berjalan; tunggu sampai selesai.');
      isUndoing = true;
      try {
        return await undoNewest();
      } finally {
        isUndoing = false;
      }
    },
  };

  /** Puts back the workspace the newest restore moved aside. */
  async function undoNewest(): Promise<RestoreUndone> {
    const dataDir = ws.dataDir;
    const undone = await swap(
      () => undoInPlace(dataDir, ws.clock.now()),
      async (done) => {
        if (done.movedAside) await putBack(dataDir, done.movedAside, ws.clock.now()).catch(() => undefined);
      },
      (done) => [`Pemulihan dibatalkan: ruang kerja sebelum pemulihan dipakai kembali. Ruang kerja hasil pemulihan disimpan di ${done.movedAside ?? '-'}.`],
    );
    return { dataDir, restoredFrom: undone.restoredFrom, movedAside: undone.movedAside };
  }


  const build = (w: Workspace) => createHandlers(createServices(w), restore);
  let inner = build(ws);
  const restoreSet = new Set<Channel>(restoreChannels);
  const handlers = Object.fromEntries(
    channels.map((channel) => [
      channel,
      // Restore verbs answer from the host (they must not wait for their own swap); the rest wait for a swap to end.
      restoreSet.has(channel)
        ? (request: unknown) => (restore[channel as RestoreChannel] as (r: unknown) => Promise<unknown>)(request)
        : (request: unknown) => gate.run(() => (inner[channel] as (r: unknown) => Promise<unknown>)(request)),
    ]),
  ) as unknown as Handlers;

  return {
    handlers,
    current: () => ws,
    close: async () => {
      isClosed = true;
      for (const record of jobs.values()) if (record.job.phase === 'staging') record.controller.abort();
      await gate.alone(() => ws.close());
    },
  };
}
