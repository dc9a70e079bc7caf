/**
 * Totals and findings of a plan, computed from the text the officer wrote. One
 * pure function, so the editor runs it on every keystroke and the CLI, the
 * import and the save run exactly the same rules (issue: "live in the editor
 * and the same in the CLI").
 */
import {
  FIELD_NAMES,
  FUNDING_SOURCES,
  FUNDING_SOURCE_LABELS,
  type ColumnField,
  type FundingSource,
  type RencanaAksiPlan,
} from './model';
import { readDurasi } from './duration';
import { readSumberDaya } from './money';
import { catalogDuplicates, type CatalogIndex } from './catalog';
import { editorRowIndex, type RowIndex } from './editor-rows';
import { comparisonKey, formatRupiah, quote } from './text';

export const FINDING_CODES = [
  'OUTPUT_KOSONG',
  'TAHAP_KOSONG',
  'PELAKSANA_KOSONG',
  'DURASI_KOSONG',
  'SUMBER_DAYA_KOSONG',
  'SUMBER_DANA_KOSONG',
  'ANGGARAN_KOSONG',
  'INDIKATOR_KOSONG',
  'INDIKATOR_TIDAK_TERUKUR',
  'DURASI_TIDAK_TERBACA',
  'ANGGARAN_TIDAK_TERBACA',
  'TAHAP_GANDA',
  'KEGIATAN_GANDA_KATALOG',
  'KEGIATAN_TANPA_OUTPUT',
  'OUTPUT_TANPA_TAHAP',
  'TOTAL_TIDAK_COCOK',
  'TOTAL_TIDAK_TERBACA',
  'TOTAL_TERLALU_BESAR',
  'BARIS_DIABAIKAN',
  'BULAN_MULAI_TIDAK_TERBACA',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export type Severity = 'error' | 'warning';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** 1-based row: of the imported file, or of the editor (see RencanaAksiPlan.source). */
  row: number;
  /** Column letter of the imported file ("D"), or the column name in the editor ("Pelaksana"). */
  column: string;
  /** Bahasa Indonesia, naming the row, the column and what to do. */
  message: string;
  field?: ColumnField;
  /** Where in the plan, so the editor can highlight the cell without counting rows. */
  at?: { activity: number; output?: number; stage?: number };
}

export type SourceAmounts = Partial<Record<FundingSource, number>>;

export interface OutputTotal {
  activity: number;
  output: number;
  name: string;
  subtotal: number;
  bySource: SourceAmounts;
}

export interface PlanTotals {
  /** Integer Rupiah of every readable amount. */
  total: number;
  /** Only sources that occur; amounts written without a source are in `unattributed`. */
  bySource: SourceAmounts;
  unattributed: number;
  byActivity: { activity: number; name: string; subtotal: number }[];
  byOutput: OutputTotal[];
  /** Per budget year (one entry: the plan's year); see consolidateTotals for many plans. */
  byYear: { year: number; total: number; bySource: SourceAmounts }[];
  /** Stages whose sumber daya could not be read: their money is not in the totals. */
  unreadableCount: number;
  /** Stages with no sumber daya at all. */
  missingCount: number;
}

export interface PlanAnalysis {
  totals: PlanTotals;
  findings: Finding[];
  stageCount: number;
  errorCount: number;
  warningCount: number;
}

export interface AnalyzeOptions {
  catalog?: CatalogIndex;
  /** 'auto' (default): the imported file's positions while the plan is as imported, else the editor's. */
  positions?: 'auto' | 'editor';
}

interface Locator {
  activity(a: number): number;
  output(a: number, o: number): number;
  stage(a: number, o: number, s: number): number;
  column(field: ColumnField): string;
  /** "Baris 7, kolom D (Pelaksana)" or "Baris 7, kolom Pelaksana". */
  where(row: number, field: ColumnField): string;
}

function isAsImported(plan: RencanaAksiPlan): boolean {
  if (!plan.source) return false;
  for (const a of plan.activities) {
    if (a.sourceRow === undefined) return false;
    for (const o of a.outputs) {
      if (o.sourceRow === undefined) return false;
      for (const s of o.stages) if (s.sourceRow === undefined) return false;
    }
  }
  return true;
}

