import { createHash } from 'node:crypto';
import { BerkasError } from '../../../../../core/domain/errors';
import {
  bagInfoFieldsOf,
  buildManifest,
  canonicalJson,
  isSubmissionId,
  mainDocumentPath,
  manifestCanonicalText,
  packageFileName,
  periodLabel,
  submissionMetaFromBagInfo,
  uuidV7,
  type ManifestFile,
  type SubmissionMeta,
} from '../../../../../core/domain/outbox/manifest';
import { canonicalJson as serverCanonicalJson } from '../../../../../server/protocol/canonical-json';
import { manifestSha256 as serverManifestSha256, type Manifest as ServerManifest } from '../../../../../server/protocol/manifest';

const meta: SubmissionMeta = {
  submissionId: '0190a5f2-7c3e-7d41-9b2a-3f6c1e8d2a10',
  type: 'rencana-aksi',
  opd: 'DISDIK',
  period: '2025',
  revisionOf: null,
  appVersion: '0.1.0',
  mainDocument: 'data/rencana-aksi.pdf',
  profileId: 'pontianak',
};

const h = (s: string) => createHash('sha256').update(s).digest('hex');
const files: ManifestFile[] = [
  { path: 'tagmanifest-sha256.txt', sha256: h('t'), size: 270 },
  { path: 'data/rencana-aksi.pdf', sha256: h('p'), size: 182003 },
  { path: 'bagit.txt', sha256: h('b'), size: 55 },
  { path: 'manifest-sha256.txt', sha256: h('m'), size: 190 },
  { path: 'data/data.json', sha256: h('d'), size: 10342 },
  { path: 'bag-info.txt', sha256: h('i'), size: 412 },
];

