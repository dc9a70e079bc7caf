import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findJsonError, loadProfiles } from '../../../../core/adapters/profile-loader';
import { BerkasError } from '../../../../core/domain/errors';
import { summarize } from '../../../../core/domain/profiles/profile';

const assetsDir = path.resolve(__dirname, '../../../../assets/profiles');
const fixturesDir = path.resolve(__dirname, '../../../fixtures/profiles');

async function rejection(promise: Promise<unknown>): Promise<BerkasError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(BerkasError);
    return err as BerkasError;
  }
  throw new Error('expected loadProfiles to reject');
}

let tmp: string;
beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-profiles-'));
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('loadProfiles on the shipped profiles', () => {
  it('lists all five regions sorted by name', async () => {
    const source = await loadProfiles(assetsDir);
    const names = source.list().map((p) => p.name);
    expect(names).toHaveLength(5);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'id')));
    expect(source.list().map((p) => p.id).sort()).toEqual(['banjarmasin', 'jambi', 'jember', 'pontianak', 'prabumulih']);
  });

  it('switching profiles switches the words: OPD in Jambi, SKPD in Banjarmasin', async () => {
    const source = await loadProfiles(assetsDir);
    const jambi = source.get('jambi');
    const banjarmasin = source.get('banjarmasin');
    expect(jambi.terms.agency).toBe('OPD');
    expect(banjarmasin.terms.agency).toBe('SKPD');
    expect(summarize(jambi).agency).toBe('OPD');
    expect(summarize(banjarmasin).agency).toBe('SKPD');
    expect(banjarmasin.terms.ictOfficeShort).toBe('SKPD Kominfotik');
    expect(source.get('pontianak').terms.agency).toBe('Perangkat Daerah');
    expect(summarize(source.get('pontianak')).regulation).toBe('Perwali Pontianak No. 47/2021');
  });

  it('throws PROFILE_UNKNOWN for an id it does not have, listing the known ones', async () => {
    const source = await loadProfiles(assetsDir);
    let error: unknown;
    try {
      source.get('bogor');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BerkasError);
    expect((error as BerkasError).code).toBe('PROFILE_UNKNOWN');
    expect((error as BerkasError).message).toBe('Profil daerah "bogor" tidak dikenal. Yang tersedia: banjarmasin, jambi, jember, pontianak, prabumulih.');
  });

  it('hands out frozen profiles so one caller cannot relabel another’s screen', async () => {
    const source = await loadProfiles(assetsDir);
    const profile = source.get('jambi');
    expect(Object.isFrozen(profile)).toBe(true);
    expect(Object.isFrozen(profile.terms)).toBe(true);
    expect(Object.isFrozen(profile.handover.items[0])).toBe(true);
    expect(() => {
      (profile.terms as { agency: string }).agency = 'SKPD';
    }).toThrow(TypeError);
    // The list is a copy: reordering it does not reorder the source.
    const list = source.list();
    list.reverse();
    expect(source.list()[0]).not.toBe(list[0]);
  });
});

