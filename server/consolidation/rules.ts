/**
 * The consolidation rules (issue 14.5), pure: what counts, budgets per
 * funding source and year, cross-OPD duplicate activities, the application
 * catalog with same-function flags, and report compliance. Each takes rows the
 * store handed over and returns plain figures; consolidate.ts assembles them.
 *
 * What counts, once: a committed submission that Diskominfo accepted
 * (diterima), that no committed revision replaces, and — when an OPD sent two
 * corrections of one submission — only the newest of that revision chain.
 * A package that failed its checks was never committed, so it is in no figure.
 */
import { FUNDING_SOURCES, type FundingSource } from '../../core/domain/rencana-aksi/model';
import { wordsOf } from '../../core/domain/rencana-aksi/text';
import type { CountedRow } from '../store/console-store';
import type { HandoverFacts, PlanFacts } from './facts';

export interface Opd {
  code: string;
  name: string;
}

export interface Exclusions {
  /** Rows left out, by reason. */
  notAccepted: number;
  replaced: number;
  olderInChain: number;
  withoutData: number;
}

/** The first submission of each row's revision chain (the row itself when it corrects nothing). */
export function chainRoots(rows: readonly Pick<CountedRow, 'id' | 'revisionOf'>[]): Map<string, string> {
  const parent = new Map(rows.map((r) => [r.id, r.revisionOf]));
  const roots = new Map<string, string>();
  for (const r of rows) {
    let at = r.id;
    const seen = new Set<string>([at]);
    for (let next = parent.get(at); next && parent.has(next) && !seen.has(next); next = parent.get(at)) {
      seen.add(next);
      at = next;
    }
    roots.set(r.id, at);
  }
  return roots;
}

/** Rule 1: accepted, not replaced, newest of its chain. */
export function countedRows(rows: readonly CountedRow[]): { counted: CountedRow[]; excluded: Exclusions } {
  const excluded: Exclusions = { notAccepted: 0, replaced: 0, olderInChain: 0, withoutData: 0 };
  const roots = chainRoots(rows);
  const newest = new Map<string, CountedRow>();
  for (const r of rows) {
    if (r.replacedBy !== null) {
      excluded.replaced += 1;
      continue;
    }
    if (r.reviewStatus !== 'diterima') {
      excluded.notAccepted += 1;
      continue;
    }
    const root = roots.get(r.id) as string;
    const other = newest.get(root);
    if (!other || other.committedAt < r.committedAt || (other.committedAt === r.committedAt && other.id < r.id)) {
      if (other) excluded.olderInChain += 1;
      newest.set(root, r);
    } else {
      excluded.olderInChain += 1;
    }
  }
  const counted = [...newest.values()].sort((a, b) => a.opd.localeCompare(b.opd) || a.committedAt.localeCompare(b.committedAt) || a.id.localeCompare(b.id));
  return { counted, excluded };
}

export type SourceFigures = Record<FundingSource, number> & { unattributed: number; total: number };

export interface BudgetRow extends SourceFigures {
  opd: string;
  opdName: string;
  year: number;
  plans: number;
  unreadableStages: number;
}

export interface BudgetTotal extends SourceFigures {
  year: number;
  opds: number;
  plans: number;
}

function emptyFigures(): SourceFigures {
  const f = { unattributed: 0, total: 0 } as SourceFigures;
  for (const s of FUNDING_SOURCES) f[s] = 0;
  return f;
}

function addFigures(into: SourceFigures, plan: PlanFacts): void {
  for (const s of FUNDING_SOURCES) into[s] += plan.budget.bySource[s] ?? 0;
  into.unattributed += plan.budget.unattributed;
  into.total += plan.budget.total;
}

export interface CountedPlan {
  row: CountedRow;
  facts: PlanFacts;
}

