/**
 * Submission packages: what a built package holds and how its manifest is
 * derived, and what a package ZIP from elsewhere must be before it enters the
 * outbox (a Berkas bag, intact, its main PDF signed).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBlobStore } from '../../../../../core/adapters/blob-store';
import { writeBagZip } from '../../../../../core/adapters/bagit/bag-writer';
import { createSubmissionPackager } from '../../../../../core/adapters/submission/packager';
import { openZip } from '../../../../../core/adapters/zip-reader/zip-reader';
import { BerkasError } from '../../../../../core/domain/errors';
import { bagInfoFieldsOf, manifestCanonicalText, uuidV7, type SubmissionMeta } from '../../../../../core/domain/outbox/manifest';
import { signedPdf, unsignedPdf } from '../../../../integration/helpers/outbox-fixtures';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-packager-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

function packager() {
  const blobs = createBlobStore(path.join(dir, 'blobs'));
  return { blobs, packager: createSubmissionPackager({ blobs, workDir: path.join(dir, 'outbox') }) };
}

function meta(id: string, mainDocument = 'data/laporan.pdf'): SubmissionMeta {
  return { submissionId: id, type: 'laporan', opd: 'DISDIK', period: '2025-T1', revisionOf: null, appVersion: '0.1.0', mainDocument };
}

async function refusal(p: Promise<unknown>): Promise<BerkasError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BerkasError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

/** A bag written by the bag writer with the given bag-info and payload, as another computer would. */
async function foreignBag(name: string, bagInfo: [string, string][], payload: { path: string; bytes: Uint8Array }[]): Promise<string> {
  const out = path.join(dir, name);
  await writeBagZip({ outPath: out, payload: payload.map((p) => ({ path: p.path, bytes: p.bytes, size: p.bytes.length })), bagInfo, baggingDate: new Date('2025-06-17T00:00:00Z') });
  return out;
}

