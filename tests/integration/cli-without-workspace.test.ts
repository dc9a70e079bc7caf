/**
 * The verbs that need no workspace (cli/session.ts withoutWorkspace) run
 * while another Berkas holds the data folder, and leave no trace in it:
 * `verify` of an outside PDF and package, `nip check`, `profiles list`,
 * `bundle checklist`, `report types`. The lock is real: `info`, which does
 * open the workspace, is refused with WORKSPACE_LOCKED meanwhile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openWorkspace } from '../../core/app/workspace';
import { createServices } from '../../core/app/services';
import { inProcessClient } from '../../core/app/in-process';
import { writeBagZip } from '../../core/adapters/bagit/bag-writer';
import { berkas, fixtures, repo, settings, tempDir } from './signing-helpers';

const signedPdf = path.join(repo, 'tests/fixtures/server/signed.pdf');
const rootPem = path.join(fixtures, 'root.pem');

/** Every file and folder under `dir` with its size and modification time: any write shows. */
async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(at: string): Promise<void> {
    for (const entry of await fs.readdir(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      const stat = await fs.stat(full);
      out.push(`${path.relative(dir, full)} ${entry.isDirectory() ? 'dir' : stat.size} ${stat.mtimeMs}`);
      if (entry.isDirectory()) await walk(full);
    }
  }
  await walk(dir);
  return out.sort();
}

/** Another process that opens the workspace (database open, folder locked) and keeps it until killed. */
async function holdWorkspace(dataDir: string, scratch: string): Promise<ChildProcess> {
  const script = path.join(scratch, 'pegang.ts');
  await fs.writeFile(
    script,
    `import { openWorkspace } from ${JSON.stringify(path.join(repo, 'core/app/workspace'))};\n` +
      `openWorkspace({ dataDir: ${JSON.stringify(dataDir)}, transport: 'in-process' }).then(() => { process.stdout.write('siap\\n'); setInterval(() => undefined, 60_000); });\n`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the holding process ended early (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('siap')) resolve();
    });
  });
  return child;
}

describe('verbs without a workspace, while another process holds it', () => {
  let scratch: string;
  let dataDir: string;
  let bagZip: string;
  let holder: ChildProcess | undefined;

  beforeAll(async () => {
    scratch = await tempDir('tanpa-ruang-kerja');
    dataDir = path.join(scratch, 'data');
    // The officer's workspace: settings saved and the BSrE-like root installed, as the app would have them.
    const ws = await openWorkspace({ dataDir, transport: 'in-process' });
    try {
      const services = createServices(ws);
      await inProcessClient(services).saveSettings(settings);
      await services.signing.addTrustRoot({ fileName: 'akar.pem', bytes: new Uint8Array(await fs.readFile(rootPem)) });
    } finally {
      await ws.close();
    }
    // An outside package: a handover bag with a signed berita acara, as another OPD would hand it over.
    const pdf = new Uint8Array(await fs.readFile(signedPdf));
    const data = Buffer.from('{"format":"berkas-serah-terima","version":1}');
    bagZip = path.join(scratch, 'paket-luar.zip');
    await writeBagZip({
      outPath: bagZip,
      payload: [
        { path: 'data/berita-acara-serah-terima.pdf', bytes: pdf, size: pdf.length },
        { path: 'data/data.json', bytes: data, size: data.length },
      ],
      bagInfo: [
        ['Source-Organization', 'Dinas Kependudukan'],
        ['Berkas-Document', 'serah-terima-aplikasi'],
      ],
      baggingDate: new Date('2025-08-01T10:00:00Z'),
    });
    holder = await holdWorkspace(dataDir, scratch);
  });

  afterAll(async () => {
    holder?.kill('SIGKILL');
    await fs.rm(scratch, { recursive: true, force: true });
  });

  it('the workspace is really held: a verb that opens it is refused', () => {
    const info = berkas(['info', '--data-dir', dataDir]);
    expect(info.code).toBe(2);
    expect(info.stderr).toContain('WORKSPACE_LOCKED');
  });

  it('verify judges an outside PDF with the installed trust roots, and writes nothing into the data folder', async () => {
    const before = await listing(dataDir);
    const ran = berkas(['verify', signedPdf, '--json', '--data-dir', dataDir]);
    expect([ran.code, ran.stderr]).toEqual([0, '']);
    const report = JSON.parse(ran.stdout) as { integrity: string; signatures: { certificate: string }[] };
    expect(report.integrity).toBe('utuh');
    // Trusted only through the root installed in the (locked) folder: read, not opened.
    expect(report.signatures[0]?.certificate).toBe('trusted');
    expect(await listing(dataDir)).toEqual(before);
  });

  it('verify of the default data folder (BERKAS_DATA_DIR, no --data-dir) behaves the same', async () => {
    const before = await listing(dataDir);
    const ran = berkas(['verify', signedPdf], { BERKAS_DATA_DIR: dataDir });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('sertifikat tepercaya');
    expect(await listing(dataDir)).toEqual(before);
  });

  it('verify of an outside package judges the bag and the signed PDF inside, with --trust roots from the command line', async () => {
    const before = await listing(dataDir);
    const elsewhere = path.join(scratch, 'tidak-ada');
    const ran = berkas(['verify', bagZip, '--json', '--trust', rootPem, '--data-dir', elsewhere]);
    expect([ran.code, ran.stderr]).toEqual([0, '']);
    const report = JSON.parse(ran.stdout) as { valid: boolean; signatures: { file: string; integrity: string; certificate: string }[] };
    expect(report.valid).toBe(true);
    expect(report.signatures).toEqual([expect.objectContaining({ file: 'data/berita-acara-serah-terima.pdf', integrity: 'valid', certificate: 'trusted' })]);
    // A folder that does not exist is not created just to look for roots in it.
    await expect(fs.stat(elsewhere)).rejects.toMatchObject({ code: 'ENOENT' });
    const bundle = berkas(['bundle', 'verify', bagZip, '--data-dir', dataDir]);
    expect(bundle.code).toBe(0);
    expect(await listing(dataDir)).toEqual(before);
  });

  it('nip check, profiles list, bundle checklist and report types run beside the holder and touch nothing', async () => {
    const before = await listing(dataDir);
    const nip = berkas(['nip', 'check', settings.officer.nip, '--data-dir', dataDir]);
    expect(nip.code).toBe(0);
    expect(JSON.parse(nip.stdout)).toMatchObject({ isValid: true });
    const profiles = berkas(['profiles', 'list', '--json', '--data-dir', dataDir]);
    expect(profiles.code).toBe(0);
    expect((JSON.parse(profiles.stdout) as { id: string }[]).map((p) => p.id)).toContain('pontianak');
    // Without --profile, the active profile is read from the (locked) folder's settings.
    const checklist = berkas(['bundle', 'checklist', '--data-dir', dataDir]);
    expect(checklist.code).toBe(0);
    expect(checklist.stdout).toContain('Kota Pontianak');
    const types = berkas(['report', 'types', '--json', '--data-dir', dataDir]);
    expect(types.code).toBe(0);
    expect((JSON.parse(types.stdout) as unknown[]).length).toBeGreaterThan(0);
    expect(await listing(dataDir)).toEqual(before);
  });
});
