/**
 * Checks a region profile read from JSON, by hand: core/domain may use no
 * library, and the renderer reuses this to show the same messages. Every
 * problem names the field path (`handover.items[3].article`) so an
 * administrator editing assets/profiles/*.json can find it.
 */
import type { HandoverItem, ProfileTerms, RegionProfile, ReportPeriod, ReportType } from './profile';
import { timeZones } from '../format/waktu';

export interface ProfileProblem {
  /** Field path, e.g. "handover.items[3].article"; "" for the document itself. */
  path: string;
  /** What is wrong, in Bahasa Indonesia, e.g. "wajib diisi". */
  message: string;
}

export type ProfileCheck = { isValid: true; profile: RegionProfile } | { isValid: false; problems: ProfileProblem[] };

export const reportPeriods: readonly ReportPeriod[] = ['triwulan', 'semester', 'tahunan', 'insidental'];
const handoverKinds: readonly HandoverItem['kind'][] = ['document', 'source-code'];

/** Same shape the contract accepts for settings.opd.profileId (core/api/contract-app.ts). */
const profileIdPattern = /^[a-z][a-z0-9-]{1,40}$/;
const kebabPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A citation must point at an article; "Pasal 12 ayat (6) huruf b", "Penjelasan Pasal 7 ayat (4)". */
const articlePattern = /\bPasal \d+/;
// Limits keep a hostile or broken file from flooding the UI; the longest real title is ~190 characters.
const maxShortText = 500;
const maxLongText = 2000;
/** A report due more than a year after its period ends is a typo, not a rule. */
const maxDueDays = 366;

