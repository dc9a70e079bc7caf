/**
 * Drives `berkas ui` in headless Chromium for the UI tests: builds the
 * renderer if it is missing, starts the CLI on a fresh port, opens the
 * address it prints, and tears everything down (SIGTERM to the CLI, wait for every process
 * it started to be gone).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { RegionProfile } from '../../../core/domain/profiles/profile';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const rendererDir = path.join(repoRoot, 'dist', 'renderer');
export const chromiumPath = process.env.BERKAS_CHROMIUM ?? '/usr/bin/chromium';

const startTimeoutMs = 90_000;
const stopTimeoutMs = 20_000;

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `berkas-${prefix}-`));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * `npm test` builds the renderer before Jest; a single test file run may not
 * have. Several UI test files start at once, so one builds while the others
 * wait on a lock directory (mkdir is atomic).
 */
export async function ensureRenderer(): Promise<void> {
  const index = path.join(rendererDir, 'index.html');
  if (existsSync(index)) return;
  const lock = path.join(os.tmpdir(), 'berkas-renderer-build.lock');
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(index)) return;
      // A lock older than the longest build is left by a killed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Gone meanwhile: try again.
      }
      if (Date.now() > deadline) throw new Error(`Renderer build lock ${lock} held for too long`);
      await sleep(500);
    }
  }
  try {
    if (existsSync(index)) return;
    const result = spawnSync('npm', ['run', '-s', 'build:renderer'], { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0 || !existsSync(index)) {
      throw new Error(`npm run build:renderer failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface BerkasUi {
  /** The address printed by `berkas ui`, ending in "/": its first path segment is the per-run secret, so app routes are `${url}#/route`. */
  url: string;
  /** Scheme, host and port only: nothing under it answers without the secret path. */
  origin: string;
  dataDir: string;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `npx tsx cli/main.ts ui --data-dir DIR --port 0 [extraArgs]` (e.g. `--today 2026-11-22`) and waits for its "Berkas UI: <url>" line. */
export async function startBerkasUi(dataDir: string, extraArgs: string[] = []): Promise<BerkasUi> {
  await ensureRenderer();
  // Its own process group, so teardown can make sure npx, tsx and node are all gone.
  const child = spawn('npx', ['tsx', 'cli/main.ts', 'ui', '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (out += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`berkas ui printed no URL within ${startTimeoutMs} ms:\n${out}`)), startTimeoutMs);
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const match = /Berkas UI: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`berkas ui exited (${code ?? signal}) before printing its URL:\n${out}`));
    });
  });
  const pgid = child.pid as number;
  let isStopped = false;
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    output: () => out,
    async stop() {
      if (isStopped) return;
      isStopped = true;
      // SIGTERM to the whole group: npm exec's shell does not pass it on to tsx, so each process
      // gets its own (berkas then closes its server and store, and releases the data folder).
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        // The group is already gone.
      }
      const hasExited = await waitForExit(child, stopTimeoutMs);
      const deadline = Date.now() + stopTimeoutMs;
      while (isGroupAlive(pgid) && Date.now() < deadline) await sleep(100);
      if (!hasExited || isGroupAlive(pgid)) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          // Already gone.
        }
        throw new Error(`berkas ui did not stop within ${stopTimeoutMs} ms after SIGTERM:\n${out}`);
      }
    },
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** CSP violations seen by the page (console and securitypolicyviolation events). */
  cspViolations: string[];
  /** Uncaught errors and console errors. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Headless Chromium at 1366×768 with a fresh profile directory, watching for CSP violations. */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = tempDir('chromium');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'id-ID',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  await context.exposeBinding('__berkasReportCsp', (_source, text: string) => {
    cspViolations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __berkasReportCsp(text: string): void }).__berkasReportCsp;
      void report(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(text)) cspViolations.push(`console: ${text}`);
    else if (msg.type() === 'error') pageErrors.push(`console: ${text}`);
  });
  page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
  return {
    context,
    page,
    cspViolations,
    pageErrors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export function loadProfile(id: string): RegionProfile {
  return JSON.parse(readFileSync(path.join(repoRoot, 'assets', 'profiles', `${id}.json`), 'utf8')) as RegionProfile;
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

export interface SetupValues {
  profileId: string;
  opdName: string;
  opdCode: string;
  officerName: string;
  nip: string;
  jabatan: string;
  pangkatGolongan: string;
  /** "Mulai melapor melalui Berkas sejak" as "YYYY-MM"; absent: the first run's own default (the current month). */
  reportsStartMonth?: string;
}

export const validNip = '198507172010011003';

export const defaultSetup: SetupValues = {
  profileId: 'jambi',
  opdName: 'Badan Perencanaan Pembangunan Daerah',
  opdCode: 'BAPPEDA',
  officerName: 'Siti Rahmawati, S.Kom.',
  nip: validNip,
  jabatan: 'Kepala Subbagian Program',
  pangkatGolongan: 'Penata, III/c',
  // Early enough that every period of the last year is still asked for, as these tests were written for.
  reportsStartMonth: '2025-01',
};

/** Fills and saves the first-run form, then waits for the app shell. */
export async function completeFirstRun(page: Page, values: SetupValues = defaultSetup): Promise<void> {
  await page.locator('select[name="opd.profileId"]').selectOption(values.profileId);
  await page.locator('input[name="opd.name"]').fill(values.opdName);
  await page.locator('input[name="opd.code"]').fill(values.opdCode);
  await page.locator('input[name="officer.name"]').fill(values.officerName);
  await page.locator('input[name="officer.nip"]').fill(values.nip);
  await page.locator('input[name="officer.jabatan"]').fill(values.jabatan);
  await page.locator('input[name="officer.pangkatGolongan"]').fill(values.pangkatGolongan);
  if (values.reportsStartMonth) {
    const [year, month] = values.reportsStartMonth.split('-') as [string, string];
    await page.locator('select[name="reportsStartOn"]').selectOption(month);
    await page.locator('input[name="reportsStartOn-year"]').fill(year);
  }
  await page.locator('form:has(input[name="officer.nip"]) button[type="submit"]').click();
  await page.locator('nav.side-nav').waitFor({ state: 'visible' });
}

/** Where the UI tests leave a picture of each screen they visit: test-results/ui-screens (kept by CI), or BERKAS_SHOTS_DIR. */
export const shotsDir = process.env.BERKAS_SHOTS_DIR ?? path.join(repoRoot, 'test-results', 'ui-screens');

/**
 * Words only a technician reads, which an officer must not meet on screen
 * (issue 15 item 4): internal codes (INDIKATOR_KOSONG, NETWORK_REFUSED),
 * errno names, ASN.1 and signature algorithm names. They may sit under a
 * "Rincian teknis" (.tech-details: the officer opens it, or a printout
 * does), and text an officer brought in themselves (a variable name found
 * in their source code) is marked data-verbatim; neither is held against
 * the app.
 */
export const jargonPatterns: readonly RegExp[] = [
  /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g,
  /\bE(?:ACCES|ADDRINUSE|BUSY|CONNABORTED|CONNREFUSED|CONNRESET|EXIST|HOSTDOWN|HOSTUNREACH|INVAL|ISDIR|MFILE|NETDOWN|NETUNREACH|NOENT|NOSPC|NOTDIR|NOTEMPTY|NOTFOUND|PERM|PIPE|PROTO|ROFS|TIMEDOUT|XDEV)\b/g,
  /\bASN\.1\b/g,
  /\bEd25519\b/g,
];

/** The jargon (see `jargonPatterns`) in the page's visible text, each once. */
export async function jargonOnScreen(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    let all = document.body.innerText;
    for (const el of document.querySelectorAll<HTMLElement>('[data-verbatim], details.tech-details')) if (el.innerText) all = all.split(el.innerText).join(' ');
    return all;
  });
  const found = new Set<string>();
  for (const pattern of jargonPatterns) for (const m of text.matchAll(pattern)) found.add(m[0]);
  return [...found];
}

