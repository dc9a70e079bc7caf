import {
  BACKUP_MAGIC,
  DEFAULT_SCRYPT,
  MAGIC_LEN,
  backupFileName,
  compareVersions,
  entryKind,
  entryPathProblem,
  manifestLine,
  manifestLineLength,
  parseBackupHeader,
  passphraseProblem,
  plaintextLength,
  scryptParamsProblem,
  tooNewProblem,
  type BackupHeader,
} from '../../../../../core/domain/backup/format';
import { isBackupDue, intervalProblem, nextDueAt } from '../../../../../core/domain/backup/reminder';

const hash = 'ab'.repeat(32);

describe('entryPathProblem (paths inside a backup are hostile input)', () => {
  it.each(['berkas.db', 'settings.json', `blobs/ab/${hash}`, 'vault/p12-password.sealed', 'vault/Cert_1.sealed', 'outbox/01J2ABC/paket.zip', 'outbox/_masuk-1.zip', 'trust-roots/BSrE Root CA.der', 'outbox/x y'])(
    'accepts %s',
    (p) => {
      expect(entryPathProblem(p)).toBeNull();
    },
  );

  it.each([
    ['', 'kosong'],
    ['/etc/passwd', 'mutlak'],
    ['C:evil.db', 'mutlak'],
    ['c:/windows/system32/x', 'mutlak'],
    ['../berkas.db', '".."'],
    ['outbox/../../etc/passwd', '".."'],
    ['outbox/a/..', '".."'],
    ['outbox\\..\\x', '".."'],
    ['outbox\\x', 'miring terbalik'],
    ['outbox//x', 'kosong'],
    ['//server/outbox/x', 'UNC'],
    ['outbox/paket.zip:tersembunyi', 'titik dua'],
    ['outbox/COM\u00b9.zip', 'perangkat Windows'],
    ['outbox/NUL .txt', 'perangkat Windows'],
    ['outbox/./x', 'titik'],
    ['outbox/.hidden', 'karakter'],
    ['outbox/ x', 'karakter'],
    ['outbox/x ', 'spasi'],
    ['outbox/-rf', 'karakter'],
    ['keys/x.sealed', 'bukan bagian'],
    ['outbox/naïve.txt', 'karakter'],
    ['outbox/a\u0000b', 'karakter'],
    ['outbox/nul.txt', 'perangkat Windows'],
    ['outbox/COM1', 'perangkat Windows'],
    ['outbox/trailing.', 'titik'],
    ['berkas.journal', 'bukan bagian'],
    ['berkas.lock', 'bukan bagian'],
    ['node_modules/x', 'bukan bagian'],
    ['blobs/ab/cd', 'bukan nama lampiran'],
    [`blobs/cd/${hash}`, 'bukan nama lampiran'],
    [`blobs/ab/${hash}/x`, 'bukan nama lampiran'],
    [`blobs/AB/${'AB'.repeat(32)}`, 'bukan nama lampiran'],
    ['outbox/' + 'a/'.repeat(9) + 'x', 'tingkat'],
    ['outbox/' + 'a'.repeat(600), 'lebih dari'],
  ])('refuses %j (%s)', (p, reason) => {
    expect(entryPathProblem(p)).toContain(reason);
  });

  it('classifies the allowed entries', () => {
    expect(entryKind('berkas.db')).toBe('database');
    expect(entryKind('settings.json')).toBe('settings');
    expect(entryKind(`blobs/ab/${hash}`)).toBe('blob');
    expect(entryKind('vault/x.sealed')).toBe('sealed');
    expect(entryKind('trust-roots/bsre.der')).toBe('trust');
    expect(entryKind('outbox/x')).toBe('outbox');
    expect(() => entryKind('other/x')).toThrow(expect.objectContaining({ code: 'BACKUP_UNSAFE_ENTRY' }));
  });
});

