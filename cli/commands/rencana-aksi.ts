import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from '../command';
import { dataDirOption, parseCommandArgs, printJson } from '../command';
import { withWorkspace } from '../session';
import { BerkasError } from '../../core/domain/errors';
import { writeFileAtomic } from '../../core/adapters/fs-atomic';
import { FUNDING_SOURCE_LABELS, FUNDING_SOURCES, LIMITS, formatRupiah, formatThousands, type RencanaAksiImportResult } from '../../core/domain/rencana-aksi';

/** Reads an input file as base64 for the contract, with messages that name the file. */
async function readInput(file: string): Promise<{ fileName: string; contentBase64: string }> {
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BerkasError('FILE_NOT_FOUND', code === 'ENOENT' ? `Berkas ${file} tidak ditemukan.` : `Berkas ${file} tidak dapat dibuka (${code ?? 'galat'}).`, { file });
  }
  if (size > LIMITS.maxFileBytes) {
    throw new BerkasError(
      'FILE_TOO_LARGE',
      `Berkas ${file} berukuran ${formatThousands(Math.ceil(size / 1024))} KB, melebihi batas ${formatThousands(LIMITS.maxFileBytes / 1024 / 1024)} MB (baris dan kolom tidak dibaca).`,
      { file },
    );
  }
  const bytes = await fs.readFile(file);
  return { fileName: path.basename(file), contentBase64: bytes.toString('base64') };
}

function yearOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new BerkasError('USAGE', `--year harus tahun 2000–2100, bukan "${value}".`);
  return year;
}

/** The JSON of issue 3 item 6, with integer amounts and null where a value could not be read. */
export function importJson(result: RencanaAksiImportResult) {
  const subtotals = result.analysis.totals.byOutput;
  return {
    activities: result.plan.activities.map((activity, a) => ({
      name: activity.name,
      outputs: activity.outputs.map((output, o) => ({
        name: output.name,
        subtotal: subtotals.find((t) => t.activity === a && t.output === o)?.subtotal ?? 0,
        stages: output.stages.map((s) => ({
          tahap: s.tahap,
          metode: s.metode,
          pelaksana: s.pelaksana,
          durasi: { text: s.durasi.text, days: s.durasi.days ?? null },
          sumberDaya: { text: s.sumberDaya.text, source: s.sumberDaya.source ?? null, amount: s.sumberDaya.amount ?? null },
        })),
      })),
    })),
    bySource: result.analysis.totals.bySource,
    total: result.analysis.totals.total,
    findings: result.analysis.findings.map((f) => ({ code: f.code, row: f.row, column: f.column, message: f.message })),
  };
}

function printSummary(result: RencanaAksiImportResult): void {
  const { plan, analysis } = result;
  const t = analysis.totals;
  const out: string[] = [`Rencana aksi: ${plan.title} (tahun ${plan.year}${plan.opdCode ? `, OPD ${plan.opdCode}` : ''})`];
  plan.activities.forEach((activity, a) => {
    out.push(`  Kegiatan: ${activity.name}`);
    activity.outputs.forEach((output, o) => {
      const subtotal = t.byOutput.find((x) => x.activity === a && x.output === o)?.subtotal ?? 0;
      out.push(`    ${output.name || '(tanpa nama)'} — ${output.stages.length} tahap, ${formatRupiah(subtotal)}`);
    });
  });
  const sources = FUNDING_SOURCES.filter((s) => t.bySource[s] !== undefined).map((s) => `${FUNDING_SOURCE_LABELS[s]} ${formatRupiah(t.bySource[s] ?? 0)}`);
  if (t.unattributed > 0) sources.push(`tanpa sumber ${formatRupiah(t.unattributed)}`);
  out.push(`Per sumber dana: ${sources.join(', ') || '-'}`);
  out.push(`Total: ${formatRupiah(t.total)}${t.unreadableCount > 0 ? ` (belum termasuk ${t.unreadableCount} tahap yang anggarannya tidak terbaca)` : ''}`);
  out.push(`Temuan: ${analysis.errorCount} galat, ${analysis.warningCount} peringatan`);
  for (const f of analysis.findings) out.push(`  [${f.code}] ${f.message}`);
  process.stdout.write(out.join('\n') + '\n');
}

