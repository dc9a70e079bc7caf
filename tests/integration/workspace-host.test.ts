/**
 * Issue 8, restore from the screens: the running app (its workspace host)
 * restores a backup over the workspace it has open, keeps the previous one
 * aside, and can undo; calls made meanwhile wait and then see the new data.
 * Real scrypt, real sql.js store, real files, through the dispatch every
 * transport uses.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { openWorkspaceHost, type WorkspaceHost } from '../../core/app/workspace-host';
import { createClient } from '../../core/api/client';
import { dispatch } from '../../core/api/dispatch';
import type { BerkasApi } from '../../core/api/contract';
import type { RestoreJob } from '../../core/domain/backup/types';
import { inProcessClient } from '../../core/app/in-process';
import { createServices } from '../../core/app/services';
import { WORKSPACE_ENTRIES } from '../../core/adapters/backup/in-place-restore';

const passphrase = 'pustaka-kecamatan-2021';
const settings = {
  opd: { name: 'Dinas Komunikasi dan Informatika', code: 'DISKOMINFO', profileId: 'pontianak' },
  officer: { name: 'Siti Rahmawati', nip: '198507172010011003', jabatan: 'Pranata Komputer', pangkatGolongan: 'Penata, III/c' },
  serverUrl: '',
  language: 'id' as const,
};

let root: string;
let dataDir: string;
let host: WorkspaceHost | null;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-host-'));
  dataDir = path.join(root, 'data');
  host = null;
});
afterEach(async () => {
  await host?.close();
  await fs.rm(root, { recursive: true, force: true });
});

async function startHost(): Promise<BerkasApi> {
  host = await openWorkspaceHost(() => openWorkspace({ dataDir, transport: 'http' }));
  const handlers = host.handlers;
  return createClient((channel, payload) => dispatch(handlers, channel, payload));
}

async function until<T extends { state: string }>(poll: () => Promise<T>): Promise<T> {
  for (;;) {
    const value = await poll();
    if (value.state !== 'running') return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected a failure');
}

function documentRow(id: string, title: string) {
  return {
    sql: 'INSERT INTO documents (id, kind, title, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    params: [id, 'laporan', title, '{}', '2021-06-17T03:00:00Z', '2021-06-17T03:00:00Z'],
  };
}

const titles = (ws: Workspace) => ws.db.query<{ title: string }>('SELECT title FROM documents ORDER BY id').map((r) => r.title);

async function sha(file: string): Promise<string> {
  return createHash('sha256').update(await fs.readFile(file)).digest('hex');
}

/** A workspace with one document and one attachment, backed up to root/cadangan.berkas-backup, then changed. */
async function backedUpThenChanged(api: BerkasApi): Promise<{ file: string; blobSha: string }> {
  await api.saveSettings(settings);
  const ws = host!.current();
  await ws.db.write([documentRow('a', 'Laporan sebelum cadangan')]);
  const blob = await ws.blobs.put(Buffer.from('lampiran yang dicadangkan'));
  const file = path.join(root, 'cadangan.berkas-backup');
  const { jobId } = await api.backupCreate({ outPath: file, passphrase });
  expect((await until(() => api.backupJobStatus({ jobId }))).state).toBe('done');
  await ws.db.write([documentRow('b', 'Laporan sesudah cadangan')]);
  await api.saveSettings({ ...settings, officer: { ...settings.officer, name: 'Petugas Baru' } });
  return { file, blobSha: blob.sha256 };
}

