/**
 * Every file the app creates and then writes appears whole or not at all
 * (issue 18 item 3): the settings (CLI and Electron), both key vaults, trust
 * roots, attachment blobs, packages exported to a flash drive, handover ZIPs
 * and backups. For each kind, through its real adapter:
 *
 * - a process killed (SIGKILL) after half of the new bytes reached the disk
 *   leaves the old version whole under the final name, or no file there, and
 *   the app reads the old version (or nothing); the half-written bytes exist,
 *   but only under a temporary name nothing reads;
 * - a write that fails half-way (ENOSPC, a full flash drive) does the same
 *   and removes its temporary file;
 * - a file holding a secret or personal data had mode 0600 when its first
 *   byte was written (opened with the mode, never chmod-ed afterwards).
 *
 * The half-way point is a hook (helpers/write-fault.ts) under every way Node
 * writes a file, not a timer: the kill lands inside the write every time.
 * The crash of the database and its journal is store-crash.test.ts.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace } from '../../core/app/workspace';
import { createOutboxHandlers } from '../../core/app/outbox-handlers';
import { createServices } from '../../core/app/services';
import { electronStoreKindName, fileKinds, fixtures, makeRoot, type FileKind } from './helpers/file-kinds';
import { armWriteFault, installWriteFaults, uninstallWriteFaults } from './helpers/write-fault';

jest.setTimeout(120_000);

const CHILD = path.join(__dirname, 'helpers', 'file-write-child.ts');
const isPosix = process.platform !== 'win32';

interface ChildRun {
  events: Record<string, unknown>[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

function runChild(kind: string, root: string, ...step: string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', require.resolve('tsx/cjs'), CHILD, kind, root, ...step], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const events = out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ events, signal, code, stderr });
    });
  });
}

/** The events of a child that must end normally. */
async function inChild(kind: string, root: string, ...steps: string[]): Promise<Record<string, unknown>[]> {
  const run = await runChild(kind, root, ...steps);
  if (run.code !== 0) throw new Error(`child ${steps.join(' ')} of ${kind}: ${run.code ?? run.signal}\n${run.stderr}`);
  return run.events;
}

const readsOf = (events: Record<string, unknown>[]) => events.filter((e) => 'read' in e).map((e) => e.read);

/** Every file under dir: relative path → SHA-256 and permission bits. */
async function listing(dir: string): Promise<Map<string, { sha256: string; mode: number; size: number }>> {
  const out = new Map<string, { sha256: string; mode: number; size: number }>();
  async function walk(rel: string): Promise<void> {
    for (const item of await fs.readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => [])) {
      const r = path.join(rel, item.name);
      if (item.isDirectory()) await walk(r);
      else {
        const full = path.join(dir, r);
        const bytes = await fs.readFile(full);
        out.set(r, { sha256: createHash('sha256').update(bytes).digest('hex'), mode: (await fs.stat(full)).mode & 0o777, size: bytes.length });
      }
    }
  }
  await walk('');
  return out;
}

const roots: string[] = [];
async function newRoot(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-file-writes-'));
  roots.push(root);
  await makeRoot(root);
  return root;
}

afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});

/** How a kind is driven: in this process, or (electron-store's conf, an ES module Jest cannot load) in children. */
interface Driver {
  /** Puts the old version in place and reads it back. */
  prepare(root: string): Promise<unknown>;
  /** Reads, writes normally, reads again. */
  readWriteRead(root: string): Promise<unknown[]>;
  /** Writes with a disk that fills half-way: the error code, what fired, and what is read afterwards. */
  writeFull(root: string): Promise<{ failed: unknown; fired: { file: string; modeAtFirstWrite: number } | null; read: unknown }>;
}

const inProcess = (kind: FileKind): Driver => ({
  async prepare(root) {
    await kind.prepare(root);
    return kind.read(root);
  },
  async readWriteRead(root) {
    const first = await kind.read(root);
    await kind.write(root);
    return [first, await kind.read(root)];
  },
  async writeFull(root) {
    const umask = process.umask(0o022);
    await installWriteFaults();
    const armed = armWriteFault(kind.folder(root), 'enospc');
    let failed: unknown = null;
    try {
      await kind.write(root);
    } catch (err) {
      failed = (err as { code?: string }).code;
    } finally {
      armed.disarm();
      uninstallWriteFaults();
      process.umask(umask);
    }
    return { failed, fired: armed.fired(), read: await kind.read(root) };
  },
});