describe('loadProfiles on hostile files', () => {
  it.each([
    ['malformed-json', /bukan JSON yang sah \(baris \d+, kolom \d+\)/],
    ['truncated-json', /bukan JSON yang sah/],
    ['not-an-object', /tidak sah: profil harus berupa objek JSON, bukan daftar/],
    ['missing-field', /tidak sah: handover\.items\[3\]\.article: wajib diisi/],
    ['wrong-type', /tidak sah: reports\[0\]\.dueDays: harus bilangan bulat 0–366 \(hari setelah akhir periode\), bukan teks/],
    ['duplicate-item-key', /tidak sah: handover\.items\[3\]\.key: kunci "manual-pengguna" sudah dipakai di handover\.items\[2\]/],
    ['unknown-period', /tidak sah: reports\[0\]\.period: periode "bulanan" tidak dikenal/],
    ['two-source-code', /tidak sah: handover\.items: harus ada tepat satu butir berjenis "source-code"/],
    ['id-mismatch', /tidak sah: id: "lain" harus sama dengan nama berkas \("contoh"\)/],
    ['unknown-field', /tidak sah: handover\.items\[2\]\.isrequired: kolom tidak dikenal/],
  ])('%s: PROFILE_INVALID naming the file and the field', async (name, pattern) => {
    const dir = path.join(fixturesDir, name);
    const file = path.join(dir, 'contoh.json');
    const error = await rejection(loadProfiles(dir));
    expect(error.code).toBe('PROFILE_INVALID');
    expect(error.message).toContain(`Profil daerah ${file} `);
    expect(error.message).toMatch(pattern);
    expect(error.details?.file).toBe(file);
  });

  it('locates a JSON syntax error by line and column', async () => {
    const file = path.join(tmp, 'contoh.json');
    await fs.writeFile(file, '{\n  "id": "contoh",\n  "name": Kota\n}\n');
    const error = await rejection(loadProfiles(tmp));
    expect(error.message).toContain('(baris 3, kolom 11)');
  });

  it('gives the field problems as data too', async () => {
    const error = await rejection(loadProfiles(path.join(fixturesDir, 'missing-field')));
    expect(error.details?.problems).toEqual([{ path: 'handover.items[3].article', message: 'wajib diisi' }]);
  });

  it('names the broken file among good ones', async () => {
    for (const name of await fs.readdir(assetsDir)) await fs.copyFile(path.join(assetsDir, name), path.join(tmp, name));
    await fs.copyFile(path.join(fixturesDir, 'unknown-period', 'contoh.json'), path.join(tmp, 'contoh.json'));
    const error = await rejection(loadProfiles(tmp));
    expect(error.code).toBe('PROFILE_INVALID');
    expect(error.details?.file).toBe(path.join(tmp, 'contoh.json'));
  });

  it('reads a profile saved with a byte-order mark', async () => {
    const source = await loadProfiles(path.join(fixturesDir, 'bom'));
    expect(source.get('contoh').terms.agency).toBe('OPD');
  });

  it('ignores hidden temporaries and other files beside the profiles', async () => {
    await fs.copyFile(path.join(fixturesDir, 'valid', 'contoh.json'), path.join(tmp, 'contoh.json'));
    await fs.writeFile(path.join(tmp, '.contoh.json.1a2b3c.tmp'), '{');
    await fs.writeFile(path.join(tmp, '.rusak.json'), '{');
    await fs.writeFile(path.join(tmp, 'README.md'), '# profil');
    const source = await loadProfiles(tmp);
    expect(source.list().map((p) => p.id)).toEqual(['contoh']);
  });

  it('refuses a folder without profiles', async () => {
    await fs.writeFile(path.join(tmp, 'README.md'), '# kosong');
    const error = await rejection(loadProfiles(tmp));
    expect(error.code).toBe('PROFILES_MISSING');
    expect(error.message).toContain(tmp);
  });

  it('refuses a folder that does not exist', async () => {
    const missing = path.join(tmp, 'tidak-ada');
    const error = await rejection(loadProfiles(missing));
    expect(error.code).toBe('PROFILES_MISSING');
    expect(error.message).toContain(`${missing} tidak dapat dibaca (ENOENT)`);
  });
});

describe('findJsonError', () => {
  it.each([
    ['{"a": 1,}', 1, 9, 'koma berlebih sebelum }'],
    ['[1, 2,\n]', 2, 1, 'koma berlebih sebelum ]'],
    ['{\n  a: 1\n}', 2, 3, 'nama kolom harus diapit tanda kutip ganda'],
    ['{"a" 1}', 1, 6, 'tanda titik dua (:) setelah nama kolom tidak ada'],
    ['{"a": 1 "b": 2}', 1, 9, 'koma (,) atau } tidak ada'],
    ['{"a": "satu\n"}', 1, 12, 'baris baru atau karakter kendali di dalam teks; tanda kutip penutup mungkin hilang'],
    ['{"a": "\\x"}', 1, 8, 'urutan escape (\\) tidak sah di dalam teks'],
    ['{"a": tru}', 1, 7, 'karakter tak terduga "t"'],
    ['{"a": [1, 2', 1, 12, 'berkas berakhir sebelum JSON selesai'],
    ['{"a": 1} x', 1, 10, 'ada isi lain setelah akhir JSON'],
    ['', 1, 1, 'berkas berakhir sebelum JSON selesai'],
  ])('%j → baris %i, kolom %i', (text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonError(text)).toEqual({ line, column, reason });
  });

  it('finds nothing in valid JSON', () => {
    expect(findJsonError('{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]}')).toBeNull();
  });
});
