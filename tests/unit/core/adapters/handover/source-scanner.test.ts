import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { createHandoverSources } from '../../../../../core/adapters/handover/source-scanner';
import { defaultExcludes } from '../../../../../core/domain/handover/exclusions';
import { type BerkasError } from '../../../../../core/domain/errors';

let dir: string;
const sources = createHandoverSources();

async function write(rel: string, content: string): Promise<void> {
  const file = path.join(dir, ...rel.split('/'));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-scan-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('handover source scanner', () => {
  it('lists a folder without VCS and build folders, with languages and secrets', async () => {
    await write('app/index.php', '<?php echo 1;\n');
    await write('app/config/database.php', "<?php\n$db['password'] = 'Rahasia123';\n");
    await write('app/.env', 'DB_PASSWORD=rahasia123\n');
    await write('app/web/main.js', 'console.log(1);\n');
    await write('app/.git/HEAD', 'ref: refs/heads/main\n');
    await write('app/node_modules/x/index.js', 'module.exports = 1;\n');
    await fs.symlink('/etc', path.join(dir, 'app', 'tautan'));

    const scan = await sources.collect(path.join(dir, 'app'), { excludes: defaultExcludes });
    expect(scan.kind).toBe('folder');
    expect(scan.entries.map((e) => e.relPath)).toEqual(['.env', 'config/database.php', 'index.php', 'web/main.js']);
    expect(scan.excluded.map((e) => e.path)).toEqual(['.git', 'node_modules', 'tautan']);
    expect(scan.languages.map((l) => l.language)).toEqual(['PHP', 'JavaScript']);
    expect(scan.secrets.map((s) => `${s.file}:${s.line ?? '-'}`).sort()).toEqual(['.env:-', '.env:1', 'config/database.php:2']);
    expect(JSON.stringify(scan.secrets)).not.toContain('Rahasia123');
  });

  it('reads a source archive through the safe reader, attaching it as one file', async () => {
    const zip = new ZipFile();
    zip.addBuffer(Buffer.from('<?php echo 1;\n'), 'src/index.php');
    zip.addBuffer(Buffer.from('-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n'), 'deploy/kunci');
    zip.end();
    const archive = path.join(dir, 'kode.zip');
    await pipeline(zip.outputStream, createWriteStream(archive));
    const scan = await sources.collect(archive, { excludes: defaultExcludes });
    expect(scan).toMatchObject({ kind: 'archive', name: 'kode.zip', files: 2 });
    expect(scan.entries).toEqual([{ relPath: 'kode.zip', absPath: archive, size: (await fs.stat(archive)).size }]);
    expect(scan.secrets).toEqual([]); // "kunci" has no extension the scanner reads
    expect(scan.languages).toEqual([{ language: 'PHP', files: 1, bytes: 14 }]);
  });

  it('refuses a hostile archive with its reason', async () => {
    const hostile = path.resolve(__dirname, '../../../../fixtures/hostile-zips/symlink.zip');
    await expect(sources.scan(hostile, { excludes: [] })).rejects.toMatchObject({ code: 'ZIP_SYMLINK' });
  });

  it('shows names a bag cannot hold in the scan, and refuses them when attaching, naming the file', async () => {
    await write('app/laporan 100%.txt', 'x');
    await write('app/ok.txt', 'y');
    const scan = await sources.scan(path.join(dir, 'app'), { excludes: [] });
    expect(scan.badNames).toEqual([{ file: 'laporan 100%.txt', reason: 'mengandung tanda persen (%)' }]);
    const failure = (await sources.collect(path.join(dir, 'app'), { excludes: [] }).catch((e: unknown) => e)) as BerkasError;
    expect(failure.code).toBe('BAG_BAD_NAME');
    expect(failure.message).toContain(path.join(dir, 'app', 'laporan 100%.txt'));
  });

  it('says which path does not exist', async () => {
    await expect(sources.scan(path.join(dir, 'tidak-ada'), { excludes: [] })).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
  });
});