function refusal(fn: () => unknown): BerkasError {
  try {
    fn();
  } catch (err) {
    if (err instanceof BerkasError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('canonical JSON (PROTOCOL.md §1.2)', () => {
  it('sorts keys by UTF-16 code units, drops undefined, keeps null, no whitespace', () => {
    expect(canonicalJson({ b: [true, null], a: 1, c: undefined, B: 'x' })).toBe('{"B":"x","a":1,"b":[true,null]}');
    // U+E000 sorts before U+1F600 (a surrogate pair, 0xD83D…) in UTF-16 code units though not in code points.
    expect(canonicalJson({ '\u{1F600}': 1, '\uE000': 2 })).toBe('{"\u{1F600}":1,"\uE000":2}');
    expect(canonicalJson('a"b\\c\n\u0001é')).toBe('"a\\"b\\\\c\\n\\u0001é"');
  });

  it('refuses what the protocol never carries', () => {
    expect(refusal(() => canonicalJson(1.5)).code).toBe('CANONICAL_JSON');
    expect(refusal(() => canonicalJson(-1)).code).toBe('CANONICAL_JSON');
    expect(refusal(() => canonicalJson(2 ** 53)).code).toBe('CANONICAL_JSON');
  });

  it('gives the same bytes, and so the same manifest hash, as the server', () => {
    const manifest = buildManifest(meta, files);
    expect(manifestCanonicalText(manifest)).toBe(serverCanonicalJson({ ...manifest, files: [...manifest.files] }));
    expect(h(manifestCanonicalText(manifest))).toBe(serverManifestSha256(manifest as ServerManifest));
    const values = [{ z: 'ü', a: [{ y: 0, x: null }], m: { '': 'kosong' } }, ['\u2028', '\t'], 'Rp 186.000.000'];
    for (const v of values) expect(canonicalJson(v)).toBe(serverCanonicalJson(v));
  });
});

describe('manifest', () => {
  it('is derived with files sorted by path and the Berkas-* values', () => {
    const m = buildManifest(meta, files);
    expect(m.files.map((f) => f.path)).toEqual(['bag-info.txt', 'bagit.txt', 'data/data.json', 'data/rencana-aksi.pdf', 'manifest-sha256.txt', 'tagmanifest-sha256.txt']);
    expect(m).toMatchObject({ protocol: 1, submissionId: meta.submissionId, revisionOf: null, profileId: 'pontianak' });
    expect('reportType' in m).toBe(false);
    // The order given never changes the hash.
    expect(manifestCanonicalText(buildManifest(meta, [...files].reverse()))).toBe(manifestCanonicalText(m));
  });

  it('refuses what the server would refuse, naming the file or field', () => {
    expect(refusal(() => buildManifest(meta, files.filter((f) => f.path !== 'bag-info.txt'))).message).toContain('bag-info.txt');
    expect(refusal(() => buildManifest(meta, files.filter((f) => f.path !== 'data/rencana-aksi.pdf'))).details).toEqual({ field: 'mainDocument' });
    expect(refusal(() => buildManifest(meta, [...files, { path: 'data/Data.json', sha256: h('x'), size: 1 }])).message).toContain('huruf besar/kecil');
    expect(refusal(() => buildManifest(meta, [...files, { path: 'data/data.json', sha256: h('d'), size: 10342 }])).message).toContain('dua kali');
    expect(refusal(() => buildManifest(meta, [...files, { path: 'data/../x', sha256: h('x'), size: 1 }])).message).toContain('data/../x');
    expect(refusal(() => buildManifest(meta, [...files, { path: 'data/lain.bin', sha256: h('p'), size: 5 }])).message).toContain('ukurannya berbeda');
    // The package name policy (core/domain/files/package-path.ts), as the server applies it.
    expect(refusal(() => buildManifest(meta, [...files, { path: 'data/lampiran/NUL.txt', sha256: h('x'), size: 1 }])).details).toEqual({ field: 'files', rule: 'reserved-name' });
    expect(refusal(() => buildManifest(meta, [...files, { path: 'data/rencana-aksi.pdf.', sha256: h('x'), size: 1 }])).details).toEqual({ field: 'files', rule: 'trailing-dot-or-space' });
    expect(refusal(() => buildManifest(meta, [...files, { path: 'data/rencana-aksi.pdf:x', sha256: h('x'), size: 1 }])).details).toEqual({ field: 'files', rule: 'colon' });
    expect(refusal(() => buildManifest({ ...meta, mainDocument: 'data/CON.pdf' }, files)).details).toEqual({ field: 'mainDocument' });
    expect(refusal(() => buildManifest({ ...meta, period: '2025-T5' }, files)).details).toEqual({ field: 'period' });
    expect(refusal(() => buildManifest({ ...meta, opd: 'disdik' }, files)).message).toContain('Berkas-OPD');
    expect(refusal(() => buildManifest({ ...meta, reportType: 'bulanan' }, files)).message).toContain('laporan');
  });

  it('reads the Berkas-* fields back from bag-info.txt exactly as written', () => {
    const withRevision: SubmissionMeta = { ...meta, type: 'laporan', revisionOf: '01J1Z8X3KQ7T2V9W4M5N6P7R8S', reportType: 'triwulanan' };
    const fields = bagInfoFieldsOf(withRevision);
    expect(fields.map(([k]) => k)).toEqual([
      'Berkas-Submission-Id',
      'Berkas-Type',
      'Berkas-OPD',
      'Berkas-Period',
      'Berkas-Revision-Of',
      'Berkas-App-Version',
      'Berkas-Main-Document',
      'Berkas-Report-Type',
      'Berkas-Profile',
    ]);
    expect(submissionMetaFromBagInfo([['Source-Organization', 'Dinas'], ...fields])).toEqual(withRevision);
    expect(bagInfoFieldsOf(meta).some(([k]) => k === 'Berkas-Revision-Of')).toBe(false);
    expect(refusal(() => submissionMetaFromBagInfo(fields.filter(([k]) => k !== 'Berkas-Period'))).message).toBe(
      'bag-info.txt tidak memuat Berkas-Period; paket ini bukan kiriman Berkas.',
    );
  });
});

describe('ids and names', () => {
  it('makes UUIDv7s that sort by time and pass the protocol pattern', () => {
    const a = uuidV7(Date.parse('2025-06-17T03:04:05.123Z'), new Uint8Array(10).fill(0xff));
    const b = uuidV7(Date.parse('2025-06-17T03:04:05.124Z'), new Uint8Array(10));
    // 0x01977bd80903 is 1750129445123 ms, 2025-06-17T03:04:05.123Z.
    expect(a).toBe('01977bd8-0903-7fff-bfff-ffffffffffff');
    expect(isSubmissionId(a) && isSubmissionId(b)).toBe(true);
    expect(a < b).toBe(true);
    expect(isSubmissionId('01J1Z8X3KQ7T2V9W4M5N6P7R8S')).toBe(true);
    expect(isSubmissionId('0190a5f2-7c3e-4d41-9b2a-3f6c1e8d2a10')).toBe(false);
  });

  it('turns an officer file name into a safe payload path', () => {
    expect(mainDocumentPath('/home/budi/Rencana Aksi 2025 (final).PDF')).toBe('data/Rencana-Aksi-2025-final.pdf');
    expect(mainDocumentPath('C:\\Dokumen\\laporan-triwulan.pdf')).toBe('data/laporan-triwulan.pdf');
    expect(mainDocumentPath('Ñoño.pdf')).toBe('data/Nono.pdf');
    expect(mainDocumentPath('...pdf')).toBe('data/dokumen.pdf');
    expect(packageFileName('DISDIK', meta.submissionId)).toBe('berkas-DISDIK-0190a5f2-7c3e-7d41-9b2a-3f6c1e8d2a10.zip');
  });

  it('names periods the way an officer reads them', () => {
    expect(['2025', '2025-T2', '2025-S1', '2025-06', '2025-06-17', 'x'].map(periodLabel)).toEqual(['Tahun 2025', 'Triwulan II 2025', 'Semester I 2025', 'Juni 2025', '17 Juni 2025', 'x']);
  });
});
