/**
 * Konsolidasi (issue 14.5; Prabumulih Pasal 6 ayat (4), Pontianak Pasal 9
 * ayat (2)-(3), Banjarmasin Pasal 4 ayat (2), 5 ayat (3) and 12 ayat (8)):
 * one object with every figure, which the console page renders, the CLI
 * prints as --json, and the exports write. Nothing is computed twice.
 */
import type { RegionProfile } from '../../core/domain/profiles/profile';
import { calendarOf } from '../reference/calendar';
import type { IntakeRepository } from '../store/repository';
import type { CountedRow } from '../store/console-store';
import type { HandoverFacts, PlanFacts } from './facts';
import { applications, budgets, countedRows, duplicates, type ApplicationRow, type BudgetRow, type BudgetTotal, type DuplicateGroup, type Exclusions, type SourceFigures } from './rules';
import { compliance, type ComplianceTable } from './compliance';
import { isoDateIn } from '../../core/domain/format/waktu';

export interface Consolidation {
  generatedAt: string;
  /** The budget year asked for; null: every year. */
  year: number | null;
  counted: { plans: number; bundles: number; reports: number };
  excluded: Exclusions & { refused: number };
  budgets: { rows: BudgetRow[]; totals: BudgetTotal[]; grandTotal: SourceFigures };
  duplicates: DuplicateGroup[];
  applications: ApplicationRow[];
  /** null when the region is not known (no --region and no submission names a profile). */
  compliance: ComplianceTable | null;
  complianceNote: string | null;
  /** Packages refused at their checks, newest first: never counted, shown with their reason. */
  refused: { id: string; opd: string; type: string; period: string; updatedAt: string; code: string; message: string }[];
}

/** The region whose calendar judges compliance: asked for, else the one most submissions name. */
export function regionOf(rows: readonly CountedRow[], profiles: readonly RegionProfile[], asked: string | null): RegionProfile | null {
  if (asked) return profiles.find((p) => p.id === asked) ?? null;
  const counts = new Map<string, number>();
  for (const r of rows) if (r.profileId) counts.set(r.profileId, (counts.get(r.profileId) ?? 0) + 1);
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return best ? (profiles.find((p) => p.id === best[0]) ?? null) : null;
}

export async function consolidate(
  repo: IntakeRepository,
  options: { year: number | null; region: string | null; profiles: readonly RegionProfile[]; now: Date },
): Promise<Consolidation> {
  const [all, opds, exclusions, refused, refusedCount] = await Promise.all([
    repo.console.committedFacts(),
    repo.listOpds(),
    repo.console.listExclusions(),
    repo.console.refused(200),
    repo.console.count({ view: 'gagal' }),
  ]);
  const names = new Map(opds.map((o) => [o.code, o.name]));
  const { counted, excluded } = countedRows(all);
  const plans: { row: CountedRow; facts: PlanFacts }[] = [];
  const bundles: { row: CountedRow; facts: HandoverFacts }[] = [];
  const reports: CountedRow[] = [];
  for (const row of counted) {
    const facts = row.facts as { kind?: string } | null;
    if (row.type === 'laporan') {
      if (options.year === null || row.period.slice(0, 4) === String(options.year)) reports.push(row);
    }
    else if (row.type === 'rencana-aksi' && facts?.kind === 'rencana-aksi') {
      if (options.year === null || (facts as PlanFacts).year === options.year) plans.push({ row, facts: facts as PlanFacts });
    } else if (row.type === 'serah-terima' && facts?.kind === 'serah-terima') {
      const f = facts as HandoverFacts;
      if (options.year === null || f.application.fundingYear === options.year) bundles.push({ row, facts: f });
    } else excluded.withoutData += 1;
  }
  const excludedKeys = new Set(exclusions.map((e) => `${e.submissionId}\u0000${e.activityKey}`));
  const region = regionOf(all, options.profiles, options.region);
  const zone = region?.timeZone ?? 'WIB';
  const today = isoDateIn(options.now, zone);
  const complianceYear = options.year ?? Number(today.slice(0, 4));
  let complianceTable: ComplianceTable | null = null;
  let complianceNote: string | null = null;
  if (region) {
    complianceTable = compliance({
      calendar: calendarOf(region, complianceYear),
      year: complianceYear,
      opds,
      reports: all.filter((r) => r.type === 'laporan'),
      counted: reports,
      today,
      timeZone: zone,
    });
  } else {
    complianceNote = options.region
      ? `Profil wilayah "${options.region}" tidak dikenal server ini; pilih salah satu: ${options.profiles.map((p) => p.id).join(', ')}.`
      : 'Wilayah belum diketahui: belum ada pengiriman yang menyebut profil wilayah. Pilih wilayahnya (--region, atau pilihan Wilayah di halaman ini).';
  }
  return {
    generatedAt: options.now.toISOString(),
    year: options.year,
    counted: { plans: plans.length, bundles: bundles.length, reports: reports.length },
    excluded: { ...excluded, refused: refusedCount },
    budgets: budgets(plans, names),
    duplicates: duplicates(plans, names, excludedKeys),
    applications: applications(bundles, names),
    compliance: complianceTable,
    complianceNote,
    refused,
  };
}
