/**
 * Secrets inside source code handed over (issue 5 item 2): private keys, .env
 * files, passwords written in configuration. Pure functions over a file's
 * name and text, so the renderer, the CLI and the server judge alike. A
 * finding names the file, the line and the kind of secret — never the secret
 * itself, which must not travel into logs, screens or the berita acara.
 */

export interface SecretFinding {
  /** Path inside the attached folder or archive, "/"-separated. */
  file: string;
  /** Bahasa Indonesia: what kind of secret and why it matters. */
  reason: string;
  /** 1-based line, when found in the content. */
  line?: number;
}

/** Files larger than this are not read for secrets (configs and keys are small). */
export const maxScannedBytes = 1024 * 1024;
/** Enough findings per file to act on; a generated file could otherwise produce thousands. */
const maxFindingsPerFile = 5;

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const envTemplates = new Set(['example', 'sample', 'template', 'dist', 'defaults', 'default', 'tpl', 'local.example']);

const secretExtensions: Record<string, string> = {
  p12: 'sertifikat PKCS#12 beserta kunci privatnya',
  pfx: 'sertifikat PKCS#12 beserta kunci privatnya',
  jks: 'Java keystore (berisi kunci privat)',
  keystore: 'keystore (berisi kunci privat)',
  ppk: 'kunci privat PuTTY',
  key: 'berkas kunci (kemungkinan kunci privat)',
  kdbx: 'basis data kata sandi KeePass',
};

const secretNames: Record<string, string> = {
  id_rsa: 'kunci privat SSH',
  id_dsa: 'kunci privat SSH',
  id_ecdsa: 'kunci privat SSH',
  id_ed25519: 'kunci privat SSH',
  '.pgpass': 'kata sandi PostgreSQL',
  '.netrc': 'kata sandi login jaringan (.netrc)',
  '.htpasswd': 'hash kata sandi pengguna web (.htpasswd)',
  '.git-credentials': 'kredensial Git',
  'credentials.json': 'kredensial layanan (credentials.json)',
  'service-account.json': 'kunci akun layanan',
};

/** A secret judged by the file name alone, or null. */
export function secretByName(path: string): string | null {
  const name = baseName(path);
  const lower = name.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.')) {
    const suffix = lower.slice('.env.'.length);
    if (lower !== '.env' && envTemplates.has(suffix)) return null;
    return 'berkas .env: variabel lingkungan yang biasanya berisi kata sandi dan kunci API';
  }
  const named = secretNames[lower];
  if (named) return named;
  if (/^\.aws$/.test(path.split('/').slice(-2, -1)[0] ?? '') && lower === 'credentials') return 'kredensial AWS';
  return secretExtensions[extensionOf(name)] ?? null;
}

const textExtensions = new Set([
  // configuration
  'env', 'ini', 'conf', 'cfg', 'config', 'properties', 'yml', 'yaml', 'toml', 'json', 'xml', 'npmrc', 'pem', 'crt', 'cer', 'key', 'txt',
  // source that commonly carries connection settings
  'php', 'js', 'mjs', 'cjs', 'ts', 'py', 'rb', 'java', 'kt', 'cs', 'go', 'sh', 'bash', 'ps1', 'sql', 'vue', 'jsx', 'tsx', 'gradle', 'tf', 'tfvars',
]);

/** Whether the content of this file is worth reading for secrets. */
export function shouldScanContent(path: string, size: number): boolean {
  if (size > maxScannedBytes || size === 0) return false;
  const name = baseName(path).toLowerCase();
  if (name.startsWith('.env') || name === '.npmrc' || name === '.pypirc' || name === 'credentials') return true;
  return textExtensions.has(extensionOf(name));
}

/** Text that looks binary (a NUL in the first 8 KB) is not scanned. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

interface TokenRule {
  pattern: RegExp;
  reason: string;
}

const tokenRules: TokenRule[] = [
  { pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/, reason: 'kunci privat (PEM) tertulis di berkas' },
  { pattern: /\bAKIA[0-9A-Z]{16}\b/, reason: 'kunci akses AWS' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, reason: 'token GitHub' },
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/, reason: 'token GitLab' },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, reason: 'token Slack' },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, reason: 'kunci API Google' },
  { pattern: /\bsk_live_[0-9A-Za-z]{16,}\b/, reason: 'kunci rahasia Stripe' },
  { pattern: /\/\/[^/\s:@]+:[^/\s:@]{3,}@[A-Za-z0-9.-]+/, reason: 'kata sandi di dalam URL koneksi' },
];

/**
 * A setting whose name says password/secret/token/key, written with a literal
 * value: `DB_PASSWORD=rahasia`, `'password' => 'rahasia'`, `"apiKey": "…"`,
 * `define('DB_PASSWORD', 'rahasia')`. Group 1 is the setting name, 2 or 3 the value.
 */
