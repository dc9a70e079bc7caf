import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { submissionPeriodOfReport } from '../../core/domain/outbox/manifest';

const root = path.resolve(__dirname, '..', '..');

function berkas(args: string[]): { code: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BERKAS_VAULT_PASSPHRASE: 'uji-brankas-laporan' },
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

describe('a signed report becomes a submission without retyping its data (issue 7 item 1)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'berkas-outbox-report-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the report behind the PDF: type laporan, its report type, its period in protocol form', () => {
    const settings = JSON.parse(readFileSync(path.join(root, 'docs', 'contoh-pengaturan.json'), 'utf8')) as { opd: { profileId: string } };
    settings.opd.profileId = 'jambi';
    writeFileSync(path.join(dir, 'pengaturan.json'), JSON.stringify(settings));
    const dataDir = path.join(dir, 'data');
    expect(berkas(['settings', 'set', '--file', path.join(dir, 'pengaturan.json'), '--data-dir', dataDir]).code).toBe(0);
    const pdf = path.join(dir, 'laporan.pdf');
    const created = berkas(['report', 'create', 'laporan-egov', '--period', '2026-Q3', '--data', 'tests/fixtures/reports/laporan-egov.json',
      '--out', pdf, '--self-signed', '--data-dir', dataDir]);
    expect(created.stderr).not.toContain('Galat');
    expect(created.code).toBe(0);

    const added = berkas(['outbox', 'add', pdf, '--data-dir', dataDir, '--json']);
    expect(added.stderr).not.toContain('Galat');
    const item = JSON.parse(added.stdout) as { type: string; period: string; status: { state: string } };
    expect(item).toMatchObject({ type: 'laporan', period: '2026-T3', status: { state: 'antre' } });
  });

  it('writes report periods as the protocol does', () => {
    expect(submissionPeriodOfReport('2026-Q3')).toBe('2026-T3');
    expect(submissionPeriodOfReport('2026-S1')).toBe('2026-S1');
    expect(submissionPeriodOfReport('2026')).toBe('2026');
    expect(submissionPeriodOfReport('2026-06-17')).toBe('2026-06-17');
  });
});
