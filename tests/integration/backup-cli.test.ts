/**
 * `berkas backup create | verify | restore | undo-restore` as an officer or a
 * script runs them (issue 8 item 4): real processes, real data folders, the
 * passphrase only ever in an environment variable and never echoed.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace } from '../../core/app/workspace';

const root = path.join(__dirname, '..', '..');
const passphrase = 'rahasia-cadangan-kecamatan';

function berkas(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BERKAS_DATA_DIR: '', BACKUP_PASS: passphrase, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let work: string;
beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-backup-cli-'));
});
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

describe('berkas backup (CLI)', () => {
  const dataDir = () => path.join(work, 'data');
  const out = () => path.join(work, 'cadangan.berkas-backup');

  it('create → verify --json → restore into a new folder → undo-restore', async () => {
    const ws = await openWorkspace({ dataDir: dataDir(), transport: 'in-process' });
    await ws.db.write([{ sql: "INSERT INTO documents (id, kind, title, data, created_at, updated_at) VALUES ('d1', 'laporan', 'Laporan Juni', '{}', 'x', 'x')" }]);
    const { sha256 } = await ws.blobs.put(Buffer.from('lampiran laporan\n'));
    await ws.close();

    const created = berkas(['backup', 'create', '--data-dir', dataDir(), '--out', out(), '--passphrase-env', 'BACKUP_PASS']);
    expect(created.status).toBe(0);
    expect(created.stdout).toContain(`Cadangan tersimpan: ${out()}`);
    expect(created.stdout).toContain('1 lampiran');

    const verified = berkas(['backup', 'verify', out(), '--passphrase-env', 'BACKUP_PASS', '--json']);
    expect(verified.status).toBe(0);
    const report = JSON.parse(verified.stdout);
    expect(report).toMatchObject({ isValid: true, path: out(), formatVersion: 1, contents: { hasDatabase: true, blobCount: 1 } });

    const target = path.join(work, 'baru');
    const restored = berkas(['backup', 'restore', out(), '--data-dir', target, '--passphrase-env', 'BACKUP_PASS']);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain(`Dipulihkan ke ${target}`);
    expect(await fs.readFile(path.join(target, 'blobs', sha256.slice(0, 2), sha256), 'utf8')).toBe('lampiran laporan\n');

    // Over the original: it is moved aside, and undo puts it back.
    const over = berkas(['backup', 'restore', out(), '--data-dir', dataDir(), '--passphrase-env', 'BACKUP_PASS', '--json']);
    expect(over.status).toBe(0);
    const result = JSON.parse(over.stdout);
    expect(result.previousDataDir).toMatch(/data\.sebelum-pulih-\d{8}-\d{6}$/);
    const undone = berkas(['backup', 'undo-restore', '--data-dir', dataDir()]);
    expect(undone.status).toBe(0);
    expect(undone.stdout).toContain(`dikembalikan ke ${dataDir()}`);

    for (const run of [created, verified, restored, over, undone]) expect(run.stdout + run.stderr).not.toContain(passphrase);
  });

  it('a wrong passphrase: exit 2 with the reason, nothing changed; verify --json answers isValid:false (exit 1)', async () => {
    const before = (await fs.readdir(work)).sort();
    const restore = berkas(['backup', 'restore', out(), '--data-dir', dataDir(), '--passphrase-env', 'BACKUP_PASS'], { BACKUP_PASS: 'frasa-yang-keliru' });
    expect(restore.status).toBe(2);
    expect(restore.stderr).toContain('BACKUP_WRONG_PASSPHRASE');
    expect(restore.stderr).toContain('Folder data tidak diubah');
    expect((await fs.readdir(work)).sort()).toEqual(before);

    const bytes = await fs.readFile(out());
    bytes[bytes.length - 5]! ^= 0x01;
    const damaged = path.join(work, 'rusak.berkas-backup');
    await fs.writeFile(damaged, bytes);
    const verify = berkas(['backup', 'verify', damaged, '--passphrase-env', 'BACKUP_PASS', '--json']);
    expect(verify.status).toBe(1);
    expect(JSON.parse(verify.stdout)).toMatchObject({ isValid: false, error: { code: 'BACKUP_TAMPERED' } });
  });

  it('never takes the passphrase itself as an argument', () => {
    const literal = berkas(['backup', 'verify', out(), '--passphrase-env', 'kata sandi saya']);
    expect(literal.status).toBe(2);
    expect(literal.stderr).toContain('nama variabel lingkungan');
    expect(literal.stderr).not.toContain('kata sandi saya');
    const unset = berkas(['backup', 'verify', out(), '--passphrase-env', 'TIDAK_ADA_VAR']);
    expect(unset.status).toBe(2);
    expect(unset.stderr).toContain('TIDAK_ADA_VAR kosong');
    const flag = berkas(['backup', 'verify', out(), '--passphrase', passphrase]);
    expect(flag.status).toBe(2);
    expect(flag.stderr).not.toContain(passphrase);
  });
});
