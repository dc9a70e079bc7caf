import { findPackagePathTwin, packagePathKey, packagePathProblem } from '../../../../../core/domain/files/package-path';

describe('packagePathProblem: the one name policy of every package path', () => {
  it.each([
    'data/berita-acara-serah-terima.pdf',
    'data/kode-sumber/app/index.php',
    'data/Laporan Akhir (final) – ß.txt',
    'data/console.log',
    'data/CONFIG',
    'data/com10.txt',
    'data/lpt.txt',
    'data/nul-hasil.txt',
    'data/.env',
    'data/a..b.txt',
    'data/~$laporan.docx',
    'data/100%.txt',
    'bagit.txt',
  ])('accepts %j', (p) => {
    expect(packagePathProblem(p)).toBeNull();
  });

  it.each([
    ['', 'empty'],
    ['data/../../etc/passwd', 'traversal'],
    ['..\\..\\berkas-jahat.txt', 'traversal'],
    ['data/..', 'traversal'],
    ['//server/share/x', 'unc'],
    ['\\\\server\\share\\x', 'unc'],
    ['/etc/passwd', 'absolute'],
    ['C:/Windows/x', 'drive-letter'],
    ['c:relatif', 'drive-letter'],
    ['data\\x.txt', 'backslash'],
    ['data/a\nb', 'control-character'],
    ['data/a\u0000b', 'control-character'],
    ['data/a\u007fb', 'control-character'],
    ['data/berita-acara.pdf:Zone.Identifier', 'colon'],
    ['data/a<b', 'windows-forbidden-character'],
    ['data/a>b', 'windows-forbidden-character'],
    ['data/a"b', 'windows-forbidden-character'],
    ['data/a|b', 'windows-forbidden-character'],
    ['data/a?b', 'windows-forbidden-character'],
    ['data/a*b', 'windows-forbidden-character'],
    ['data//x', 'empty-segment'],
    ['data/./x', 'dot-segment'],
    ['data/berita-acara-serah-terima.pdf.', 'trailing-dot-or-space'],
    ['data/berita-acara-serah-terima.pdf ', 'trailing-dot-or-space'],
    ['data/folder./x', 'trailing-dot-or-space'],
    ['data/CON', 'reserved-name'],
    ['data/con', 'reserved-name'],
    ['data/NUL.txt', 'reserved-name'],
    ['data/nul.tar.gz', 'reserved-name'],
    ['data/COM1.php', 'reserved-name'],
    ['data/COM0', 'reserved-name'],
    ['data/LPT9.log', 'reserved-name'],
    ['data/COM\u00b9.txt', 'reserved-name'],
    ['data/LPT\u00b2', 'reserved-name'],
    ['data/COM\u00b3.x', 'reserved-name'],
    ['data/AUX .c', 'reserved-name'],
    ['data/PRN/laporan.txt', 'reserved-name'],
    ['data/CONOUT$', 'reserved-name'],
    [`data/${'a'.repeat(256)}`, 'segment-too-long'],
    [`data/${'é'.repeat(128)}`, 'segment-too-long'],
    ['~/.bashrc', 'home-directory'],
    ['~root/.ssh/authorized_keys', 'home-directory'],
  ])('refuses %j for %s', (p, rule) => {
    const problem = packagePathProblem(p);
    expect(problem?.rule).toBe(rule);
    expect(problem?.message.length).toBeGreaterThan(3);
  });
});

describe('twins: paths one file system stores as one', () => {
  it('folds case and Unicode normalisation as NTFS and APFS do, one character to one', () => {
    expect(packagePathKey('data/Laporan.PDF')).toBe(packagePathKey('data/laporan.pdf'));
    expect(packagePathKey('data/kafe\u0301')).toBe(packagePathKey('data/kaf\u00e9'));
    expect(packagePathKey('data/straße')).not.toBe(packagePathKey('data/strasse'));
  });

  it('finds the first twin and names its kind', () => {
    expect(findPackagePathTwin(['data/a', 'data/b'])).toBeNull();
    expect(findPackagePathTwin(['data/README', 'data/x', 'data/readme'])).toMatchObject({ first: 'data/README', second: 'data/readme', rule: 'case-or-normalization-twin' });
    expect(findPackagePathTwin(['data/kafe\u0301.txt', 'data/kaf\u00e9.txt'])?.rule).toBe('case-or-normalization-twin');
    expect(findPackagePathTwin(['data/x', 'data/x'])?.rule).toBe('duplicate');
    expect(findPackagePathTwin(['data/a', 'data/A/b.txt'])).toMatchObject({ first: 'data/a', second: 'data/A/b.txt', rule: 'file-and-folder' });
    expect(findPackagePathTwin([{ path: 'data', isDirectory: true }, { path: 'data/x', isDirectory: false }])).toBeNull();
    expect(findPackagePathTwin([{ path: 'data/x', isDirectory: true }, { path: 'data/X', isDirectory: false }])?.rule).toBe('case-or-normalization-twin');
  });
});
