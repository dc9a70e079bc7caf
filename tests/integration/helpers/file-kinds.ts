/**
 * Every kind of file the app creates and then writes (issue 18 item 3), each
 * through its real adapter: how to put an old version in place, the write
 * under test, and how the app reads it back. Shared by the crash child (which
 * runs the write and is killed half-way) and the test (which prepares and
 * judges). A folder `root` holds `data/` (the data folder) and `flash/` (a
 * flash drive).
 */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { settingsSchema } from '../../../core/api/contract-app';
import type { Settings } from '../../../core/domain/settings/settings';
import { createJsonSettingsStore } from '../../../core/adapters/json-settings-store';
import { createFileKeyVault } from '../../../core/adapters/key-vault-file';
import { createFileTrustStore } from '../../../core/adapters/signing/trust-store';
import { createBlobStore } from '../../../core/adapters/blob-store';
import { createSubmissionPackager } from '../../../core/adapters/submission/packager';
import { writeBackupFile } from '../../../core/adapters/backup/backup-writer';
import { writeBagZip } from '../../../core/adapters/bagit/bag-writer';
import { createSafeStorageVault, type OsCipher } from '../../../electron/main/safe-storage-vault';

export const fixtures = path.resolve(__dirname, '..', '..', 'fixtures');
/** Runs only in a child process (see electron-store-kind.ts). */
export const electronStoreKindName = "Electron's settings file (electron-store)";

