/**
 * Which folders of a source tree are left out of the handover by default
 * (issue 5 item 2): version-control metadata and build or dependency output.
 * They are not the source the regulation asks for, they can be huge, and the
 * VCS folders often hold credentials (.git/config remotes with tokens).
 * The officer can change the list per bundle.
 */

/** Version-control metadata folders. */
export const vcsFolders = ['.git', '.svn', '.hg', '.bzr', 'CVS', '_darcs'] as const;

/**
 * Build output, caches and installed dependencies, rebuilt from the source by
 * its build files (composer.json, go.mod, package.json). `vendor` is among
 * them (issue 15 item 8: a Laravel vendor/ of thousands of files is not the
 * source asked for); a project that keeps patched code there takes `vendor`
 * off the bundle's list, which the scan and the attachment show.
 */
export const buildFolders = [
  'node_modules',
  'vendor',
  'bower_components',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.gradle',
  '.next',
  '.nuxt',
  '.cache',
  '.parcel-cache',
  '.angular',
  '.dart_tool',
  'dist',
  'build',
  'out',
  'target',
  'coverage',
  '.idea',
  '.vs',
] as const;

export const defaultExcludes: readonly string[] = [...vcsFolders, ...buildFolders];

/** The list the officer typed: names only, no separators, no duplicates, at most 100. */
export function checkExcludes(names: readonly string[]): { excludes: string[]; problems: string[] } {
  const problems: string[] = [];
  const excludes: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name === '') continue;
    if (/[/\\]/.test(name) || name === '.' || name === '..') {
      problems.push(`"${name}" bukan nama folder: tulis nama saja tanpa garis miring, mis. node_modules`);
      continue;
    }
    if (!excludes.includes(name)) excludes.push(name);
  }
  if (excludes.length > 100) problems.push(`Terlalu banyak folder dikecualikan (${excludes.length}, paling banyak 100)`);
  return { excludes, problems };
}

/**
 * The excluded folder that `relPath` lies in ("/"-separated, relative to the
 * attached folder), or null. Only folder segments count: a file named "build" stays.
 */
export function excludedBy(relPath: string, excludes: readonly string[]): string | null {
  const segments = relPath.split('/');
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i] as string;
    if (excludes.includes(segment)) return segment;
  }
  return null;
}

/** Whether a folder (by its relative path) is excluded itself, so a walker need not enter it. */
export function isExcludedFolder(relDir: string, excludes: readonly string[]): boolean {
  const name = relDir.split('/').pop() ?? '';
  return excludes.includes(name) || excludedBy(relDir + '/x', excludes) !== null;
}
