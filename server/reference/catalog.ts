/**
 * The catalog of accepted activities (PROTOCOL.md §9.2), in the JSON form
 * core/domain/rencana-aksi/catalog.ts reads: one entry per activity of every
 * accepted rencana aksi, the newest accepted revision of a chain only.
 */
import type { Catalog, CatalogEntry } from '../../core/domain/rencana-aksi/catalog';
import { CATALOG_FORMAT } from '../../core/domain/rencana-aksi/catalog';
import type { SubmissionRecord } from '../store/repository';

export const DATA_JSON = 'data/data.json';

function textOf(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, max) : undefined;
}

/** Entries from one accepted submission's data.json; nothing when it holds no readable plan. */
export function entriesFromDataJson(record: Pick<SubmissionRecord, 'opd' | 'period'>, opdName: string, bytes: Uint8Array): CatalogEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return [];
  }
  if (typeof data !== 'object' || data === null) return [];
  const root = data as Record<string, unknown>;
  const plan = (typeof root.plan === 'object' && root.plan !== null ? root.plan : root) as Record<string, unknown>;
  if (!Array.isArray(plan.activities)) return [];
  const periodYear = Number(record.period.slice(0, 4));
  const year = Number.isInteger(plan.year) && (plan.year as number) >= 2000 && (plan.year as number) <= 2100 ? (plan.year as number) : periodYear;
  const programCode = textOf(plan.programCode, 64);
  const entries: CatalogEntry[] = [];
  for (const raw of plan.activities as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const activity = raw as Record<string, unknown>;
    const name = textOf(activity.name, 500);
    if (!name) continue;
    const firstOutput = Array.isArray(activity.outputs) ? (activity.outputs[0] as Record<string, unknown> | undefined) : undefined;
    const output = textOf(firstOutput?.name, 500);
    const entry: CatalogEntry = { opdCode: record.opd, opdName: opdName.slice(0, 300), activity: name };
    if (Number.isInteger(year)) entry.year = year;
    if (output) entry.output = output;
    if (programCode) entry.programCode = programCode;
    entries.push(entry);
  }
  return entries;
}

/** Accepted submissions that no later accepted revision replaces. */
export function newestAccepted(records: readonly SubmissionRecord[]): SubmissionRecord[] {
  const replaced = new Set(records.map((r) => r.revisionOf).filter((id): id is string => id !== null));
  return records.filter((r) => !replaced.has(r.id));
}

export function catalogJson(entries: CatalogEntry[], issuedBy: string, issuedAt: string): Catalog & { format: string; version: 1 } {
  return { format: CATALOG_FORMAT, version: 1, issuedBy, issuedAt, entries };
}