describe('restore from the running app', () => {
  it('restores over the open workspace, keeps the old one aside, and undoes', async () => {
    const api = await startHost();
    const { file, blobSha } = await backedUpThenChanged(api);
    expect(titles(host!.current())).toEqual(['Laporan sebelum cadangan', 'Laporan sesudah cadangan']);
    expect(await api.backupRestoreState({})).toEqual({ runningJobId: null, undoFolder: null });

    const { jobId } = await api.backupRestoreStart({ path: file, passphrase });
    // Called while the restore runs: waits for the swap if it meets one, never sees a closed database.
    const during = api.rencanaAksiList({});
    const job = await until(() => api.backupRestoreStatus({ jobId }));
    await expect(during).resolves.toBeDefined();
    expect(job.state).toBe('done');
    expect(job.phase).toBe('ended');
    expect(job.error).toBeNull();
    const aside = job.result!.previousDataDir!;
    expect(path.basename(aside)).toMatch(/^data\.sebelum-pulih-\d{8}-\d{6}$/);
    expect(job.result!.notices.join(' ')).toContain('Batalkan pemulihan');

    // The new workspace: the backed-up rows, settings and attachment; the notice shown by the shell.
    expect(titles(host!.current())).toEqual(['Laporan sebelum cadangan']);
    expect((await api.getSettings({}))?.officer.name).toBe('Siti Rahmawati');
    expect(await host!.current().blobs.has(blobSha)).toBe(true);
    expect((await api.appInfo({})).notices.map((n) => n.code)).toContain('BACKUP_RESTORED');
    // Only workspace entries moved; no staging folder is left beside the data folder.
    for (const name of await fs.readdir(aside)) expect(WORKSPACE_ENTRIES).toContain(name);
    expect((await fs.readdir(root)).filter((n) => n.includes('.pulih-') && n.startsWith('.'))).toEqual([]);
    expect(await api.backupRestoreState({})).toEqual({ runningJobId: null, undoFolder: aside });

    // Undo: the changed workspace is back; the restored one is kept aside. A second click meanwhile is refused
    // (it would undo an older restore as well).
    const [first, second] = await Promise.allSettled([api.backupUndoRestore({}), api.backupUndoRestore({})]);
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'BACKUP_BUSY' } });
    if (first.status !== 'fulfilled') throw first.reason;
    const undone = first.value;
    expect(undone.restoredFrom).toBe(aside);
    expect(path.basename(undone.movedAside!)).toMatch(/^data\.hasil-pulih-/);
    expect(titles(host!.current())).toEqual(['Laporan sebelum cadangan', 'Laporan sesudah cadangan']);
    expect((await api.getSettings({}))?.officer.name).toBe('Petugas Baru');
    expect(await api.backupRestoreState({})).toEqual({ runningJobId: null, undoFolder: null });
    // The database survives the reopen: a write now lands and is read back from disk by a fresh open.
    await api.saveSettings(settings);
    await host!.close();
    host = null;
    const reopened = await openWorkspace({ dataDir, transport: 'in-process' });
    try {
      expect(titles(reopened)).toHaveLength(2);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a wrong passphrase and an altered file before anything is touched', async () => {
    const api = await startHost();
    const { file } = await backedUpThenChanged(api);
    const before = await sha(path.join(dataDir, 'settings.json'));

    const first = await api.backupRestoreStart({ path: file, passphrase: 'bukan-frasa-yang-benar' });
    const wrong = await until(() => api.backupRestoreStatus(first));
    expect(wrong.state).toBe('failed');
    expect(wrong.error?.message).toMatch(/frasa sandi/i);

    const bytes = await fs.readFile(file);
    bytes[bytes.length - 100] ^= 0x01;
    const altered = path.join(root, 'rusak.berkas-backup');
    await fs.writeFile(altered, bytes);
    const second = await api.backupRestoreStart({ path: altered, passphrase });
    const bad = await until(() => api.backupRestoreStatus(second));
    expect(bad.state).toBe('failed');

    expect(titles(host!.current())).toHaveLength(2);
    expect(await sha(path.join(dataDir, 'settings.json'))).toBe(before);
    expect((await api.backupRestoreState({})).undoFolder).toBeNull();
    expect((await fs.readdir(root)).sort()).toEqual(['cadangan.berkas-backup', 'data', 'rusak.berkas-backup']);
  });

  it('cancels while staging and leaves the workspace as it was', async () => {
    const api = await startHost();
    const { file } = await backedUpThenChanged(api);
    const { jobId } = await api.backupRestoreStart({ path: file, passphrase });
    const cancelled: RestoreJob = await api.backupRestoreCancel({ jobId });
    expect(['running', 'cancelled']).toContain(cancelled.state);
    const job = await until(() => api.backupRestoreStatus({ jobId }));
    expect(job.state).toBe('cancelled');
    expect(job.error?.code).toBe('BACKUP_CANCELLED');
    expect(titles(host!.current())).toHaveLength(2);
    expect((await api.backupRestoreState({})).undoFolder).toBeNull();
  });

  it('says there is nothing to undo, and that a bare workspace cannot restore from the screens', async () => {
    const api = await startHost();
    const nothing = await failure(api.backupUndoRestore({}));
    expect(nothing.code).toBe('BACKUP_NOTHING_TO_UNDO');
    await host!.close();
    host = null;

    const bare = await openWorkspace({ dataDir, transport: 'in-process' });
    try {
      const refused = await failure(inProcessClient(createServices(bare)).backupRestoreStart({ path: path.join(root, 'x.berkas-backup'), passphrase }));
      expect(refused.code).toBe('RESTORE_NEEDS_APP');
      expect(refused.message).toContain('backup restore');
    } finally {
      await bare.close();
    }
  });
});
