import { generateKeyPairSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createBackupArchiver } from '../../../../../core/adapters/backup/archiver';
import { restoreBackup, undoRestore } from '../../../../../core/adapters/backup/backup-restore';
import { openDatabase } from '../../../../../core/adapters/sqljs-database';
import { migrations } from '../../../../../core/adapters/migrations';
import { createBlobStore } from '../../../../../core/adapters/blob-store';
import { createFileKeyVault } from '../../../../../core/adapters/key-vault-file';
import { acquireDirLock } from '../../../../../core/adapters/store-lock';
import { GCM_TAG_LEN, HEADER_HASH_LEN, PREAMBLE_LEN } from '../../../../../core/domain/backup/format';
import type { Settings } from '../../../../../core/domain/settings/settings';
import { cheapScrypt, craftBackup, entryRecord, errorOf, manifestFor, manifestRecord, passphrase, removeTempDirs, supported, tempDir, treeOf, type RawEntry } from './helpers';

afterEach(removeTempDirs);

const settings: Settings = {
  opd: { name: 'Dinas Pendidikan', code: 'DISDIK', profileId: 'jambi' },
  officer: { name: 'Siti Rahmawati', nip: '198507172010011003', jabatan: 'Kepala Seksi', pangkatGolongan: 'Penata, III/c' },
  serverUrl: '',
  language: 'id',
};

const vaultPassphrase = 'brankas-kunci-rahasia';
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const privateDer = privateKey.export({ type: 'pkcs8', format: 'der' });

interface Workspace {
  dataDir: string;
  backup: string;
  /** The data folder's files after the database was closed (the journal folded into berkas.db). */
  treeAfterClose: Record<string, string>;
}

/**
 * A real data folder: sql.js store with rows, attachments (one holding a
 * private key in the clear, as an officer might attach one by mistake), a
 * passphrase-sealed key and an OS-sealed file in vault/, a trust root, an
 * outbox item; then a backup of it.
 */
async function workspaceWithBackup(options: { chunkSize?: number } = {}): Promise<Workspace> {
  const root = await tempDir();
  const dataDir = path.join(root, 'Berkas');
  const { db } = await openDatabase({ dir: dataDir, migrations });
  await db.write([{ sql: "INSERT INTO documents (id, kind, title, data, created_at, updated_at) VALUES ('d1', 'rencana-aksi', 'Rencana 2021', '{}', 'x', 'x')" }]);
  const blobs = createBlobStore(path.join(dataDir, 'blobs'));
  await blobs.put(Buffer.from('lampiran pertama\n'));
  await blobs.put(Buffer.from(privatePem));
  await blobs.put(Buffer.alloc(5000, 7));
  // Both kinds of sealed secret in vault/: the passphrase key file's ("BKV1") and one sealed by the OS (safeStorage's "v10").
  await createFileKeyVault({ dir: path.join(dataDir, 'vault'), passphrase: vaultPassphrase, costLog2: 10 }).seal('sertifikat-utama', privateDer);
  await fs.writeFile(path.join(dataDir, 'vault', 'p12-password.sealed'), Buffer.from('v10 os-sealed-bytes'), { mode: 0o600 });
  await fs.mkdir(path.join(dataDir, 'trust-roots'));
  await fs.writeFile(path.join(dataDir, 'trust-roots', 'BSrE Root CA.der'), Buffer.from('0\x82 der bytes'));
  await fs.mkdir(path.join(dataDir, 'outbox', '01J2ABCDEF'), { recursive: true });
  await fs.writeFile(path.join(dataDir, 'outbox', '01J2ABCDEF', 'paket.zip'), Buffer.from('PK paket'));
  await fs.writeFile(path.join(dataDir, 'settings.json'), JSON.stringify(settings, null, 2) + '\n');

  const archiver = createBackupArchiver({ dataDir, appVersion: '0.1.0', scrypt: cheapScrypt, chunkSize: options.chunkSize ?? 4096 });
  const backup = path.join(root, 'cadangan.berkas-backup');
  await archiver.create(
    { outPath: backup, passphrase, isOverwriteAllowed: false, snapshot: await db.exportSnapshot(), settings, schemaVersion: db.schemaVersion(), createdAt: new Date('2021-06-17T03:00:00Z') },
    {},
  );
  await db.close();
  return { dataDir, backup, treeAfterClose: await treeOf(dataDir) };
}

/** What a restore must produce: the workspace's files, minus the journal, with the snapshot as berkas.db. */
function withoutDatabase(tree: Record<string, string>): Record<string, string> {
  const copy = { ...tree };
  delete copy['berkas.db'];
  delete copy['berkas.journal'];
  return copy;
}

