/**
 * The document journey's bad input (issue 13): a kept revision whose signed
 * file is altered, or whose data.json is missing, on disk is named in
 * `documents list` and `show` (exit 1), is never sent or re-signed, and its
 * signed bytes can be written again from the outbox's copy when one exists;
 * two sends of one document at once make one submission; and a process
 * killed between storing the signed blobs and the revision's row leaves no
 * half document. No server: a device not enrolled keeps what it sends in the
 * outbox and says how to enrol.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openWorkspace } from '../../core/app/workspace';
import { createServices } from '../../core/app/services';
import { inProcessClient } from '../../core/app/in-process';
import { isBerkasError } from '../../core/domain/errors';
import type { DocumentSummary, DocumentView } from '../../core/domain/documents/model';
import { fixtures, p12Password, repo, run, settings, tempDir, type Ran } from './signing-helpers';
import { berkasCli as berkas } from './helpers/documents';
import { signedPdf } from './helpers/outbox-fixtures';

jest.setTimeout(300_000);

const planFile = path.join(repo, 'tests/fixtures/rencana-aksi/prabumulih-contoh.tsv');
let work: string;

function ok(r: Ran): string {
  if (r.code !== 0) throw new Error(`exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Where the workspace keeps a blob, found by its name (the store's layout is its own business). */
async function blobFile(dataDir: string, sha: string): Promise<string> {
  const ws = await openWorkspace({ dataDir, transport: 'in-process' });
  try {
    return ws.blobs.pathOf(sha);
  } finally {
    await ws.close();
  }
}

beforeAll(async () => {
  work = await tempDir('dokumen-rusak');
});

afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

