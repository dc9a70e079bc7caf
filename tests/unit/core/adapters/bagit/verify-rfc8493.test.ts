/**
 * Issue 17: BagIt as RFC 8493 says. A corpus of bags written by the test
 * itself (tests/tools/make-bag.ts), one per rule: each conforming variant is accepted,
 * each malformed one refused for its named rule and nothing else.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyBagZip } from '../../../../../core/adapters/bagit/verify';
import type { BerkasError } from '../../../../../core/domain/errors';
import { makeBag, type BagSpec } from '../../../../tools/make-bag';

let work: string;
beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-rfc8493-'));
});
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

const payload = {
  'data/laporan.txt': 'Laporan triwulan I\n',
  'data/kode-sumber/index.php': '<?php echo "halo";\n',
};
let n = 0;

async function judged(spec: Partial<BagSpec>) {
  const file = await makeBag(path.join(work, `bag-${++n}.zip`), { payload, ...spec });
  return verifyBagZip(file);
}

const sha = (c: string) => c.repeat(64);

describe('conforming bags are accepted', () => {
  it.each<[string, Partial<BagSpec>, string[]?]>([
    ['SHA-256 manifests, as Berkas writes them', {}],
    ['SHA-512 manifests only (RFC 8493 §2.4: every tool must read them)', { algorithms: ['sha512'] }, ['sha512']],
    ['SHA-256 and SHA-512 manifests side by side', { algorithms: ['sha256', 'sha512'] }, ['sha256', 'sha512']],
    ['CRLF line endings in every tag file', { eol: '\r\n' }],
    ['CR line endings in every tag file', { eol: '\r' }],
    ['upper-case hex digests', { upperHex: true }],
    ['no tag manifest (it is optional)', { tagAlgorithms: [] }],
    ['no bag-info.txt (it is optional)', { bagInfo: null }],
    ['the bag at the root of the ZIP', { base: '' }],
    ['an empty payload folder', { payload: {}, folders: ['data/'] }],
    ['a percent sign in a name, written %25', { payload: { 'data/naik 100%.txt': 'isi\n' } }],
    ['bag-info with a continuation line and a tab after the colon', { bagInfoExtra: 'External-Description:\tPaket uji yang\n  berlanjut di baris kedua\n' }],
    ['no line ending after the last line of bagit.txt', { bagitTxt: 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8' }],
    ['manifest paths written "./data/…" as sha256sum writes them', { manifestPathOf: (p) => `./${p}` }],
    ['a 0.97 bag, whose bag-info may pad the colon', { bagitTxt: 'BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n', bagInfoExtra: 'Contact-Name :   Budi\n' }],
  ])('%s', async (_name, spec, algorithms = ['sha256']) => {
    const v = await judged(spec);
    expect({ issues: v.issues, complete: v.complete, valid: v.valid }).toEqual({ issues: [], complete: true, valid: true });
    expect(v).toMatchObject({ judgedAs: 'bag', berkasPackage: null, algorithms });
  });

  it('reads an MD5 manifest beside a SHA-256 one, checks it, and says MD5 alone would be too weak', async () => {
    const v = await judged({ algorithms: ['sha256', 'md5'] });
    expect(v).toMatchObject({ valid: true, issues: [], algorithms: ['md5', 'sha256'] });
    expect(v.notes.join(' ')).toContain('terlalu lemah');
    const lying = await judged({ algorithms: ['sha256', 'md5'], editTags: (t) => t.set('manifest-md5.txt', Buffer.from(`${'0'.repeat(32)}  data/laporan.txt\n${'0'.repeat(32)}  data/kode-sumber/index.php\n`)) });
    expect(lying.issues.map((i) => i.rule)).toEqual(['checksum-mismatch', 'checksum-mismatch']);
  });
});

/** A tag file replaced by `text` (the tag manifest is then computed over it). */
const tag = (name: string, text: string | Buffer) => ({ editTags: (t: Map<string, Buffer>) => void t.set(name, Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8')) });
const bom = Buffer.from([0xef, 0xbb, 0xbf]);

describe('malformed bags are refused for their named rule', () => {
  it.each<[string, Partial<BagSpec>, string[]]>([
    // bagit.txt, byte for byte (§2.1.1).
    ['a space before the colon in bagit.txt', { bagitTxt: 'BagIt-Version : 1.0\nTag-File-Character-Encoding: UTF-8\n' }, ['bagit-txt']],
    ['a label in other case in bagit.txt', { bagitTxt: 'BagIt-version: 1.0\nTag-File-Character-Encoding: UTF-8\n' }, ['bagit-txt']],
    ['a third line in bagit.txt', { bagitTxt: 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\nLain: x\n' }, ['bagit-txt']],
    ['the two lines of bagit.txt swapped', { bagitTxt: 'Tag-File-Character-Encoding: UTF-8\nBagIt-Version: 1.0\n' }, ['bagit-txt', 'bagit-txt']],
    ['trailing whitespace in bagit.txt', { bagitTxt: 'BagIt-Version: 1.0 \nTag-File-Character-Encoding: UTF-8\n' }, ['bagit-txt']],
    ['a byte-order mark in bagit.txt', { bagitTxt: Buffer.concat([bom, Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')]) }, ['tag-file-bom']],
    ['BagIt-Version 2.0', { bagitTxt: 'BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n' }, ['bagit-version']],
    ['tag files in ISO-8859-1', { bagitTxt: 'BagIt-Version: 1.0\nTag-File-Character-Encoding: ISO-8859-1\n' }, ['tag-encoding']],
    // bag-info.txt (§2.2.2) and the text tag file format (§2.3).
    ['a byte-order mark in bag-info.txt', tag('bag-info.txt', Buffer.concat([bom, Buffer.from('Source-Organization: Dinas Uji\n')])), ['tag-file-bom']],
    ['bag-info.txt that is not UTF-8', tag('bag-info.txt', Buffer.from([0x4f, 0x50, 0x44, 0x3a, 0x20, 0xe9, 0x0a])), ['tag-file-encoding']],
    ['a space before the colon in bag-info.txt (1.0)', { bagInfoExtra: 'Contact-Name : Budi\n' }, ['tag-file-line']],
    ['no whitespace after the colon in bag-info.txt', { bagInfoExtra: 'Contact-Name:Budi\n' }, ['tag-file-line']],
    ['a bag-info line without a label', { bagInfoExtra: 'tanpa titik dua\n' }, ['tag-file-line']],
    ['Payload-Oxum that does not match', { bagInfo: 'Payload-Oxum: 1.1\n' }, ['payload-oxum']],
    ['Payload-Oxum twice', { bagInfoExtra: 'Payload-Oxum: 40.2\n' }, ['payload-oxum']],
    // Manifests (§2.1.3, §2.2.1, §2.4).
    ['no payload manifest', { algorithms: [], tagAlgorithms: ['sha256'] }, ['manifest-missing']],
    ['only an MD5 manifest', { algorithms: ['md5'], tagAlgorithms: ['sha256'] }, ['manifest-weak-algorithm']],
    ['only a SHA-1 manifest', { algorithms: ['sha1'], tagAlgorithms: ['sha256'] }, ['manifest-weak-algorithm']],
    ['a manifest in an algorithm Berkas cannot compute', { algorithms: [], tagAlgorithms: [], editTags: (t) => void t.set('manifest-blake3.txt', Buffer.from(`${sha('a')}  data/laporan.txt\n`)) }, ['manifest-unsupported-algorithm']],
    ['a byte-order mark in the manifest', { editTags: (t) => void t.set('manifest-sha256.txt', Buffer.concat([bom, t.get('manifest-sha256.txt') as Buffer])) }, ['tag-file-bom']],
    ['a digest of the wrong length', tag('manifest-sha256.txt', `abc123  data/laporan.txt\n${sha('a')}  data/kode-sumber/index.php\n`), ['manifest-line', 'file-not-in-manifest', 'checksum-mismatch']],
    ['a bare % in a manifest path (RFC: %25)', { payload: { 'data/naik 100%.txt': 'isi\n' }, manifestPathOf: (p) => p }, ['manifest-percent-encoding', 'file-not-in-manifest']],
    ['a path listed twice', { editTags: (t) => void t.set('manifest-sha256.txt', Buffer.concat([t.get('manifest-sha256.txt') as Buffer, Buffer.from(`${sha('b')}  data/laporan.txt\n`)])) }, ['manifest-duplicate']],
    ['a path listed again in other case', { editTags: (t) => void t.set('manifest-sha256.txt', Buffer.concat([t.get('manifest-sha256.txt') as Buffer, Buffer.from(`${sha('b')}  data/LAPORAN.txt\n`)])) }, ['manifest-duplicate']],
    ['a payload manifest listing a tag file', { editTags: (t) => void t.set('manifest-sha256.txt', Buffer.concat([t.get('manifest-sha256.txt') as Buffer, Buffer.from(`${sha('b')}  bag-info.txt\n`)])) }, ['manifest-outside-payload']],
    ['a manifest listing a folder', { editTags: (t) => void t.set('manifest-sha256.txt', Buffer.concat([t.get('manifest-sha256.txt') as Buffer, Buffer.from(`${sha('b')}  data/kode-sumber\n`)])) }, ['manifest-lists-directory']],
    // Completeness and validity (§3).
    ['a payload file in no manifest', { omitFrom: { sha256: ['data/laporan.txt'] } }, ['file-not-in-manifest']],
    ['a payload file missing from one of two manifests (1.0: every file in every manifest)', { algorithms: ['sha256', 'sha512'], omitFrom: { sha512: ['data/laporan.txt'] } }, ['file-not-in-manifest']],
    ['a listed file that is not there', { editAll: (f) => void f.delete('data/laporan.txt'), bagInfo: 'Source-Organization: Dinas Uji\n' }, ['file-missing']],
    ['a payload file whose content changed', { editAll: (f) => void f.set('data/laporan.txt', Buffer.from('Laporan triwulan V\n')) }, ['checksum-mismatch']],
    ['fetch.txt (Berkas never fetches)', tag('fetch.txt', 'https://contoh.go.id/besar.bin 10 data/besar.bin\n'), ['fetch-txt']],
    ['no data/ folder', { payload: {}, bagInfo: null }, ['payload-directory-missing']],
    // Tag manifests (§2.2.1).
    ['a tag manifest listing a payload file', { editAll: (f) => void f.set('tagmanifest-sha256.txt', Buffer.concat([f.get('tagmanifest-sha256.txt') as Buffer, Buffer.from(`${sha('c')}  data/laporan.txt\n`)])) }, ['tagmanifest-lists-payload']],
    ['a tag manifest listing a tag manifest', { algorithms: ['sha256'], tagAlgorithms: ['sha256', 'sha512'], editAll: (f) => void f.set('tagmanifest-sha256.txt', Buffer.concat([f.get('tagmanifest-sha256.txt') as Buffer, Buffer.from(`${sha('c')}  tagmanifest-sha512.txt\n`)])) }, ['tagmanifest-lists-tagmanifest']],
    ['a tag manifest that leaves out the payload manifest', { editAll: (f) => void f.set('tagmanifest-sha256.txt', Buffer.from((f.get('tagmanifest-sha256.txt') as Buffer).toString().split('\n').filter((l) => !l.endsWith('manifest-sha256.txt')).join('\n'))) }, ['tagmanifest-omits-manifest']],
    ['a tag file listed but absent', { editAll: (f) => void f.set('tagmanifest-sha256.txt', Buffer.concat([f.get('tagmanifest-sha256.txt') as Buffer, Buffer.from(`${sha('c')}  metadata/asal.xml\n`)])) }, ['file-missing']],
    ['bag-info.txt changed after the tag manifest', { editAll: (f) => void f.set('bag-info.txt', Buffer.from((f.get('bag-info.txt') as Buffer).toString().replace('Dinas Uji', 'Dinas Lain'))) }, ['checksum-mismatch']],
  ])('%s', async (_name, spec, rules) => {
    const v = await judged(spec);
    expect(v.issues.map((i) => i.rule)).toEqual(rules);
    expect(v.valid).toBe(false);
    for (const i of v.issues) expect(i.message.length).toBeGreaterThan(10);
  });

  it.each<[string, string, string]>([
    ['%0A (a line feed) in a path', 'data/a%0Ab.txt', 'control-character'],
    ['%0D (a carriage return) in a path', 'data/a%0Db.txt', 'control-character'],
    ['"..", climbing out of the bag', 'data/../../etc/passwd', 'traversal'],
    ['an absolute path', '/etc/passwd', 'absolute'],
    ['a home folder (~)', '~/.ssh/authorized_keys', 'home-directory'],
    ['a drive letter', 'C:/Windows/win.ini', 'drive-letter'],
    ['a UNC path', '//server/share/x', 'unc'],
    ['a backslash separator', 'data\\laporan.txt', 'backslash'],
    ['a Windows device name', 'data/NUL.txt', 'reserved-name'],
    ['a trailing dot', 'data/laporan.txt.', 'trailing-dot-or-space'],
  ])('refuses a manifest path with %s (§2.1.3, §7)', async (_name, listed, pathRule) => {
    const v = await judged({ editTags: (t) => void t.set('manifest-sha256.txt', Buffer.concat([t.get('manifest-sha256.txt') as Buffer, Buffer.from(`${sha('d')}  ${listed}\n`)])) });
    expect(v.issues.map((i) => [i.rule, i.pathRule])).toEqual([['manifest-unsafe-path', pathRule]]);
  });

  it('refuses an unsafe path in a tag manifest as well', async () => {
    const v = await judged({ editAll: (f) => void f.set('tagmanifest-sha256.txt', Buffer.concat([f.get('tagmanifest-sha256.txt') as Buffer, Buffer.from(`${sha('e')}  ../../etc/passwd\n`)])) });
    expect(v.issues.map((i) => [i.rule, i.pathRule])).toEqual([['manifest-unsafe-path', 'traversal']]);
  });

  it('says plainly when a ZIP is no bag at all', async () => {
    const v = await judged({ editAll: (f) => void f.delete('bagit.txt') });
    expect(v.issues.map((i) => i.rule)).toEqual(['not-a-bag']);
  });

  it('refuses, before reading a manifest, a payload name that Windows would unpack as something else', async () => {
    const refused = (await judged({ payload: { 'data/NUL.txt': 'x' } }).catch((e: unknown) => e)) as BerkasError;
    expect(refused).toMatchObject({ code: 'ZIP_BAD_NAME', details: { rule: 'reserved-name' } });
  });
});
