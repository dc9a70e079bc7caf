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
    const where = locate(text, (err as Error).message);
    throw new BerkasError('PROFILE_INVALID', `Profil daerah ${file} bukan JSON yang sah${where ? ` (${where})` : ''}: ${(err as Error).message}`, { file });
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

/** "baris 4, kolom 3" from V8's "... at position 57" (Node 20 gives only the offset). */
function locate(text: string, message: string): string | null {
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `baris ${lineCol[1]}, kolom ${lineCol[2]}`;
  const pos = /position (\d+)/.exec(message);
  if (!pos) return null;
  const offset = Number(pos[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `baris ${line}, kolom ${column}`;
}

/** Profiles are shared by every caller; freezing stops one caller's edit from leaking into another's labels. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
