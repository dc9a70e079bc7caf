/**
 * Backups of the running workspace (issue 8): the reminder state, and backup
 * jobs that run while the app keeps working. A job takes a snapshot of the
 * committed database (Database.exportSnapshot waits for a write in flight),
 * reads the settings, and hands both to the archiver, which adds the
 * attachment store, the sealed secrets and the outbox. The caller polls the
 * job (progress) and may cancel it; a failed or cancelled job leaves no file.
 *
 * The passphrase lives only in the running job's closure: never in the job
 * record a poll returns, never in the database, never in a log.
 *
 * Restore is not here: it replaces the workspace this service belongs to, so
 * it runs above it (core/app/workspace-host.ts in the app, CLI `backup restore`).
 */
import type { BackupArchiver, Clock, Database, SettingsStore } from '../ports';
import { BerkasError, isBerkasError, type ErrorPayload } from '../domain/errors';
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH, passphraseProblem } from '../domain/backup/format';
import { DEFAULT_INTERVAL_DAYS, intervalProblem, isBackupDue, MAX_INTERVAL_DAYS, MIN_INTERVAL_DAYS, nextDueAt } from '../domain/backup/reminder';
import type { BackupCreated, BackupJob, BackupProgress, BackupStatus, BackupVerified } from '../domain/backup/types';
import type { Settings } from '../domain/settings/settings';

export interface BackupServiceDeps {
  db: Database;
  settings: SettingsStore;
  archiver: BackupArchiver;
  clock: Clock;
  newId: () => string;
  /** A path to offer for a new backup (the officer's home folder, dated file name). */
  suggestOutPath: (now: Date) => string;
}

export interface StartBackupInput {
  outPath: string;
  passphrase: string;
  isOverwriteAllowed?: boolean;
}

interface JobRecord {
  job: BackupJob;
  controller: AbortController;
  finished: Promise<void>;
}

/** Finished jobs kept for polling; older ones are forgotten. */
const KEPT_FINISHED_JOBS = 20;

