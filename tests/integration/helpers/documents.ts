/**
 * Shared by the document journey tests (documents-cli*.test.ts): `berkas` as
 * one node process, a serah terima application record and a small source
 * tree to attach, complete for the Pontianak checklist.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ApplicationRecord } from '../../../core/domain/handover/application';
import { repo, type Ran } from '../signing-helpers';

/** `berkas …` in one node process (node --import tsx, no tsx wrapper process): many runs per test. */
export function berkasCli(args: string[], env: Record<string, string> = {}): Ran {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repo, 'cli/main.ts'), ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export function bundleApplication(owningOpd: string): ApplicationRecord {
  return {
    name: 'SIMPEG',
    version: '2.1.0',
    purpose: 'Pengelolaan data kepegawaian',
    owningOpd,
    vendor: 'PT Contoh Solusi Nusantara',
    contractNumber: '027/123/DISDIK/2024',
    contractDate: '2024-03-17',
    fundingSource: 'APBD Kota',
    fundingYear: 2024,
    repository: 'https://git.pontianak.go.id/disdik/simpeg',
    licence: 'Hak milik Pemerintah Daerah',
    copyrightHolder: 'Pemerintah Kota Pontianak',
  };
}

/** The documents of the checklist (as small PDFs) and an application's source folder. */
export async function makeBundleSources(root: string): Promise<void> {
  const files: Record<string, string | Buffer> = {
    'simpeg/index.php': '<?php require "app/boot.php";\n',
    'simpeg/app/boot.php': '<?php\n$cfg = require __DIR__ . "/config.php";\n',
    'simpeg/app/config.php': "<?php return ['db' => getenv('DB_HOST')];\n",
  };
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, ...rel.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
  for (const doc of ['kebutuhan', 'kak', 'uji', 'manual']) {
    await fs.writeFile(path.join(root, `${doc}.pdf`), Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2000), Buffer.from('\n%%EOF\n')]));
  }
}