export function formatProblem(problem: ProfileProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

export function formatProblems(problems: ProfileProblem[]): string {
  return problems.map(formatProblem).join('; ');
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'daftar';
  switch (typeof value) {
    case 'string':
      return 'teks';
    case 'number':
      return 'angka';
    case 'boolean':
      return 'benar/salah';
    case 'object':
      return 'objek';
    default:
      return typeof value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/** Collects problems while walking one document. */
class Walker {
  readonly problems: ProfileProblem[] = [];

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** The object at `path`, or undefined (with a problem) if it is missing or not an object. */
  object(value: unknown, path: string): Record<string, unknown> | undefined {
    if (value === undefined) {
      this.add(path, 'wajib diisi');
      return undefined;
    }
    if (!isRecord(value)) {
      this.add(path, `harus berupa objek, bukan ${typeName(value)}`);
      return undefined;
    }
    return value;
  }

  /** Flags fields the profile format does not have: a misspelt "isrequired" would otherwise be silently ignored. */
  onlyKnown(obj: Record<string, unknown>, path: string, known: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) this.add(join(path, key), `kolom tidak dikenal (yang dikenal: ${known.join(', ')})`);
    }
  }

  text(obj: Record<string, unknown>, key: string, path: string, options: { max?: number; pattern?: RegExp; hint?: string } = {}): string | undefined {
    const at = join(path, key);
    const value = obj[key];
    if (value === undefined) {
      this.add(at, 'wajib diisi');
      return undefined;
    }
    return this.checkText(value, at, options);
  }

  optionalText(obj: Record<string, unknown>, key: string, path: string, max = maxLongText): string | undefined {
    const value = obj[key];
    if (value === undefined) return undefined;
    return this.checkText(value, join(path, key), { max });
  }

  private checkText(value: unknown, at: string, options: { max?: number; pattern?: RegExp; hint?: string }): string | undefined {
    if (typeof value !== 'string') {
      this.add(at, `harus berupa teks, bukan ${typeName(value)}`);
      return undefined;
    }
    if (value.trim() === '') {
      this.add(at, 'wajib diisi (tidak boleh kosong)');
      return undefined;
    }
    const max = options.max ?? maxShortText;
    if (value.length > max) {
      this.add(at, `terlalu panjang (${value.length} karakter, paling banyak ${max})`);
      return undefined;
    }
    if (options.pattern && !options.pattern.test(value)) {
      this.add(at, `"${value}" tidak sah: ${options.hint ?? 'bentuknya salah'}`);
      return undefined;
    }
    return value;
  }

  boolean(obj: Record<string, unknown>, key: string, path: string, isOptional: boolean): boolean | undefined {
    const at = join(path, key);
    const value = obj[key];
    if (value === undefined) {
      if (!isOptional) this.add(at, 'wajib diisi (true atau false)');
      return undefined;
    }
    if (typeof value !== 'boolean') {
      this.add(at, `harus berupa benar/salah (true atau false), bukan ${typeName(value)}`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(obj: Record<string, unknown>, key: string, path: string, allowed: readonly T[], what: string): T | undefined {
    const at = join(path, key);
    const value = obj[key];
    if (value === undefined) {
      this.add(at, `wajib diisi (salah satu dari: ${allowed.join(', ')})`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(at, `harus berupa teks, bukan ${typeName(value)}`);
      return undefined;
    }
    const found = allowed.find((a) => a === value);
    if (found === undefined) {
      this.add(at, `${what} "${value}" tidak dikenal (salah satu dari: ${allowed.join(', ')})`);
      return undefined;
    }
    return found;
  }

  array(obj: Record<string, unknown>, key: string, path: string): unknown[] | undefined {
    const at = join(path, key);
    const value = obj[key];
    if (value === undefined) {
      this.add(at, 'wajib diisi');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(at, `harus berupa daftar, bukan ${typeName(value)}`);
      return undefined;
    }
    return value;
  }
}

const rootKeys = ['id', 'name', 'timeZone', 'regulation', 'terms', 'handover', 'reports'] as const;
const regulationKeys = ['title', 'shortTitle', 'seed'] as const;
const termKeys = ['agency', 'ictOffice', 'ictOfficeShort', 'officer', 'government', 'city', 'actionPlan', 'actionPlanBasis'] as const;
const handoverKeys = ['article', 'items', 'basis'] as const;
const itemKeys = ['key', 'label', 'article', 'isRequired', 'kind', 'description'] as const;
const reportKeys = ['key', 'name', 'period', 'article', 'dueDays', 'isUrgent', 'basis'] as const;

const keyHint = 'gunakan huruf kecil, angka dan tanda hubung (kebab-case), mis. "kode-sumber"';
const articleHint = 'sebutkan pasalnya, mis. "Pasal 17 ayat (2) huruf a"';

function checkRegulation(w: Walker, value: unknown): RegionProfile['regulation'] | undefined {
  const obj = w.object(value, 'regulation');
  if (!obj) return undefined;
  w.onlyKnown(obj, 'regulation', regulationKeys);
  const title = w.text(obj, 'title', 'regulation');
  const shortTitle = w.text(obj, 'shortTitle', 'regulation');
  const seed = w.text(obj, 'seed', 'regulation', { pattern: /^[^/\\]+\.txt$/, hint: 'nama berkas naskah peraturan (.txt) tanpa folder' });
  if (title === undefined || shortTitle === undefined || seed === undefined) return undefined;
  return { title, shortTitle, seed };
}

function checkTerms(w: Walker, value: unknown): ProfileTerms | undefined {
  const obj = w.object(value, 'terms');
  if (!obj) return undefined;
  w.onlyKnown(obj, 'terms', termKeys);
  const agency = w.text(obj, 'agency', 'terms');
  const ictOffice = w.text(obj, 'ictOffice', 'terms');
  const ictOfficeShort = w.text(obj, 'ictOfficeShort', 'terms');
  const officer = w.text(obj, 'officer', 'terms');
  const government = w.text(obj, 'government', 'terms');
  const city = w.text(obj, 'city', 'terms');
  const actionPlan = w.text(obj, 'actionPlan', 'terms');
  const actionPlanBasis = w.optionalText(obj, 'actionPlanBasis', 'terms');
  if (
    agency === undefined ||
    ictOffice === undefined ||
    ictOfficeShort === undefined ||
    officer === undefined ||
    government === undefined ||
    city === undefined ||
    actionPlan === undefined
  ) {
    return undefined;
  }
  const terms: ProfileTerms = { agency, ictOffice, ictOfficeShort, officer, government, city, actionPlan };
  if (actionPlanBasis !== undefined) terms.actionPlanBasis = actionPlanBasis;
  return terms;
}

function checkItem(w: Walker, value: unknown, path: string): HandoverItem | undefined {
  const obj = w.object(value, path);
  if (!obj) return undefined;
  w.onlyKnown(obj, path, itemKeys);
  const key = w.text(obj, 'key', path, { max: 60, pattern: kebabPattern, hint: keyHint });
  const label = w.text(obj, 'label', path);
  const article = w.text(obj, 'article', path, { pattern: articlePattern, hint: articleHint });
  const isRequired = w.boolean(obj, 'isRequired', path, false);
  const kind = w.oneOf(obj, 'kind', path, handoverKinds, 'jenis');
  const description = w.optionalText(obj, 'description', path);
  if (key === undefined || label === undefined || article === undefined || isRequired === undefined || kind === undefined) return undefined;
  const item: HandoverItem = { key, label, article, isRequired, kind };
  if (description !== undefined) item.description = description;
  return item;
}

function checkHandover(w: Walker, value: unknown): RegionProfile['handover'] | undefined {
  const obj = w.object(value, 'handover');
  if (!obj) return undefined;
  w.onlyKnown(obj, 'handover', handoverKeys);
  const article = w.text(obj, 'article', 'handover', { pattern: articlePattern, hint: articleHint });
  const basis = w.optionalText(obj, 'basis', 'handover');
  const raw = w.array(obj, 'items', 'handover');
  if (raw === undefined) return undefined;
  if (raw.length === 0) {
    w.add('handover.items', 'minimal satu butir serah terima');
    return undefined;
  }
  const items: HandoverItem[] = [];
  let isComplete = true;
  const seen = new Map<string, number>();
  raw.forEach((entry, i) => {
    const path = `handover.items[${i}]`;
    const item = checkItem(w, entry, path);
    // Duplicates are checked on the raw key too, so one broken item does not hide a clash.
    const key = isRecord(entry) && typeof entry.key === 'string' ? entry.key : undefined;
    if (key !== undefined) {
      const first = seen.get(key);
      if (first !== undefined) w.add(`${path}.key`, `kunci "${key}" sudah dipakai di handover.items[${first}]`);
      else seen.set(key, i);
    }
    if (item) items.push(item);
    else isComplete = false;
  });
  const sourceCode = raw
    .map((entry, i) => (isRecord(entry) && entry.kind === 'source-code' ? i : -1))
    .filter((i) => i >= 0);
  if (sourceCode.length !== 1) {
    // Exactly one: the handover checker attaches the uploaded code to this one item.
    const where = sourceCode.length ? ` (di ${sourceCode.map((i) => `handover.items[${i}]`).join(', ')})` : '';
    w.add('handover.items', `harus ada tepat satu butir berjenis "source-code" (kode sumber), ditemukan ${sourceCode.length}${where}`);
    isComplete = false;
  }
  if (article === undefined || !isComplete) return undefined;
  const handover: RegionProfile['handover'] = { article, items };
  if (basis !== undefined) handover.basis = basis;
  return handover;
}

function checkReport(w: Walker, value: unknown, path: string): ReportType | undefined {
  const obj = w.object(value, path);
  if (!obj) return undefined;
  w.onlyKnown(obj, path, reportKeys);
  const key = w.text(obj, 'key', path, { max: 60, pattern: kebabPattern, hint: keyHint });
  const name = w.text(obj, 'name', path);
  const period = w.oneOf(obj, 'period', path, reportPeriods, 'periode');
  const article = w.text(obj, 'article', path, { pattern: articlePattern, hint: articleHint });
  const isUrgent = w.boolean(obj, 'isUrgent', path, true);
  const basis = w.optionalText(obj, 'basis', path);
  let dueDays: number | undefined;
  const rawDue = obj.dueDays;
  if (rawDue === undefined) {
    w.add(`${path}.dueDays`, 'wajib diisi (jumlah hari setelah akhir periode)');
  } else if (typeof rawDue !== 'number' || !Number.isInteger(rawDue) || rawDue < 0 || rawDue > maxDueDays) {
    const shown = typeof rawDue === 'number' ? String(rawDue) : typeName(rawDue);
    w.add(`${path}.dueDays`, `harus bilangan bulat 0–${maxDueDays} (hari setelah akhir periode), bukan ${shown}`);
  } else {
    dueDays = rawDue;
  }
  // An urgent report answers an event (an incident), so it cannot wait for a calendar period.
  if (isUrgent === true && period !== undefined && period !== 'insidental') {
    w.add(`${path}.isUrgent`, `laporan mendesak harus berperiode "insidental", bukan "${period}"`);
    return undefined;
  }
  if (key === undefined || name === undefined || period === undefined || article === undefined || dueDays === undefined) return undefined;
  const report: ReportType = { key, name, period, article, dueDays };
  if (isUrgent !== undefined) report.isUrgent = isUrgent;
  if (basis !== undefined) report.basis = basis;
  return report;
}

function checkReports(w: Walker, root: Record<string, unknown>): ReportType[] | undefined {
  const raw = w.array(root, 'reports', '');
  if (raw === undefined) return undefined;
  const reports: ReportType[] = [];
  let isComplete = true;
  const seen = new Map<string, number>();
  raw.forEach((entry, i) => {
    const path = `reports[${i}]`;
    const report = checkReport(w, entry, path);
    const key = isRecord(entry) && typeof entry.key === 'string' ? entry.key : undefined;
    if (key !== undefined) {
      const first = seen.get(key);
      if (first !== undefined) w.add(`${path}.key`, `kunci "${key}" sudah dipakai di reports[${first}]`);
      else seen.set(key, i);
    }
    if (report) reports.push(report);
    else isComplete = false;
  });
  return isComplete ? reports : undefined;
}

/** Validates an unknown value (parsed JSON) as a RegionProfile; returns a fresh object without extra fields. */
export function checkProfile(value: unknown): ProfileCheck {
  const w = new Walker();
  if (!isRecord(value)) {
    w.add('', `profil harus berupa objek JSON, bukan ${typeName(value)}`);
    return { isValid: false, problems: w.problems };
  }
  w.onlyKnown(value, '', rootKeys);
  const id = w.text(value, 'id', '', { max: 41, pattern: profileIdPattern, hint: 'huruf kecil, angka dan tanda hubung, diawali huruf, mis. "pontianak"' });
  const name = w.text(value, 'name', '');
  const timeZone = w.oneOf(value, 'timeZone', '', timeZones, 'zona waktu');
  const regulation = checkRegulation(w, value.regulation);
  const terms = checkTerms(w, value.terms);
  const handover = checkHandover(w, value.handover);
  const reports = checkReports(w, value);
  if (w.problems.length > 0 || !id || !name || !timeZone || !regulation || !terms || !handover || !reports) {
    return { isValid: false, problems: w.problems };
  }
  return { isValid: true, profile: { id, name, timeZone, regulation, terms, handover, reports } };
}