function locatorFor(plan: RencanaAksiPlan, positions: 'auto' | 'editor'): Locator {
  const source = plan.source;
  if (positions === 'auto' && source && isAsImported(plan)) {
    const column = (field: ColumnField) => source.columns[field] ?? source.columns.output ?? 'A';
    const fieldShown = (field: ColumnField): ColumnField => (source.columns[field] ? field : 'output');
    return {
      activity: (a) => plan.activities[a]?.sourceRow ?? 0,
      output: (a, o) => plan.activities[a]?.outputs[o]?.sourceRow ?? 0,
      stage: (a, o, s) => plan.activities[a]?.outputs[o]?.stages[s]?.sourceRow ?? 0,
      column,
      where: (row, field) => `Baris ${row}, kolom ${column(field)} (${FIELD_NAMES[fieldShown(field)]})`,
    };
  }
  const index: RowIndex = editorRowIndex(plan);
  return {
    activity: (a) => index.activity[a] ?? 0,
    output: (a, o) => index.output[a]?.[o] ?? 0,
    stage: (a, o, s) => index.stage[a]?.[o]?.[s] ?? 0,
    column: (field) => FIELD_NAMES[field],
    where: (row, field) => `Baris ${row}, kolom ${FIELD_NAMES[field]}`,
  };
}

const SEVERITY: Record<FindingCode, Severity> = {
  OUTPUT_KOSONG: 'error',
  TAHAP_KOSONG: 'error',
  PELAKSANA_KOSONG: 'error',
  DURASI_KOSONG: 'error',
  SUMBER_DAYA_KOSONG: 'error',
  SUMBER_DANA_KOSONG: 'error',
  ANGGARAN_KOSONG: 'error',
  INDIKATOR_KOSONG: 'warning',
  INDIKATOR_TIDAK_TERUKUR: 'warning',
  DURASI_TIDAK_TERBACA: 'error',
  ANGGARAN_TIDAK_TERBACA: 'error',
  TAHAP_GANDA: 'warning',
  KEGIATAN_GANDA_KATALOG: 'warning',
  KEGIATAN_TANPA_OUTPUT: 'error',
  OUTPUT_TANPA_TAHAP: 'error',
  TOTAL_TIDAK_COCOK: 'error',
  TOTAL_TIDAK_TERBACA: 'warning',
  TOTAL_TERLALU_BESAR: 'error',
  BARIS_DIABAIKAN: 'warning',
  BULAN_MULAI_TIDAK_TERBACA: 'warning',
};

export function severityOf(code: FindingCode): Severity {
  return SEVERITY[code];
}

function addTo(map: SourceAmounts, source: FundingSource, amount: number): void {
  map[source] = (map[source] ?? 0) + amount;
}

/** Sources in the fixed order APBD, APBD-PROV, APBN, HIBAH, LAIN (stable JSON). */
function ordered(map: SourceAmounts): SourceAmounts {
  const out: SourceAmounts = {};
  for (const s of FUNDING_SOURCES) if (map[s] !== undefined) out[s] = map[s];
  return out;
}