const importCommand: Command = {
  name: 'rencana-aksi import',
  summary: 'Membaca rencana aksi dari .tsv/.csv/.xlsx: total per sumber dana dan temuan',
  usage: 'berkas rencana-aksi import BERKAS [--json] [--save] [--opd KODE] [--year TAHUN] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { ...dataDirOption, json: { type: 'boolean' }, save: { type: 'boolean' }, opd: { type: 'string' }, year: { type: 'string' } },
      this.usage,
    );
    if (positionals.length !== 1) throw new BerkasError('USAGE', `Sebutkan satu berkas.\nPemakaian: ${this.usage}`);
    const input = await readInput(positionals[0] ?? '');
    const year = yearOption(values.year);
    return withWorkspace(values['data-dir'], async (api) => {
      const result = await api.rencanaAksiImport({
        ...input,
        ...(values.opd ? { opdCode: values.opd } : {}),
        ...(year !== undefined ? { year } : {}),
        shouldSave: values.save === true,
      });
      // Saved: the id first, for the next verb of a script (berkas documents sign ID).
      if (values.json) printJson(result.saved ? { id: result.plan.id, revision: result.saved.revision, ...importJson(result) } : importJson(result));
      else printSummary(result);
      if (result.saved && !values.json) process.stdout.write(`Tersimpan dengan id ${result.plan.id} (revisi ${result.saved.revision}).\n`);
      return 0;
    });
  },
};

const exportCommand: Command = {
  name: 'rencana-aksi export',
  summary: 'Menulis rencana aksi (dari berkas atau tersimpan) ke .xlsx atau .csv',
  usage: 'berkas rencana-aksi export (BERKAS | --id ID) --to KELUARAN.xlsx|KELUARAN.csv [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, to: { type: 'string' }, id: { type: 'string' } }, this.usage);
    const to = values.to;
    if (!to) throw new BerkasError('USAGE', `--to wajib diisi.\nPemakaian: ${this.usage}`);
    const ext = path.extname(to).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.csv') throw new BerkasError('USAGE', `--to harus berakhiran .xlsx atau .csv, bukan "${ext || to}".`);
    const format = ext === '.xlsx' ? 'xlsx' : 'csv';
    if ((positionals.length === 1) === Boolean(values.id)) throw new BerkasError('USAGE', `Sebutkan satu berkas atau --id.\nPemakaian: ${this.usage}`);
    const input = positionals.length === 1 ? await readInput(positionals[0] ?? '') : undefined;
    return withWorkspace(values['data-dir'], async (api) => {
      const exported = input
        ? await api.rencanaAksiExport({ format, plan: (await api.rencanaAksiImport(input)).plan })
        : await api.rencanaAksiExport({ format, id: values.id ?? '' });
      await writeFileAtomic(path.resolve(to), Buffer.from(exported.contentBase64, 'base64'));
      process.stderr.write(`Ditulis: ${to}\n`);
      return 0;
    });
  },
};

const listCommand: Command = {
  name: 'rencana-aksi list',
  summary: 'Daftar rencana aksi tersimpan',
  usage: 'berkas rencana-aksi list [--json] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage, false);
    return withWorkspace(values['data-dir'], async (api) => {
      const list = await api.rencanaAksiList({});
      if (values.json) printJson(list);
      else for (const p of list) process.stdout.write(`${p.id}  ${p.year}  ${formatRupiah(p.total).padStart(20)}  ${p.title}\n`);
      return 0;
    });
  },
};

const catalogImportCommand: Command = {
  name: 'rencana-aksi catalog import',
  summary: 'Memasang katalog kegiatan OPD lain dari Diskominfo (JSON/CSV/XLSX) untuk cek duplikasi',
  usage: 'berkas rencana-aksi catalog import BERKAS [--json] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage);
    if (positionals.length !== 1) throw new BerkasError('USAGE', `Sebutkan satu berkas katalog.\nPemakaian: ${this.usage}`);
    const input = await readInput(positionals[0] ?? '');
    return withWorkspace(values['data-dir'], async (api) => {
      const info = await api.rencanaAksiCatalogImport(input);
      if (values.json) printJson(info);
      else process.stdout.write(`Katalog ${info.fileName}: ${info.entryCount} kegiatan dari ${info.opdCount} OPD${info.issuedBy ? ` (${info.issuedBy})` : ''}.\n`);
      return 0;
    });
  },
};

export const rencanaAksiCommands: Command[] = [importCommand, exportCommand, listCommand, catalogImportCommand];
