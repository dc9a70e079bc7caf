import { promises as fs } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { writeBagZip, type BagPayloadEntry } from '../../../../../core/adapters/bagit/bag-writer';
import { verifyBagZip } from '../../../../../core/adapters/bagit/verify';
import { openZip } from '../../../../../core/adapters/zip-reader/zip-reader';
import { type BerkasError } from '../../../../../core/domain/errors';
import { parseTagFile, tagValue } from '../../../../../core/domain/handover/bagit';
import { pdfSignatureCheck } from '../../../../../core/adapters/submission/pdf-check';
import { rewriteZip } from './rewrite-zip';

let work: string;
beforeEach(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-bag-'));
});
afterEach(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

const date = new Date(2025, 5, 17, 10, 30);

async function tree(): Promise<BagPayloadEntry[]> {
  const files: Record<string, Buffer> = {
    'kode-sumber/app/index.php': Buffer.from('<?php echo "halo"; ?>\n'.repeat(200)),
    'kode-sumber/app/gambar/logo.png': randomBytes(5000),
    'manual-pengguna/Manual Pengguna – Versi 2 (ß).pdf': Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000)]),
    'pengujian/hasil.txt': Buffer.from(''),
  };
  const entries: BagPayloadEntry[] = [];
  for (const [rel, bytes] of Object.entries(files)) {
    const file = path.join(work, 'src', ...rel.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, bytes);
    entries.push({ path: `data/${rel}`, file, size: bytes.length });
  }
  entries.push({ path: 'data/data.json', bytes: Buffer.from('{"a":1}\n'), size: 8 });
  return entries;
}

const bagInfo: [string, string][] = [
  ['Source-Organization', 'Dinas Kesehatan Kabupaten Jember'],
  ['External-Identifier', 'bundle-123'],
];