describe('kept files missing or altered on disk', () => {
  let dataDir: string;
  const cli = (args: string[]) => berkas([...args, '--data-dir', dataDir]);
  const show = (id: string) => cli(['documents', 'show', id, '--json']);

  beforeAll(async () => {
    dataDir = path.join(work, 'data');
    const settingsFile = path.join(work, 'pengaturan.json');
    await fs.writeFile(settingsFile, JSON.stringify(settings));
    ok(cli(['settings', 'set', '--file', settingsFile]));
  });

  it('an altered signed PDF is named, refused for sending and export, and written again from the outbox copy; a missing data.json without a copy says so', async () => {
    const plan = (JSON.parse(ok(cli(['rencana-aksi', 'import', planFile, '--save', '--json']))) as { id: string }).id;
    const planRevision = ok(cli(['documents', 'sign', plan, '--self-signed'])).trim();
    // Not enrolled: the package waits in the outbox, and the answer says how to enrol.
    const queued = cli(['documents', 'send', plan]);
    expect(queued.code).toBe(0);
    // Pontianak's ICT office by its own name, enrolment where the app has it (Kotak Keluar).
    expect(queued.stdout).toContain('belum terdaftar ke server DISKOMINFO. Daftarkan di Kotak Keluar dengan kode pendaftaran dari DISKOMINFO');
    expect(queued.stdout).toContain('berkas enroll --server URL --code KODE');
    expect(queued.stdout).toContain('Status dokumen: Antre untuk dikirim (menunggu sambungan)');

    const report = (
      JSON.parse(
        ok(
          cli([
            'report', 'create', 'insiden', '--period', '2026-11-20',
            '--data', path.join(repo, 'tests/fixtures/reports/laporan-insiden.json'),
            '--out', path.join(work, 'insiden.pdf'), '--self-signed', '--json',
          ]),
        ),
      ) as { id: string }
    ).id;
    const before = JSON.parse(ok(show(plan))) as DocumentView;
    const kept = before.revisions[0];
    if (!kept) throw new Error('no kept revision');
    const reportKept = (JSON.parse(ok(show(report))) as DocumentView).revisions[0];
    if (!reportKept) throw new Error('no kept report revision');

    // One byte of the kept PDF changed; the report's data.json gone.
    const pdfFile = await blobFile(dataDir, kept.fileSha256);
    const bytes = await fs.readFile(pdfFile);
    bytes[1000] = (bytes[1000] ?? 0) ^ 0x01;
    await fs.chmod(pdfFile, 0o644);
    await fs.writeFile(pdfFile, bytes);
    await fs.rm(await blobFile(dataDir, reportKept.dataSha256));

    const listed = cli(['documents', 'list', '--json']);
    expect(listed.code).toBe(1);
    const documents = JSON.parse(listed.stdout) as DocumentSummary[];
    const planProblems = documents.find((d) => d.id === plan)?.problems ?? [];
    expect(planProblems).toEqual([expect.objectContaining({ revisionId: kept.id, file: 'dokumen', condition: 'berubah', sha256: kept.fileSha256, hasOutboxCopy: true })]);
    expect(planProblems[0]?.message).toContain(`${kept.fileName} revisi 1 "Pengembangan SIM PKK" berubah`);
    expect(planProblems[0]?.message).toContain('Salinan yang sama ada di Kotak Keluar');
    // The screens show the message: no command-line flag in it (the CLI adds its own line).
    expect(planProblems[0]?.message).not.toMatch(/--|berkas documents/);
    const reportProblems = documents.find((d) => d.id === report)?.problems ?? [];
    expect(reportProblems).toEqual([expect.objectContaining({ revisionId: reportKept.id, file: 'data', condition: 'hilang', sha256: reportKept.dataSha256, hasOutboxCopy: false })]);
    expect(reportProblems[0]?.message).toContain('Tidak ada salinannya di Kotak Keluar');
    const text = cli(['documents', 'list']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`MASALAH: berkas bertanda tangan ${kept.fileName} revisi 1 "Pengembangan SIM PKK" berubah`);
    expect(text.stdout).toContain(`Ekspor ulang: berkas documents export ${kept.id} --from-outbox --to BERKAS\n`);

    const shown = show(plan);
    expect(shown.code).toBe(1);
    expect((JSON.parse(shown.stdout) as DocumentView).revisions[0]).toMatchObject({ hasOutboxCopy: true, problems: [expect.objectContaining({ condition: 'berubah' })] });

    // Export of the altered file is refused by name; from the outbox, the signed bytes come back.
    const out = path.join(work, 'rencana-aksi.pdf');
    const refused = cli(['documents', 'export', kept.id, '--to', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('DOCUMENT_FILE_DAMAGED');
    await expect(fs.stat(out)).rejects.toThrow();
    const fromOutbox = JSON.parse(ok(cli(['documents', 'export', kept.id, '--to', out, '--from-outbox', '--json']))) as { sha256: string; isFromOutbox: boolean };
    expect(fromOutbox).toMatchObject({ sha256: kept.fileSha256, isFromOutbox: true });
    expect(sha256(await fs.readFile(out))).toBe(kept.fileSha256);

    // The report: never sent with its data.json missing, and there is no outbox copy to take it from.
    const sent = cli(['documents', 'send', report]);
    expect(sent.code).toBe(2);
    expect(sent.stderr).toContain('DOCUMENT_FILE_DAMAGED');
    const noCopy = cli(['documents', 'export', report, '--data', '--to', path.join(work, 'data.json'), '--from-outbox']);
    expect(noCopy.code).toBe(2);
    expect(noCopy.stderr).toContain('DOCUMENT_NO_OUTBOX_COPY');

    // Nothing was re-signed or replaced: the same revisions, the same hashes.
    const after = JSON.parse(show(plan).stdout) as DocumentView;
    expect(after.revisions.map((r) => [r.id, r.fileSha256])).toEqual([[planRevision, kept.fileSha256]]);
  });
});

describe('who signs is clear', () => {
  it('a certificate of another person than Pengaturan names is refused until confirmed; the signature block then names the holder', async () => {
    const dataDir = path.join(work, 'penanda-tangan');
    const cli = (args: string[], env: Record<string, string> = {}) => berkas([...args, '--data-dir', dataDir], env);
    const settingsFile = path.join(work, 'pengaturan-penanda-tangan.json');
    await fs.writeFile(settingsFile, JSON.stringify(settings));
    ok(cli(['settings', 'set', '--file', settingsFile]));
    const id = (JSON.parse(ok(cli(['rencana-aksi', 'import', planFile, '--save', '--json']))) as { id: string }).id;
    const withKepala = (...extra: string[]) =>
      cli(['documents', 'sign', id, '--p12', path.join(fixtures, 'kepala.p12'), '--password-env', 'P12_PASSWORD', ...extra], { P12_PASSWORD: p12Password });

    const refused = withKepala();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('SIGNER_DIFFERS');
    expect(refused.stderr).toContain(`Sertifikat atas nama "Siti Aminah", sedangkan pejabat di Pengaturan "${settings.officer.name}".`);
    expect(refused.stderr).toContain('--confirm-signer');
    expect((JSON.parse(ok(cli(['documents', 'show', id, '--json']))) as DocumentView).revisions).toEqual([]);

    const revision = ok(withKepala('--confirm-signer')).trim();
    const out = path.join(work, 'penanda-tangan.pdf');
    ok(cli(['documents', 'export', revision, '--to', out]));
    const text = run('pdftotext', ['-layout', out, '-']).stdout;
    expect(text).toContain('Siti Aminah');
    expect(text).toContain('197805142003122001');
    expect(text).not.toContain(settings.officer.name);
    const shown = JSON.parse(ok(cli(['documents', 'show', id, '--json']))) as DocumentView;
    expect(shown.revisions[0]?.signer).toMatchObject({ name: 'Siti Aminah', nip: '197805142003122001', isCertified: true });
  });
});

describe('two sends of one document at once', () => {
  it('make one submission; the second is refused by name', async () => {
    const ws = await openWorkspace({ dataDir: path.join(work, 'serentak'), transport: 'in-process' });
    try {
      const services = createServices(ws);
      const api = inProcessClient(services);
      await api.saveSettings(settings);
      const imported = await services.rencanaAksi.importFile({ fileName: 'prabumulih-contoh.tsv', bytes: new Uint8Array(await fs.readFile(planFile)), shouldSave: true });
      const id = imported.plan.id;
      const key = { handle: services.signing.oneOffSelfSigned({ name: settings.officer.name, nip: settings.officer.nip, organization: settings.opd.name }), isCertified: false };
      await services.documents.sign(id, key);
      const results = await Promise.allSettled([api.documentSend({ id }), api.documentSend({ id })]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(isBerkasError(rejected?.reason) && rejected.reason.code).toBe('DOCUMENT_ALREADY_QUEUED');
      expect((await api.outboxList({})).filter((i) => i.title === 'Pengembangan SIM PKK')).toHaveLength(1);

      // The outbox on its own: one signed PDF from outside added twice at once is one package too.
      const bytes = await signedPdf('Laporan dari komputer lain');
      const add = () => services.outbox.addPdf({ fileName: 'dari-luar.pdf', bytes, data: { catatan: 'dari luar' }, type: 'laporan', period: '2026' });
      const both = await Promise.allSettled([add(), add()]);
      expect(both.map((r) => (r.status === 'rejected' && isBerkasError(r.reason) ? r.reason.code : r.status)).sort()).toEqual(['OUTBOX_DUPLICATE', 'fulfilled']);
      expect(await api.outboxList({})).toHaveLength(2);
    } finally {
      await ws.close();
    }
  });
});

describe('a crash between the signed blobs and their row', () => {
  it('leaves the blobs (harmless, named by their hash) and no half document; signing again makes revision 1', async () => {
    const dataDir = path.join(work, 'mati');
    const cli = (args: string[]) => berkas([...args, '--data-dir', dataDir]);
    const settingsFile = path.join(work, 'pengaturan-mati.json');
    await fs.writeFile(settingsFile, JSON.stringify(settings));
    ok(cli(['settings', 'set', '--file', settingsFile]));
    const id = (JSON.parse(ok(cli(['rencana-aksi', 'import', planFile, '--save', '--json']))) as { id: string }).id;

    // The child signs through the real services; the database write of the row kills it (SIGKILL), so nothing after the blobs runs.
    const script = path.join(work, 'tanda-tangan-lalu-mati.ts');
    await fs.writeFile(
      script,
      `import { openWorkspace } from ${JSON.stringify(path.join(repo, 'core/app/workspace'))};
import { createServices } from ${JSON.stringify(path.join(repo, 'core/app/services'))};
async function main() {
  const ws = await openWorkspace({ dataDir: ${JSON.stringify(dataDir)}, transport: 'in-process' });
  const write = ws.db.write.bind(ws.db);
  ws.db.write = async (statements) => {
    const row = statements.find((s) => s.sql.includes('INSERT INTO signed_revisions'));
    if (row) {
      process.stdout.write(JSON.stringify({ file: row.params?.[15], data: row.params?.[18] }) + '\\n', () => process.kill(process.pid, 'SIGKILL'));
      return new Promise(() => undefined);
    }
    return write(statements);
  };
  const services = createServices(ws);
  const handle = services.signing.oneOffSelfSigned({ name: ${JSON.stringify(settings.officer.name)}, nip: ${JSON.stringify(settings.officer.nip)}, organization: 'Uji' });
  await services.documents.sign(${JSON.stringify(id)}, { handle, isCertified: false });
  process.stdout.write('tidak mati\\n');
}
void main();
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, s) => resolve(s)));
    expect({ signal, err }).toEqual({ signal: 'SIGKILL', err: '' });
    const blobs = JSON.parse(out.trim()) as { file: string; data: string };

    // The blobs were stored whole before the row: present, and their bytes hash to their names.
    expect(sha256(await fs.readFile(await blobFile(dataDir, blobs.file)))).toBe(blobs.file);
    expect(sha256(await fs.readFile(await blobFile(dataDir, blobs.data)))).toBe(blobs.data);

    // No half document: the plan is a draft with no kept revision and no problem to report.
    const listed = JSON.parse(ok(cli(['documents', 'list', '--json']))) as DocumentSummary[];
    expect(listed).toEqual([expect.objectContaining({ id, state: 'draf', revision: 1, signedRevisionId: null, problems: [] })]);
    expect((JSON.parse(ok(cli(['documents', 'show', id, '--json']))) as DocumentView).revisions).toEqual([]);

    const again = ok(cli(['documents', 'sign', id, '--self-signed'])).trim();
    const shown = JSON.parse(ok(cli(['documents', 'show', id, '--json']))) as DocumentView;
    expect(shown).toMatchObject({ state: 'ditandatangani', revision: 1, signedRevisionId: again, problems: [] });
    expect(shown.revisions.map((r) => r.revision)).toEqual([1]);
  });
});
