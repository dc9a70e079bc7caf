/**
 * What the console and consolidation need of a committed package, read once
 * from its data.json (PROTOCOL.md §2.2) and kept with the submission: a plan's
 * title, activities and budget per funding source, a handover's application
 * record and its completeness against the region's checklist, a report's type.
 *
 * data.json comes from an OPD and is judged as hostile input: only strings and
 * integers are taken, the budget is re-read from the text the officer typed
 * (normalizePlan derives every amount again), and whatever cannot be read
 * yields no facts with the reason, never a guess.
 */
import type { RegionProfile } from '../../core/domain/profiles/profile';
import { FUNDING_SOURCES, LIMITS, type Activity, type FundingSource, type Output, type RencanaAksiPlan, type Stage } from '../../core/domain/rencana-aksi/model';
import { normalizePlan } from '../../core/domain/rencana-aksi/normalize';
import { analyzePlan } from '../../core/domain/rencana-aksi/analysis';
import { comparisonKey } from '../../core/domain/rencana-aksi/text';

export interface PlanActivity {
  name: string;
  /** comparisonKey of the name: the client's rule for "the same activity". */
  key: string;
  output: string | null;
  /** Rupiah of the activity's readable stages. */
  subtotal: number;
}

export interface PlanFacts {
  kind: 'rencana-aksi';
  title: string;
  year: number;
  programCode: string | null;
  activities: PlanActivity[];
  budget: { total: number; unattributed: number; bySource: Partial<Record<FundingSource, number>> };
  /** Stages whose sumber daya could not be read: their money is in no figure. */
  unreadableStages: number;
}

export interface ApplicationFacts {
  name: string;
  version: string;
  purpose: string;
  owningOpd: string;
  vendor: string;
  fundingSource: string;
  fundingYear: number | null;
  repository: string;
}

export interface HandoverFacts {
  kind: 'serah-terima';
  application: ApplicationFacts;
  profileId: string | null;
  /** null when the region's checklist is not known to this server. */
  isComplete: boolean | null;
  /** Required items without a file in the package, "label (article)". */
  missing: string[];
}

export interface ReportFacts {
  kind: 'laporan';
  reportType: string | null;
  reportName: string;
}

export interface NoFacts {
  kind: 'tanpa-data';
  reason: string;
}

export type SubmissionFacts = PlanFacts | HandoverFacts | ReportFacts | NoFacts;

export interface FactsInput {
  type: string;
  period: string;
  reportType: string | null;
  profileId: string | null;
  /** Paths of the package's files, to check that what data.json lists is really there. */
  paths: ReadonlySet<string>;
  /** data.json bytes, or null when the package has none. */
  dataJson: Uint8Array | null;
  profiles: readonly RegionProfile[];
}

export const MAX_DATA_JSON_BYTES = 8 * 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max = 500): string => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, max) : '');
const longText = (v: unknown): string => (typeof v === 'string' ? v.slice(0, LIMITS.maxCellChars) : '');

