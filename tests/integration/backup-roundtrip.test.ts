/**
 * Issue 8 item 5: a backup made through the contract while the workspace
 * keeps working, restored into an empty data folder, gives the same
 * database rows, the same attachments byte for byte, the same settings.
 * Real scrypt cost, real sql.js store, real files.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { inProcessClient } from '../../core/app/in-process';
import { createServices } from '../../core/app/services';
import { restoreBackup } from '../../core/adapters/backup/backup-restore';
import { supportedVersions } from '../../core/adapters/backup/archiver';
import type { BerkasApi } from '../../core/api/contract';
import type { BackupJob } from '../../core/domain/backup/types';
import packageJson from '../../package.json';

const settings = {
  opd: { name: 'Dinas Komunikasi dan Informatika', code: 'DISKOMINFO', profileId: 'pontianak' },
  officer: { name: 'Siti Rahmawati', nip: '198507172010011003', jabatan: 'Pranata Komputer', pangkatGolongan: 'Penata, III/c' },
  serverUrl: '',
  language: 'id' as const,
};
const passphrase = 'pustaka-kecamatan-2021';

let root: string;
const open: Workspace[] = [];
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-backup-int-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((ws) => ws.close()));
  await fs.rm(root, { recursive: true, force: true });
});

async function workspace(dataDir: string): Promise<{ ws: Workspace; api: BerkasApi }> {
  const ws = await openWorkspace({ dataDir, transport: 'in-process' });
  open.push(ws);
  return { ws, api: inProcessClient(createServices(ws)) };
}

async function close(ws: Workspace): Promise<void> {
  open.splice(open.indexOf(ws), 1);
  await ws.close();
}

async function finished(api: BerkasApi, jobId: string): Promise<BackupJob> {
  for (;;) {
    const job = await api.backupJobStatus({ jobId });
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every row of every table, by table: the database as data, independent of page layout. */
function dump(ws: Workspace): Record<string, unknown[]> {
  const tables = ws.db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  return Object.fromEntries(tables.map(({ name }) => [name, ws.db.query(`SELECT * FROM "${name}" ORDER BY rowid`)]));
}

async function blobTree(dataDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const blobs = path.join(dataDir, 'blobs');
  for (const fan of await fs.readdir(blobs)) {
    for (const name of await fs.readdir(path.join(blobs, fan))) {
      out[`${fan}/${name}`] = createHash('sha256').update(await fs.readFile(path.join(blobs, fan, name))).digest('hex');
    }
  }
  return out;
}

function documentRow(id: string) {
  return {
    sql: 'INSERT INTO documents (id, kind, title, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    params: [id, 'laporan', `Laporan ${id}`, JSON.stringify({ isi: 'x'.repeat(500), id }), '2021-06-17T03:00:00Z', '2021-06-17T03:00:00Z'],
  };
}