async function documentsIn(dataDir: string) {
  const { db } = await openDatabase({ dir: dataDir, migrations });
  try {
    return db.query('SELECT id, kind, title, data FROM documents ORDER BY id');
  } finally {
    await db.close();
  }
}

describe('restoreBackup', () => {
  it('restores into an absent folder: same files, same rows, sealed secrets still sealed and still openable', async () => {
    const ws = await workspaceWithBackup();
    const target = path.join(path.dirname(ws.dataDir), 'baru', 'Berkas');
    const result = await restoreBackup({ file: ws.backup, dataDir: target, passphrase, supported });
    expect(result).toMatchObject({ dataDir: target, previousDataDir: null, entryCount: 10, appVersion: '0.1.0', schemaVersion: supported.schemaVersion });
    expect(result.contents).toEqual({ hasDatabase: true, hasSettings: true, blobCount: 3, blobBytes: expect.any(Number), sealedSecretCount: 3, outboxFileCount: 1, trustRootCount: 1 });
    expect(withoutDatabase(await treeOf(target))).toEqual(withoutDatabase(ws.treeAfterClose));
    expect(await documentsIn(target)).toEqual([{ id: 'd1', kind: 'rencana-aksi', title: 'Rencana 2021', data: '{}' }]);
    const reopened = createFileKeyVault({ dir: path.join(target, 'vault'), passphrase: vaultPassphrase, costLog2: 10 });
    expect(Buffer.from((await reopened.open('sertifikat-utama'))!).equals(privateDer)).toBe(true);
    expect((await fs.stat(path.join(target, 'vault', 'sertifikat-utama.sealed'))).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.join(target, 'vault'))).mode & 0o777).toBe(0o700);
    expect((await fs.stat(path.join(target, 'settings.json'))).mode & 0o777).toBe(0o600);
    // The result says OS-sealed secrets need the same computer and user, and which passphrase opens the others.
    expect(result.notices).toHaveLength(2);
    expect(result.notices[0]).toMatch(/^1 rahasia .* disegel oleh sistem operasi .* impor ulang sertifikat/);
    expect(result.notices[1]).toMatch(/^2 rahasia di brankas kunci berfrasa sandi .*BERKAS_VAULT_PASSPHRASE/);
    expect(await fs.readdir(path.dirname(target))).toEqual(['Berkas']);
  });

  it('never holds a private key, the backup passphrase or the settings in the clear', async () => {
    const ws = await workspaceWithBackup();
    const bytes = await fs.readFile(ws.backup);
    expect(bytes.includes('PRIVATE KEY')).toBe(false);
    expect(bytes.includes('-----BEGIN')).toBe(false);
    for (let i = 0; i + 32 <= privateDer.length; i += 16) expect(bytes.includes(privateDer.subarray(i, i + 32))).toBe(false);
    expect(bytes.includes(passphrase)).toBe(false);
    expect(bytes.includes(vaultPassphrase)).toBe(false);
    expect(bytes.includes(settings.officer.nip)).toBe(false);
    expect(bytes.includes('Rencana 2021')).toBe(false);
    // ...while the workspace itself does hold the PEM (as an attachment), so the check above is not vacuous.
    const blobFiles = await Promise.all(
      Object.keys(ws.treeAfterClose)
        .filter((p) => p.split('/').length === 3 && p.startsWith('blobs/'))
        .map((p) => fs.readFile(path.join(ws.dataDir, p))),
    );
    expect(blobFiles.some((b) => b.includes('PRIVATE KEY'))).toBe(true);
  });

  it('restores over an existing workspace by moving it aside, and the restore can be undone', async () => {
    const ws = await workspaceWithBackup();
    // Work done after the backup: it must survive in the folder set aside.
    const { db } = await openDatabase({ dir: ws.dataDir, migrations });
    await db.write([{ sql: "INSERT INTO documents (id, kind, title, data, created_at, updated_at) VALUES ('d2', 'laporan', 'Sesudah cadangan', '{}', 'x', 'x')" }]);
    await db.close();
    const before = await treeOf(ws.dataDir);

    const result = await restoreBackup({ file: ws.backup, dataDir: ws.dataDir, passphrase, supported, now: () => new Date(2021, 5, 18, 9, 5, 7) });
    expect(result.previousDataDir).toBe(`${ws.dataDir}.sebelum-pulih-20210618-090507`);
    expect(await treeOf(result.previousDataDir!)).toEqual(before);
    expect((await documentsIn(ws.dataDir)).map((d) => d.id)).toEqual(['d1']);
    expect(result.notices[0]).toContain(result.previousDataDir!);
    expect(result.notices[0]).toContain('backup undo-restore');

    const undone = await undoRestore({ dataDir: ws.dataDir, now: () => new Date(2021, 5, 18, 9, 30, 0) });
    expect(undone).toEqual({ dataDir: ws.dataDir, restoredFrom: result.previousDataDir, movedAside: `${ws.dataDir}.hasil-pulih-20210618-093000` });
    expect(await treeOf(ws.dataDir)).toEqual(before);
    expect((await documentsIn(ws.dataDir)).map((d) => d.id)).toEqual(['d1', 'd2']);
    expect((await errorOf(undoRestore({ dataDir: ws.dataDir }))).code).toBe('BACKUP_NOTHING_TO_UNDO');
  });

  it('two restores in the same second keep both earlier workspaces', async () => {
    const ws = await workspaceWithBackup();
    const now = () => new Date(2021, 5, 18, 9, 5, 7);
    const first = await restoreBackup({ file: ws.backup, dataDir: ws.dataDir, passphrase, supported, now });
    const second = await restoreBackup({ file: ws.backup, dataDir: ws.dataDir, passphrase, supported, now });
    expect(second.previousDataDir).toBe(`${first.previousDataDir}-2`);
  });

  it('restores into an empty folder (a fresh install) without setting anything aside', async () => {
    const ws = await workspaceWithBackup();
    const target = path.join(path.dirname(ws.dataDir), 'kosong');
    await fs.mkdir(target);
    const result = await restoreBackup({ file: ws.backup, dataDir: target, passphrase, supported });
    expect(result.previousDataDir).toBeNull();
    expect(withoutDatabase(await treeOf(target))).toEqual(withoutDatabase(ws.treeAfterClose));
  });

  describe('refusals leave the data folder exactly as it was', () => {
    async function expectUntouched(ws: Workspace, run: () => Promise<unknown>, code: string): Promise<string> {
      const parent = path.dirname(ws.dataDir);
      const siblings = (await fs.readdir(parent)).sort();
      const before = await treeOf(ws.dataDir);
      const err = await errorOf(run());
      expect(err.code).toBe(code);
      expect(await treeOf(ws.dataDir)).toEqual(before);
      // No staging folder or moved-aside folder left behind.
      expect((await fs.readdir(parent)).sort()).toEqual(siblings);
      return err.message;
    }

    it('wrong passphrase', async () => {
      const ws = await workspaceWithBackup();
      const message = await expectUntouched(ws, () => restoreBackup({ file: ws.backup, dataDir: ws.dataDir, passphrase: 'bukan-frasa-ini', supported }), 'BACKUP_WRONG_PASSPHRASE');
      expect(message).toContain('Folder data tidak diubah');
    });

    it('truncated', async () => {
      const ws = await workspaceWithBackup();
      const bytes = await fs.readFile(ws.backup);
      await fs.writeFile(ws.backup, bytes.subarray(0, bytes.length - 100));
      await expectUntouched(ws, () => restoreBackup({ file: ws.backup, dataDir: ws.dataDir, passphrase, supported }), 'BACKUP_TRUNCATED');
    });

    it('one byte altered in the last chunk: found only after earlier chunks were staged, which are removed', async () => {
      const ws = await workspaceWithBackup({ chunkSize: 1024 });
      const bytes = await fs.readFile(ws.backup);
      bytes[bytes.length - GCM_TAG_LEN - 3]! ^= 0x40;
      await fs.writeFile(ws.backup, bytes);
      const message = await expectUntouched(ws, () => restoreBackup({ file: ws.backup, dataDir: ws.dataDir, passphrase, supported }), 'BACKUP_TAMPERED');
      expect(message).toMatch(/potongan isi ke-(\d+) dari \1/);
    });

    it('one byte altered in the header', async () => {
      const ws = await workspaceWithBackup();
      const bytes = await fs.readFile(ws.backup);
      bytes[PREAMBLE_LEN + 5]! ^= 0x01;
      await fs.writeFile(ws.backup, bytes);
      await expectUntouched(ws, () => restoreBackup({ file: ws.backup, dataDir: ws.dataDir, passphrase, supported }), 'BACKUP_TAMPERED');
    });

    it('one byte altered in the first chunk', async () => {
      const ws = await workspaceWithBackup();
      const bytes = await fs.readFile(ws.backup);
      const h = PREAMBLE_LEN + bytes.readUInt32BE(16) + HEADER_HASH_LEN;
      bytes[h + 10]! ^= 0x80;
      await fs.writeFile(ws.backup, bytes);
      await expectUntouched(ws, () => restoreBackup({ file: ws.backup, dataDir: ws.dataDir, passphrase, supported }), 'BACKUP_TAMPERED');
    });

    it('made by a newer Berkas', async () => {
      const ws = await workspaceWithBackup();
      const older = { appVersion: '0.0.9', schemaVersion: supported.schemaVersion };
      const message = await expectUntouched(ws, () => restoreBackup({ file: ws.backup, dataDir: ws.dataDir, passphrase, supported: older }), 'BACKUP_TOO_NEW');
      expect(message).toContain('Perbarui Berkas');
    });

    it('a Berkas is running on the data folder', async () => {
      const ws = await workspaceWithBackup();
      const lock = await acquireDirLock(ws.dataDir);
      try {
        const message = await expectUntouched(ws, () => restoreBackup({ file: ws.backup, dataDir: ws.dataDir, passphrase, supported }), 'BACKUP_TARGET_IN_USE');
        expect(message).toContain('tutup aplikasi Berkas');
        expect(message).toContain('Pengaturan › Cadangan');
      } finally {
        await lock.release();
      }
    });

    it('cancelled while decrypting', async () => {
      const ws = await workspaceWithBackup({ chunkSize: 1024 });
      const controller = new AbortController();
      await expectUntouched(
        ws,
        () =>
          restoreBackup({
            file: ws.backup,
            dataDir: ws.dataDir,
            passphrase,
            supported,
            signal: controller.signal,
            onProgress: (p) => {
              if (p.phase === 'reading') controller.abort();
            },
          }),
        'BACKUP_CANCELLED',
      );
    });

    it('the database inside cannot be opened: it never replaces one that can', async () => {
      const ws = await workspaceWithBackup();
      const entries: RawEntry[] = [{ path: 'berkas.db', bytes: Buffer.from('bukan basis data SQLite\n'.repeat(40)) }];
      const crafted = path.join(path.dirname(ws.dataDir), 'palsu.berkas-backup');
      await craftBackup(crafted, Buffer.concat([...entries.map(entryRecord), manifestRecord(manifestFor(entries))]));
      const message = await expectUntouched(ws, () => restoreBackup({ file: crafted, dataDir: ws.dataDir, passphrase, supported }), 'BACKUP_DATABASE_UNUSABLE');
      expect(message).toContain('tidak dapat dibuka');
    });

    it('the backup file lies inside the folder it would replace', async () => {
      const ws = await workspaceWithBackup();
      const inside = path.join(ws.dataDir, 'cadangan.berkas-backup');
      await fs.copyFile(ws.backup, inside);
      await expectUntouched(ws, () => restoreBackup({ file: inside, dataDir: ws.dataDir, passphrase, supported }), 'BACKUP_FILE_INSIDE_TARGET');
    });
  });

  it('migrates a backup made by an older Berkas (older schema) and records it as the last backup', async () => {
    const root = await tempDir();
    const { db } = await openDatabase({ dir: path.join(root, 'lama'), migrations: migrations.slice(0, 1) });
    await db.write([{ sql: "INSERT INTO documents (id, kind, title, data, created_at, updated_at) VALUES ('d1', 'laporan', 'Lama', '{}', 'x', 'x')" }]);
    const backup = path.join(root, 'lama.berkas-backup');
    const archiver = createBackupArchiver({ dataDir: path.join(root, 'lama'), appVersion: '0.0.1', scrypt: cheapScrypt });
    await archiver.create({ outPath: backup, passphrase, isOverwriteAllowed: false, snapshot: await db.exportSnapshot(), settings: null, schemaVersion: 1, createdAt: new Date('2021-06-17T03:00:00Z') }, {});
    await db.close();
    const target = path.join(root, 'baru');
    const result = await restoreBackup({ file: backup, dataDir: target, passphrase, supported });
    expect(result.schemaVersion).toBe(1);
    const reopened = await openDatabase({ dir: target, migrations });
    try {
      expect(reopened.db.schemaVersion()).toBe(Math.max(...migrations.map((m) => m.version)));
      expect(reopened.db.query('SELECT id, title FROM documents')).toEqual([{ id: 'd1', title: 'Lama' }]);
      expect(reopened.db.query('SELECT last_backup_at, last_backup_path FROM backup_state')).toEqual([{ last_backup_at: '2021-06-17T03:00:00.000Z', last_backup_path: backup }]);
    } finally {
      await reopened.db.close();
    }
  });

  it('refuses a data folder path that is a file', async () => {
    const ws = await workspaceWithBackup();
    const file = path.join(path.dirname(ws.dataDir), 'bukan-folder');
    await fs.writeFile(file, 'x');
    expect((await errorOf(restoreBackup({ file: ws.backup, dataDir: file, passphrase, supported }))).code).toBe('BACKUP_TARGET_INVALID');
    expect(await fs.readFile(file, 'utf8')).toBe('x');
  });
});