/** Rule 2: per OPD and year, and per year over all OPDs; the grand total over the years shown. */
export function budgets(plans: readonly CountedPlan[], names: ReadonlyMap<string, string>): { rows: BudgetRow[]; totals: BudgetTotal[]; grandTotal: SourceFigures } {
  const byKey = new Map<string, BudgetRow>();
  for (const { row, facts } of plans) {
    const key = `${row.opd}\u0000${facts.year}`;
    let b = byKey.get(key);
    if (!b) {
      b = { opd: row.opd, opdName: names.get(row.opd) ?? row.opd, year: facts.year, plans: 0, unreadableStages: 0, ...emptyFigures() };
      byKey.set(key, b);
    }
    b.plans += 1;
    b.unreadableStages += facts.unreadableStages;
    addFigures(b, facts);
  }
  const rows = [...byKey.values()].sort((a, b) => a.year - b.year || a.opd.localeCompare(b.opd));
  const totalsByYear = new Map<number, BudgetTotal & { opdSet: Set<string> }>();
  const grandTotal = emptyFigures();
  for (const r of rows) {
    let t = totalsByYear.get(r.year);
    if (!t) {
      t = { year: r.year, opds: 0, plans: 0, ...emptyFigures(), opdSet: new Set() };
      totalsByYear.set(r.year, t);
    }
    t.opdSet.add(r.opd);
    t.plans += r.plans;
    for (const s of FUNDING_SOURCES) {
      t[s] += r[s];
      grandTotal[s] += r[s];
    }
    t.unattributed += r.unattributed;
    t.total += r.total;
    grandTotal.unattributed += r.unattributed;
    grandTotal.total += r.total;
  }
  const totals = [...totalsByYear.values()].sort((a, b) => a.year - b.year).map(({ opdSet, ...t }) => ({ ...t, opds: opdSet.size }));
  return { rows, totals, grandTotal };
}

export interface DuplicateEntry {
  opd: string;
  opdName: string;
  submissionId: string;
  planTitle: string;
  activity: string;
}

export interface DuplicateGroup {
  year: number;
  /** sama: the client's comparison key is equal; mirip: most of the significant words are shared. */
  match: 'sama' | 'mirip';
  activity: string;
  entries: DuplicateEntry[];
}

/** Words that say nothing about what an activity or application does. */
const STOP_WORDS = new Set(
  'dan atau di ke dari untuk yang pada dengan dalam serta oleh bagi tahun kegiatan program pengembangan pembangunan penyusunan penyediaan peningkatan pengelolaan pelaksanaan sistem aplikasi informasi layanan berbasis secara online daring elektronik e the of for'.split(
    ' ',
  ),
);

export function significantWords(text: string): Set<string> {
  return new Set(
    wordsOf(text)
      .split(' ')
      .filter((w) => w.length > 1 && !STOP_WORDS.has(w)),
  );
}

/** Jaccard similarity of two word sets. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export const NEAR_DUPLICATE = 0.75;

/**
 * Rule 3: activities of one year that two or more OPDs plan. Same key (the
 * client's comparisonKey) is "sama"; otherwise significant words shared at
 * NEAR_DUPLICATE or more (two words at least) is "mirip". Entries a reviewer
 * excluded are no source of either.
 */