function parse(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

function stageOf(raw: unknown): Stage {
  const r = isObject(raw) ? raw : {};
  const durasi = isObject(r.durasi) ? r.durasi : {};
  const sumberDaya = isObject(r.sumberDaya) ? r.sumberDaya : {};
  // Only the typed text: normalizePlan reads the amount and source from it again.
  return { tahap: longText(r.tahap), metode: longText(r.metode), pelaksana: longText(r.pelaksana), durasi: { text: text(durasi.text) }, sumberDaya: { text: text(sumberDaya.text) } };
}

/** A RencanaAksiPlan built from untrusted JSON, or the reason there is none. */
export function planOf(data: unknown, periodYear: number): RencanaAksiPlan | string {
  if (!isObject(data)) return 'data.json bukan objek JSON';
  const root = isObject(data.plan) ? data.plan : data;
  if (!Array.isArray(root.activities)) return 'data.json tidak memuat daftar kegiatan (plan.activities)';
  let stages = 0;
  const activities: Activity[] = [];
  for (const rawActivity of root.activities as unknown[]) {
    if (!isObject(rawActivity)) continue;
    const outputs: Output[] = [];
    for (const rawOutput of Array.isArray(rawActivity.outputs) ? (rawActivity.outputs as unknown[]) : []) {
      if (!isObject(rawOutput)) continue;
      const rawStages = Array.isArray(rawOutput.stages) ? (rawOutput.stages as unknown[]) : [];
      stages += rawStages.length;
      if (stages > LIMITS.maxStages) return `rencana aksi memuat lebih dari ${LIMITS.maxStages} tahap`;
      outputs.push({ name: text(rawOutput.name), stages: rawStages.map(stageOf) });
    }
    activities.push({ name: text(rawActivity.name), outputs });
  }
  const year = Number.isInteger(root.year) && (root.year as number) >= 2000 && (root.year as number) <= 2100 ? (root.year as number) : periodYear;
  const plan: RencanaAksiPlan = { id: text(root.id, 100), opdCode: text(root.opdCode, 32), year, title: text(root.title, 300), activities };
  const programCode = text(root.programCode, 64);
  if (programCode) plan.programCode = programCode;
  return normalizePlan(plan);
}

function planFacts(data: unknown, period: string): PlanFacts | NoFacts {
  const plan = planOf(data, Number(period.slice(0, 4)));
  if (typeof plan === 'string') return { kind: 'tanpa-data', reason: plan };
  const { totals } = analyzePlan(plan, { positions: 'editor' });
  const bySource: Partial<Record<FundingSource, number>> = {};
  for (const source of FUNDING_SOURCES) if (totals.bySource[source]) bySource[source] = totals.bySource[source];
  const activities = plan.activities
    .map((a, i) => ({ name: a.name, key: comparisonKey(a.name), output: a.outputs[0]?.name || null, subtotal: totals.byActivity[i]?.subtotal ?? 0 }))
    .filter((a) => a.key !== '');
  return {
    kind: 'rencana-aksi',
    title: plan.title,
    year: plan.year,
    programCode: plan.programCode ?? null,
    activities,
    budget: { total: totals.total, unattributed: totals.unattributed, bySource },
    unreadableStages: totals.unreadableCount,
  };
}

function handoverFacts(data: unknown, input: FactsInput): HandoverFacts | NoFacts {
  if (!isObject(data) || !isObject(data.application)) return { kind: 'tanpa-data', reason: 'data.json tidak memuat catatan aplikasi (application)' };
  const a = data.application;
  const fundingYear = Number.isInteger(a.fundingYear) && (a.fundingYear as number) >= 1990 && (a.fundingYear as number) <= 2100 ? (a.fundingYear as number) : null;
  const application: ApplicationFacts = {
    name: text(a.name),
    version: text(a.version, 100),
    purpose: text(a.purpose, 2000),
    owningOpd: text(a.owningOpd),
    vendor: text(a.vendor),
    fundingSource: text(a.fundingSource),
    fundingYear,
    repository: text(a.repository, 1000),
  };
  const regionId = input.profileId ?? (isObject(data.region) ? text(data.region.id, 64) : '');
  const profile = input.profiles.find((p) => p.id === regionId);
  if (!profile) return { kind: 'serah-terima', application, profileId: regionId || null, isComplete: null, missing: [] };
  // An item counts when data.json lists a file for it and that file is in the package the OPD signed.
  const listed = new Map<string, number>();
  for (const item of Array.isArray(data.items) ? (data.items as unknown[]) : []) {
    if (!isObject(item) || typeof item.key !== 'string' || !Array.isArray(item.files)) continue;
    const present = (item.files as unknown[]).filter((f) => isObject(f) && typeof f.path === 'string' && input.paths.has(f.path)).length;
    listed.set(item.key, (listed.get(item.key) ?? 0) + present);
  }
  const missing = profile.handover.items.filter((i) => i.isRequired && !(listed.get(i.key) ?? 0)).map((i) => `${i.label} (${i.article})`);
  return { kind: 'serah-terima', application, profileId: profile.id, isComplete: missing.length === 0, missing };
}

function reportFacts(input: FactsInput): ReportFacts {
  const profile = input.profiles.find((p) => p.id === input.profileId);
  const type = profile?.reports.find((r) => r.key === input.reportType) ?? input.profiles.flatMap((p) => p.reports).find((r) => r.key === input.reportType);
  return { kind: 'laporan', reportType: input.reportType, reportName: type?.name ?? input.reportType ?? 'Laporan' };
}

export function factsOf(input: FactsInput): SubmissionFacts {
  if (input.type === 'laporan') return reportFacts(input);
  if (!input.dataJson) return { kind: 'tanpa-data', reason: 'paket tidak memuat data/data.json' };
  if (input.dataJson.byteLength > MAX_DATA_JSON_BYTES) return { kind: 'tanpa-data', reason: `data.json lebih dari ${MAX_DATA_JSON_BYTES} bita` };
  const data = parse(input.dataJson);
  if (data === undefined) return { kind: 'tanpa-data', reason: 'data.json bukan JSON yang sah' };
  if (input.type === 'rencana-aksi') return planFacts(data, input.period);
  if (input.type === 'serah-terima') return handoverFacts(data, input);
  return { kind: 'tanpa-data', reason: `jenis ${input.type} tidak dikenal` };
}

/** The list's title: the plan's, the application's name and version, the report type's name. */
export function titleOf(facts: SubmissionFacts): string {
  switch (facts.kind) {
    case 'rencana-aksi':
      return facts.title || `Rencana aksi ${facts.year}`;
    case 'serah-terima':
      return [facts.application.name, facts.application.version].filter((t) => t !== '').join(' ') || '(aplikasi tanpa nama)';
    case 'laporan':
      return facts.reportName;
    default:
      return '';
  }
}
