/**
 * The document journey from the command line (issue 13 item 7), as a script
 * or a test runs it: real `berkas` processes on a real data folder, against
 * the intake server as its own process. For a rencana aksi, a report and a
 * serah terima package: saved → signed (kept as a revision) → sent in one
 * step (no --data, --type, --period) → the reviewer returns it with a note
 * (`berkas server review`) → the client learns it (`outbox status --refresh`)
 * → documents revise → sign → send (linked on the server to the returned
 * submission) → accepted. What the server holds as data.json is the snapshot
 * kept at signing. A second signature (kepala OPD) is the next revision of
 * the same data. Bad input (documents-cli-bad-input.test.ts has the rest):
 * sending twice makes one submission.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openIntake } from '../../server/intake-server';
import { enrollmentCode, freePort, spawnServer, type ServerChild } from './helpers/intake';
import { fixtures, p12Password, repo, run, settings, tempDir, type Ran } from './signing-helpers';
import type { DocumentSummary, DocumentView } from '../../core/domain/documents/model';
import { berkasCli, bundleApplication, makeBundleSources } from './helpers/documents';

jest.setTimeout(300_000);

const vault = { BERKAS_VAULT_PASSPHRASE: 'frasa-brankas-uji-dokumen' };

let work: string;
let dataDir: string;
let serverDir: string;
let server: ServerChild;

const cli = (args: string[]): Ran => berkasCli([...args, '--data-dir', dataDir], vault);
const serverCli = (args: string[]): Ran => berkasCli([...args, '--data-dir', serverDir]);

function ok(r: Ran): string {
  if (r.code !== 0) throw new Error(`exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const list = () => JSON.parse(ok(cli(['documents', 'list', '--json']))) as DocumentSummary[];
const entry = (id: string) => list().find((d) => d.id === id);

/** Sends with `documents send` (delivered at once: the device is enrolled); the submission and the document after. */
function send(id: string): { submission: string; document: DocumentView; message: string } {
  const sent = JSON.parse(ok(cli(['documents', 'send', id, '--json']))) as { submission: { id: string; status: { state: string } }; document: DocumentView; message: string };
  expect(sent.submission.status.state).toBe('terkirim');
  expect(sent.document).toMatchObject({ state: 'terkirim', submissionId: sent.submission.id });
  return { submission: sent.submission.id, document: sent.document, message: sent.message };
}

/** The reviewer's decision through `berkas server review`, learnt by the client on `outbox status --refresh`. */
function review(submissionId: string, status: string, note?: string): void {
  ok(serverCli(['server', 'review', submissionId, '--status', status, ...(note ? ['--note', note] : [])]));
  ok(cli(['outbox', 'status', '--refresh']));
}

/** Signs with a one-off self-signed key; the kept revision and the document after. */
function sign(id: string): { revision: string; document: DocumentView } {
  const signed = JSON.parse(ok(cli(['documents', 'sign', id, '--self-signed', '--json']))) as { revision: { id: string }; document: DocumentView };
  expect(signed.document).toMatchObject({ state: 'ditandatangani', signedRevisionId: signed.revision.id, problems: [] });
  return { revision: signed.revision.id, document: signed.document };
}

/** Returned with a note, revised, signed and sent again as the revision of the returned submission, then accepted. */
function returnReviseAccept(id: string, firstSubmission: string, note: string): DocumentView {
  review(firstSubmission, 'perlu-revisi', note);
  expect(entry(id)).toMatchObject({ state: 'perlu-revisi', review: { status: 'perlu-revisi', note, submissionId: firstSubmission } });
  const revised = JSON.parse(ok(cli(['documents', 'revise', id, '--json']))) as DocumentView;
  expect(revised).toMatchObject({ state: 'draf', revision: 2, revisionNote: note, actions: { canSign: true, canSend: false } });
  const second = sign(id);
  expect(second.document).toMatchObject({ revision: 2, revisionNote: null });
  const sent = send(id);
  // Said as an officer reads it: the revision it replaces by number, the region's ICT office by its name (Pontianak's), no submission id.
  expect(sent.message).toContain(' masuk Kotak Keluar sebagai pengganti revisi 1 untuk dikirim ke DISKOMINFO (');
  expect(sent.message).not.toContain(firstSubmission);
  const [newest, returned] = sent.document.revisions;
  expect(sent.document.revisions.map((r) => r.revision)).toEqual([2, 1]);
  expect(newest).toMatchObject({ id: second.revision, revisionOf: returned?.id, submission: { id: sent.submission, revisionOf: firstSubmission } });
  review(sent.submission, 'diterima');
  expect(entry(id)).toMatchObject({ state: 'diterima', revision: 2, review: { status: 'diterima', submissionId: sent.submission } });
  remember(sent.document);
  return sent.document;
}