/**
 * Saves a screenshot of the window for a person to look at (a CI artefact;
 * see `shotsDir`), and checks that the screen speaks plainly: every screen
 * a UI test visits is scanned for jargon.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: false });
  expect({ screen: name, jargon: await jargonOnScreen(page) }).toEqual({ screen: name, jargon: [] });
}

/** The page's own text, whitespace collapsed. */
export async function visibleText(page: Page): Promise<string> {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}

/** Elements reaching past the window's right edge (outside frames that scroll on their own): why a page scrolls sideways. */
export async function widerThanWindow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const scrolls = (el: Element | null): boolean => {
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        const x = getComputedStyle(e).overflowX;
        if (x === 'auto' || x === 'scroll' || x === 'hidden') return true;
      }
      return false;
    };
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > root.clientWidth + 1 && !scrolls(el.parentElement)) {
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.split(' ').join('.')}` : ''}`;
        out.push(`${name} (${Math.round(r.right)} px)`);
        if (out.length >= 5) break;
      }
    }
    return [`scrollWidth ${root.scrollWidth}`, ...out];
  });
}

/** The office screens Berkas is made for: a 1366×768 laptop and a kecamatan's 1024×768 desktop. */
export const officeSizes = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

/**
 * The page at each office size: what sticks out past the window's right edge
 * (empty when it fits), with a screenshot of each size kept as `name-WxH`.
 * Leaves the window at 1366×768, where the tests start.
 */
export async function overflowAtOfficeSizes(page: Page, name: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  try {
    for (const size of officeSizes) {
      await page.setViewportSize(size);
      // The layout (and the navigation folding below 1280 px) settles in the next frames.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
      const label = `${size.width}x${size.height}`;
      out[label] = await widerThanWindow(page);
      await screenshot(page, `${name}-${label}`);
    }
  } finally {
    await page.setViewportSize(officeSizes[0]);
  }
  return out;
}

/** The expected value of `overflowAtOfficeSizes`: nothing sticks out at either size. */
export const fitsEverySize = { '1366x768': [], '1024x768': [] };

/** Whether the page is wider than the window (a horizontal scroll bar). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
