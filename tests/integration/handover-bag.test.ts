/**
 * Issue 5 end to end through the contract (the UI's path) and the CLI: a
 * bundle for Kota Pontianak is attached, packaged with a signed berita acara,
 * and the package is judged independently: `unzip`, then `sha256sum -c`
 * over its manifests and the RFC 8493 structure (tests/tools/bagit-judge.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { inProcessClient } from '../../core/app/in-process';
import { createServices } from '../../core/app/services';
import type { BerkasApi } from '../../core/api/contract';
import type { ApplicationRecord } from '../../core/domain/handover/application';
import type { HandoverJobStatus } from '../../core/domain/handover/views';
import { judgeBag } from '../tools/bagit-judge';
import { berkas, fixtures, p12Password, run, settings, tempDir } from './signing-helpers';

const application: ApplicationRecord = {
  name: 'SIMPEG',
  version: '2.1.0',
  purpose: 'Pengelolaan data kepegawaian',
  owningOpd: settings.opd.name,
  vendor: 'PT Contoh Solusi Nusantara',
  contractNumber: '027/123/DISDIK/2024',
  contractDate: '2024-03-17',
  fundingSource: 'APBD Kota',
  fundingYear: 2024,
  repository: 'https://git.pontianak.go.id/disdik/simpeg',
  licence: 'Hak milik Pemerintah Daerah',
  copyrightHolder: 'Pemerintah Kota Pontianak',
};

let dir: string;
let ws: Workspace;
let api: BerkasApi;

/** A small application tree: source, an image, a VCS folder and build output that must stay out. */
async function makeSource(root: string): Promise<void> {
  const files: Record<string, string | Buffer> = {
    'simpeg/index.php': '<?php require "app/boot.php";\n',
    'simpeg/app/boot.php': '<?php\n// memuat konfigurasi\n$cfg = require __DIR__ . "/config.php";\n'.repeat(50),
    'simpeg/app/config.php': "<?php return ['db' => getenv('DB_HOST')];\n",
    'simpeg/public/logo.png': randomBytes(4000),
    'simpeg/public/Laporan Akhir (final) – ß.txt': 'nama berkas UTF-8\n',
    'simpeg/.git/config': '[remote "origin"]\n',
    'simpeg/node_modules/lib/index.js': 'module.exports = 1;\n',
  };
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, ...rel.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
  for (const doc of ['kebutuhan', 'kak', 'uji', 'manual']) {
    await fs.writeFile(path.join(root, `${doc}.pdf`), Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2000), Buffer.from('\n%%EOF\n')]));
  }
}