export function analyzePlan(plan: RencanaAksiPlan, options: AnalyzeOptions = {}): PlanAnalysis {
  const at = locatorFor(plan, options.positions ?? 'auto');
  const findings: Finding[] = [];
  const push = (code: FindingCode, row: number, field: ColumnField, message: string, where: Finding['at']) => {
    const finding: Finding = { code, severity: SEVERITY[code], row, column: at.column(field), message, field };
    if (where) finding.at = where;
    findings.push(finding);
  };

  const bySource: SourceAmounts = {};
  let total = 0;
  let unattributed = 0;
  let unreadableCount = 0;
  let missingCount = 0;
  let stages = 0;
  const byActivity: PlanTotals['byActivity'] = [];
  const byOutput: OutputTotal[] = [];
  const seenStages = new Map<string, { row: number; output: string }>();

  plan.activities.forEach((activity, a) => {
    const activityRow = at.activity(a);
    let activitySubtotal = 0;
    if (options.catalog && activity.name.trim()) {
      const dupes = catalogDuplicates(options.catalog, activity.name, plan.opdCode, plan.year);
      if (dupes.length > 0) {
        const names = [...new Set(dupes.map((d) => `${d.opdName ? `${d.opdName} (${d.opdCode})` : d.opdCode}${d.plan ? ` dalam rencana aksi ${quote(d.plan)}` : ''}`))].slice(0, 3).join(', ');
        push(
          'KEGIATAN_GANDA_KATALOG',
          activityRow,
          'output',
          `${at.where(activityRow, 'output')}: kegiatan ${quote(activity.name)} sudah direncanakan oleh ${names} menurut katalog kegiatan Diskominfo. Program dan kegiatan tidak boleh duplikasi antar Perangkat Daerah (Pontianak Pasal 9 ayat (2)); koordinasikan atau ubah kegiatan.`,
          { activity: a },
        );
      }
    }
    if (activity.outputs.length === 0) {
      push('KEGIATAN_TANPA_OUTPUT', activityRow, 'output', `${at.where(activityRow, 'output')}: kegiatan ${quote(activity.name)} belum memiliki output; tambahkan output dan tahap pelaksanaannya.`, {
        activity: a,
      });
    }

    activity.outputs.forEach((output, o) => {
      const outputRow = at.output(a, o);
      const outputBySource: SourceAmounts = {};
      let subtotal = 0;
      const label = output.name.trim() ? quote(output.name) : '(tanpa nama)';
      if (!output.name.trim()) {
        push('OUTPUT_KOSONG', outputRow, 'output', `${at.where(outputRow, 'output')}: nama output kosong; isi output / sub output yang dihasilkan tahap-tahap di bawahnya.`, {
          activity: a,
          output: o,
        });
      }
      if (!output.indikator || (!output.indikator.target.trim() && !output.indikator.satuan.trim())) {
        push(
          'INDIKATOR_KOSONG',
          outputRow,
          'indikatorTarget',
          `${at.where(outputRow, 'indikatorTarget')}: output ${label} belum memiliki indikator (target dan satuan); rencana aksi harus spesifik, terukur dan realistis (Pontianak Pasal 9 ayat (1)).`,
          { activity: a, output: o },
        );
      } else if (!/\d/.test(output.indikator.target) || !output.indikator.satuan.trim()) {
        push(
          'INDIKATOR_TIDAK_TERUKUR',
          outputRow,
          'indikatorTarget',
          `${at.where(outputRow, 'indikatorTarget')}: indikator output ${label} belum terukur; isi target berupa angka dan satuannya (mis. target 1, satuan aplikasi).`,
          { activity: a, output: o },
        );
      }
      if (output.stages.length === 0) {
        push('OUTPUT_TANPA_TAHAP', outputRow, 'tahap', `${at.where(outputRow, 'tahap')}: output ${label} belum memiliki tahap pelaksanaan.`, {
          activity: a,
          output: o,
        });
      }

      output.stages.forEach((stage, s) => {
        stages++;
        const row = at.stage(a, o, s);
        const where = { activity: a, output: o, stage: s };
        const tahapKey = comparisonKey(stage.tahap);
        const tahapLabel = tahapKey ? quote(stage.tahap) : `pada output ${label}`;
        if (!tahapKey) {
          push('TAHAP_KOSONG', row, 'tahap', `${at.where(row, 'tahap')}: tahap pelaksanaan kosong; sebutkan kegiatan yang dikerjakan pada baris ini.`, where);
        } else {
          const first = seenStages.get(tahapKey);
          if (first) {
            push(
              'TAHAP_GANDA',
              row,
              'tahap',
              `${at.where(row, 'tahap')}: tahap ${quote(stage.tahap)} sama dengan tahap pada baris ${first.row} (output ${quote(first.output)}); hapus tahap ganda atau bedakan uraiannya.`,
              where,
            );
          } else {
            seenStages.set(tahapKey, { row, output: output.name });
          }
        }
        if (!stage.pelaksana.trim()) {
          push('PELAKSANA_KOSONG', row, 'pelaksana', `${at.where(row, 'pelaksana')}: pelaksana tahap ${tahapLabel} belum diisi (mis. "Vendor", "KOMINFO").`, where);
        }

        const durasi = readDurasi(stage.durasi.text);
        if (durasi.status === 'empty') {
          push('DURASI_KOSONG', row, 'durasi', `${at.where(row, 'durasi')}: durasi tahap ${tahapLabel} belum diisi (mis. "1 Bulan", "2 Hari, 5 Kali").`, where);
        } else if (durasi.status === 'unreadable') {
          push('DURASI_TIDAK_TERBACA', row, 'durasi', `${at.where(row, 'durasi')}: durasi ${quote(stage.durasi.text)} tidak terbaca: ${durasi.reason ?? ''}.`, where);
        }

        const money = readSumberDaya(stage.sumberDaya.text);
        switch (money.status) {
          case 'empty':
            missingCount++;
            push(
              'SUMBER_DAYA_KOSONG',
              row,
              'sumberDaya',
              `${at.where(row, 'sumberDaya')}: sumber daya tahap ${tahapLabel} belum diisi; tulis sumber dana dan jumlahnya (mis. "APBD : 10 Juta"), atau "APBD : 0" bila tanpa biaya.`,
              where,
            );
            break;
          case 'unreadable':
            unreadableCount++;
            push(
              'ANGGARAN_TIDAK_TERBACA',
              row,
              'sumberDaya',
              `${at.where(row, 'sumberDaya')}: sumber daya ${quote(stage.sumberDaya.text)} tidak terbaca: ${money.reason ?? ''}. Jumlahnya tidak dihitung dalam total.`,
              where,
            );
            break;
          case 'source-only':
            push(
              'ANGGARAN_KOSONG',
              row,
              'sumberDaya',
              `${at.where(row, 'sumberDaya')}: sumber daya ${quote(stage.sumberDaya.text)} tidak menyebut jumlah; tulis mis. "${money.value.source ? FUNDING_SOURCE_LABELS[money.value.source] : 'APBD'} : 10 Juta".`,
              where,
            );
            break;
          case 'amount-only':
            push(
              'SUMBER_DANA_KOSONG',
              row,
              'sumberDaya',
              `${at.where(row, 'sumberDaya')}: sumber daya ${quote(stage.sumberDaya.text)} tidak menyebut sumber dana (APBD, APBD Provinsi, APBN, Hibah, atau Lainnya); jumlahnya dihitung dalam total tanpa sumber.`,
              where,
            );
            break;
          case 'ok':
            break;
        }
        const amount = money.value.amount;
        if (amount !== undefined) {
          subtotal += amount;
          total += amount;
          if (money.value.source) {
            addTo(bySource, money.value.source, amount);
            addTo(outputBySource, money.value.source, amount);
          } else {
            unattributed += amount;
          }
        }
      });
      activitySubtotal += subtotal;
      byOutput.push({ activity: a, output: o, name: output.name, subtotal, bySource: ordered(outputBySource) });
    });
    byActivity.push({ activity: a, name: activity.name, subtotal: activitySubtotal });
  });

  if (!Number.isSafeInteger(total)) {
    push('TOTAL_TERLALU_BESAR', 1, 'sumberDaya', `Total anggaran melebihi batas hitung yang tepat; periksa jumlah-jumlah yang sangat besar.`, undefined);
  }

  const stated = plan.source?.statedTotal;
  if (stated && options.positions !== 'editor' && isAsImported(plan)) {
    const reading = readSumberDaya(stated.text);
    const where = `Baris ${stated.row}, kolom ${stated.column} (Jumlah)`;
    if (reading.value.amount === undefined) {
      findings.push({
        code: 'TOTAL_TIDAK_TERBACA',
        severity: SEVERITY.TOTAL_TIDAK_TERBACA,
        row: stated.row,
        column: stated.column,
        message: `${where}: jumlah ${quote(stated.text)} tidak terbaca, sehingga tidak dapat dibandingkan dengan total hasil hitung ${formatRupiah(total)}.`,
      });
    } else if (reading.value.amount !== total) {
      const diff = Math.abs(reading.value.amount - total);
      findings.push({
        code: 'TOTAL_TIDAK_COCOK',
        severity: SEVERITY.TOTAL_TIDAK_COCOK,
        row: stated.row,
        column: stated.column,
        message: `${where}: jumlah tertulis ${formatRupiah(reading.value.amount)} tidak sama dengan total hasil hitung ${formatRupiah(total)} (selisih ${formatRupiah(diff)}).`,
      });
    }
  }

  const sources = ordered(bySource);
  const totals: PlanTotals = {
    total,
    bySource: sources,
    unattributed,
    byActivity,
    byOutput,
    byYear: [{ year: plan.year, total, bySource: sources }],
    unreadableCount,
    missingCount,
  };
  let errorCount = 0;
  for (const f of findings) if (f.severity === 'error') errorCount++;
  return { totals, findings, stageCount: stages, errorCount, warningCount: findings.length - errorCount };
}

/** Diskominfo's consolidation (Prabumulih 6(4), Pontianak 9(3)): totals per year and source over many plans. */
export function consolidateTotals(plans: readonly { year: number; totals: PlanTotals }[]): { year: number; total: number; bySource: SourceAmounts; unattributed: number }[] {
  const years = new Map<number, { total: number; bySource: SourceAmounts; unattributed: number }>();
  for (const p of plans) {
    const entry = years.get(p.year) ?? { total: 0, bySource: {}, unattributed: 0 };
    entry.total += p.totals.total;
    entry.unattributed += p.totals.unattributed;
    for (const s of FUNDING_SOURCES) {
      const amount = p.totals.bySource[s];
      if (amount !== undefined) addTo(entry.bySource, s, amount);
    }
    years.set(p.year, entry);
  }
  return [...years.entries()].sort(([a], [b]) => a - b).map(([year, e]) => ({ year, total: e.total, bySource: ordered(e.bySource), unattributed: e.unattributed }));
}
