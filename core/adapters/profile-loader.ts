import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ProfileSource } from '../ports';
import type { RegionProfile } from '../domain/profiles/profile';
import { checkProfile, formatProblems } from '../domain/profiles/profile-check';
import { BerkasError } from '../domain/errors';

/**
 * Region profiles from assets/profiles/*.json (one file per region, named by
 * its id). Every file is validated when the workspace opens: a broken profile
 * stops the app with a message naming the file and the field, rather than
 * showing an officer a half-labelled form later.
 */
export async function loadProfiles(dir: string): Promise<ProfileSource> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BerkasError('PROFILES_MISSING', `Folder profil daerah ${dir} tidak dapat dibaca${code ? ` (${code})` : ''}. Pasang ulang Berkas atau periksa folder assets/profiles.`, { dir });
  }
  // Hidden files are editors' and atomic writers' temporaries, not profiles.
  const files = names.filter((n) => n.toLowerCase().endsWith('.json') && !n.startsWith('.')).sort();
  if (files.length === 0) {
    throw new BerkasError('PROFILES_MISSING', `Folder profil daerah ${dir} tidak berisi profil (*.json). Pasang ulang Berkas atau periksa folder assets/profiles.`, { dir });
  }

  const byId = new Map<string, RegionProfile>();
  for (const name of files) {
    const profile = await loadOne(path.join(dir, name));
    byId.set(profile.id, profile);
  }
  const sorted = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'id') || a.id.localeCompare(b.id));

  return {
    list: () => [...sorted],
    get(id: string): RegionProfile {
      const profile = byId.get(id);
      if (!profile) {
        throw new BerkasError('PROFILE_UNKNOWN', `Profil daerah "${id}" tidak dikenal. Yang tersedia: ${[...byId.keys()].sort().join(', ')}.`, { field: 'id', id });
      }
      return profile;
    },
  };
}

async function loadOne(file: string): Promise<RegionProfile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BerkasError('PROFILE_INVALID', `Profil daerah ${file} tidak dapat dibaca${code ? ` (${code})` : ''}.`, { file });
  }
  // A profile saved by Windows Notepad starts with a byte-order mark, which JSON.parse rejects.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // V8's own message is English and, depending on the version, gives no position; say where, in Indonesian.
    const found = findJsonError(text);
    const detail = found ? ` (baris ${found.line}, kolom ${found.column}): ${found.reason}` : `: ${(err as Error).message}`;
    throw new BerkasError('PROFILE_INVALID', `Profil daerah ${file} bukan JSON yang sah${detail}`, { file, ...(found ? { line: found.line, column: found.column } : {}) });
  }

  const checked = checkProfile(value);
  if (!checked.isValid) {
    throw new BerkasError('PROFILE_INVALID', `Profil daerah ${file} tidak sah: ${formatProblems(checked.problems)}`, {
      file,
      problems: checked.problems,
    });
  }
  // The id is what settings store; tying it to the file name keeps ids unique and findable.
  const expectedId = path.basename(file).replace(/\.json$/i, '');
  if (checked.profile.id !== expectedId) {
    throw new BerkasError('PROFILE_INVALID', `Profil daerah ${file} tidak sah: id: "${checked.profile.id}" harus sama dengan nama berkas ("${expectedId}")`, {
      file,
      problems: [{ path: 'id', message: `harus sama dengan nama berkas ("${expectedId}")` }],
    });
  }
  return deepFreeze(checked.profile);
}

class JsonStop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/**
 * The first syntax error in text that JSON.parse rejected: a small scanner
 * that follows RFC 8259 just far enough to say where a hand edit went wrong.
 * Returns null if it finds nothing (then the caller falls back to V8's message).
 */
export function findJsonError(text: string): { line: number; column: number; reason: string } | null {
  let i = 0;
  const stop = (reason: string): never => {
    throw new JsonStop(i, reason);
  };
  const unexpected = (): never => stop(i >= text.length ? 'berkas berakhir sebelum JSON selesai' : `karakter tak terduga ${JSON.stringify(text[i])}`);
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else unexpected();
  };
  const number = () => {
    const re = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) unexpected();
    else i += m[0].length;
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const esc = text[i + 1];
        if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 2;
        else stop('urutan escape (\\) tidak sah di dalam teks');
        continue;
      }
      if (ch < ' ') stop('baris baru atau karakter kendali di dalam teks; tanda kutip penutup mungkin hilang');
      i++;
    }
    stop('teks tidak ditutup tanda kutip ganda');
  };
  const value = (): void => {
    skipSpace();
    const ch = text[i];
    if (ch === '{') container('}', true);
    else if (ch === '[') container(']', false);
    else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) number();
    else unexpected();
  };
  const container = (close: string, isObject: boolean) => {
    i++;
    skipSpace();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (isObject) {
        if (text[i] !== '"') stop(i >= text.length ? 'berkas berakhir sebelum JSON selesai' : 'nama kolom harus diapit tanda kutip ganda');
        string();
        skipSpace();
        if (text[i] !== ':') stop('tanda titik dua (:) setelah nama kolom tidak ada');
        i++;
      }
      value();
      skipSpace();
      if (text[i] === ',') {
        i++;
        skipSpace();
        if (text[i] === close) stop(`koma berlebih sebelum ${close}`);
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      stop(i >= text.length ? 'berkas berakhir sebelum JSON selesai' : `koma (,) atau ${close} tidak ada`);
    }
  };
  try {
    value();
    skipSpace();
    if (i < text.length) stop('ada isi lain setelah akhir JSON');
    return null;
  } catch (err) {
    // Anything else (a stack overflow on absurd nesting) means "cannot say where", not a crash.
    if (!(err instanceof JsonStop)) return null;
    const before = text.slice(0, err.offset);
    return { line: before.split('\n').length, column: err.offset - before.lastIndexOf('\n'), reason: err.reason };
  }
}

/** Profiles are shared by every caller; freezing stops one caller's edit from leaking into another's labels. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
