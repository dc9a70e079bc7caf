/**
 * `berkas report ...` (issue 6 item 6): the report types of a region
 * profile, the due calendar, and a signed report PDF (with its data.json)
 * made from a data file. `--today` fixes the calendar date (the hour still
 * follows the computer), for scripts and tests that must see a given day.
 */
import path from 'node:path';
import type { Command } from '../command';
import { dataDirOption, parseCommandArgs, printJson } from '../command';
import { withWorkspace, withoutWorkspace } from '../session';
import { openKey, readLimited } from '../signing-key';
import { BerkasError } from '../../core/domain/errors';
import { writeFileAtomic } from '../../core/adapters/fs-atomic';
import type { Services } from '../../core/app/services';
import type { BerkasApi } from '../../core/api/contract';
import type { Clock } from '../../core/ports';
import { MAX_ASSET_FILE_BYTES } from '../../core/services/reports/reports-service';
import { uncertifiedLabel } from '../../core/domain/signing/certificate';
import { MAX_ATTACHMENT_BYTES } from '../../core/domain/reports/attachments';
import { definitionFor, parseIsoDate, readReportDataFile, type DueStatus, type FieldDef, type ReportTypeInfo } from '../../core/domain/reports';

/**
 * A clock whose calendar date is `day` ("YYYY-MM-DD") and whose time of day
 * is the computer's, so records keep their order while the due calendar,
 * the event checks and the signing date see the chosen day.
 */
export function fixedDayClock(day: string): Clock {
  const p = parseIsoDate(day);
  if (!p) throw new BerkasError('USAGE', `--today "${day}" bukan tanggal; tulis TTTT-BB-HH, misalnya 2026-11-22.`);
  return {
    now() {
      const d = new Date();
      d.setFullYear(p.year, p.month - 1, p.day);
      return d;
    },
  };
}

/** Opens the workspace of --data-dir (with the --today clock), runs `fn` with an in-process client and the services, closes it. */
function withReportWorkspace<T>(dataDir: string | undefined, today: string | undefined, fn: (api: BerkasApi, services: Services) => Promise<T>): Promise<T> {
  return withWorkspace(dataDir, fn, today ? { clock: fixedDayClock(today) } : {});
}

function fieldJson(f: FieldDef) {
  return {
    key: f.key,
    label: f.label,
    kind: f.kind,
    isRequired: f.isRequired === true,
    ...(f.options ? { options: f.options.map((o) => o.value) } : {}),
    ...(f.columns
      ? {
          columns: f.columns.map((c) => ({
            key: c.key,
            label: c.label,
            kind: c.kind,
            isRequired: c.isRequired === true,
            ...(c.options ? { options: c.options.map((o) => o.value) } : {}),
          })),
        }
      : {}),
    ...(f.accept ? { accept: f.accept } : {}),
    ...(f.isEventDate ? { isEventDate: true } : {}),
  };
}

function typeJson(t: ReportTypeInfo) {
  return { key: t.key, name: t.name, period: t.period, article: t.article, dueDays: t.dueDays, isUrgent: t.isUrgent, fields: t.fields.map(fieldJson) };
}

const PERIOD_WORD = { triwulan: 'triwulanan', semester: 'semesteran', tahunan: 'tahunan', insidental: 'setiap kejadian' } as const;
const STATUS_WORD: Record<DueStatus, string> = { belum: 'belum', terlambat: 'TERLAMBAT', selesai: 'selesai' };

const reportTypes: Command = {
  name: 'report types',
  summary: 'Jenis laporan menurut profil daerah: periode, pasal, dan kolomnya',
  usage: 'berkas report types [--profile ID] [--json] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, profile: { type: 'string' }, json: { type: 'boolean' } }, this.usage, false);
    return withoutWorkspace(values['data-dir'], async (services) => {
      const types = await services.profiles.reportTypes(values.profile);
      if (values.json) printJson(types.map(typeJson));
      else
        for (const t of types) {
          process.stdout.write(`${t.key.padEnd(16)} ${t.name} — ${PERIOD_WORD[t.period]}, ${t.article}${t.isUrgent ? ' (MENDESAK)' : ''}\n`);
          process.stdout.write(`${' '.repeat(17)}kolom: ${t.fields.map((f) => `${f.key}${f.isRequired ? '*' : ''}`).join(', ')}\n`);
        }
      return 0;
    });
  },
};

const reportDue: Command = {
  name: 'report due',
  summary: 'Kalender tenggat laporan: jenis, periode, tenggat, status (belum/terlambat/selesai)',
  usage: 'berkas report due [--json] [--today TTTT-BB-HH] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' }, today: { type: 'string' } }, this.usage, false);
    return withReportWorkspace(values['data-dir'], values.today, async (api) => {
      const due = await api.reportDue({});
      const items = due.items.map((i) => ({
        type: i.typeKey,
        name: i.typeName,
        period: i.period,
        periodLabel: i.periodLabel,
        dueDate: i.dueDate,
        status: i.status,
        isUrgent: i.isUrgent,
        reportId: i.reportId,
        days: i.days,
        // Where the period's report stands in the document lifecycle (issue 13): what is missing before it counts.
        state: i.state,
        stateLabel: i.stateLabel,
      }));
      if (values.json) printJson(items);
      else {
        process.stdout.write(`Hari ini: ${due.today}\n`);
        for (const i of items) {
          const late = i.status === 'terlambat' ? ` (${i.days} hari)` : '';
          process.stdout.write(
            `${STATUS_WORD[i.status].padEnd(9)} ${(i.dueDate ?? 'tanpa tenggat').padEnd(13)} ${i.name} — ${i.periodLabel}${late}${i.isUrgent ? ' [MENDESAK]' : ''}${i.stateLabel && i.status !== 'selesai' ? `: ${i.stateLabel.toLowerCase()}` : ''}\n`,
          );
        }
      }
      return 0;
    });
  },
};

