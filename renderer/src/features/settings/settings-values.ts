import { settingsSchema } from '@core/api/contract-app';
import type { ErrorPayload } from '@core/domain/errors';
import type { Language, Settings } from '@core/domain/settings/settings';

/** The form's fields, named by their path in Settings (the same path the server puts in details.field). */
export const fieldPaths = [
  'opd.profileId',
  'opd.name',
  'opd.code',
  'officer.name',
  'officer.nip',
  'officer.jabatan',
  'officer.pangkatGolongan',
  'serverUrl',
  'language',
  'reportsStartOn',
] as const;

export type FieldPath = (typeof fieldPaths)[number];
export type FormValues = Record<FieldPath, string>;
export type FieldErrors = Partial<Record<FieldPath, string>>;

/** Why a field was refused before anything was sent; the renderer words it per language. */
export type Problem = 'error.required' | 'error.profileRequired' | 'error.codeFormat' | 'error.urlFormat' | 'error.monthFormat' | 'error.invalid';

export function isFieldPath(value: unknown): value is FieldPath {
  return typeof value === 'string' && (fieldPaths as readonly string[]).includes(value);
}

/** Longest input each field accepts, from the contract's schema limits. */
export const maxLengths: Record<FieldPath, number> = {
  'opd.profileId': 41,
  'opd.name': 200,
  'opd.code': 32,
  'officer.name': 200,
  'officer.nip': 40,
  'officer.jabatan': 200,
  'officer.pangkatGolongan': 100,
  serverUrl: 2000,
  language: 2,
  reportsStartOn: 7,
};

export const optionalFields: ReadonlySet<FieldPath> = new Set(['officer.pangkatGolongan', 'serverUrl']);

/**
 * Not asked for, yet not marked "(opsional)": the first run fills it with the
 * current month, and a workspace set up before it existed keeps it empty
 * (every period of the last year is listed).
 */
const prefilledFields: ReadonlySet<FieldPath> = new Set(['reportsStartOn']);

/** The month ("YYYY-MM") of a day ("YYYY-MM-DD"): the start month the first run offers. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** An empty form, except the month reporting through Berkas starts: the current one on the workspace's clock (`today`, "YYYY-MM-DD"). */
export function emptyValues(language: Language, today: string): FormValues {
  return {
    'opd.profileId': '',
    'opd.name': '',
    'opd.code': '',
    'officer.name': '',
    'officer.nip': '',
    'officer.jabatan': '',
    'officer.pangkatGolongan': '',
    serverUrl: '',
    language,
    reportsStartOn: monthOf(today),
  };
}

export function valuesFromSettings(s: Settings): FormValues {
  return {
    'opd.profileId': s.opd.profileId,
    'opd.name': s.opd.name,
    'opd.code': s.opd.code,
    'officer.name': s.officer.name,
    'officer.nip': s.officer.nip,
    'officer.jabatan': s.officer.jabatan,
    'officer.pangkatGolongan': s.officer.pangkatGolongan,
    serverUrl: s.serverUrl,
    language: s.language,
    reportsStartOn: s.reportsStartOn ? monthOf(s.reportsStartOn) : '',
  };
}

export function isLanguage(value: string): value is Language {
  return value === 'id' || value === 'en';
}

export function settingsFromValues(v: FormValues): Settings {
  // The form speaks in months; Settings keeps the first day of that month ("2026-12" → "2026-12-01").
  const startMonth = v.reportsStartOn.trim();
  return {
    opd: { name: v['opd.name'].trim(), code: v['opd.code'].trim(), profileId: v['opd.profileId'] },
    officer: {
      name: v['officer.name'].trim(),
      nip: v['officer.nip'].trim(),
      jabatan: v['officer.jabatan'].trim(),
      pangkatGolongan: v['officer.pangkatGolongan'].trim(),
    },
    serverUrl: v.serverUrl.trim(),
    language: isLanguage(v.language) ? v.language : 'id',
    ...(startMonth !== '' ? { reportsStartOn: `${startMonth}-01` } : {}),
  };
}

const formatProblem: Partial<Record<FieldPath, Problem>> = {
  'opd.code': 'error.codeFormat',
  'opd.profileId': 'error.profileRequired',
  reportsStartOn: 'error.monthFormat',
};

/**
 * Checks the form with the contract's own schema (so the rules live in one
 * place), plus what only a person needs told early: a server address must be
 * an http(s) URL. The NIP's structure is left to checkNip on the server.
 */
export function validateLocally(values: FormValues): Partial<Record<FieldPath, Problem>> {
  const problems: Partial<Record<FieldPath, Problem>> = {};
  for (const path of fieldPaths) {
    if (!optionalFields.has(path) && !prefilledFields.has(path) && values[path].trim() === '') {
      problems[path] = path === 'opd.profileId' ? 'error.profileRequired' : 'error.required';
    }
  }
  const parsed = settingsSchema.safeParse(settingsFromValues(values));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      if (isFieldPath(path) && !problems[path]) problems[path] = formatProblem[path] ?? 'error.invalid';
    }
  }
  const url = values.serverUrl.trim();
  if (url !== '' && !problems.serverUrl && !isHttpUrl(url)) problems.serverUrl = 'error.urlFormat';
  return problems;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Places a refusal from the server next to the field it names: a BerkasError's
 * details.field, or the paths of a schema refusal (INVALID_REQUEST). Anything
 * else is a message for the whole form.
 */
export function placeServerError(error: ErrorPayload): { fields: FieldErrors; general: string | null } {
  const fields: FieldErrors = {};
  const field = error.details?.field;
  if (isFieldPath(field)) fields[field] = error.message;
  const issues = error.details?.issues;
  if (Array.isArray(issues)) {
    for (const issue of issues as unknown[]) {
      const path = (issue as { path?: unknown }).path;
      if (isFieldPath(path) && !fields[path]) fields[path] = error.message;
    }
  }
  return Object.keys(fields).length > 0 ? { fields, general: null } : { fields, general: error.message };
}