describe('header', () => {
  const good: BackupHeader = {
    format: 'berkas-backup',
    formatVersion: 1,
    appVersion: '0.1.0',
    schemaVersion: 5,
    createdAt: '2021-06-17T03:00:00.000Z',
    kdf: { name: 'scrypt', N: 1024, r: 8, p: 1, salt: Buffer.alloc(16, 1).toString('base64'), keyLength: 64 },
    cipher: { name: 'AES-256-GCM', construction: 'STREAM', chunkSize: 1024, noncePrefix: Buffer.alloc(8, 2).toString('base64'), tagLength: 16 },
    keyCheck: Buffer.alloc(16, 3).toString('base64'),
    plaintextBytes: 100,
  };

  it('parses what the writer produces and nothing else', () => {
    expect(parseBackupHeader(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(parseBackupHeader(null)).toBeNull();
    expect(parseBackupHeader({ ...good, format: 'zip' })).toBeNull();
    expect(parseBackupHeader({ ...good, kdf: { ...good.kdf, name: 'pbkdf2' } })).toBeNull();
    expect(parseBackupHeader({ ...good, kdf: { ...good.kdf, salt: 'short' } })).toBeNull();
    expect(parseBackupHeader({ ...good, cipher: { ...good.cipher, tagLength: 12 } })).toBeNull();
    expect(parseBackupHeader({ ...good, plaintextBytes: -1 })).toBeNull();
    expect(parseBackupHeader({ ...good, createdAt: 'kemarin' })).toBeNull();
  });

  it('bounds the key derivation a header may ask for', () => {
    expect(scryptParamsProblem(DEFAULT_SCRYPT)).toBeNull();
    expect(scryptParamsProblem({ N: 2 ** 30, r: 8, p: 1 })).toContain('pangkat dua');
    expect(scryptParamsProblem({ N: 1000, r: 8, p: 1 })).toContain('pangkat dua');
    expect(scryptParamsProblem({ N: 2 ** 20, r: 32, p: 1 })).toContain('1 GB');
    expect(scryptParamsProblem({ N: 2 ** 14, r: 8, p: 99 })).toContain('p=99');
  });

  it('knows the magic is 16 bytes starting with 0x89 and ending in CR LF', () => {
    expect(BACKUP_MAGIC).toHaveLength(MAGIC_LEN);
    expect(BACKUP_MAGIC[0]).toBe(0x89);
    expect(Buffer.from(BACKUP_MAGIC.slice(1, 14)).toString('latin1')).toBe('BERKAS-BACKUP');
    expect(BACKUP_MAGIC.slice(14)).toEqual([0x0d, 0x0a]);
  });
});

describe('versions', () => {
  it.each([
    ['0.1.0', '0.1.0', 0],
    ['0.2.0', '0.1.9', 1],
    ['1.10.0', '1.9.0', 1],
    ['1.0.0-beta.1', '1.0.0', -1],
    ['1.0', '1.0.0', 0],
    ['v2.0.0', '1.99.99', 1],
  ])('compareVersions(%s, %s) = %d', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });

  const supported = { appVersion: '0.1.0', schemaVersion: 5 };
  it('refuses a newer format, app or schema, and names which', () => {
    expect(tooNewProblem({ formatVersion: 1, appVersion: '0.1.0', schemaVersion: 5 }, supported)).toBeNull();
    expect(tooNewProblem({ formatVersion: 1, appVersion: '0.0.9', schemaVersion: 3 }, supported)).toBeNull();
    expect(tooNewProblem({ formatVersion: 2, appVersion: '0.1.0', schemaVersion: 5 }, supported)).toContain('format berkas cadangan versi 2');
    expect(tooNewProblem({ formatVersion: 1, appVersion: '0.2.0', schemaVersion: 5 }, supported)).toContain('Berkas 0.2.0');
    expect(tooNewProblem({ formatVersion: 1, appVersion: '0.1.0', schemaVersion: 6 }, supported)).toContain('skema 6');
  });
});

describe('sizes known before writing', () => {
  it('computes the plaintext length from paths and sizes alone', () => {
    const entries = [
      { path: 'berkas.db', size: 4096 },
      { path: `blobs/ab/${hash}`, size: 0 },
    ];
    const records = entries.reduce((n, e) => n + 1 + 2 + e.path.length + 8 + e.size, 0);
    const manifest = entries.map((e) => manifestLine('f'.repeat(64), e.size, e.path)).join('');
    expect(plaintextLength(entries)).toBe(records + 1 + 4 + manifest.length);
    for (const e of entries) expect(manifestLineLength(e.size, e.path)).toBe(manifestLine('0'.repeat(64), e.size, e.path).length);
  });
});

describe('passphrases, names, sizes', () => {
  it('asks for at least 10 characters and no surrounding spaces', () => {
    expect(passphraseProblem('kuda-lari-cepat')).toBeNull();
    expect(passphraseProblem('pendek')).toContain('paling sedikit 10');
    expect(passphraseProblem(' dengan spasi di awal')).toContain('spasi');
    // Counted in characters, not UTF-16 units or bytes.
    expect(passphraseProblem('🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toContain('sekarang 9');
  });

  it('names backup files by the local date', () => {
    expect(backupFileName(new Date(2021, 5, 17, 23, 59))).toBe('berkas-cadangan-2021-06-17.berkas-backup');
  });

});

describe('reminder', () => {
  const now = new Date('2021-06-17T10:00:00Z');
  it('is due when never backed up, or once the interval has passed', () => {
    expect(isBackupDue(null, 7, now)).toBe(true);
    expect(isBackupDue('2021-06-11T10:00:00Z', 7, now)).toBe(false);
    expect(isBackupDue('2021-06-10T10:00:00Z', 7, now)).toBe(true);
    expect(isBackupDue('2021-06-16T10:00:00Z', 1, now)).toBe(true);
    expect(nextDueAt('2021-06-11T10:00:00Z', 7)?.toISOString()).toBe('2021-06-18T10:00:00.000Z');
  });

  it('treats a last backup in the future (clock set back) as due', () => {
    expect(isBackupDue('2021-07-01T00:00:00Z', 7, now)).toBe(true);
  });

  it('accepts 1 to 365 whole days', () => {
    expect(intervalProblem(7)).toBeNull();
    expect(intervalProblem(0)).toContain('1–365');
    expect(intervalProblem(366)).toContain('1–365');
    expect(intervalProblem(1.5)).toContain('1–365');
  });
});
