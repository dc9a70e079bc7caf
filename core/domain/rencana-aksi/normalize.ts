/**
 * One canonical form of a plan: text trimmed, numbers re-derived from text,
 * empty optional parts dropped. Import and save both store this form, which is
 * also what makes "export, re-import" give back the same plan.
 */
import type { Activity, Indikator, Kak, Output, RencanaAksiPlan, Stage } from './model';
import { readDurasi } from './duration';
import { readSumberDaya } from './money';
import { cleanCell } from './text';

/** Multi-line cells keep their line breaks; each line is trimmed, blank edges removed. */
function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(cleanCell)
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** Single-line names (output, kegiatan, title). */
function cleanName(text: string): string {
  return cleanCell(text.replace(/\s*[\r\n]+\s*/g, ' '));
}

function normalizeStage(stage: Stage): Stage {
  const out: Stage = {
    tahap: cleanText(stage.tahap),
    metode: cleanText(stage.metode),
    pelaksana: cleanText(stage.pelaksana),
    durasi: readDurasi(cleanName(stage.durasi.text)).value,
    sumberDaya: readSumberDaya(cleanName(stage.sumberDaya.text)).value,
  };
  if (stage.sourceRow !== undefined) out.sourceRow = stage.sourceRow;
  return out;
}

function normalizeIndikator(indikator: Indikator | undefined): Indikator | undefined {
  if (!indikator) return undefined;
  const target = cleanName(indikator.target);
  const satuan = cleanName(indikator.satuan);
  return target || satuan ? { target, satuan } : undefined;
}

function normalizeKak(kak: Kak | undefined): Kak | undefined {
  if (!kak) return undefined;
  const out: Kak = {
    latarBelakang: cleanText(kak.latarBelakang),
    maksudTujuan: cleanText(kak.maksudTujuan),
    sasaran: cleanText(kak.sasaran),
    keluaran: cleanText(kak.keluaran),
    waktu: cleanText(kak.waktu),
    biaya: cleanText(kak.biaya),
  };
  return Object.values(out).some((v) => v !== '') ? out : undefined;
}

function normalizeOutput(output: Output): Output {
  const out: Output = { name: cleanName(output.name), stages: output.stages.map(normalizeStage) };
  const subOutputs = (output.subOutputs ?? []).map(cleanName).filter((s) => s !== '');
  if (subOutputs.length > 0) out.subOutputs = subOutputs;
  const indikator = normalizeIndikator(output.indikator);
  if (indikator) out.indikator = indikator;
  const kak = normalizeKak(output.kak);
  if (kak) out.kak = kak;
  // January is the default: stored only when it says something.
  if (output.startMonth !== undefined && Number.isInteger(output.startMonth) && output.startMonth >= 2 && output.startMonth <= 12) out.startMonth = output.startMonth;
  if (output.sourceRow !== undefined) out.sourceRow = output.sourceRow;
  return out;
}

function normalizeActivity(activity: Activity): Activity {
  const out: Activity = { name: cleanName(activity.name), outputs: activity.outputs.map(normalizeOutput) };
  if (activity.sourceRow !== undefined) out.sourceRow = activity.sourceRow;
  return out;
}

export function normalizePlan(plan: RencanaAksiPlan): RencanaAksiPlan {
  const out: RencanaAksiPlan = {
    id: plan.id,
    opdCode: cleanName(plan.opdCode),
    year: plan.year,
    title: cleanName(plan.title),
    activities: plan.activities.map(normalizeActivity),
  };
  const programCode = cleanName(plan.programCode ?? '');
  if (programCode) out.programCode = programCode;
  if (plan.source) out.source = plan.source;
  return out;
}