export interface FileKind {
  /** Puts the old version in place (or nothing, for a file that must simply not appear). */
  prepare(root: string): Promise<void>;
  /** The write under test: replaces the old version, or creates the file. */
  write(root: string): Promise<void>;
  /** The folder the write's bytes go to (where the fault is armed). */
  folder(root: string): string;
  /** The final name of the file the write produces. */
  target(root: string): string;
  /** What the app reads back, in a comparable form. */
  read(root: string): Promise<unknown>;
  before: unknown;
  after: unknown;
  /** Holds a secret or personal data: 0600 from the first byte. */
  isPrivate: boolean;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const dataDir = (root: string) => path.join(root, 'data');
const flash = (root: string) => path.join(root, 'flash');

async function fileHash(file: string): Promise<string | null> {
  try {
    return sha256(await fs.readFile(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function settingsOf(name: string): Settings {
  return settingsSchema.parse({
    opd: { name: 'Dinas Pendidikan', code: 'DISDIK', profileId: 'jambi' },
    officer: { name, nip: '198507172010011003', jabatan: 'Kepala Seksi', pangkatGolongan: 'Penata, III/c' },
    serverUrl: '',
    language: 'id',
  });
}
const jsonSettings = (root: string) => createJsonSettingsStore(dataDir(root), (v) => settingsSchema.parse(v));

const vaultPassphrase = 'frasa-sandi-uji-panjang';
const fileVault = (root: string) => createFileKeyVault({ dir: path.join(dataDir(root), 'vault'), passphrase: vaultPassphrase, costLog2: 10 });

/** Stands in for Electron's safeStorage: AES-256-GCM under a key fixed for these tests, so every process opens what another sealed. */
const osCipherKey = createHash('sha256').update('kunci-os-uji').digest();
export const testOsCipher: OsCipher = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString(plain) {
    const iv = Buffer.alloc(12, 7);
    const cipher = createCipheriv('aes-256-gcm', osCipherKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  decryptString(sealed) {
    const decipher = createDecipheriv('aes-256-gcm', osCipherKey, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  },
};
const osVault = (root: string) => createSafeStorageVault(path.join(dataDir(root), 'vault'), testOsCipher, 'linux');

async function derOf(pemFile: string): Promise<Uint8Array> {
  const pem = await fs.readFile(path.join(fixtures, 'signing', pemFile), 'utf8');
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}
const trust = (root: string) => createFileTrustStore(path.join(dataDir(root), 'trust-roots'));
/** Each listed root as "file name:fixture it came from". */
async function listedRoots(root: string): Promise<string[]> {
  const known = new Map<string, string>();
  for (const name of ['root.pem', 'untrusted-root.pem']) known.set(sha256(await derOf(name)), name);
  return (await trust(root).list()).map((r) => `${r.fileName}:${known.get(sha256(r.der)) ?? 'lain'}`);
}

/** A real submission-shaped bag: the signed PDF fixture and its data.json. */
async function bagTo(outPath: string): Promise<void> {
  const pdf = path.join(fixtures, 'server', 'signed.pdf');
  const data = Buffer.from('{"format":"berkas-uji","version":1}\n');
  await writeBagZip({
    outPath,
    payload: [
      { path: 'data/dokumen.pdf', file: pdf, size: (await fs.stat(pdf)).size },
      { path: 'data/data.json', bytes: data, size: data.length },
    ],
    bagInfo: [['Source-Organization', 'Dinas Pendidikan']],
    baggingDate: new Date('2025-03-04T05:06:07Z'),
  });
}
const blobs = (root: string) => createBlobStore(path.join(dataDir(root), 'blobs'));
const attachment = path.join(fixtures, 'server', 'signed.pdf');
const attachmentSha = sha256(readFileSync(attachment));
const packageSha = (root: string) => fs.readFile(path.join(root, 'package.sha256'), 'utf8');

const exportTarget = (root: string) => path.join(flash(root), 'berkas-DISDIK-paket.zip');
const handoverTarget = (root: string) => path.join(flash(root), 'serah-terima.zip');
const backupTarget = (root: string) => path.join(flash(root), 'cadangan-berkas.berkas-backup');
async function backupTo(root: string, createdAt: string): Promise<void> {
  const db = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4000, createdAt)]);
  const sealed = await fs.readFile(path.join(fixtures, 'signing', 'officer.p12'));
  await writeBackupFile({
    outPath: backupTarget(root),
    passphrase: 'kuda-lari-cepat-sekali',
    appVersion: '0.1.0',
    schemaVersion: 5,
    createdAt: new Date(createdAt),
    sources: [
      { path: 'berkas.db', size: db.length, bytes: db },
      { path: 'vault/sertifikat-utama.sealed', size: sealed.length, bytes: sealed },
    ],
    isOverwriteAllowed: true,
    scrypt: { N: 1024, r: 8, p: 1 },
    chunkSize: 1024,
  });
}

const secretName = 'sertifikat-utama';
const secretA = new Uint8Array(Buffer.from('kata-sandi-lama-p12'));
const secretB = new Uint8Array(Buffer.from('kata-sandi-baru-p12'));
const textOf = (v: Uint8Array | null) => (v ? Buffer.from(v).toString('utf8') : null);

export const fileKinds: Record<string, FileKind> = {
  'settings.json (CLI, berkas ui)': {
    prepare: (root) => jsonSettings(root).save(settingsOf('Siti Lama')),
    write: (root) => jsonSettings(root).save(settingsOf('Siti Baru')),
    folder: dataDir,
    target: (root) => path.join(dataDir(root), 'settings.json'),
    read: async (root) => (await jsonSettings(root).load())?.officer.name ?? null,
    before: 'Siti Lama',
    after: 'Siti Baru',
    isPrivate: true,
  },
  'key vault file (certificate password, device token)': {
    prepare: (root) => fileVault(root).seal(secretName, secretA),
    write: (root) => fileVault(root).seal(secretName, secretB),
    folder: (root) => path.join(dataDir(root), 'vault'),
    target: (root) => path.join(dataDir(root), 'vault', `${secretName}.sealed`),
    read: async (root) => textOf(await fileVault(root).open(secretName)),
    before: 'kata-sandi-lama-p12',
    after: 'kata-sandi-baru-p12',
    isPrivate: true,
  },
  "Electron's OS key vault": {
    prepare: (root) => osVault(root).seal(secretName, secretA),
    write: (root) => osVault(root).seal(secretName, secretB),
    folder: (root) => path.join(dataDir(root), 'vault'),
    target: (root) => path.join(dataDir(root), 'vault', `${secretName}.sealed`),
    read: async (root) => textOf(await osVault(root).open(secretName)),
    before: 'kata-sandi-lama-p12',
    after: 'kata-sandi-baru-p12',
    isPrivate: true,
  },
  'trust root': {
    prepare: async (root) => trust(root).add('bsre-root.pem', await derOf('root.pem')),
    write: async (root) => trust(root).add('bsre-root.pem', await derOf('untrusted-root.pem')),
    folder: (root) => path.join(dataDir(root), 'trust-roots'),
    target: (root) => path.join(dataDir(root), 'trust-roots', 'bsre-root.der'),
    read: listedRoots,
    before: ['bsre-root.der:root.pem'],
    after: ['bsre-root.der:untrusted-root.pem'],
    isPrivate: false,
  },
  'attachment blob': {
    prepare: async () => undefined,
    write: async (root) => {
      await blobs(root).put({ path: attachment });
    },
    folder: (root) => path.join(dataDir(root), 'blobs'),
    target: (root) => blobs(root).pathOf(attachmentSha),
    read: (root) => blobs(root).has(attachmentSha),
    before: false,
    after: true,
    isPrivate: false,
  },
  'package exported to a flash drive (.zip)': {
    prepare: async (root) => {
      const scratch = path.join(root, 'scratch.zip');
      await bagTo(scratch);
      const stored = await blobs(root).put({ path: scratch });
      await fs.writeFile(path.join(root, 'package.sha256'), stored.sha256);
      await fs.rm(scratch);
    },
    write: async (root) => {
      const packager = createSubmissionPackager({ blobs: blobs(root), workDir: path.join(dataDir(root), 'outbox', 'kerja') });
      await packager.exportTo(await packageSha(root), exportTarget(root));
    },
    folder: flash,
    target: (root) => exportTarget(root),
    read: async (root) => {
      const hash = await fileHash(exportTarget(root));
      return hash === null ? 'tidak ada' : hash === (await packageSha(root)) ? 'paket utuh' : 'lain';
    },
    before: 'tidak ada',
    after: 'paket utuh',
    isPrivate: false,
  },
  'handover package (.zip)': {
    prepare: async () => undefined,
    write: (root) => bagTo(handoverTarget(root)),
    folder: flash,
    target: handoverTarget,
    read: async (root) => ((await fileHash(handoverTarget(root))) === null ? 'tidak ada' : 'ada'),
    before: 'tidak ada',
    after: 'ada',
    isPrivate: false,
  },
  'backup on a flash drive (.berkas-backup)': {
    prepare: (root) => backupTo(root, '2025-01-01T00:00:00Z'),
    write: (root) => backupTo(root, '2025-02-02T00:00:00Z'),
    folder: flash,
    target: backupTarget,
    read: async (root) => {
      const bytes = await fs.readFile(backupTarget(root)).catch(() => null);
      if (!bytes) return null;
      const createdAt = /"createdAt":"([^"]+)"/.exec(bytes.subarray(0, 4096).toString('latin1'));
      return createdAt?.[1] ?? 'tidak terbaca';
    },
    before: '2025-01-01T00:00:00.000Z',
    after: '2025-02-02T00:00:00.000Z',
    isPrivate: true,
  },
};

/** Makes the layout of `root` (data folder and flash drive). */
export async function makeRoot(root: string): Promise<void> {
  await fs.mkdir(dataDir(root), { recursive: true });
  await fs.mkdir(flash(root), { recursive: true });
}
