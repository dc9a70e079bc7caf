import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createBackupService } from '../../../../core/services/backup-service';
import { createBackupArchiver } from '../../../../core/adapters/backup/archiver';
import { openDatabase } from '../../../../core/adapters/sqljs-database';
import { migrations } from '../../../../core/adapters/migrations';
import { createJsonSettingsStore } from '../../../../core/adapters/json-settings-store';
import { settingsSchema } from '../../../../core/api/contract-app';
import type { BackupArchiver, Database } from '../../../../core/ports';
import { cheapScrypt, errorOf, passphrase, removeTempDirs, supported, tempDir } from '../adapters/backup/helpers';
import { verifyBackupFile } from '../../../../core/adapters/backup/archiver';

const opened: Database[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
  await removeTempDirs();
});

async function setup(options: { archiver?: (real: BackupArchiver) => BackupArchiver } = {}) {
  const root = await tempDir();
  const dataDir = path.join(root, 'data');
  const out = path.join(root, 'flashdisk');
  await fs.mkdir(out);
  const { db } = await openDatabase({ dir: dataDir, migrations });
  opened.push(db);
  let now = new Date('2021-06-17T03:00:00Z');
  const real = createBackupArchiver({ dataDir, appVersion: '0.1.0', scrypt: cheapScrypt, chunkSize: 1024 });
  let n = 0;
  const settings = createJsonSettingsStore(dataDir, (v) => settingsSchema.parse(v));
  const service = createBackupService({
    db,
    settings,
    clock: { now: () => now },
    archiver: options.archiver ? options.archiver(real) : real,
    newId: () => `job-${++n}`,
    suggestOutPath: (d) => path.join('/home/siti', `berkas-cadangan-${d.getUTCFullYear()}.berkas-backup`),
  });
  return {
    service,
    db,
    dataDir,
    out,
    settings,
    advance(days: number) {
      now = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
    },
  };
}