describe('submission packager', () => {
  it('builds one bag per submission, keeps it and every file in the blob store, and derives the manifest from it', async () => {
    const { blobs, packager: p } = packager();
    const id = uuidV7(Date.parse('2025-06-17T03:04:05.123Z'), new Uint8Array(10).fill(7));
    const pdf = await signedPdf('laporan uji');
    const attachment = path.join(dir, 'foto.png');
    await fs.writeFile(attachment, Buffer.from('bukan gambar sungguhan, tetapi isinya tetap'));
    const built = await p.build({
      meta: meta(id),
      title: 'Laporan Triwulan I',
      sourceOrganization: 'Dinas Pendidikan',
      pdf: { fileName: 'laporan.pdf', bytes: pdf },
      data: { capaian: 87 },
      attachments: [{ name: 'foto.png', file: attachment }],
      createdAt: new Date('2025-06-17T03:04:05Z'),
    });
    expect(built.manifest.files.map((f) => f.path)).toEqual([
      'bag-info.txt',
      'bagit.txt',
      'data/data.json',
      'data/lampiran/foto.png',
      'data/laporan.pdf',
      'manifest-sha256.txt',
      'tagmanifest-sha256.txt',
    ]);
    expect(built.manifestSha256).toBe(sha(manifestCanonicalText(built.manifest)));
    expect(built.manifest.files.find((f) => f.path === 'data/laporan.pdf')?.sha256).toBe(sha(pdf));
    for (const f of built.manifest.files) expect(sha(await blobs.read(f.sha256))).toBe(f.sha256);
    const zipBytes = await blobs.read(built.packageSha256);
    expect(zipBytes.length).toBe(built.packageSize);

    // The ZIP's own entries give the same manifest (what the server derives from a flash-drive copy).
    const copy = path.join(dir, 'salinan.zip');
    await p.exportTo(built.packageSha256, copy);
    const zip = await openZip(copy);
    try {
      expect(zip.entries.filter((e) => !e.isDirectory).map((e) => e.name.replace(`berkas-DISDIK-${id}/`, '')).sort()).toEqual(built.manifest.files.map((f) => f.path));
    } finally {
      await zip.close();
    }
    const info = (await blobs.read(built.manifest.files[0]!.sha256)).toString();
    for (const [k, v] of bagInfoFieldsOf(meta(id))) expect(info).toContain(`${k}: ${v}\n`);
    expect(info).toContain('External-Description: Laporan Triwulan I');

    // Imported again (another outbox, a flash drive): the same manifest hash.
    const again = await p.importZip(copy);
    expect(again.manifestSha256).toBe(built.manifestSha256);
    expect(again.title).toBe('Laporan Triwulan I');
    // Exporting over a different file is refused; over the same content is fine.
    await fs.writeFile(path.join(dir, 'lain.zip'), 'lain');
    expect((await refusal(p.exportTo(built.packageSha256, path.join(dir, 'lain.zip')))).code).toBe('EXPORT_EXISTS');
    await expect(p.exportTo(built.packageSha256, copy)).resolves.toMatchObject({ size: built.packageSize });
  });

  it('refuses a bag that is not a Berkas submission, naming the missing field', async () => {
    const { packager: p } = packager();
    const zip = await foreignBag('bukan-berkas.zip', [['Source-Organization', 'Dinas']], [{ path: 'data/a.pdf', bytes: await signedPdf('a') }]);
    const err = await refusal(p.importZip(zip));
    expect(err.message).toBe('Paket bukan-berkas.zip: bag-info.txt tidak memuat Berkas-Submission-Id; paket ini bukan kiriman Berkas.');
  });

  it('refuses a package whose main document is not signed', async () => {
    const { packager: p } = packager();
    const id = uuidV7(Date.now(), new Uint8Array(10));
    const zip = await foreignBag('tanpa-ttd.zip', bagInfoFieldsOf(meta(id)), [
      { path: 'data/laporan.pdf', bytes: await unsignedPdf('belum') },
      { path: 'data/data.json', bytes: Buffer.from('{}') },
    ]);
    const err = await refusal(p.importZip(zip));
    expect(err.code).toBe('PDF_NOT_SIGNED');
    expect(err.message).toContain('data/laporan.pdf belum ditandatangani');
  });

  it('refuses a package whose content no longer matches its manifest', async () => {
    const { packager: p } = packager();
    const id = uuidV7(Date.now(), new Uint8Array(10));
    const zip = await foreignBag('diubah.zip', bagInfoFieldsOf(meta(id)), [
      { path: 'data/laporan.pdf', bytes: await signedPdf('utuh') },
      { path: 'data/data.json', bytes: Buffer.from('{"nilai":100000000}') },
    ]);
    // Another computer changed data.json after bagging and zipped the folder again: the manifest now lies.
    const zipFile = await openZip(zip);
    const base = `${path.basename(zip, '.zip')}/`;
    const files: { path: string; bytes: Buffer }[] = [];
    try {
      for (const e of zipFile.entries.filter((x) => !x.isDirectory)) files.push({ path: e.name.slice(base.length), bytes: await zipFile.readEntry(e, 10 * 1024 * 1024) });
    } finally {
      await zipFile.close();
    }
    const data = files.find((f) => f.path === 'data/data.json')!;
    data.bytes = Buffer.from('{"nilai":900000000}');
    const yazl = await import('yazl');
    const out = new yazl.ZipFile();
    for (const f of files) out.addBuffer(f.bytes, base + f.path);
    out.end();
    const tampered = path.join(dir, 'dirusak.zip');
    await new Promise<void>((resolve, reject) => {
      const chunks: Buffer[] = [];
      out.outputStream.on('data', (c: Buffer) => chunks.push(c));
      out.outputStream.on('end', () => void fs.writeFile(tampered, Buffer.concat(chunks)).then(resolve, reject));
    });
    const err = await refusal(p.importZip(tampered));
    expect(err.code).toBe('PACKAGE_INVALID');
    expect(err.message).toContain('isi berubah: data/data.json');
  });
});
