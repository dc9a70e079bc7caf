/**
 * Time to first render of `berkas ui` in Chromium: (a) a fresh page load until
 * the app shell is on screen, server already running; (b) from spawning the
 * `berkas ui` command to the shell on screen (cold start, includes tsx).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openWorkspace } from '../core/app/workspace';
import { createHandlers } from '../core/app/handlers';
import { createServices } from '../core/app/services';
import { startUiServer } from '../cli/ui-server';
import { defaultRendererDir } from '../cli/commands/ui';
import type { BenchResult } from './store-bench';
import { median, percentile } from './stats';

const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];
const shellSelector = '[data-testid="online-status"]';

const settings = {
  opd: { name: 'Dinas Komunikasi dan Informatika', code: 'DISKOMINFO', profileId: 'pontianak' },
  officer: { name: 'Bench Officer', nip: '198507172010011003', jabatan: 'Pranata Komputer', pangkatGolongan: 'Penata / III c' },
  serverUrl: '',
  language: 'id' as const,
};

export async function runUiBench(loads = 15): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berkas-ui-bench-'));
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'berkas-ui-bench-chromium-'));
  const ws = await openWorkspace({ dataDir, transport: 'http' });
  await ws.settings.save(settings);
  const server = await startUiServer({ handlers: createHandlers(createServices(ws)), rendererDir: defaultRendererDir });
  const browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.BERKAS_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1366, height: 768 },
  });
  const warm: number[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector(shellSelector);
    for (let i = 0; i < loads; i++) {
      const started = performance.now();
      await page.reload();
      await page.waitForSelector(shellSelector);
      warm.push(performance.now() - started);
    }
  } finally {
    await server.close();
    await ws.close();
  }

  // Cold: the command a person runs, until the shell is visible.
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'cli/main.ts', 'ui', '--data-dir', dataDir], {
      cwd: path.resolve(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Berkas UI: (\S+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`berkas ui exited ${code}`)));
    });
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector(shellSelector);
    cold.push(performance.now() - started);
    await page.close();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await browser.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
  return [
    { name: 'UI: page load to shell visible, median', value: median(warm), unit: 'ms' },
    { name: 'UI: page load to shell visible, p95', value: percentile(warm, 95), unit: 'ms' },
    { name: 'UI: `berkas ui` start to shell visible, median of 3', value: median(cold), unit: 'ms' },
  ];
}

if (require.main === module) {
  runUiBench().then((rows) => console.table(rows), (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