async function waitFor(jobId: string): Promise<HandoverJobStatus> {
  for (;;) {
    const status = await api.handoverJobStatus({ jobId });
    if (status.done) return status;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function readyBundle(): Promise<string> {
  const { bundle } = await api.handoverSave({ profileId: 'pontianak', application });
  const attach = (itemKey: string, rel: string) => api.handoverAttach({ bundleId: bundle.id, itemKey, path: path.join(dir, 'src', rel) });
  await attach('kebutuhan-perangkat-lunak', 'kebutuhan.pdf');
  await attach('kerangka-acuan-kerja', 'kak.pdf');
  await attach('pengujian', 'uji.pdf');
  await attach('manual-pengguna', 'manual.pdf');
  await attach('kode-sumber', 'simpeg');
  return bundle.id;
}

beforeAll(async () => {
  dir = await tempDir('handover');
  await makeSource(path.join(dir, 'src'));
  ws = await openWorkspace({ dataDir: path.join(dir, 'data'), transport: 'in-process' });
  api = inProcessClient(createServices(ws));
  await api.saveSettings(settings);
});

afterAll(async () => {
  await ws.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('handover through the contract', () => {
  it('lists the region checklist and refuses to package an incomplete bundle, naming what is missing', async () => {
    const checklist = await api.handoverChecklist({});
    expect(checklist.profile.id).toBe('pontianak');
    expect(checklist.items.map((i) => i.key)).toContain('kode-sumber');

    const { bundle } = await api.handoverSave({ application });
    await api.handoverAttach({ bundleId: bundle.id, itemKey: 'pengujian', path: path.join(dir, 'src', 'uji.pdf') });
    const completeness = await api.handoverCompleteness({ bundleId: bundle.id });
    expect(completeness.isComplete).toBe(false);
    expect(completeness.missing.map((m) => m.key)).toEqual(['kebutuhan-perangkat-lunak', 'kerangka-acuan-kerja', 'manual-pengguna', 'kode-sumber']);
    for (const m of completeness.missing) expect(m.article).toMatch(/Pasal \d+/);

    const cert = await api.certificateCreateSelfSigned({ name: settings.officer.name, nip: settings.officer.nip, vaultPassphrase: 'frasa-brankas-uji-panjang' });
    await expect(
      api.handoverPackage({ bundleId: bundle.id, outPath: path.join(dir, 'tidak-lengkap.zip'), certificateId: cert.id, vaultPassphrase: 'frasa-brankas-uji-panjang' }),
    ).rejects.toMatchObject({ code: 'HANDOVER_INCOMPLETE' });
    await expect(fs.stat(path.join(dir, 'tidak-lengkap.zip'))).rejects.toThrow();
  });

  it('scans a source folder: files, languages, excluded VCS and build folders', async () => {
    const scan = await api.handoverScanSource({ path: path.join(dir, 'src', 'simpeg') });
    expect(scan).toMatchObject({ kind: 'folder', name: 'simpeg', files: 5, secrets: [], badNames: [] });
    expect(scan.excluded.map((e) => e.path)).toEqual(['.git', 'node_modules']);
    expect(scan.languages[0]).toMatchObject({ language: 'PHP', files: 3 });
  });

  it('packages a complete bundle into a bag that unzip and sha256sum judge valid, with a signed berita acara', async () => {
    const bundleId = await readyBundle();
    const cert = await api.certificateCreateSelfSigned({ name: settings.officer.name, nip: settings.officer.nip, vaultPassphrase: 'frasa-brankas-uji-panjang' });
    const out = path.join(dir, 'serah-terima.zip');
    const { jobId } = await api.handoverPackage({ bundleId, outPath: out, certificateId: cert.id, vaultPassphrase: 'frasa-brankas-uji-panjang' });
    const status = await waitFor(jobId);
    expect(status.error).toBeNull();
    expect(status.phase).toBe('done');
    expect(status.result?.sha256).toBe(createHash('sha256').update(await fs.readFile(out)).digest('hex'));

    // The independent judge: unzip, then coreutils over the manifests and the RFC 8493 structure.
    const unpacked = path.join(dir, 'unpacked');
    expect(run('unzip', ['-q', out, '-d', unpacked]).code).toBe(0);
    const bag = path.join(unpacked, 'serah-terima');
    expect(judgeBag(bag)).toEqual({ valid: true, problems: [] });

    const payload = (await fs.readFile(path.join(bag, 'manifest-sha256.txt'), 'utf8')).trim().split('\n').map((l) => l.slice(66));
    expect(payload).toEqual(
      expect.arrayContaining([
        'data/berita-acara-serah-terima.pdf',
        'data/data.json',
        'data/kode-sumber/simpeg/index.php',
        'data/kode-sumber/simpeg/public/Laporan Akhir (final) – ß.txt',
        'data/pengujian/uji.pdf',
      ]),
    );
    expect(payload.some((p) => p.includes('.git/') || p.includes('node_modules'))).toBe(false);
    const info = await fs.readFile(path.join(bag, 'bag-info.txt'), 'utf8');
    expect(info).toContain(`Source-Organization: ${settings.opd.name}`);
    expect(info).toContain(`External-Identifier: ${bundleId}`);
    expect(info).toMatch(/Bagging-Date: \d{4}-\d{2}-\d{2}\n/);

    // The berita acara is signed, and pdfsig (poppler) agrees it is intact.
    const pdfsig = run('pdfsig', [path.join(bag, 'data/berita-acara-serah-terima.pdf')]);
    expect(pdfsig.stdout).toContain('Signature is Valid');
    const dataJson = JSON.parse(await fs.readFile(path.join(bag, 'data/data.json'), 'utf8')) as { bundleId: string; items: { key: string; files: { path: string; sha256: string }[] }[] };
    expect(dataJson.bundleId).toBe(bundleId);
    const index = dataJson.items.find((i) => i.key === 'kode-sumber')?.files.find((f) => f.path === 'data/kode-sumber/simpeg/index.php');
    expect(index?.sha256).toBe(createHash('sha256').update(await fs.readFile(path.join(bag, 'data/kode-sumber/simpeg/index.php'))).digest('hex'));

    // Our own verifier agrees, and the bundle remembers its package.
    const verified = await api.handoverVerify({ path: out });
    expect(verified).toMatchObject({ complete: true, valid: true, missing: [], mismatched: [], unexpected: [], issues: [] });
    expect(verified).toMatchObject({ judgedAs: 'paket-berkas', berkasPackage: { kind: 'serah-terima', signedDocuments: ['data/berita-acara-serah-terima.pdf'] } });
    expect(verified.signatures).toHaveLength(1);
    expect(verified.signatures[0]).toMatchObject({ file: 'data/berita-acara-serah-terima.pdf', integrity: 'valid' });
    expect((await api.handoverGet({ id: bundleId })).bundle.packages).toHaveLength(1);

    // One flipped byte in any payload file: the judge says invalid.
    for (const rel of payload) {
      const file = path.join(bag, ...(rel as string).split('/'));
      const bytes = await fs.readFile(file);
      const flipped = Buffer.from(bytes);
      flipped[Math.floor(flipped.length / 2)] ^= 0x01;
      await fs.writeFile(file, flipped);
      expect({ rel, valid: judgeBag(bag).valid }).toEqual({ rel, valid: false });
      await fs.writeFile(file, bytes);
    }
  });

  it('warns of secrets before packaging and packages only once the officer acknowledges them', async () => {
    await fs.mkdir(path.join(dir, 'src', 'bocor'), { recursive: true });
    await fs.writeFile(path.join(dir, 'src', 'bocor', 'index.php'), '<?php echo 1;\n');
    await fs.writeFile(path.join(dir, 'src', 'bocor', '.env'), 'DB_PASSWORD=rahasia123\n');
    const { bundle } = await api.handoverSave({ profileId: 'pontianak', application });
    for (const [key, rel] of [
      ['kebutuhan-perangkat-lunak', 'kebutuhan.pdf'],
      ['kerangka-acuan-kerja', 'kak.pdf'],
      ['pengujian', 'uji.pdf'],
      ['manual-pengguna', 'manual.pdf'],
      ['kode-sumber', 'bocor'],
    ] as const) {
      await api.handoverAttach({ bundleId: bundle.id, itemKey: key, path: path.join(dir, 'src', rel) });
    }
    // The same name twice under one item is refused; detaching frees it.
    await expect(api.handoverAttach({ bundleId: bundle.id, itemKey: 'pengujian', path: path.join(dir, 'src', 'uji.pdf') })).rejects.toMatchObject({ code: 'HANDOVER_ATTACHMENT_EXISTS' });
    const detached = await api.handoverDetach({ bundleId: bundle.id, itemKey: 'pengujian', name: 'uji.pdf' });
    expect(detached.completeness.missing.map((m) => m.key)).toEqual(['pengujian']);
    await api.handoverAttach({ bundleId: bundle.id, itemKey: 'pengujian', path: path.join(dir, 'src', 'uji.pdf') });
    // A corrected version of the same name replaces the old one in one step, once confirmed (replace).
    const before = (await api.handoverGet({ id: bundle.id })).bundle.items['pengujian'] ?? [];
    await fs.writeFile(path.join(dir, 'src', 'uji.pdf'), '%PDF-1.4\n% laporan uji, revisi 2\n');
    const replaced = await api.handoverAttach({ bundleId: bundle.id, itemKey: 'pengujian', path: path.join(dir, 'src', 'uji.pdf'), replace: true });
    const after = replaced.bundle.items['pengujian'] ?? [];
    expect(after.map((a) => a.name)).toEqual(['uji.pdf']);
    expect(after[0]!.files[0]!.sha256).not.toBe(before[0]!.files[0]!.sha256);

    const view = await api.handoverGet({ id: bundle.id });
    expect(view.completeness.warnings.join(' ')).toContain('rahasia');
    const cert = await api.certificateCreateSelfSigned({ name: settings.officer.name, nip: settings.officer.nip, vaultPassphrase: 'frasa-brankas-uji-panjang' });
    const request = { bundleId: bundle.id, outPath: path.join(dir, 'bocor.zip'), certificateId: cert.id, vaultPassphrase: 'frasa-brankas-uji-panjang' };
    const refused = (await api.handoverPackage(request).catch((e: unknown) => e)) as { code: string; message: string };
    expect(refused.code).toBe('HANDOVER_SECRETS');
    expect(refused.message).toContain('.env');
    expect(refused.message).not.toContain('rahasia123');
    const { jobId } = await api.handoverPackage({ ...request, isSecretsAcknowledged: true });
    expect(await waitFor(jobId)).toMatchObject({ phase: 'done', error: null });
  });

  it('cancels a package job and leaves no file behind', async () => {
    const big = path.join(dir, 'src', 'besar');
    await fs.mkdir(big, { recursive: true });
    for (let i = 0; i < 6; i++) await fs.writeFile(path.join(big, `arsip-${i}.bin`), randomBytes(8 * 1024 * 1024));
    const { bundle } = await api.handoverSave({ profileId: 'pontianak', application });
    for (const [key, rel] of [
      ['kebutuhan-perangkat-lunak', 'kebutuhan.pdf'],
      ['kerangka-acuan-kerja', 'kak.pdf'],
      ['pengujian', 'uji.pdf'],
      ['manual-pengguna', 'manual.pdf'],
      ['kode-sumber', 'besar'],
    ] as const) {
      await api.handoverAttach({ bundleId: bundle.id, itemKey: key, path: path.join(dir, 'src', rel) });
    }
    const cert = await api.certificateCreateSelfSigned({ name: settings.officer.name, nip: settings.officer.nip, vaultPassphrase: 'frasa-brankas-uji-panjang' });
    const outDir = path.join(dir, 'batal');
    await fs.mkdir(outDir);
    const { jobId } = await api.handoverPackage({ bundleId: bundle.id, outPath: path.join(outDir, 'paket.zip'), certificateId: cert.id, vaultPassphrase: 'frasa-brankas-uji-panjang' });
    for (;;) {
      const s = await api.handoverJobStatus({ jobId });
      if (s.phase === 'writing' && s.bytes > 0) break;
      if (s.done) throw new Error(`selesai sebelum sempat dibatalkan: ${JSON.stringify(s.error)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await api.handoverJobCancel({ jobId })).toEqual({ jobId, isCancelled: true });
    const status = await waitFor(jobId);
    expect(status).toMatchObject({ done: true, phase: 'cancelled', error: { code: 'CANCELLED' } });
    expect(await fs.readdir(outDir)).toEqual([]);
    expect((await api.handoverGet({ id: bundle.id })).bundle.packages).toEqual([]);
  });
});

describe('handover through the CLI', () => {
  it('bundle checklist prints the region items with key, label, article, required', () => {
    const r = berkas(['bundle', 'checklist', '--profile', 'jember', '--json', '--data-dir', path.join(dir, 'cli-data')]);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout) as { key: string; label: string; article: string; required: boolean }[];
    expect(items).toHaveLength(9);
    expect(items[0]).toEqual({ key: 'kode-sumber', label: 'Kode Sumber', article: 'Pasal 14 ayat (3)', required: true, kind: 'source-code' });
  });

  it('bundle create with a .p12 writes a valid package; verify exits 0, and 1 once a byte changes', async () => {
    const data = path.join(dir, 'cli-data-2');
    const settingsFile = path.join(dir, 'settings.json');
    await fs.writeFile(settingsFile, JSON.stringify(settings));
    expect(berkas(['settings', 'set', '--file', settingsFile, '--data-dir', data]).code).toBe(0);
    const appFile = path.join(dir, 'app.json');
    await fs.writeFile(appFile, JSON.stringify(application));
    const out = path.join(dir, 'cli.zip');
    const src = (rel: string) => path.join(dir, 'src', rel);
    const created = berkas(
      [
        'bundle', 'create', '--profile', 'pontianak', '--app', appFile,
        '--item', `kebutuhan-perangkat-lunak=${src('kebutuhan.pdf')}`,
        '--item', `kerangka-acuan-kerja=${src('kak.pdf')}`,
        '--item', `pengujian=${src('uji.pdf')}`,
        '--item', `manual-pengguna=${src('manual.pdf')}`,
        '--item', `kode-sumber=${src('simpeg')}`,
        '--out', out, '--p12', path.join(fixtures, 'officer.p12'), '--password-env', 'P12_PASSWORD', '--json', '--data-dir', data,
      ],
      { P12_PASSWORD: p12Password },
    );
    expect({ code: created.code, stderr: created.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(JSON.parse(created.stdout)).toMatchObject({ path: out, valid: true });

    const verified = berkas(['bundle', 'verify', out, '--json', '--data-dir', data]);
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.stdout) as Record<string, unknown>;
    for (const key of ['complete', 'valid', 'missing', 'mismatched', 'unexpected', 'signatures']) expect(report).toHaveProperty(key);
    expect(report).toMatchObject({ complete: true, valid: true, judgedAs: 'paket-berkas' });
    // In words, the verdict says what it judged: a Berkas handover package, not just a bag.
    const said = berkas(['verify', out, '--data-dir', data]);
    // Intact, but the officer's CA is not installed in this workspace: not called SAH; with its root it is.
    expect({ code: said.code, line: said.stdout.split('\n')[0] }).toEqual({ code: 0, line: expect.stringContaining('UTUH, PENANDA TANGAN BELUM TEPERCAYA sebagai paket serah terima aplikasi Berkas') });
    const withRoot = berkas(['verify', out, '--trust', path.join(fixtures, 'root.pem'), '--data-dir', data]);
    expect({ code: withRoot.code, line: withRoot.stdout.split('\n')[0] }).toEqual({ code: 0, line: expect.stringMatching(/: SAH sebagai paket serah terima aplikasi Berkas/) });

    // A byte flipped inside a stored entry (the PDF is stored): reported as mismatched, exit 1.
    const raw = await fs.readFile(out);
    // Found by its own local header (the name also stands in the manifests, and the bag has a top folder).
    const entryName = Buffer.from('/data/pengujian/uji.pdf');
    let dataStart = -1;
    for (let i = raw.indexOf(entryName); i !== -1 && dataStart < 0; i = raw.indexOf(entryName, i + 1)) {
      for (let prefix = 0; prefix < 256 && i - prefix - 30 >= 0; prefix++) {
        const header = i - prefix - 30;
        if (raw.readUInt32LE(header) === 0x04034b50 && raw.readUInt16LE(header + 26) === prefix + entryName.length) {
          expect(raw.readUInt16LE(header + 8)).toBe(0); // stored, so a flipped byte is a changed byte of the PDF
          dataStart = header + 30 + raw.readUInt16LE(header + 26) + raw.readUInt16LE(header + 28);
          break;
        }
      }
    }
    expect(dataStart).toBeGreaterThan(0);
    // Byte 20: inside the entry whatever its size (an earlier test leaves a 33-byte uji.pdf in the sources).
    raw[dataStart + 20] ^= 0x01;
    const tampered = path.join(dir, 'cli-ubah.zip');
    await fs.writeFile(tampered, raw);
    const bad = berkas(['bundle', 'verify', tampered, '--json', '--data-dir', data]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ valid: false, mismatched: ['data/pengujian/uji.pdf'] });

    // The same package under a .pdf name is read as a PDF, and refused as what it is: not a PDF (issue 11).
    const misnamed = path.join(dir, 'paket-salah-nama.pdf');
    await fs.copyFile(out, misnamed);
    const asPdf = berkas(['verify', misnamed, '--data-dir', data]);
    expect(asPdf.code).toBe(2);
    expect(asPdf.stderr).toContain('Galat [NOT_PDF]: Berkas paket-salah-nama.pdf bukan PDF: isinya arsip ZIP');
  });

  it('verify refuses a hostile package with its reason and exit 1', () => {
    const r = berkas(['bundle', 'verify', path.resolve(__dirname, '../fixtures/hostile-zips/traversal.zip'), '--json', '--data-dir', path.join(dir, 'cli-data')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, refused: { code: 'ZIP_PATH_TRAVERSAL' } });
  });
});