describe('backup and restore through the contract', () => {
  it('restores byte-identical data, attachments and settings into an empty data folder', async () => {
    const source = path.join(root, 'kantor');
    const { ws, api } = await workspace(source);
    await api.saveSettings(settings);
    await ws.db.write(Array.from({ length: 50 }, (_, i) => documentRow(`d${i}`)));
    for (let i = 0; i < 20; i++) await ws.blobs.put(randomBytes(10_000 + i * 997));
    await ws.blobs.put(Buffer.alloc(3 * 1024 * 1024, 0x5a)); // spans several 1 MiB chunks
    await fs.mkdir(path.join(source, 'outbox', '01J2ABC'), { recursive: true });
    await fs.writeFile(path.join(source, 'outbox', '01J2ABC', 'paket.zip'), randomBytes(2048));

    expect((await api.backupStatus({})).isDue).toBe(true);
    const flashdisk = path.join(root, 'flashdisk');
    await fs.mkdir(flashdisk);
    const outPath = path.join(flashdisk, 'cadangan.berkas-backup');
    const { jobId } = await api.backupCreate({ outPath, passphrase });
    const job = await finished(api, jobId);
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    expect(job.result?.contents).toMatchObject({ hasDatabase: true, hasSettings: true, blobCount: 21, outboxFileCount: 1 });
    const status = await api.backupStatus({});
    expect(status).toMatchObject({ isDue: false, lastBackupPath: outPath, intervalDays: 7 });

    const verified = await api.backupVerify({ path: outPath, passphrase });
    expect(verified.entryCount).toBe(job.result?.entryCount);
    await expect(api.backupVerify({ path: outPath, passphrase: 'bukan-frasa-sandinya' })).rejects.toMatchObject({ code: 'BACKUP_WRONG_PASSPHRASE' });

    // What the original holds at the moment of the snapshot, minus the backup's own bookkeeping written afterwards.
    const expected = dump(ws);
    const expectedBlobs = await blobTree(source);
    await close(ws);

    const target = path.join(root, 'komputer-baru', 'Berkas');
    const restored = await restoreBackup({ file: outPath, dataDir: target, passphrase, supported: supportedVersions(packageJson.version) });
    expect(restored.previousDataDir).toBeNull();
    const { ws: again, api: againApi } = await workspace(target);
    const actual = dump(again);
    // The restored workspace records the backup it came from as its last one (the snapshot predates that record).
    expect(actual.backup_state).toEqual([{ ...(expected.backup_state?.[0] as object), last_backup_at: job.result?.createdAt, last_backup_path: outPath, last_backup_bytes: job.result?.fileBytes }]);
    expect((await againApi.backupStatus({})).isDue).toBe(false);
    delete actual.backup_state;
    delete expected.backup_state;
    // The store's generation counter moves with every compaction (the restore opens the database once); the rest is data.
    const withoutGeneration = (rows: unknown[] | undefined) => (rows as { key: string }[]).filter((r) => r.key !== 'generation');
    expect(withoutGeneration(actual.berkas_meta)).toEqual(withoutGeneration(expected.berkas_meta));
    delete actual.berkas_meta;
    delete expected.berkas_meta;
    expect(Object.keys(actual).length).toBeGreaterThan(2);
    expect(actual).toEqual(expected);
    expect(await blobTree(target)).toEqual(expectedBlobs);
    expect(await againApi.getSettings({})).toEqual(settings);
    expect(await fs.readFile(path.join(target, 'outbox', '01J2ABC', 'paket.zip'))).toEqual(await fs.readFile(path.join(source, 'outbox', '01J2ABC', 'paket.zip')));
  });

  it('takes a consistent snapshot while the workspace keeps saving', async () => {
    const source = path.join(root, 'kantor');
    const { ws, api } = await workspace(source);
    await ws.db.write([documentRow('awal')]);
    const outPath = path.join(root, 'cadangan.berkas-backup');
    // Saves in flight when the backup starts, and more while it runs; each is one write of two rows that belong together.
    const saves: Promise<void>[] = [];
    const save = (i: number) => saves.push(ws.db.write([documentRow(`a${i}`), documentRow(`b${i}`)]));
    for (let i = 0; i < 15; i++) save(i);
    const { jobId } = await api.backupCreate({ outPath, passphrase });
    for (let i = 15; i < 30; i++) save(i);
    const job = await finished(api, jobId);
    await Promise.all(saves);
    expect(job.state).toBe('done');
    await close(ws);

    const target = path.join(root, 'pulih');
    await restoreBackup({ file: outPath, dataDir: target, passphrase, supported: supportedVersions(packageJson.version) });
    const { ws: again } = await workspace(target);
    const ids = again.db.query<{ id: string }>('SELECT id FROM documents').map((r) => r.id);
    expect(ids).toContain('awal');
    // Every save that was in flight when the snapshot was asked for is in it, whole...
    for (let i = 0; i < 15; i++) expect([ids.includes(`a${i}`), ids.includes(`b${i}`)]).toEqual([true, true]);
    // ...and never half of any save.
    for (let i = 0; i < 30; i++) expect(ids.includes(`a${i}`)).toBe(ids.includes(`b${i}`));
  });

  it('refuses to restore over a workspace that is open, and touches nothing', async () => {
    const source = path.join(root, 'kantor');
    const { ws, api } = await workspace(source);
    await ws.db.write([documentRow('d1')]);
    const outPath = path.join(root, 'cadangan.berkas-backup');
    expect((await finished(api, (await api.backupCreate({ outPath, passphrase })).jobId)).state).toBe('done');
    await expect(restoreBackup({ file: outPath, dataDir: source, passphrase, supported: supportedVersions(packageJson.version) })).rejects.toMatchObject({
      code: 'BACKUP_TARGET_IN_USE',
    });
    expect((await fs.readdir(root)).sort()).toEqual(['cadangan.berkas-backup', 'kantor']);
    expect(ws.db.query('SELECT id FROM documents')).toEqual([{ id: 'd1' }]);
  });

  it('a refused request says why in Indonesian (contract-level checks)', async () => {
    const { api } = await workspace(path.join(root, 'kantor'));
    await expect(api.backupCreate({ outPath: path.join(root, 'a.berkas-backup'), passphrase: 'pendek' })).rejects.toMatchObject({ code: 'BACKUP_PASSPHRASE_WEAK' });
    await expect(api.backupSetInterval({ intervalDays: 0 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(api.backupJobStatus({ jobId: '../../x' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect((await api.backupSetInterval({ intervalDays: 14 })).intervalDays).toBe(14);
  });
});