const viaChildren = (name: string): Driver => ({
  prepare: async (root) => readsOf(await inChild(name, root, 'prepare', 'read'))[0],
  readWriteRead: async (root) => readsOf(await inChild(name, root, 'read', 'write:none', 'read')),
  async writeFull(root) {
    const events = await inChild(name, root, 'write:enospc', 'read');
    const outcome = events.find((e) => 'failed' in e || 'written' in e) ?? {};
    return { failed: outcome.failed ?? null, fired: (outcome.fired ?? null) as { file: string; modeAtFirstWrite: number } | null, read: readsOf(events)[0] };
  },
});

/** The electron-store kind's facts (folder, target, values) without loading conf here: the same file as the CLI's settings. */
const electronStore: FileKind = fileKinds['settings.json (CLI, berkas ui)']!;

const kinds: [string, FileKind, Driver][] = [
  ...Object.entries(fileKinds).map(([name, kind]): [string, FileKind, Driver] => [name, kind, inProcess(kind)]),
  [electronStoreKindName, electronStore, viaChildren(electronStoreKindName)],
];

describe.each(kinds)('%s', (name, kind, driver) => {
  it('killed half-way: the old version stays whole under its name, the half only under a temp name', async () => {
    const root = await newRoot();
    expect(await driver.prepare(root)).toEqual(kind.before);
    const folder = kind.folder(root);
    const before = await listing(folder);
    const target = path.relative(folder, kind.target(root));

    const run = await runChild(name, root, 'write:kill');
    // The hook fired inside the write: the child said it was armed and never that the write ended.
    expect({ signal: run.signal, events: run.events, stderr: run.stderr }).toEqual({ signal: 'SIGKILL', events: [{ armed: 'kill' }], stderr: '' });

    const after = await listing(folder);
    expect(after.get(target)).toEqual(before.get(target));
    const added = [...after.keys()].filter((f) => !before.has(f));
    // The half-written bytes are on disk, under a temporary name only.
    expect(added.length).toBeGreaterThanOrEqual(1);
    for (const file of added) {
      expect(path.basename(file)).toMatch(/\.tmp($|-)/);
      expect(after.get(file)?.size).toBeGreaterThan(0);
      // Killed before any chmod could run: this is the mode the file was created with.
      if (isPosix) expect({ file, mode: after.get(file)?.mode }).toEqual({ file, mode: kind.isPrivate ? 0o600 : 0o644 });
    }

    // The app reads the old version; the next run writes normally over the debris.
    expect(await driver.readWriteRead(root)).toEqual([kind.before, kind.after]);
    if (isPosix) expect((await fs.stat(kind.target(root))).mode & 0o777).toBe(kind.isPrivate ? 0o600 : 0o644);
  });

  it('failing half-way (disk full): the old version stays, the temp file is gone, the officer is told', async () => {
    const root = await newRoot();
    await driver.prepare(root);
    const folder = kind.folder(root);
    const before = await listing(folder);
    const outcome = await driver.writeFull(root);
    expect(outcome.failed).toBe('DISK_FULL');
    expect(outcome.fired).not.toBeNull();
    // The first byte already went into a file with the final mode.
    if (isPosix) expect(outcome.fired?.modeAtFirstWrite).toBe(kind.isPrivate ? 0o600 : 0o644);
    expect(outcome.read).toEqual(kind.before);
    expect(await listing(folder)).toEqual(before);
  });
});

describe('a package the page sends for the outbox (outbox/.masuk-*.tmp)', () => {
  it('is removed when writing it fails half-way, and the officer is told the disk is full', async () => {
    const root = await newRoot();
    const ws = await openWorkspace({ dataDir: path.join(root, 'data'), transport: 'in-process' });
    try {
      const handlers = createOutboxHandlers(createServices(ws));
      const zip = await fs.readFile(path.join(fixtures, 'hostile-zips', 'duplicate.zip'));
      await installWriteFaults();
      const armed = armWriteFault(path.join(root, 'data', 'outbox'), 'enospc');
      let code: unknown;
      try {
        await handlers.outboxAdd({ fileName: 'paket.zip', contentBase64: zip.toString('base64') });
      } catch (err) {
        code = (err as { code?: string }).code;
      } finally {
        armed.disarm();
        uninstallWriteFaults();
      }
      expect(armed.fired()?.file).toMatch(/[\\/]outbox[\\/]\.masuk-[0-9a-f]{12}-paket\.zip\.tmp$/);
      expect(code).toBe('DISK_FULL');
      expect([...(await listing(path.join(root, 'data', 'outbox'))).keys()]).toEqual([]);
    } finally {
      await ws.close();
    }
  });
});