/** What the journey sent, to be checked on the server once it stops: submission → [revision of, data.json SHA-256]. */
const expected = new Map<string, { revisionOf: string | null; dataSha256: string }>();

function remember(document: DocumentView): void {
  for (const r of document.revisions) if (r.submission) expected.set(r.submission.id, { revisionOf: r.submission.revisionOf, dataSha256: r.dataSha256 });
}

beforeAll(async () => {
  work = await tempDir('dokumen-cli');
  dataDir = path.join(work, 'data');
  serverDir = path.join(work, 'server');
  server = await spawnServer(serverDir, await freePort());
  const settingsFile = path.join(work, 'pengaturan.json');
  await fs.writeFile(settingsFile, JSON.stringify(settings));
  ok(cli(['settings', 'set', '--file', settingsFile]));
  ok(cli(['enroll', '--server', server.url, '--code', await enrollmentCode(serverDir, settings.opd.code)]));
});

afterAll(async () => {
  await server?.kill('SIGTERM');
  await fs.rm(work, { recursive: true, force: true });
});

describe('berkas documents: one journey per kind', () => {
  it('rencana aksi: import --save prints the id; sign → send → perlu revisi → revise → sign → send → diterima', () => {
    const imported = JSON.parse(ok(cli(['rencana-aksi', 'import', path.join(repo, 'tests/fixtures/rencana-aksi/prabumulih-contoh.tsv'), '--save', '--json']))) as {
      id: string;
      revision: number;
    };
    expect(imported).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 1 });
    const id = imported.id;
    expect(entry(id)).toMatchObject({ kind: 'rencana-aksi', title: 'Pengembangan SIM PKK', period: '2026', revision: 1, revisionOf: null, state: 'draf', signedRevisionId: null });

    // Not signed yet: nothing to send, and the reason says what to do.
    const early = cli(['documents', 'send', id]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('DOCUMENT_NOT_SIGNED');

    const first = sign(id);
    expect(first.document).toMatchObject({ revision: 1, revisionOf: null, actions: { canSend: true, canRevise: false } });
    const { submission } = send(id);

    // Sending twice never makes two submissions: refused by name (the server's count is checked at the end).
    const again = cli(['documents', 'send', id]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('DOCUMENT_ALREADY_QUEUED');
    expect(again.stderr).toContain(submission);

    // The signed PDF can be taken out (an extra, never needed to send), byte for byte as kept.
    const out = path.join(work, 'rencana-aksi.pdf');
    ok(cli(['documents', 'export', first.revision, '--to', out]));
    expect(run('pdfsig', [out]).stdout).toContain('Signature Validation: Signature is Valid.');

    // A return without a note is refused on the server, as on the review page: the OPD must learn what to fix.
    const bare = serverCli(['server', 'review', submission, '--status', 'perlu-revisi']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('NOTE_REQUIRED');

    const done = returnReviseAccept(id, submission, 'Pagu kegiatan 2 belum sesuai DPA.');
    expect(done.revisions[1]?.id).toBe(first.revision);
  });

  it('laporan: report create keeps the signed report; documents send needs no JSON, type or period; the period is done once received', () => {
    const pdf = path.join(work, 'insiden.pdf');
    const created = JSON.parse(
      ok(
        cli([
          'report', 'create', 'insiden', '--period', '2026-11-20',
          '--data', path.join(repo, 'tests/fixtures/reports/laporan-insiden.json'),
          '--out', pdf, '--self-signed', '--today', '2026-11-22', '--json',
        ]),
      ),
    ) as { id: string; status: string };
    const id = created.id;
    expect(entry(id)).toMatchObject({ kind: 'laporan', period: '2026-11-20', reportType: 'insiden', revision: 1, state: 'ditandatangani', problems: [] });
    // Signed is not reported: the calendar names what is missing.
    const dueBefore = JSON.parse(ok(cli(['report', 'due', '--json', '--today', '2026-11-22']))) as { type: string; period: string; status: string; state: string | null }[];
    expect(dueBefore.find((i) => i.type === 'insiden')).toMatchObject({ period: '2026-11-20', status: 'terlambat', state: 'ditandatangani' });

    returnReviseAccept(id, send(id).submission, 'Kronologi kejadian belum mencantumkan jam pemulihan.');
    const due = JSON.parse(ok(cli(['report', 'due', '--json', '--today', '2026-11-22']))) as { type: string; period: string; status: string; state: string | null }[];
    expect(due.find((i) => i.type === 'insiden')).toMatchObject({ period: '2026-11-20', status: 'selesai', state: 'diterima' });
  });

  it('serah terima: bundle create keeps its package; documents send queues the ZIP as it was signed; revision and acceptance', async () => {
    const sources = path.join(work, 'sumber');
    await makeBundleSources(sources);
    const appFile = path.join(work, 'aplikasi.json');
    await fs.writeFile(appFile, JSON.stringify(bundleApplication(settings.opd.name)));
    const src = (rel: string) => path.join(sources, rel);
    const created = JSON.parse(
      ok(
        cli([
          'bundle', 'create', '--profile', 'pontianak', '--app', appFile,
          '--item', `kebutuhan-perangkat-lunak=${src('kebutuhan.pdf')}`,
          '--item', `kerangka-acuan-kerja=${src('kak.pdf')}`,
          '--item', `pengujian=${src('uji.pdf')}`,
          '--item', `manual-pengguna=${src('manual.pdf')}`,
          '--item', `kode-sumber=${src('simpeg')}`,
          '--out', path.join(work, 'paket.zip'), '--self-signed', '--json',
        ]),
      ),
    ) as { bundleId: string; sha256: string };
    const id = created.bundleId;
    const kept = JSON.parse(ok(cli(['documents', 'show', id, '--json']))) as DocumentView;
    expect(kept).toMatchObject({ kind: 'serah-terima', revision: 1, state: 'ditandatangani', problems: [] });
    // The package kept is the very ZIP written for the officer.
    expect(kept.revisions[0]).toMatchObject({ fileSha256: created.sha256, mediaType: 'application/zip' });
    // A package is not signed again: a change to the bundle makes the next one.
    const twice = cli(['documents', 'sign', id, '--self-signed']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('DOCUMENT_PACKAGE_SIGNED');

    returnReviseAccept(id, send(id).submission, 'Manual pengguna belum memuat bab pemulihan data.');
  });

  it("a second signature (the kepala OPD's .p12) is the next revision of the same data; the same certificate twice is refused", () => {
    const id = (JSON.parse(ok(cli(['rencana-aksi', 'import', path.join(repo, 'tests/fixtures/rencana-aksi/prabumulih-contoh.tsv'), '--save', '--json']))) as { id: string }).id;
    const first = sign(id);
    const kepala = ['--p12', path.join(fixtures, 'kepala.p12'), '--password-env', 'P12_PASSWORD', '--json'];
    const countersign = () => berkasCli(['documents', 'sign', id, ...kepala, '--data-dir', dataDir], { ...vault, P12_PASSWORD: p12Password });
    const second = JSON.parse(ok(countersign())) as { revision: DocumentView['revisions'][number]; document: DocumentView };
    const [newest, signedFirst] = second.document.revisions;
    expect(second.document).toMatchObject({ state: 'ditandatangani', revision: 2, signedRevisionId: second.revision.id, revisionOf: first.revision });
    // The same data.json, the same PDF with one more signature (an incremental update): nothing rendered again.
    expect(newest).toMatchObject({ revision: 2, revisionOf: first.revision, dataSha256: signedFirst?.dataSha256, signer: { isCertified: true } });
    expect(newest?.fileSha256).not.toBe(signedFirst?.fileSha256);
    const out = path.join(work, 'dua-tanda-tangan.pdf');
    ok(cli(['documents', 'export', id, '--to', out]));
    const judged = run('pdfsig', [out]).stdout;
    expect(judged.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);

    const again = countersign();
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('SIGNER_ALREADY_SIGNED');
  });

  it('the server holds each revision linked to the one it returned, with the data.json kept at signing', async () => {
    await server.kill('SIGTERM');
    expect(expected.size).toBe(6);
    const intake = await openIntake({ dataDir: serverDir });
    try {
      const records = await intake.repo.listSubmissions({ limit: 100, order: 'updated-asc' });
      expect(records.map((r) => r.id).sort()).toEqual([...expected.keys()].sort());
      for (const r of records) {
        const want = expected.get(r.id);
        expect({ id: r.id, revisionOf: r.revisionOf }).toEqual({ id: r.id, revisionOf: want?.revisionOf ?? null });
        expect(r.manifest.files.find((f) => f.path.endsWith('data.json'))?.sha256).toBe(want?.dataSha256);
      }
      expect(records.filter((r) => r.revisionOf !== null)).toHaveLength(3);
    } finally {
      await intake.close();
    }
  });
});