describe('writeBagZip', () => {
  it('writes a bag that verifies, with the tag files RFC 8493 and issue 5 ask for', async () => {
    const payload = await tree();
    const out = path.join(work, 'paket.zip');
    const result = await writeBagZip({ outPath: out, payload, bagInfo, baggingDate: date });
    const bytes = payload.reduce((s, e) => s + e.size, 0);
    expect(result).toMatchObject({ path: out, files: 5, bytes, payloadOxum: `${bytes}.5` });
    expect(result.sha256).toBe(createHash('sha256').update(await fs.readFile(out)).digest('hex'));

    const v = await verifyBagZip(out);
    expect(v).toMatchObject({ complete: true, valid: true, missing: [], mismatched: [], unexpected: [], problems: [], issues: [], baseDirectory: 'paket' });
    expect(v).toMatchObject({ judgedAs: 'bag', berkasPackage: null, bagitVersion: '1.0', algorithms: ['sha256'] });
    expect(tagValue(v.bagInfo, 'Source-Organization')).toBe('Dinas Kesehatan Kabupaten Jember');
    expect(tagValue(v.bagInfo, 'External-Identifier')).toBe('bundle-123');
    expect(tagValue(v.bagInfo, 'Bagging-Date')).toBe('2025-06-17');
    expect(tagValue(v.bagInfo, 'Payload-Oxum')).toBe(`${bytes}.5`);
    expect(tagValue(v.bagInfo, 'Bag-Size')).toMatch(/^\d+(\.\d)? (KB|bytes)$/);

    const zip = await openZip(out);
    const names = zip.entries.map((e) => e.name);
    await zip.close();
    expect(names).toEqual(
      expect.arrayContaining(['paket/bagit.txt', 'paket/bag-info.txt', 'paket/manifest-sha256.txt', 'paket/tagmanifest-sha256.txt', 'paket/data/data.json']),
    );
  });

  it('stores already-compressed files, deflates the rest, and marks names as UTF-8', async () => {
    const out = path.join(work, 'paket.zip');
    await writeBagZip({ outPath: out, payload: await tree(), bagInfo, baggingDate: date });
    const zip = await openZip(out);
    const byName = new Map(zip.entries.map((e) => [e.name.replace(/^paket\//, ''), e]));
    await zip.close();
    expect(byName.get('data/kode-sumber/app/gambar/logo.png')?.method).toBe(0);
    expect(byName.get('data/manual-pengguna/Manual Pengguna – Versi 2 (ß).pdf')?.method).toBe(0);
    expect(byName.get('data/kode-sumber/app/index.php')?.method).toBe(8);
    for (const e of byName.values()) expect(e.flags & 0x0800).toBe(0x0800);
  });

  it('stores a huge run of one byte rather than write what readers would take for a ZIP bomb', async () => {
    const log = path.join(work, 'aplikasi.log');
    await fs.writeFile(log, Buffer.alloc(8 * 1024 * 1024, 0x41));
    const out = path.join(work, 'paket.zip');
    await writeBagZip({ outPath: out, payload: [{ path: 'data/aplikasi.log', file: log, size: 8 * 1024 * 1024 }], bagInfo, baggingDate: date });
    const zip = await openZip(out);
    const entry = zip.entries.find((e) => e.name.endsWith('aplikasi.log'));
    await zip.close();
    expect(entry?.method).toBe(0);
    expect((await verifyBagZip(out)).valid).toBe(true);
  });

  it('lists every payload file in the manifest with its SHA-256', async () => {
    const payload = await tree();
    const out = path.join(work, 'paket.zip');
    const result = await writeBagZip({ outPath: out, payload, bagInfo, baggingDate: date });
    for (const entry of payload) {
      const bytes = entry.file ? await fs.readFile(entry.file) : Buffer.from(entry.bytes as Uint8Array);
      expect(result.manifest.find((m) => m.path === entry.path)?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it.each([
    ['laporan 100%.txt', 'tanda persen'],
    ['baris\nbaru.txt', 'ganti baris'],
    ['carriage\rreturn.txt', 'ganti baris'],
  ])('refuses the name %j, naming the file, and writes nothing', async (name, words) => {
    const file = path.join(work, 'x.txt');
    await fs.writeFile(file, 'isi');
    const out = path.join(work, 'paket.zip');
    const failure = (await writeBagZip({
      outPath: out,
      payload: [{ path: `data/dokumen/${name}`, file, size: 3, origin: `/home/opd/${name}` }],
      bagInfo,
      baggingDate: date,
    }).catch((e: unknown) => e)) as BerkasError;
    expect(failure.code).toBe('BAG_BAD_NAME');
    expect(failure.message).toContain(words);
    expect(failure.message).toContain(JSON.stringify(`/home/opd/${name}`).slice(1, -1));
    expect(await fs.readdir(work)).toEqual(['x.txt']);
  });

  it('refuses two names that one Windows folder would merge', async () => {
    const file = path.join(work, 'x.txt');
    await fs.writeFile(file, 'isi');
    const payload = ['data/README.md', 'data/readme.md'].map((p) => ({ path: p, file, size: 3 }));
    await expect(writeBagZip({ outPath: path.join(work, 'p.zip'), payload, bagInfo, baggingDate: date })).rejects.toMatchObject({ code: 'BAG_BAD_NAME' });
  });

  it('writes a scratch bag straight to its path, with no temporary file beside it, and it verifies', async () => {
    const out = path.join(work, 'scratch', 'paket.tmp');
    await fs.mkdir(path.dirname(out));
    const result = await writeBagZip({ outPath: out, payload: await tree(), bagInfo, baggingDate: date, baseDirectory: 'paket', isScratch: true });
    expect(await fs.readdir(path.dirname(out))).toEqual(['paket.tmp']);
    expect(result.sha256).toBe(createHash('sha256').update(await fs.readFile(out)).digest('hex'));
    expect(await verifyBagZip(out)).toMatchObject({ valid: true, problems: [] });
  });

  it('builds a small scratch bag of bytes in memory: it verifies, reads back byte for byte, deflates all but the PDF', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(30_000)]);
    const json = Buffer.from(JSON.stringify({ nomor: 7, judul: 'Laporan – ß' }, null, 2).repeat(20) + '\n');
    const payload: BagPayloadEntry[] = [
      { path: 'data/Laporan Juni (ß).pdf', bytes: pdf, size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') },
      { path: 'data/data.json', bytes: json, size: json.length },
    ];
    const out = path.join(work, 'kecil.tmp');
    const result = await writeBagZip({ outPath: out, payload, bagInfo, baggingDate: date, baseDirectory: 'paket', isScratch: true });
    expect(result.sha256).toBe(createHash('sha256').update(await fs.readFile(out)).digest('hex'));
    expect(result.manifest.map((m) => m.sha256)).toEqual([createHash('sha256').update(pdf).digest('hex'), createHash('sha256').update(json).digest('hex')]);
    expect(await verifyBagZip(out)).toMatchObject({ valid: true, problems: [], issues: [], baseDirectory: 'paket' });
    const zip = await openZip(out);
    try {
      const byName = new Map(zip.entries.map((e) => [e.name, e]));
      expect([...byName.keys()]).toEqual(['paket/bagit.txt', 'paket/bag-info.txt', 'paket/data/Laporan Juni (ß).pdf', 'paket/data/data.json', 'paket/manifest-sha256.txt', 'paket/tagmanifest-sha256.txt']);
      expect(byName.get('paket/data/Laporan Juni (ß).pdf')?.method).toBe(0);
      expect(byName.get('paket/data/data.json')?.method).toBe(8);
      expect(await zip.readEntry(byName.get('paket/data/Laporan Juni (ß).pdf')!, 1 << 20)).toEqual(pdf);
      expect(await zip.readEntry(byName.get('paket/data/data.json')!, 1 << 20)).toEqual(json);
    } finally {
      await zip.close();
    }
    // Bytes that are not what the caller hashed stop the bag, and nothing is left behind.
    const wrong = path.join(work, 'salah.tmp');
    await expect(writeBagZip({ outPath: wrong, payload: [{ ...payload[0]!, sha256: '0'.repeat(64) }], bagInfo, baggingDate: date, baseDirectory: 'paket', isScratch: true })).rejects.toMatchObject({ code: 'BAG_SOURCE_CHANGED' });
    await expect(fs.stat(wrong)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes a scratch bag past the in-memory size by streaming, and never over a file already at its path', async () => {
    const out = path.join(work, 'besar.tmp');
    const big = randomBytes(1_200_000);
    const result = await writeBagZip({ outPath: out, payload: [{ path: 'data/rekaman.bin', bytes: big, size: big.length }], bagInfo, baggingDate: date, baseDirectory: 'paket', isScratch: true });
    expect(result.sha256).toBe(createHash('sha256').update(await fs.readFile(out)).digest('hex'));
    expect(await verifyBagZip(out)).toMatchObject({ valid: true, problems: [] });
    const taken = path.join(work, 'ada.tmp');
    await fs.writeFile(taken, 'milik orang lain');
    await expect(writeBagZip({ outPath: taken, payload: await tree(), bagInfo, baggingDate: date, baseDirectory: 'paket', isScratch: true })).rejects.toMatchObject({ code: expect.any(String) });
    expect(await fs.readFile(taken, 'utf8')).toBe('milik orang lain');
  });

  it('never overwrites an existing package', async () => {
    const out = path.join(work, 'paket.zip');
    await fs.writeFile(out, 'sudah dikirim');
    await expect(writeBagZip({ outPath: out, payload: await tree(), bagInfo, baggingDate: date })).rejects.toMatchObject({ code: 'BAG_EXISTS' });
    expect(await fs.readFile(out, 'utf8')).toBe('sudah dikirim');
  });

  it('reports progress up to the total', async () => {
    const payload = await tree();
    const seen: number[] = [];
    await writeBagZip({ outPath: path.join(work, 'p.zip'), payload, bagInfo, baggingDate: date, onProgress: (p) => seen.push(p.bytes) });
    const total = payload.reduce((s, e) => s + e.size, 0);
    expect(seen.length).toBeGreaterThan(1);
    expect(Math.max(...seen)).toBe(total);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('leaves no file, partial or temporary, when cancelled mid-way', async () => {
    const big = path.join(work, 'src', 'besar.bin');
    await fs.mkdir(path.dirname(big), { recursive: true });
    await fs.writeFile(big, randomBytes(24 * 1024 * 1024));
    const controller = new AbortController();
    const out = path.join(work, 'out', 'paket.zip');
    await fs.mkdir(path.dirname(out));
    const failure = await writeBagZip({
      outPath: out,
      payload: [{ path: 'data/besar.bin', file: big, size: 24 * 1024 * 1024 }],
      bagInfo,
      baggingDate: date,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytes > 4 * 1024 * 1024) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((failure as BerkasError).code).toBe('CANCELLED');
    expect(await fs.readdir(path.join(work, 'out'))).toEqual([]);
  });

  it('leaves no file when a source disappears, and names it', async () => {
    const payload = await tree();
    await fs.rm(payload[1]!.file as string);
    const failure = (await writeBagZip({ outPath: path.join(work, 'p.zip'), payload, bagInfo, baggingDate: date }).catch((e: unknown) => e)) as BerkasError;
    expect(failure.code).toBe('BAG_SOURCE_MISSING');
    expect(failure.message).toContain('logo.png');
    expect((await fs.readdir(work)).filter((n) => n !== 'src')).toEqual([]);
  });

  it('refuses a source whose content is not the one attached', async () => {
    const payload = await tree();
    payload[0] = { ...payload[0]!, sha256: 'f'.repeat(64) };
    await expect(writeBagZip({ outPath: path.join(work, 'p.zip'), payload, bagInfo, baggingDate: date })).rejects.toMatchObject({ code: 'BAG_SOURCE_CHANGED' });
  });
});

describe('verifyBagZip', () => {
  it('reports one flipped byte in any payload file as mismatched, that file only', async () => {
    const payload = await tree();
    const out = path.join(work, 'paket.zip');
    await writeBagZip({ outPath: out, payload, bagInfo, baggingDate: date });
    const nonEmpty = payload.filter((e) => e.size > 0);
    for (const [i, entry] of nonEmpty.entries()) {
      const tampered = path.join(work, `ubah-${i}.zip`);
      await rewriteZip(out, tampered, (name, bytes) => {
        if (name !== `paket/${entry.path}`) return bytes;
        const copy = Buffer.from(bytes);
        copy[Math.floor(copy.length / 2)] ^= 0x01;
        return copy;
      });
      const v = await verifyBagZip(tampered);
      expect({ file: entry.path, mismatched: v.mismatched, valid: v.valid, missing: v.missing }).toEqual({
        file: entry.path,
        mismatched: [entry.path],
        valid: false,
        missing: [],
      });
    }
  });

  it('reports a byte flipped inside the ZIP itself (CRC) as mismatched', async () => {
    const payload = await tree();
    const out = path.join(work, 'paket.zip');
    await writeBagZip({ outPath: out, payload, bagInfo, baggingDate: date });
    const raw = await fs.readFile(out);
    // logo.png is stored: its bytes sit in the ZIP as they are.
    const zip = await openZip(out);
    const entry = zip.entries.find((e) => e.name.endsWith('logo.png'))!;
    await zip.close();
    raw[entry.localHeaderOffset + 30 + entry.rawName.length + 100] ^= 0xff;
    await fs.writeFile(out, raw);
    const v = await verifyBagZip(out);
    expect(v.mismatched).toEqual(['data/kode-sumber/app/gambar/logo.png']);
    expect(v.valid).toBe(false);
  });

  it('reports removed and added payload files, and a changed bag-info', async () => {
    const payload = await tree();
    const out = path.join(work, 'paket.zip');
    await writeBagZip({ outPath: out, payload, bagInfo, baggingDate: date });
    const tampered = path.join(work, 'ubah.zip');
    await rewriteZip(
      out,
      tampered,
      (name, bytes) => {
        if (name === 'paket/data/pengujian/hasil.txt') return null;
        if (name === 'paket/bag-info.txt') return Buffer.from(bytes.toString('utf8').replace('Jember', 'Jombang'));
        return bytes;
      },
      [['paket/data/tambahan.txt', Buffer.from('disisipkan')]],
    );
    const v = await verifyBagZip(tampered);
    expect(v.missing).toEqual(['data/pengujian/hasil.txt']);
    expect(v.unexpected).toEqual(['data/tambahan.txt']);
    expect(v.mismatched).toEqual(['bag-info.txt']);
    expect(v).toMatchObject({ complete: false, valid: false });
    expect(v.problems.join(' ')).toContain('Payload-Oxum');
  });

  it('says plainly when a ZIP is not a bag', async () => {
    const v = await verifyBagZip(path.resolve(__dirname, '../../../../fixtures/hostile-zips/ok.zip'));
    expect(v).toMatchObject({ complete: false, valid: false });
    expect(v.problems[0]).toContain('bukan paket BagIt');
  });

  it('refuses a hostile package with its reason instead of reading it', async () => {
    await expect(verifyBagZip(path.resolve(__dirname, '../../../../fixtures/hostile-zips/symlink.zip'))).rejects.toMatchObject({ code: 'ZIP_SYMLINK' });
  });

  it('judges PDFs with the signature check handed in and requires the named ones signed', async () => {
    const payload = await tree();
    const out = path.join(work, 'paket.zip');
    await writeBagZip({ outPath: out, payload, bagInfo, baggingDate: date });
    const judged: string[] = [];
    const check = pdfSignatureCheck(() => new Date());
    const v = await verifyBagZip(out, {
      checkPdf: async (file, bytes) => {
        judged.push(file);
        expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
        return check(file, bytes);
      },
      requireSigned: ['data/manual-pengguna/Manual Pengguna – Versi 2 (ß).pdf'],
    });
    expect(judged).toEqual(['data/manual-pengguna/Manual Pengguna – Versi 2 (ß).pdf']);
    expect(v).toMatchObject({ complete: true, valid: false, judgedAs: 'paket-berkas' });
    // Random bytes after "%PDF-": the verifier cannot read it, so it cannot count as signed.
    expect(v.issues.map((i) => i.rule)).toEqual(['signature-missing']);
    expect(v.problems.join(' ')).toContain('tidak dapat diperiksa');
  });
});

describe('tag files', () => {
  it('parses what it writes', () => {
    expect(parseTagFile('A: 1\nB: dua\n  lanjutan\n')).toEqual([
      ['A', '1'],
      ['B', 'dua lanjutan'],
    ]);
  });
});
