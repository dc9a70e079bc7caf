/**
 * `berkas rencana-aksi ...` as an officer or a script runs it (issue 3 item 6):
 * a real process, a real data folder, exit codes 0 / 2, JSON on stdout,
 * reasons on stderr. And the same operations through the contract.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { inProcessClient } from '../../core/app/in-process';
import { createServices } from '../../core/app/services';
import { isBerkasError } from '../../core/domain/errors';
import { detachSource } from '../../core/domain/rencana-aksi';
import type { BerkasApi } from '../../core/api/contract';

const root = path.join(__dirname, '..', '..');
const fixtures = path.join(root, 'tests', 'fixtures', 'rencana-aksi');

function berkas(args: string[], dataDir: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'main.ts'), ...args, '--data-dir', dataDir], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BERKAS_DATA_DIR: dataDir },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('berkas rencana-aksi (CLI)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'berkas-ra-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('import --json prints the plan, totals and findings of the Prabumulih example (exit 0)', () => {
    const run = berkas(['rencana-aksi', 'import', path.join(fixtures, 'prabumulih-contoh.tsv'), '--json'], dataDir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['activities', 'bySource', 'total', 'findings']);
    expect(out.total).toBe(186000000);
    expect(out.bySource).toEqual({ APBD: 186000000 });
    expect(out.activities).toHaveLength(1);
    expect(out.activities[0].outputs).toHaveLength(7);
    expect(out.activities[0].outputs[2]).toMatchObject({ name: 'Pengembangan Aplikasi', subtotal: 105000000 });
    expect(out.activities[0].outputs[2].stages[2]).toEqual({
      tahap: 'Testing',
      metode: '',
      pelaksana: 'Kantor KOMINFO',
      durasi: { text: '2 Hari, 5 Kali', days: 2 },
      sumberDaya: { text: 'APBD : 5 Juta', source: 'APBD', amount: 5000000 },
    });
    expect(out.activities[0].outputs[4].stages[0].sumberDaya).toEqual({ text: '', source: null, amount: null });
    expect(out.findings.find((f: { code: string }) => f.code === 'TAHAP_GANDA')).toEqual({
      code: 'TAHAP_GANDA',
      row: 7,
      column: 'B',
      message:
        'Baris 7, kolom B (Tahap Pelaksanaan): tahap "Format Data yang Dibutuhkan dan yang akan dihasilkan" sama dengan tahap pada baris 6 (output "Pengembangan master data"); hapus tahap ganda atau bedakan uraiannya.',
    });
    expect(out.findings.filter((f: { code: string }) => f.code === 'SUMBER_DAYA_KOSONG')).toHaveLength(6);
  });

  it('import without --json prints a summary in Bahasa Indonesia', () => {
    const run = berkas(['rencana-aksi', 'import', path.join(fixtures, 'prabumulih-excel.xlsx')], dataDir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Total: Rp 186.000.000');
    expect(run.stdout).toContain('Per sumber dana: APBD Rp 186.000.000');
  });

  it.each([
    ['garbage.xlsx', /^Galat \[NOT_XLSX\]: Berkas garbage\.xlsx tidak dapat dibaca/],
    ['encrypted.xlsx', /^Galat \[XLSX_ENCRYPTED\]: Berkas encrypted\.xlsx tidak dapat dibaca .*terenkripsi/],
    ['no-header.csv', /^Galat \[NO_HEADER\]: Berkas no-header\.csv, baris 1–4, kolom A–C: /],
    ['wrong-columns.csv', /^Galat \[HEADER_INCOMPLETE\]: Berkas wrong-columns\.csv, baris 1: kolom wajib tidak ditemukan: Tahap Pelaksanaan, Pelaksana/],
    ['tidak-ada.csv', /^Galat \[FILE_NOT_FOUND\]: Berkas .*tidak-ada\.csv tidak ditemukan\./],
  ])('a file that is not a plan (%s): exit 2, reason on stderr, nothing on stdout', (name, reason) => {
    const run = berkas(['rencana-aksi', 'import', path.join(fixtures, name), '--json'], dataDir);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(reason);
  });

  it('export --to .xlsx and .csv re-import to the same totals and findings', () => {
    for (const ext of ['xlsx', 'csv']) {
      const out = path.join(dataDir, `ekspor.${ext}`);
      const exported = berkas(['rencana-aksi', 'export', path.join(fixtures, 'prabumulih-contoh.tsv'), '--to', out], dataDir);
      expect(exported.status).toBe(0);
      expect(existsSync(out)).toBe(true);
      const again = JSON.parse(berkas(['rencana-aksi', 'import', out, '--json'], dataDir).stdout);
      const first = JSON.parse(berkas(['rencana-aksi', 'import', path.join(fixtures, 'prabumulih-contoh.tsv'), '--json'], dataDir).stdout);
      expect(again.activities).toEqual(first.activities);
      expect(again.total).toBe(186000000);
      expect(again.findings.map((f: { code: string }) => f.code).sort()).toEqual(first.findings.map((f: { code: string }) => f.code).sort());
    }
    const csv = readFileSync(path.join(dataDir, 'ekspor.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('export refuses an unknown target extension (exit 2)', () => {
    const run = berkas(['rencana-aksi', 'export', path.join(fixtures, 'prabumulih-contoh.tsv'), '--to', path.join(dataDir, 'x.pdf')], dataDir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--to harus berakhiran \.xlsx atau \.csv/);
  });

  it('catalog import, then import flags the kegiatan another OPD already has', () => {
    const cat = berkas(['rencana-aksi', 'catalog', 'import', path.join(fixtures, 'katalog-kegiatan.json')], dataDir);
    expect(cat.status).toBe(0);
    expect(cat.stdout).toContain('4 kegiatan dari 4 OPD');
    const run = berkas(['rencana-aksi', 'import', path.join(fixtures, 'prabumulih-contoh.tsv'), '--json', '--opd', 'DPMD', '--year', '2025'], dataDir);
    const dup = JSON.parse(run.stdout).findings.filter((f: { code: string }) => f.code === 'KEGIATAN_GANDA_KATALOG');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ row: 2, column: 'A' });
    expect(dup[0].message).toMatch(/Dinas Kependudukan dan Pencatatan Sipil \(DISDUKCAPIL\)/);
  });
});

describe('rencana aksi through the contract (in-process client)', () => {
  let dataDir: string;
  let ws: Workspace;
  let api: BerkasApi;
  const b64 = (name: string) => readFileSync(path.join(fixtures, name)).toString('base64');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'berkas-ra-api-'));
    ws = await openWorkspace({ dataDir, transport: 'in-process' });
    api = inProcessClient(createServices(ws));
  });
  afterAll(async () => {
    await ws.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function failure(p: Promise<unknown>) {
    try {
      await p;
    } catch (err) {
      if (isBerkasError(err)) return err;
      throw err;
    }
    throw new Error('tidak gagal');
  }

  it('import (saved), get, edit, save, list, export, delete', async () => {
    const imported = await api.rencanaAksiImport({ fileName: 'prabumulih-excel.csv', contentBase64: b64('prabumulih-excel.csv'), shouldSave: true });
    expect(imported.saved?.revision).toBe(1);
    expect(imported.analysis.totals.total).toBe(186_000_000);
    expect(imported.plan.activities[0]?.outputs[2]?.subOutputs).toEqual(['Modul Data PKK', 'Modul Pelaporan']);
    const id = imported.plan.id;

    const got = await api.rencanaAksiGet({ id });
    expect(got.plan).toEqual(imported.plan);
    expect(got.analysis.findings.find((f) => f.code === 'TAHAP_GANDA')?.row).toBe(9);

    // The officer fixes a finding in the editor: the plan leaves its file positions behind.
    const edited = detachSource(got.plan);
    const first = edited.activities[0]?.outputs[4]?.stages[0];
    if (!first) throw new Error('fixture');
    first.sumberDaya = { text: 'APBD : 2 Juta' };
    const saved = await api.rencanaAksiSave({ plan: edited, baseRevision: 1 });
    expect(saved.revision).toBe(2);
    expect(saved.plan.activities[0]?.outputs[4]?.stages[0]?.sumberDaya).toEqual({ text: 'APBD : 2 Juta', source: 'APBD', amount: 2_000_000 });
    expect(saved.analysis.totals.total).toBe(188_000_000);
    expect(saved.analysis.findings.filter((f) => f.code === 'SUMBER_DAYA_KOSONG')).toHaveLength(5);
    expect(saved.analysis.findings.find((f) => f.code === 'TAHAP_GANDA')).toMatchObject({ row: 5, column: 'Tahap Pelaksanaan' });

    const conflict = await failure(api.rencanaAksiSave({ plan: edited, baseRevision: 1 }));
    expect(conflict.code).toBe('REVISION_CONFLICT');

    expect(await api.rencanaAksiList({})).toEqual([
      expect.objectContaining({ id, revision: 2, total: 188_000_000, stageCount: 17, errorCount: 5 }),
    ]);

    const exported = await api.rencanaAksiExport({ id, format: 'xlsx' });
    expect(exported.fileName).toMatch(/^rencana-aksi-\d{4}-pengembangan-sim-pkk\.xlsx$/);
    const back = await api.rencanaAksiImport({ fileName: exported.fileName, contentBase64: exported.contentBase64 });
    expect(back.analysis.totals.total).toBe(188_000_000);
    const { id: _a, ...left } = detachSource(back.plan);
    const { id: _b, ...right } = detachSource(saved.plan);
    expect(left).toEqual(right);

    expect(await api.rencanaAksiDelete({ id })).toEqual({ id });
    expect((await failure(api.rencanaAksiGet({ id }))).code).toBe('NOT_FOUND');
  });

  it('validate runs the same analysis without saving', async () => {
    const imported = await api.rencanaAksiImport({ fileName: 'jumlah-salah.csv', contentBase64: b64('jumlah-salah.csv') });
    expect(imported.saved).toBeUndefined();
    expect(imported.analysis.findings.find((f) => f.code === 'TOTAL_TIDAK_COCOK')).toMatchObject({ row: 23, column: 'F' });
    const validated = await api.rencanaAksiValidate({ plan: imported.plan });
    expect(validated).toEqual(imported.analysis);
    expect(await api.rencanaAksiList({})).toEqual([]);
  });

  it('bad input leaves the stored plans untouched and names file, row and column', async () => {
    const before = await api.rencanaAksiList({});
    const long = Buffer.from(`Output;Tahap;Pelaksana;Durasi;Sumber daya\nO;T;P;1 Hari;${'9'.repeat(100_000)}\n`).toString('base64');
    const err = await failure(api.rencanaAksiImport({ fileName: 'panjang.csv', contentBase64: long, shouldSave: true }));
    expect(err.code).toBe('CELL_TOO_LONG');
    expect(err.message).toMatch(/^Berkas panjang\.csv, baris 2, kolom E:/);
    expect(await api.rencanaAksiList({})).toEqual(before);
  });

  it('whatever the import accepts, the save accepts (long cells, long title)', async () => {
    const long = 'Penyusunan kajian '.repeat(500).trim(); // ~9,000 characters
    const csv = `Judul;${'Rencana Aksi Dinas '.repeat(30)}\nOutput;Tahap;Pelaksana;Durasi;Sumber daya\nKegiatan\n"${long}";"${long}";P;1 Hari;APBD : 1 Juta\n`;
    const imported = await api.rencanaAksiImport({ fileName: 'panjang.csv', contentBase64: Buffer.from(csv).toString('base64') });
    const saved = await api.rencanaAksiSave({ plan: imported.plan });
    expect(saved.plan.activities[0]?.outputs[0]?.stages[0]?.tahap).toBe(long);
    expect(saved.plan.title).toMatch(/^Rencana Aksi Dinas Rencana/);
    expect(saved.plan.title.length).toBeLessThanOrEqual(300);
    await api.rencanaAksiDelete({ id: saved.plan.id });
  });

  it('the schema refuses malformed plans and payloads', async () => {
    expect((await failure(api.rencanaAksiImport({ fileName: 'x.csv', contentBase64: 'bukan base64!' }))).code).toBe('INVALID_REQUEST');
    const plan = { id: '', opdCode: 'X', year: 1900, title: 'T', activities: [] };
    expect((await failure(api.rencanaAksiSave({ plan }))).message).toMatch(/plan\.year/);
  });

  it('catalog import from CSV replaces the catalog; get returns entries for live checks', async () => {
    const info = await api.rencanaAksiCatalogImport({ fileName: 'katalog-kegiatan.csv', contentBase64: b64('katalog-kegiatan.csv') });
    expect(info).toMatchObject({ fileName: 'katalog-kegiatan.csv', entryCount: 4, opdCount: 4 });
    const again = await api.rencanaAksiCatalogImport({ fileName: 'katalog-kegiatan.json', contentBase64: b64('katalog-kegiatan.json') });
    expect(again).toMatchObject({ entryCount: 4, issuedBy: 'Diskominfo Kota Prabumulih', issuedAt: '2025-01-15' });
    const snapshot = await api.rencanaAksiCatalogGet({});
    expect(snapshot.entries).toHaveLength(4);
    const bad = await failure(api.rencanaAksiCatalogImport({ fileName: 'k.json', contentBase64: Buffer.from('{"format":"x"}').toString('base64') }));
    expect(bad.code).toBe('CATALOG_INVALID');
    expect((await api.rencanaAksiCatalogGet({})).entries).toHaveLength(4);
  });
});
