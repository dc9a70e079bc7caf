/**
 * Pure helpers of the Serah Terima screens: the application form's text
 * fields to and from the record, sizes and digests as an Indonesian reader
 * writes them, the typed paths, the package file name, the regulation's own
 * sentences about copyright and validity, and the packaging job's phases.
 * No React, no I/O: unit-tested in tests/unit/renderer/handover.
 */
import type { ApplicationRecord, FieldProblem } from '@core/domain/handover/application';
import type { HandoverBundle } from '@core/domain/handover/bundle';
import type { SecretFinding } from '@core/domain/handover/secrets';
import type { HandoverJobPhase } from '@core/domain/handover/views';
import { slugOf } from '@core/domain/files/slug';

export type ApplicationKey = keyof ApplicationRecord;

/** The form keeps every field as typed text; the year becomes a number only when saved. */
export type ApplicationForm = Record<ApplicationKey, string>;

export const applicationKeys: readonly ApplicationKey[] = [
  'name',
  'version',
  'purpose',
  'owningOpd',
  'vendor',
  'contractNumber',
  'contractDate',
  'fundingSource',
  'fundingYear',
  'repository',
  'licence',
  'copyrightHolder',
];

export function toForm(record: ApplicationRecord): ApplicationForm {
  const form = {} as ApplicationForm;
  for (const key of applicationKeys) {
    const value = record[key];
    form[key] = key === 'fundingYear' ? (value === 0 ? '' : String(value)) : String(value);
  }
  return form;
}

export type FormResult = { isOk: true; record: ApplicationRecord } | { isOk: false; field: ApplicationKey; reason: 'year' | 'date' };

/**
 * The record to save. A draft may be incomplete (empty fields are saved as
 * such), but a year that is not a number, or a date the contract would refuse,
 * cannot be stored at all: those are named here, before anything is sent.
 */
export function fromForm(form: ApplicationForm): FormResult {
  const year = form.fundingYear.trim();
  if (year !== '' && !/^\d{4}$/.test(year)) return { isOk: false, field: 'fundingYear', reason: 'year' };
  const yearNumber = year === '' ? 0 : Number(year);
  if (yearNumber > 2100) return { isOk: false, field: 'fundingYear', reason: 'year' };
  // The contract allows 10 characters; a longer text is not a date in any form.
  if (form.contractDate.trim().length > 10) return { isOk: false, field: 'contractDate', reason: 'date' };
  const record = {} as Record<ApplicationKey, string | number>;
  for (const key of applicationKeys) record[key] = key === 'fundingYear' ? yearNumber : form[key].trim();
  return { isOk: true, record: record as unknown as ApplicationRecord };
}

export function isFormChanged(form: ApplicationForm, saved: ApplicationRecord): boolean {
  const base = toForm(saved);
  return applicationKeys.some((key) => form[key].trim() !== base[key].trim());
}

/** The service's problems by form field ("application.contractDate" → contractDate). */
export function problemsByField(problems: readonly FieldProblem[]): Partial<Record<ApplicationKey, string[]>> {
  const out: Partial<Record<ApplicationKey, string[]>> = {};
  for (const p of problems) {
    const key = p.path.replace(/^application\./, '') as ApplicationKey;
    if (!applicationKeys.includes(key)) continue;
    (out[key] ??= []).push(p.message);
  }
  return out;
}

const numberFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** "1.234.567": digits grouped with dots, as Indonesian documents write them (in both languages, like Rupiah). */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "3f2a9c01…9e0b71ee": enough of a SHA-256 to compare with the berita acara by eye. */
export function shortSha256(hex: string): string {
  return hex.length <= 16 ? hex : `${hex.slice(0, 8)}…${hex.slice(-8)}`;
}

