/**
 * Issue 11 item 7 and issue 17 item 2: "SAH" for a generic bag means a
 * conforming, complete bag; a Berkas package (handover bundle, submission)
 * also needs its signed document(s), judged by the PDF verifier, and it is
 * recognised as one by any of its marks — removing Berkas-Document from
 * bag-info and recomputing every hash does not turn it into a generic bag.
 */
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyBagZip } from '../../../../../core/adapters/bagit/verify';
import { pdfSignatureCheck } from '../../../../../core/adapters/submission/pdf-check';
import { describeBagVerdict } from '../../../../../core/domain/handover/berkas-package';
import { makeBag, type BagSpec } from '../../../../tools/make-bag';

const pdfs = path.resolve(__dirname, '../../../../fixtures/server');
const signed = readFileSync(path.join(pdfs, 'signed.pdf'));
const unsigned = readFileSync(path.join(pdfs, 'unsigned.pdf'));
const tampered = readFileSync(path.join(pdfs, 'tampered.pdf'));
const ba = 'data/berita-acara-serah-terima.pdf';
const checkPdf = pdfSignatureCheck(() => new Date('2025-06-01T00:00:00Z'));

let work: string;
let n = 0;
beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-paket-'));
});
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

async function bag(spec: BagSpec, options: Parameters<typeof verifyBagZip>[1] = { checkPdf }) {
  return verifyBagZip(await makeBag(path.join(work, `paket-${++n}.zip`), spec), options);
}

const handoverInfo = 'Source-Organization: Dinas Pendidikan\nBerkas-Document: serah-terima-aplikasi\n';

describe('a handover package is SAH only with its berita acara signed', () => {
  it('accepts a handover bag whose berita acara carries an intact signature', async () => {
    const v = await bag({ payload: { [ba]: signed, 'data/data.json': '{"format":"berkas/serah-terima-aplikasi"}\n' }, bagInfoExtra: handoverInfo });
    expect(v).toMatchObject({ valid: true, issues: [], judgedAs: 'paket-berkas', berkasPackage: { kind: 'serah-terima', signedDocuments: [ba] } });
    // Intact, but no root is installed here: the verdict says so instead of "SAH" (issue 13.6).
    expect(describeBagVerdict(v)).toMatch(/^UTUH, PENANDA TANGAN BELUM TEPERCAYA sebagai paket serah terima aplikasi Berkas/);
    const trusted = { ...v, signatures: v.signatures.map((s) => ({ ...s, certificate: 'trusted' as const })) };
    expect(describeBagVerdict(trusted)).toMatch(/^SAH sebagai paket serah terima aplikasi Berkas/);
    expect(describeBagVerdict({ ...trusted, signatures: [] })).not.toMatch(/^SAH/);
  });

  it('refuses the bag whose Berkas-Document line was removed and berita acara replaced by an unsigned PDF, all hashes recomputed', async () => {
    const v = await bag({ payload: { [ba]: unsigned, 'data/data.json': '{}\n' } });
    expect(v.issues.map((i) => [i.rule, i.file])).toEqual([['signature-missing', ba]]);
    expect(v).toMatchObject({ complete: true, valid: false, judgedAs: 'paket-berkas', berkasPackage: { kind: 'serah-terima' } });
    expect(describeBagVerdict(v)).toMatch(/^TIDAK SAH sebagai paket serah terima/);
  });

  it('refuses a berita acara changed inside its signed bytes', async () => {
    const v = await bag({ payload: { [ba]: tampered }, bagInfoExtra: handoverInfo });
    expect(v.issues.map((i) => i.rule)).toEqual(['signature-invalid']);
  });

  it('knows a handover by its data.json even when bag-info says nothing and the berita acara was renamed', async () => {
    const v = await bag({ payload: { 'data/ba.pdf': signed, 'data/data.json': '{"format":"berkas/serah-terima-aplikasi","version":1}\n' } });
    expect(v.issues.map((i) => [i.rule, i.file])).toEqual([['main-document-missing', ba]]);
  });

  it('cannot pass a Berkas package when no signature verifier was given', async () => {
    const v = await bag({ payload: { [ba]: signed }, bagInfoExtra: handoverInfo }, {});
    expect(v.issues.map((i) => i.rule)).toEqual(['signature-missing']);
    expect(v.problems.join(' ')).toContain('tidak tersedia');
  });

  it('judges the bag alone when the caller judges the signed documents itself (requireSigned: [])', async () => {
    const v = await bag({ payload: { [ba]: unsigned }, bagInfoExtra: handoverInfo }, { checkPdf, requireSigned: [] });
    expect(v).toMatchObject({ valid: true, judgedAs: 'bag', berkasPackage: { kind: 'serah-terima' } });
    expect(describeBagVerdict(v)).toContain('tanda tangan dokumennya tidak dinilai');
  });
});

describe('a submission and a generic bag', () => {
  const submission = 'Berkas-Submission-Id: 0190f5a8-7c1d-7a2b-8c3d-4e5f6a7b8c9d\nBerkas-Type: laporan\nBerkas-Main-Document: data/laporan.pdf\n';

  it('requires the main document of a submission signed', async () => {
    const ok = await bag({ payload: { 'data/laporan.pdf': signed, 'data/data.json': '{}' }, bagInfoExtra: submission });
    expect(ok).toMatchObject({ valid: true, judgedAs: 'paket-berkas', berkasPackage: { kind: 'kiriman', signedDocuments: ['data/laporan.pdf'] } });
    const bad = await bag({ payload: { 'data/laporan.pdf': unsigned, 'data/data.json': '{}' }, bagInfoExtra: submission });
    expect(bad.issues.map((i) => [i.rule, i.file])).toEqual([['signature-missing', 'data/laporan.pdf']]);
  });

  it('refuses a submission that does not name its main document', async () => {
    const v = await bag({ payload: { 'data/laporan.pdf': signed }, bagInfoExtra: 'Berkas-Submission-Id: 0190f5a8-7c1d-7a2b-8c3d-4e5f6a7b8c9d\nBerkas-Type: laporan\n' });
    expect(v.issues.map((i) => i.rule)).toEqual(['main-document-missing']);
  });

  it('calls a conforming bag without Berkas marks SAH as a generic bag, and says no signature was asked for', async () => {
    const v = await bag({ payload: { 'data/laporan.pdf': unsigned, 'data/foto.txt': 'bukan pdf' } });
    expect(v).toMatchObject({ valid: true, judgedAs: 'bag', berkasPackage: null, issues: [] });
    expect(describeBagVerdict(v)).toBe('SAH sebagai bag BagIt umum (lengkap; bukan paket Berkas; tidak ada dokumen bertanda tangan yang dinilai)');
  });

  it('does not pass a bag holding a PDF whose signature is broken', async () => {
    const v = await bag({ payload: { 'data/lampiran.pdf': tampered } });
    expect(v.issues.map((i) => [i.rule, i.file])).toEqual([['signature-invalid', 'data/lampiran.pdf']]);
  });
});
