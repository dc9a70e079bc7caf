import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The lock `npm ci` installs from (.ci/run, a fresh clone). npm run on one
 * platform can write a lock without the other platforms' optional packages
 * (rollup's, esbuild's, @parcel/watcher's binaries), and `npm ci` then
 * refuses it everywhere; and every package whose install script may run is
 * named in package.json's allowScripts (README, "Install scripts").
 */
interface LockedPackage {
  version?: string;
  optionalDependencies?: Record<string, string>;
  hasInstallScript?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const root = path.resolve(__dirname, '..', '..');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, LockedPackage> };
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};

/** The lock key a dependency of `from` resolves to, climbing node_modules folders as Node does; null when none. */
function resolveIn(from: string, name: string): string | null {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (candidate in lock.packages) return candidate;
    if (base === '') return null;
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
}

const packageName = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('package-lock.json', () => {
  it('is a version 3 lock whose root lists exactly package.json’s dependencies', () => {
    expect(lock.lockfileVersion).toBe(3);
    expect(lock.packages['']?.dependencies).toEqual(manifest.dependencies);
    expect(lock.packages['']?.devDependencies).toEqual(manifest.devDependencies);
  });

  it('carries every optional package of every locked package, for every platform', () => {
    const missing = Object.entries(lock.packages).flatMap(([key, pkg]) =>
      Object.keys(pkg.optionalDependencies ?? {})
        .filter((name) => resolveIn(key, name) === null)
        .map((name) => `${key || '(root)'} → ${name}`),
    );
    expect(missing).toEqual([]);
    // The platform binaries npm ci needs on a developer's Windows or Mac, not only on this Linux.
    for (const binary of ['@rollup/rollup-win32-x64-msvc', '@rollup/rollup-darwin-arm64', '@esbuild/win32-x64', '@esbuild/darwin-arm64']) {
      expect(Object.keys(lock.packages).some((key) => packageName(key) === binary)).toBe(true);
    }
  });

  it('has an allowScripts verdict for exactly the packages that declare install scripts', () => {
    const withScripts = new Set(
      Object.entries(lock.packages)
        .filter(([key, pkg]) => key !== '' && pkg.hasInstallScript === true)
        .map(([key]) => packageName(key)),
    );
    const judged = new Set(Object.keys(manifest.allowScripts ?? {}).map((spec) => spec.replace(/(.)@.*$/, '$1')));
    expect([...judged].sort()).toEqual([...withScripts].sort());
  });
});
