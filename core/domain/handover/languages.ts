/**
 * Languages of a source tree by file extension (issue 5 item 2: "shows files,
 * size and languages"). Extensions only: cheap, predictable, and good enough to
 * tell an officer "this is a PHP + JavaScript application" before handing it over.
 */

export interface LanguageShare {
  language: string;
  files: number;
  bytes: number;
}

const byExtension: Record<string, string> = {
  php: 'PHP',
  phtml: 'PHP',
  js: 'JavaScript',
  mjs: 'JavaScript',
  cjs: 'JavaScript',
  jsx: 'JavaScript',
  ts: 'TypeScript',
  tsx: 'TypeScript',
  mts: 'TypeScript',
  cts: 'TypeScript',
  vue: 'Vue',
  svelte: 'Svelte',
  py: 'Python',
  java: 'Java',
  kt: 'Kotlin',
  kts: 'Kotlin',
  scala: 'Scala',
  groovy: 'Groovy',
  go: 'Go',
  rs: 'Rust',
  c: 'C',
  h: 'C',
  cc: 'C++',
  cpp: 'C++',
  cxx: 'C++',
  hpp: 'C++',
  hh: 'C++',
  cs: 'C#',
  vb: 'Visual Basic',
  fs: 'F#',
  rb: 'Ruby',
  erb: 'Ruby',
  swift: 'Swift',
  m: 'Objective-C',
  mm: 'Objective-C',
  dart: 'Dart',
  lua: 'Lua',
  pl: 'Perl',
  pm: 'Perl',
  r: 'R',
  sql: 'SQL',
  sh: 'Shell',
  bash: 'Shell',
  zsh: 'Shell',
  ps1: 'PowerShell',
  bat: 'Batch',
  cmd: 'Batch',
  html: 'HTML',
  htm: 'HTML',
  css: 'CSS',
  scss: 'SCSS',
  sass: 'SCSS',
  less: 'Less',
  xml: 'XML',
  xsl: 'XML',
  json: 'JSON',
  yml: 'YAML',
  yaml: 'YAML',
  toml: 'TOML',
  md: 'Markdown',
  ex: 'Elixir',
  exs: 'Elixir',
  erl: 'Erlang',
  hs: 'Haskell',
  clj: 'Clojure',
  pas: 'Pascal',
  asp: 'ASP',
  aspx: 'ASP.NET',
  cshtml: 'ASP.NET',
  jsp: 'JSP',
};

/** Names that carry no extension of their own but are clearly one language. */
const byName: Record<string, string> = {
  dockerfile: 'Dockerfile',
  makefile: 'Makefile',
  gemfile: 'Ruby',
  rakefile: 'Ruby',
};

/** The language of a file by its name, or null for data, images and documents. */
export function languageOf(path: string): string | null {
  const base = (path.split('/').pop() ?? '').toLowerCase();
  const named = byName[base];
  if (named) return named;
  // "view.blade.php" is PHP; the last extension decides.
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  return byExtension[base.slice(dot + 1)] ?? null;
}

/** Languages by bytes, largest first (ties by name); files of no language are not counted. */
export function detectLanguages(files: readonly { path: string; size: number }[]): LanguageShare[] {
  const totals = new Map<string, LanguageShare>();
  for (const f of files) {
    const language = languageOf(f.path);
    if (!language) continue;
    const share = totals.get(language) ?? { language, files: 0, bytes: 0 };
    share.files += 1;
    share.bytes += f.size;
    totals.set(language, share);
  }
  return [...totals.values()].sort((a, b) => b.bytes - a.bytes || a.language.localeCompare(b.language));
}