export function duplicates(plans: readonly CountedPlan[], names: ReadonlyMap<string, string>, excluded: ReadonlySet<string>): DuplicateGroup[] {
  interface Item extends DuplicateEntry {
    key: string;
    year: number;
    words: Set<string>;
  }
  const items: Item[] = [];
  for (const { row, facts } of plans) {
    for (const a of facts.activities) {
      if (excluded.has(`${row.id}\u0000${a.key}`)) continue;
      items.push({ opd: row.opd, opdName: names.get(row.opd) ?? row.opd, submissionId: row.id, planTitle: facts.title, activity: a.name, key: a.key, year: facts.year, words: significantWords(a.name) });
    }
  }
  const groups: DuplicateGroup[] = [];
  const byYear = new Map<number, Item[]>();
  for (const it of items) byYear.set(it.year, [...(byYear.get(it.year) ?? []), it]);
  for (const [year, list] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
    const byKey = new Map<string, Item[]>();
    for (const it of list) byKey.set(it.key, [...(byKey.get(it.key) ?? []), it]);
    const exactKeys = new Set<string>();
    for (const [key, same] of byKey) {
      if (new Set(same.map((s) => s.opd)).size < 2) continue;
      exactKeys.add(key);
      groups.push({ year, match: 'sama', activity: (same[0] as Item).activity, entries: same.map(strip) });
    }
    // Near duplicates: compare only pairs of different OPDs that share a word, through an index of words.
    const byWord = new Map<string, Item[]>();
    for (const it of list) if (it.words.size >= 2) for (const w of it.words) byWord.set(w, [...(byWord.get(w) ?? []), it]);
    const paired = new Set<string>();
    for (const it of list) {
      if (it.words.size < 2) continue;
      for (const w of it.words) {
        for (const other of byWord.get(w) ?? []) {
          if (other.opd === it.opd || other.key === it.key) continue;
          const pair = [`${it.submissionId}:${it.key}`, `${other.submissionId}:${other.key}`].sort().join('|');
          if (paired.has(pair)) continue;
          paired.add(pair);
          if (exactKeys.has(it.key) && exactKeys.has(other.key)) continue;
          if (similarity(it.words, other.words) >= NEAR_DUPLICATE) {
            const [first, second] = it.opd < other.opd ? [it, other] : [other, it];
            groups.push({ year, match: 'mirip', activity: first.activity, entries: [strip(first), strip(second)] });
          }
        }
      }
    }
  }
  return groups.sort((a, b) => a.year - b.year || (a.match === b.match ? a.activity.localeCompare(b.activity, 'id') : a.match === 'sama' ? -1 : 1));
}

function strip(it: DuplicateEntry): DuplicateEntry {
  return { opd: it.opd, opdName: it.opdName, submissionId: it.submissionId, planTitle: it.planTitle, activity: it.activity };
}

export interface ApplicationRow {
  name: string;
  version: string;
  opd: string;
  opdName: string;
  owningOpd: string;
  vendor: string;
  fundingSource: string;
  fundingYear: number | null;
  repository: string;
  purpose: string;
  /** null when the region's checklist is not known to the server. */
  isComplete: boolean | null;
  missing: string[];
  submissionId: string;
  receivedAt: string;
  /** Other applications that look like the same function (Banjarmasin Pasal 12 ayat (8)). */
  sameFunction: { name: string; opd: string; words: string[] }[];
}

export const SAME_FUNCTION = 0.5;

/** Rule 4: one row per application (OPD and name), its newest accepted bundle; same-function flags across them. */
export function applications(bundles: readonly { row: CountedRow; facts: HandoverFacts }[], names: ReadonlyMap<string, string>): ApplicationRow[] {
  const newest = new Map<string, { row: CountedRow; facts: HandoverFacts }>();
  for (const b of bundles) {
    const key = `${b.row.opd}\u0000${wordsOf(b.facts.application.name)}`;
    const other = newest.get(key);
    if (!other || other.row.committedAt < b.row.committedAt) newest.set(key, b);
  }
  const rows: (ApplicationRow & { words: Set<string> })[] = [...newest.values()].map(({ row, facts }) => ({
    name: facts.application.name,
    version: facts.application.version,
    opd: row.opd,
    opdName: names.get(row.opd) ?? row.opd,
    owningOpd: facts.application.owningOpd,
    vendor: facts.application.vendor,
    fundingSource: facts.application.fundingSource,
    fundingYear: facts.application.fundingYear,
    repository: facts.application.repository,
    purpose: facts.application.purpose,
    isComplete: facts.isComplete,
    missing: facts.missing,
    submissionId: row.id,
    receivedAt: row.committedAt,
    sameFunction: [],
    words: significantWords(`${facts.application.name} ${facts.application.purpose}`),
  }));
  for (const a of rows) {
    for (const b of rows) {
      if (a === b) continue;
      const isSameName = wordsOf(a.name) === wordsOf(b.name);
      if (isSameName || similarity(a.words, b.words) >= SAME_FUNCTION) {
        a.sameFunction.push({ name: b.name, opd: b.opd, words: [...a.words].filter((w) => b.words.has(w)).sort() });
      }
    }
  }
  return rows.map(({ words: _words, ...r }) => r).sort((a, b) => a.opd.localeCompare(b.opd) || a.name.localeCompare(b.name, 'id'));
}
