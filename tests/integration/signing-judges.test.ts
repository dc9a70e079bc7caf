/**
 * Issue 4 item 7: the signed rencana aksi judged by tools nobody here wrote
 * (pdfsig, qpdf, pdftotext, openssl cms), made through the CLI of item 6.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  berkas,
  extractCms,
  fixtures,
  openTestWorkspace,
  opensslCmsPrint,
  p12Password,
  planFile,
  run,
  signedAttrsSection,
  tempDir,
} from './signing-helpers';

let dir: string;
let dataDir: string;
let one: string;
let two: string;
let tampered: string;

beforeAll(async () => {
  dir = await tempDir('judges');
  dataDir = path.join(dir, 'data');
  const { ws } = await openTestWorkspace(dataDir);
  await ws.close();
  one = path.join(dir, 'rencana-aksi.pdf');
  two = path.join(dir, 'rencana-aksi-disetujui.pdf');
  const env = { SANDI_P12: p12Password };
  const made = berkas(['pdf', 'rencana-aksi', planFile, '--out', one, '--p12', path.join(fixtures, 'officer.p12'), '--password-env', 'SANDI_P12', '--data-dir', dataDir], env);
  expect(made.stderr).not.toContain('Galat');
  expect(made.code).toBe(0);
  const signed = berkas(['sign', one, '--out', two, '--p12', path.join(fixtures, 'kepala.p12'), '--password-env', 'SANDI_P12', '--data-dir', dataDir], env);
  expect(signed.code).toBe(0);
  // One changed byte inside the first revision (a page's compressed content stream).
  const bytes = Buffer.from(await fs.readFile(two));
  const at = bytes.indexOf('stream\n', bytes.indexOf('/Filter /FlateDecode')) + 40;
  bytes[at] = (bytes[at] as number) ^ 0x01;
  tampered = path.join(dir, 'diubah.pdf');
  await fs.writeFile(tampered, bytes);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('pdfsig', () => {
  it('finds one valid ETSI.CAdES.detached signature after the first signing', () => {
    const out = run('pdfsig', [one]).stdout;
    expect(out.match(/Signature #\d+:/g)).toHaveLength(1);
    expect(out.match(/Signature is Valid\./g)).toHaveLength(1);
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signature Field Name: TTD1_Penyusun');
  });

  it('finds both signatures valid, the first included, after the incremental second one', () => {
    const out = run('pdfsig', [two]).stdout;
    expect(out.match(/Signature #\d+:/g)).toHaveLength(2);
    expect(out.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(out.match(/Signature Type: ETSI\.CAdES\.detached/g)).toHaveLength(2);
    expect(out).toContain('Signature Field Name: TTD1_Penyusun');
    expect(out).toContain('Signature Field Name: TTD2_Pengesah');
    expect(out).toContain('Signer Certificate Common Name: Siti Aminah');
  });

  it('reports a digest mismatch for every signature when one byte changes', () => {
    const out = run('pdfsig', [tampered]).stdout;
    expect(out.match(/Digest Mismatch\./g)).toHaveLength(2);
    expect(out).not.toContain('Signature is Valid.');
  });
});

describe('qpdf', () => {
  it.each([['signed once', () => one], ['signed twice', () => two]])('--check finds no error in the PDF %s', (_label, file) => {
    const r = run('qpdf', ['--check', file()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
    expect(r.code).toBe(0);
  });

  it('sees the second signature as an incremental update that keeps the first revision byte for byte', async () => {
    const first = await fs.readFile(one);
    const second = await fs.readFile(two);
    expect(second.subarray(0, first.length).equals(first)).toBe(true);
  });
});

describe('pdftotext', () => {
  it('returns the Indonesian text intact', () => {
    const r = run('pdftotext', ['-layout', two, '-']);
    expect(r.code).toBe(0);
    const text = r.stdout;
    for (const expected of [
      'PEMERINTAH KOTA PONTIANAK',
      'DINAS PENDIDIKAN KOTA PONTIANAK',
      'Rp 186.000.000',
      'Tahap Pelaksanaan',
      'Business Process Reengineering',
      'Kegiatan 1: Pengembangan SIM PKK',
      'Kerangka Acuan Kerja (KAK)',
      'Jadwal Pelaksanaan',
      'Disusun oleh,',
      'NIP 198703122010011002',
      'Kepala Bidang Perencanaan',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Pontianak, \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/);
    expect(text).toMatch(/Halaman 1 dari \d+/);
    // Non-ASCII survives: the em dashes of the footer.
    expect(text).toContain(' — Dinas Pendidikan Kota Pontianak — ');
  });
});

describe('openssl cms', () => {
  it('shows signing-certificate-v2, content-type and message-digest signed, and no signing time', async () => {
    const cms = extractCms(await fs.readFile(two));
    expect(cms).toHaveLength(2);
    for (const der of cms) {
      const print = await opensslCmsPrint(der, dir);
      const attrs = signedAttrsSection(print);
      expect(attrs).toContain('id-smime-aa-signingCertificateV2 (1.2.840.113549.1.9.16.2.47)');
      expect(attrs).toContain('contentType (1.2.840.113549.1.9.3)');
      expect(attrs).toContain('messageDigest (1.2.840.113549.1.9.4)');
      expect(print).not.toContain('signingTime');
      expect(print).toContain('eContentType: pkcs7-data');
    }
  });
});

describe('berkas verify', () => {
  const fields = ['field', 'signer', 'subfilter', 'signedAt', 'integrity', 'certificate', 'certified'];

  it('reports both signatures intact and trusted up to the given root, exit 0', () => {
    const r = berkas(['verify', two, '--json', '--trust', path.join(fixtures, 'root.pem'), '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { signatures: Record<string, unknown>[] };
    expect(report.signatures).toHaveLength(2);
    for (const s of report.signatures) for (const key of fields) expect(s).toHaveProperty(key);
    expect(report.signatures.map((s) => [s.field, s.signer, s.subfilter, s.integrity, s.certificate, s.certified])).toEqual([
      ['TTD1_Penyusun', 'Budi Santoso', 'ETSI.CAdES.detached', 'valid', 'trusted', true],
      ['TTD2_Pengesah', 'Siti Aminah', 'ETSI.CAdES.detached', 'valid', 'trusted', false],
    ]);
  });

  it('reports a digest mismatch for the changed byte and exits 1', () => {
    const r = berkas(['verify', tampered, '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { signatures: { integrity: string; problems: string[] }[] };
    expect(report.signatures.map((s) => s.integrity)).toEqual(['invalid', 'invalid']);
    expect(report.signatures[0]?.problems[0]).toContain('Digest tidak cocok');
  });
});