interface StateRow {
  interval_days: number;
  last_backup_at: string | null;
  last_backup_path: string | null;
  last_backup_bytes: number | null;
  [column: string]: number | string | null;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createBackupService(deps: BackupServiceDeps) {
  const { db, clock } = deps;
  const jobs = new Map<string, JobRecord>();
  let runningJobId: string | null = null;

  function readState(): StateRow {
    const row = db.query<StateRow>('SELECT interval_days, last_backup_at, last_backup_path, last_backup_bytes FROM backup_state WHERE id = 1')[0];
    return row ?? { interval_days: DEFAULT_INTERVAL_DAYS, last_backup_at: null, last_backup_path: null, last_backup_bytes: null };
  }

  function status(): BackupStatus {
    const state = readState();
    const now = clock.now();
    const isDue = isBackupDue(state.last_backup_at, state.interval_days, now);
    const due = nextDueAt(state.last_backup_at, state.interval_days);
    return {
      lastBackupAt: state.last_backup_at,
      lastBackupPath: state.last_backup_path,
      lastBackupBytes: state.last_backup_bytes,
      intervalDays: state.interval_days,
      isDue,
      nextDueAt: isDue || due === null ? null : due.toISOString(),
      suggestedPath: deps.suggestOutPath(now),
      runningJobId,
    };
  }

  function snapshotOf(record: JobRecord): BackupJob {
    const { job } = record;
    return { ...job, progress: { ...job.progress }, result: job.result ? { ...job.result } : null, error: job.error ? { ...job.error } : null };
  }

  function recordOf(jobId: string): JobRecord {
    const record = jobs.get(jobId);
    if (!record) throw new BerkasError('BACKUP_JOB_UNKNOWN', `Pekerjaan pencadangan ${jobId.slice(0, 64)} tidak dikenal (mungkin aplikasi sudah dimulai ulang).`, { jobId: jobId.slice(0, 64) });
    return record;
  }

  function forgetOldJobs(): void {
    const finished = [...jobs.values()].filter((r) => r.job.state !== 'running');
    for (const r of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED_JOBS))) jobs.delete(r.job.jobId);
  }

  async function loadSettings(warnings: string[]): Promise<Settings | null> {
    try {
      return await deps.settings.load();
    } catch (err) {
      // A damaged settings file must not stop the database and attachments from being saved.
      warnings.push(`Pengaturan tidak ikut dicadangkan: ${errorText(err)}`);
      return null;
    }
  }

  async function run(record: JobRecord, input: StartBackupInput): Promise<void> {
    const { job, controller } = record;
    const signal = controller.signal;
    const cancelled = () => new BerkasError('BACKUP_CANCELLED', 'Pencadangan dibatalkan; tidak ada berkas cadangan yang ditulis.');
    try {
      const createdAt = clock.now();
      const snapshot = await db.exportSnapshot();
      const warnings: string[] = [];
      const settings = await loadSettings(warnings);
      if (signal.aborted) throw cancelled();
      const created: BackupCreated = await deps.archiver.create(
        {
          outPath: input.outPath,
          passphrase: input.passphrase,
          isOverwriteAllowed: input.isOverwriteAllowed === true,
          snapshot,
          settings,
          schemaVersion: db.schemaVersion(),
          createdAt,
        },
        {
          signal,
          onProgress: (p: BackupProgress) => {
            job.progress = p;
          },
        },
      );
      try {
        await db.write([
          {
            sql: 'UPDATE backup_state SET last_backup_at = ?, last_backup_path = ?, last_backup_bytes = ? WHERE id = 1',
            params: [created.createdAt, created.path, created.fileBytes],
          },
        ]);
      } catch (err) {
        warnings.push(`Berkas cadangan sudah tersimpan, tetapi waktunya tidak tercatat sehingga pengingat tetap muncul: ${errorText(err)}`);
      }
      job.result = { ...created, warnings: [...warnings, ...created.warnings] };
      job.state = 'done';
    } catch (err) {
      const isCancel = signal.aborted || (isBerkasError(err) && err.code === 'BACKUP_CANCELLED');
      const payload: ErrorPayload = isCancel
        ? cancelled().toPayload()
        : isBerkasError(err)
          ? err.toPayload()
          : { code: 'BACKUP_FAILED', message: `Pencadangan gagal: ${errorText(err)}. Tidak ada berkas cadangan yang ditulis.` };
      job.state = isCancel ? 'cancelled' : 'failed';
      job.error = payload;
    } finally {
      job.finishedAt = clock.now().toISOString();
      runningJobId = null;
      forgetOldJobs();
    }
  }

  return {
    status,

    async setInterval(intervalDays: number): Promise<BackupStatus> {
      const problem = intervalProblem(intervalDays);
      if (problem) throw new BerkasError('BACKUP_INTERVAL_INVALID', problem, { field: 'intervalDays', min: MIN_INTERVAL_DAYS, max: MAX_INTERVAL_DAYS, days: intervalDays });
      await db.write([{ sql: 'UPDATE backup_state SET interval_days = ? WHERE id = 1', params: [intervalDays] }]);
      return status();
    },

    /** Starts a backup and returns at once; poll jobStatus. One at a time. */
    start(input: StartBackupInput): { jobId: string } {
      if (runningJobId !== null) {
        throw new BerkasError('BACKUP_BUSY', 'Pencadangan lain sedang berjalan; tunggu sampai selesai atau batalkan lebih dahulu.', { jobId: runningJobId });
      }
      const weak = passphraseProblem(input.passphrase);
      if (weak) throw new BerkasError('BACKUP_PASSPHRASE_WEAK', weak, { field: 'passphrase', minLength: MIN_PASSPHRASE_LENGTH, maxLength: MAX_PASSPHRASE_LENGTH });
      const jobId = deps.newId();
      const progress: BackupProgress = { phase: 'snapshot', bytesDone: 0, bytesTotal: 0, entriesDone: 0, entriesTotal: 0 };
      const record: JobRecord = {
        job: { jobId, state: 'running', outPath: input.outPath, startedAt: clock.now().toISOString(), finishedAt: null, progress, result: null, error: null },
        controller: new AbortController(),
        finished: Promise.resolve(),
      };
      jobs.set(jobId, record);
      runningJobId = jobId;
      record.finished = run(record, input);
      return { jobId };
    },

    jobStatus(jobId: string): BackupJob {
      return snapshotOf(recordOf(jobId));
    },

    /** Asks the job to stop; it ends as 'cancelled' (no file) unless it had already finished. */
    cancel(jobId: string): BackupJob {
      const record = recordOf(jobId);
      if (record.job.state === 'running') record.controller.abort();
      return snapshotOf(record);
    },

    /** For in-process callers (CLI, tests): resolves when the job has ended. */
    async waitFor(jobId: string): Promise<BackupJob> {
      const record = recordOf(jobId);
      await record.finished;
      return snapshotOf(record);
    },

    verify(path: string, passphrase: string): Promise<BackupVerified> {
      return deps.archiver.verify(path, passphrase, {});
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
