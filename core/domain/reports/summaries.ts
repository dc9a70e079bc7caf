/**
 * The figures behind the charts (and in data.json): devices per condition and
 * category, availability per application per month.
 */
import type { ReportType } from '../profiles/profile';
import { assetFieldOf, definitionFor, type ReportDefinition } from './definitions';
import { categoryCounts, conditionCounts, type CountEntry } from './assets';
import type { ReportTypeInfo } from './model';
import { monthsOf, type Period } from './periods';
import { isTableValue, parseNumberId, type ReportData } from './values';

export interface AvailabilitySeries {
  name: string;
  /** Target availability (%), when the application has one. */
  target: number | null;
  /** One value per month of the period; null where nothing was recorded. */
  values: (number | null)[];
  users: (number | null)[];
  transactions: (number | null)[];
  incidents: (number | null)[];
}

export interface AvailabilityChart {
  months: string[];
  series: AvailabilitySeries[];
}

export function availabilityChart(def: ReportDefinition, data: ReportData, period: Period): AvailabilityChart | null {
  const table = def.fields.find((f) => f.kind === 'table' && f.carry === 'monthly');
  if (!table?.monthKey || !table.monthColumn) return null;
  const rows = data[table.key];
  if (!isTableValue(rows)) return null;
  const months = period.kind === 'insidental' ? [...new Set(rows.map((r) => r.cells[table.monthColumn as string] ?? ''))].filter(Boolean).sort() : monthsOf(period);
  const targets = new Map<string, number>();
  const apps = data.layanan;
  if (isTableValue(apps)) {
    for (const a of apps) {
      const t = parseNumberId(a.cells.target ?? '');
      if (a.cells.nama && t !== null) targets.set(a.cells.nama.trim().toLowerCase(), t);
    }
  }
  const byApp = new Map<string, AvailabilitySeries>();
  for (const r of rows) {
    const name = (r.cells[table.monthKey] ?? '').trim();
    const i = months.indexOf((r.cells[table.monthColumn] ?? '').trim());
    if (!name || i < 0) continue;
    let s = byApp.get(name.toLowerCase());
    if (!s) {
      const empty = () => months.map(() => null);
      s = { name, target: targets.get(name.toLowerCase()) ?? null, values: empty(), users: empty(), transactions: empty(), incidents: empty() };
      byApp.set(name.toLowerCase(), s);
    }
    s.values[i] = parseNumberId(r.cells.ketersediaan ?? '');
    s.users[i] = parseNumberId(r.cells.pengguna ?? '');
    s.transactions[i] = parseNumberId(r.cells.transaksi ?? '');
    s.incidents[i] = parseNumberId(r.cells.insiden ?? '');
  }
  return { months, series: [...byApp.values()] };
}

export interface AssetSummary {
  total: number;
  byCondition: CountEntry[];
  byCategory: CountEntry[];
}

export function assetSummary(def: ReportDefinition, data: ReportData): AssetSummary | null {
  const field = assetFieldOf(def);
  if (!field) return null;
  const rows = data[field.key];
  const list = isTableValue(rows) ? rows : [];
  return { total: list.length, byCondition: conditionCounts(list), byCategory: categoryCounts(list) };
}

/** The figures of every chart the type has, keyed by chart. */
export function reportSummaries(def: ReportDefinition, data: ReportData, period: Period): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const assets = assetSummary(def, data);
  if (assets) out.aset = assets;
  const availability = availabilityChart(def, data, period);
  if (availability) out.ketersediaan = availability;
  return out;
}

/** A profile's report type with the fields Berkas knows for it. */
export function typeInfo(type: ReportType): ReportTypeInfo {
  const def = definitionFor(type.key);
  return {
    key: type.key,
    name: type.name,
    period: type.period,
    article: type.article,
    dueDays: type.dueDays,
    isUrgent: type.isUrgent === true,
    basis: type.basis ?? null,
    summary: def.summary,
    summaryEn: def.summaryEn,
    orientation: def.orientation,
    charts: def.charts,
    fields: def.fields,
  };
}

export function reportTitle(typeName: string, period: Period): string {
  return `${typeName} — ${period.label}`;
}