/** A full path on this computer: "/home/…", "C:\…" or "\\server\share\…". */
export function isAbsolutePath(text: string): boolean {
  const p = text.trim();
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** What is wrong with a typed path to attach or to write, or null. */
export function pathProblem(text: string, options: { isZip?: boolean } = {}): 'empty' | 'relative' | 'notZip' | 'tooLong' | null {
  const p = text.trim();
  if (p === '') return 'empty';
  if (p.length > 4096) return 'tooLong';
  if (!isAbsolutePath(p)) return 'relative';
  if (options.isZip && !/\.zip$/i.test(p)) return 'notZip';
  return null;
}

/** The folder of a path, with its own separator ("/a/b/c.zip" → "/a/b", "C:\x\y" → "C:\x"). */
export function folderOf(p: string): string {
  const trimmed = p.trim().replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (cut < 0) return '';
  if (cut === 0) return trimmed.slice(0, 1);
  // "C:\file" → "C:\" (the drive's root keeps its separator).
  if (/^[A-Za-z]:$/.test(trimmed.slice(0, cut))) return trimmed.slice(0, cut + 1);
  return trimmed.slice(0, cut);
}

function joinPath(folder: string, name: string): string {
  if (folder === '') return name;
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Where to write the package unless the officer says otherwise: beside the
 * last package, else beside the attached source code (the officer's own
 * working folder), named after the application, the date and the revision.
 * Empty when nothing tells where (a path is then typed in full).
 */
export function suggestOutPath(bundle: HandoverBundle, now: Date): string {
  const last = bundle.packages[bundle.packages.length - 1];
  const attachments = Object.values(bundle.items).flat();
  const source = attachments.find((a) => a.languages !== undefined) ?? attachments[0];
  const folder = last ? folderOf(last.path) : source ? folderOf(source.sourcePath) : '';
  if (folder === '') return '';
  const app = bundle.application;
  const name = slugOf([app.name, app.version].filter((s) => s.trim() !== '').join(' '), 'aplikasi');
  const revision = bundle.packages.length > 0 ? `-r${bundle.packages.length + 1}` : '';
  return joinPath(folder, `serah-terima-${name}-${isoDay(now)}${revision}.zip`);
}

/**
 * The sentences of a profile's handover basis that match, each starting at its
 * article ("Pasal 14 ayat (4): … hak cipta …"): the regulation's own words,
 * shown where they matter instead of a region's rule written into the screen.
 */
export function basisSentences(basis: string | null | undefined, pattern: RegExp): string[] {
  if (!basis) return [];
  return basis
    .split(/(?<=\.)\s+(?=Pasal\s)/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && pattern.test(s));
}

export const copyrightPattern = /hak cipta/i;
/**
 * "baru dinyatakan sah apabila dilengkapi …": a handover that is not valid
 * without its documents. Not a bare "sah": Jember's copyright article speaks
 * of "dana lain yang sah" (lawful funds), which is no rule on validity.
 */
export const validityPattern = /dinyatakan sah|tidak sah/i;

export interface SecretRow extends SecretFinding {
  itemKey: string;
  itemLabel: string;
  attachment: string;
}

/** Every suspected secret in the attached source, with where it is (never its value: the service keeps none). */
export function secretsOf(bundle: HandoverBundle, labelOf: (key: string) => string): SecretRow[] {
  const rows: SecretRow[] = [];
  for (const [itemKey, attachments] of Object.entries(bundle.items)) {
    for (const a of attachments) {
      for (const s of a.secrets ?? []) rows.push({ ...s, itemKey, itemLabel: labelOf(itemKey), attachment: a.name });
    }
  }
  return rows;
}

/** Phases of the packaging job in the order they run (HandoverJobStatus.phase). */
export const jobPhases = ['checking', 'rendering', 'signing', 'writing', 'verifying'] as const satisfies readonly HandoverJobPhase[];
export type RunningPhase = (typeof jobPhases)[number];

export type PhaseState = 'done' | 'current' | 'pending';

/** Each phase as done, current or still to come, for the step list beside the progress bar. */
export function phaseStates(phase: HandoverJobPhase): Record<RunningPhase, PhaseState> {
  const index = phase === 'done' ? jobPhases.length : jobPhases.indexOf(phase as RunningPhase);
  const out = {} as Record<RunningPhase, PhaseState>;
  jobPhases.forEach((p, i) => {
    if (index < 0) out[p] = 'pending';
    else out[p] = i < index ? 'done' : i === index ? 'current' : 'pending';
  });
  return out;
}

/** 0–100 while bytes are written or read back; null when the phase has no measure (the bar is then indeterminate). */
export function progressPercent(status: { phase: HandoverJobPhase; bytes: number; total: number }): number | null {
  if (status.phase === 'done') return 100;
  if ((status.phase !== 'writing' && status.phase !== 'verifying') || status.total <= 0) return null;
  return Math.max(0, Math.min(100, Math.floor((status.bytes / status.total) * 100)));
}

/** The application's name as the screens title it: "SIMPEG 2.1", or null when unnamed. */
export function titleOf(record: Pick<ApplicationRecord, 'name' | 'version'>): string | null {
  const name = record.name.trim();
  if (name === '') return null;
  const version = record.version.trim();
  return version === '' ? name : `${name} ${version}`;
}

/** The excluded folders as the officer edits them: one name per line, or separated by commas. */
export function parseExcludes(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