const secretKey = String.raw`[A-Za-z0-9_.-]*(?:pass(?:word|wd)?|pwd|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth[_-]?token|token)[A-Za-z0-9_.-]*`;
const quotedAssignment = new RegExp(
  // A quoted name may close an index ($db['default']['password'] = '…') or be followed by a comma
  // (PHP define('DB_PASSWORD', '…')); a bare one may not (f(token, "x")).
  String.raw`(?:["'](?<quotedKey>${secretKey})["']\]?\s*(?:=>|=|:|,)|\b(?<key>${secretKey})\s*(?:=>|=|:))\s*(?:"(?<dq>[^"\r\n]*)"|'(?<sq>[^'\r\n]*)')`,
  'i',
);
/** .env, .ini and .properties write values bare: `DB_PASSWORD=rahasia`. */
const bareAssignment = new RegExp(String.raw`^\s*(?:export\s+)?(${secretKey})\s*[=:]\s*([^\s#;'"][^\r\n#;]*)`, 'i');

/** Values that stand for a secret rather than being one. */
function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return true;
  if (/\s/.test(v)) return true; // labels ("Kata sandi"), sentences
  if (/^\$\{?[A-Za-z_]/.test(v) || /^%\(?[A-Za-z_]/.test(v) || /^\{\{.*\}\}$/.test(v) || /^<.*>$/.test(v)) return true;
  if (/^(?:env|getenv|process\.env)\b/i.test(v)) return true;
  if (/^[*xX.•-]+$/.test(v)) return true;
  return /^(?:password|passwd|secret|changeme|change-me|your[_-]?\w*|example|null|none|true|false|required|kata[_-]?sandi|rahasia_anda|todo|fixme)$/i.test(v);
}

const bareAssignmentExtensions = new Set(['env', 'ini', 'conf', 'cfg', 'properties', 'toml', 'npmrc', 'sh', 'bash']);

/** Secrets found in the text of one file (at most five per file), without their values. */
export function secretsInText(path: string, text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const name = baseName(path).toLowerCase();
  const allowsBare = name.startsWith('.env') || name === '.npmrc' || name === 'credentials' || bareAssignmentExtensions.has(extensionOf(name));
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && findings.length < maxFindingsPerFile; i++) {
    const line = lines[i] as string;
    if (line.length > 4000) continue; // minified bundles: one "line" of megabytes, not configuration
    const token = tokenRules.find((r) => r.pattern.test(line));
    if (token) {
      findings.push({ file: path, line: i + 1, reason: token.reason });
      continue;
    }
    const quoted = quotedAssignment.exec(line);
    const groups = quoted?.groups ?? {};
    const quotedValue = groups.dq ?? groups.sq ?? '';
    if (quoted && !isPlaceholder(quotedValue)) {
      findings.push({ file: path, line: i + 1, reason: `kata sandi atau kunci tertulis langsung (${groups.quotedKey ?? groups.key})` });
      continue;
    }
    if (allowsBare) {
      const bare = bareAssignment.exec(line);
      if (bare && !isPlaceholder(bare[2] ?? '')) findings.push({ file: path, line: i + 1, reason: `kata sandi atau kunci tertulis langsung (${bare[1]})` });
    }
  }
  return findings;
}

/** "3 rahasia di 2 berkas: .env (berkas .env…); config/database.php baris 12 (…)". */
export function describeSecrets(findings: readonly SecretFinding[], limit = 5): string {
  const files = new Set(findings.map((f) => f.file));
  const shown = findings.slice(0, limit).map((f) => `${f.file}${f.line ? ` baris ${f.line}` : ''} (${f.reason})`);
  const more = findings.length > limit ? `; dan ${findings.length - limit} lagi` : '';
  return `${findings.length} kemungkinan rahasia di ${files.size} berkas: ${shown.join('; ')}${more}`;
}