describe('backup service', () => {
  it('starts due (never backed up) with a 7-day interval and a suggested path', async () => {
    const { service } = await setup();
    expect(service.status()).toEqual({
      lastBackupAt: null,
      lastBackupPath: null,
      lastBackupBytes: null,
      intervalDays: 7,
      isDue: true,
      nextDueAt: null,
      suggestedPath: '/home/siti/berkas-cadangan-2021.berkas-backup',
      runningJobId: null,
    });
  });

  it('runs a backup job, records it, and reminds again after the interval', async () => {
    const { service, out, advance, settings, db } = await setup();
    await settings.save({
      opd: { name: 'Dinas Pendidikan', code: 'DISDIK', profileId: 'jambi' },
      officer: { name: 'Siti', nip: '198507172010011003', jabatan: 'Kepala Seksi', pangkatGolongan: '' },
      serverUrl: '',
      language: 'id',
    });
    await db.write([{ sql: "INSERT INTO documents (id, kind, title, data, created_at, updated_at) VALUES ('d1', 'laporan', 'L', '{}', 'x', 'x')" }]);
    const outPath = path.join(out, 'a.berkas-backup');
    const { jobId } = service.start({ outPath, passphrase });
    expect(service.status().runningJobId).toBe(jobId);
    const job = await service.waitFor(jobId);
    expect(job).toMatchObject({ jobId, state: 'done', outPath, error: null, finishedAt: '2021-06-17T03:00:00.000Z' });
    expect(job.result).toMatchObject({ path: outPath, createdAt: '2021-06-17T03:00:00.000Z', warnings: [] });
    expect(job.result?.contents).toMatchObject({ hasDatabase: true, hasSettings: true });
    expect(job.progress.phase).toBe('done');
    // Nothing in the job record a poll returns carries the passphrase.
    expect(JSON.stringify(service.jobStatus(jobId))).not.toContain(passphrase);

    const status = service.status();
    expect(status).toMatchObject({ lastBackupAt: '2021-06-17T03:00:00.000Z', lastBackupPath: outPath, isDue: false, nextDueAt: '2021-06-24T03:00:00.000Z', runningJobId: null });
    expect(status.lastBackupBytes).toBe((await fs.stat(outPath)).size);
    const verified = await service.verify(outPath, passphrase);
    expect(verified.contents.hasSettings).toBe(true);

    advance(6);
    expect(service.status().isDue).toBe(false);
    advance(1);
    expect(service.status().isDue).toBe(true);
    const shorter = await service.setInterval(30);
    expect(shorter).toMatchObject({ intervalDays: 30, isDue: false });
  });

  it('refuses a weak passphrase and an invalid interval with Indonesian messages, before any job', async () => {
    const { service, out } = await setup();
    expect(() => service.start({ outPath: path.join(out, 'a.berkas-backup'), passphrase: 'pendek' })).toThrow(expect.objectContaining({ code: 'BACKUP_PASSPHRASE_WEAK' }));
    expect(service.status().runningJobId).toBeNull();
    expect((await errorOf(service.setInterval(0))).code).toBe('BACKUP_INTERVAL_INVALID');
    expect(service.status().intervalDays).toBe(7);
  });

  it('reports a failing job (bad target) with its reason and records nothing', async () => {
    const { service, dataDir } = await setup();
    const inside = await service.waitFor(service.start({ outPath: path.join(dataDir, 'a.berkas-backup'), passphrase }).jobId);
    expect(inside.state).toBe('failed');
    expect(inside.error?.code).toBe('BACKUP_OUT_PATH');
    expect(inside.error?.message).toContain('terpisah');
    const relative = await service.waitFor(service.start({ outPath: 'a.berkas-backup', passphrase }).jobId);
    expect(relative.error?.code).toBe('BACKUP_OUT_PATH');
    const wrongName = await service.waitFor(service.start({ outPath: '/tmp/a.zip', passphrase }).jobId);
    expect(wrongName.error?.message).toContain('.berkas-backup');
    expect(service.status().lastBackupAt).toBeNull();
  });

  it('runs one backup at a time, and a cancelled one leaves no file', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { service, out } = await setup({
      // Holds the job at the start of writing, where a cancel must still leave nothing.
      archiver: (real) => ({
        create: async (input, control) => {
          await gate;
          return real.create(input, control);
        },
        verify: real.verify,
      }),
    });
    const outPath = path.join(out, 'a.berkas-backup');
    const { jobId } = service.start({ outPath, passphrase });
    expect(() => service.start({ outPath: path.join(out, 'b.berkas-backup'), passphrase })).toThrow(expect.objectContaining({ code: 'BACKUP_BUSY' }));
    expect(service.cancel(jobId).state).toBe('running');
    release();
    const job = await service.waitFor(jobId);
    expect(job.state).toBe('cancelled');
    expect(job.error?.code).toBe('BACKUP_CANCELLED');
    expect(await fs.readdir(out)).toEqual([]);
    expect(service.status()).toMatchObject({ lastBackupAt: null, runningJobId: null });
    // The next one may start.
    const next = await service.waitFor(service.start({ outPath, passphrase }).jobId);
    expect(next.state).toBe('done');
    expect((await verifyBackupFile(outPath, passphrase, supported)).entryCount).toBeGreaterThan(0);
  });

  it('still backs up the data when the settings file is damaged, and says so', async () => {
    const { service, out, dataDir } = await setup();
    await fs.writeFile(path.join(dataDir, 'settings.json'), '{ rusak');
    const job = await service.waitFor(service.start({ outPath: path.join(out, 'a.berkas-backup'), passphrase }).jobId);
    expect(job.state).toBe('done');
    expect(job.result?.contents.hasSettings).toBe(false);
    expect(job.result?.warnings.join('\n')).toContain('Pengaturan tidak ikut dicadangkan');
  });

  it('names an unknown job', async () => {
    const { service } = await setup();
    expect(() => service.jobStatus('tidak-ada')).toThrow(expect.objectContaining({ code: 'BACKUP_JOB_UNKNOWN' }));
  });
});