const reportCreate: Command = {
  name: 'report create',
  summary: 'Menyusun laporan dari berkas data JSON, lalu PDF/A bertanda tangan (PAdES) dan data JSON-nya',
  usage:
    'berkas report create JENIS --period PERIODE --data DATA.json --out LAPORAN.pdf (--p12 BERKAS.p12 --password-env VAR | --self-signed | --certificate ID) [--assets ASET.xlsx] [--json-out DATA-LAPORAN.json] [--tsa URL] [--today TTTT-BB-HH] [--json] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        ...dataDirOption,
        period: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        assets: { type: 'string' },
        'json-out': { type: 'string' },
        p12: { type: 'string' },
        'password-env': { type: 'string' },
        'self-signed': { type: 'boolean' },
        certificate: { type: 'string' },
        tsa: { type: 'string' },
        today: { type: 'string' },
        json: { type: 'boolean' },
      },
      this.usage,
    );
    const typeKey = positionals[0];
    if (positionals.length !== 1 || !typeKey) throw new BerkasError('USAGE', `Sebutkan satu jenis laporan (lihat "berkas report types").\nPemakaian: ${this.usage}`);
    if (!values.period) throw new BerkasError('USAGE', `--period wajib diisi, misalnya 2026-Q3, 2026-S1, 2026, atau tanggal kejadian 2026-07-14.\nPemakaian: ${this.usage}`);
    if (!values.data) throw new BerkasError('USAGE', `--data wajib diisi.\nPemakaian: ${this.usage}`);
    if (!values.out) throw new BerkasError('USAGE', `--out wajib diisi.\nPemakaian: ${this.usage}`);
    const out = values.out;
    const jsonOut = values['json-out'] ?? out.replace(/(\.pdf)?$/i, '.json');
    const dataFile = values.data;
    const period = values.period;
    const text = new TextDecoder().decode(await readLimited(dataFile, 50 * 1024 * 1024, 'Berkas data'));
    return withReportWorkspace(values['data-dir'], values.today, async (api, services) => {
      const types = await api.reportTypes({});
      const type = types.find((t) => t.key === typeKey);
      if (!type)
        throw new BerkasError(
          'REPORT_TYPE_UNKNOWN',
          `Jenis laporan "${typeKey}" tidak ada dalam profil daerah yang aktif; yang ada: ${types.map((t) => t.key).join(', ') || '-'}.`,
        );
      const parsed = readReportDataFile(path.basename(dataFile), definitionFor(type.key), text, () => globalThis.crypto.randomUUID());
      const key = await openKey(values, services, this.usage);
      // A report already made for this period is updated (a new revision), not duplicated.
      const existing = type.period === 'insidental' ? undefined : (await api.reportList({})).find((r) => r.typeKey === type.key && r.period.code === period.trim().toUpperCase());
      let report = await api.reportSave({ typeKey: type.key, period, data: parsed.data, ...(existing ? { id: existing.id } : {}) });
      if (existing) process.stderr.write(`Perhatian: ${report.title} sudah ada; isinya diganti dengan ${dataFile} (revisi ${report.revision}).\n`);
      for (const a of parsed.attachmentPaths) {
        const file = path.resolve(path.dirname(dataFile), a.path);
        const bytes = await readLimited(file, MAX_ATTACHMENT_BYTES, 'Lampiran');
        report = await api.reportAttach({ id: report.id, field: a.field, fileName: path.basename(file), contentBase64: Buffer.from(bytes).toString('base64') });
      }
      if (values.assets) {
        const bytes = await readLimited(values.assets, MAX_ASSET_FILE_BYTES, 'Berkas aset');
        const imported = await api.assetImport({ id: report.id, fileName: path.basename(values.assets), contentBase64: Buffer.from(bytes).toString('base64') });
        for (const f of imported.import.findings) process.stderr.write(`Perhatian [${f.code}]: ${f.message}\n`);
        report = imported.report;
      }
      for (const f of report.findings.filter((x) => x.severity === 'warning')) process.stderr.write(`Perhatian [${f.code}]: ${f.message}\n`);
      const signed = await services.reports.sign(report.id, services.signing.signerWith(key.handle, key.isCertified, values.tsa));
      await writeFileAtomic(out, signed.pdf);
      await writeFileAtomic(jsonOut, new TextEncoder().encode(signed.dataJson));
      const summary = {
        id: signed.report.id,
        type: type.key,
        period: signed.report.period.code,
        dueDate: signed.report.dueDate,
        status: signed.report.dueStatus,
        isUrgent: signed.report.isUrgent,
        out,
        jsonOut,
        pages: signed.pages,
        fieldName: signed.details.fieldName,
        level: signed.details.level,
        unsignedSha256: signed.details.unsignedSha256,
      };
      if (values.json) printJson(summary);
      else
        process.stdout.write(
          `${signed.report.title}${signed.report.isUrgent ? ' [MENDESAK]' : ''}\nPDF ditandatangani: ${out} (${signed.pages} halaman, kolom ${signed.details.fieldName}, PAdES ${signed.details.level})\nData: ${jsonOut}\nPenanda tangan: ${key.handle.details.commonName}${key.isCertified ? '' : `, sertifikat ${uncertifiedLabel}`}\n`,
        );
      return 0;
    });
  },
};

export const reportCommands: Command[] = [reportTypes, reportDue, reportCreate];
