/**
 * `berkas server reviewer …`, `server trust …` and `server consolidation`:
 * the console's accounts, trust roots and figures from the command line.
 * Passwords come from an environment variable, never an argument (an
 * argument shows in `ps` and in shell history).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from '../command';
import { parseCommandArgs, printJson } from '../command';
import { BerkasError } from '../../core/domain/errors';
import { writeFileAtomic } from '../../core/adapters/fs-atomic';
import { FUNDING_SOURCES, FUNDING_SOURCE_LABELS } from '../../core/domain/rencana-aksi/model';
import { formatRupiah } from '../../core/domain/rencana-aksi/text';
import { formatByteSize } from '../../core/domain/format/byte-size';
import type { AdminVerb } from '../../server/admin';
import type { Consolidation } from '../../server/consolidation/consolidate';
import { csvOf, TABLES, xlsxOf } from '../../server/consolidation/export';
import { COMPLIANCE_LABELS } from '../../server/consolidation/compliance';
import type { ReviewerView } from '../../server/review/reviewers';
import type { TrustRoot } from '../../server/store/console-store';

type AdminVerbRunner = (dataDir: string | undefined, verb: AdminVerb, args: Record<string, unknown>) => Promise<unknown>;

const dataDir = { 'data-dir': { type: 'string' } } as const;
const json = { json: { type: 'boolean' } } as const;
export const PASSWORD_ENV = 'BERKAS_REVIEWER_PASSWORD';

function passwordFrom(variable: string | undefined): string {
  const name = variable ?? PASSWORD_ENV;
  const value = process.env[name];
  if (!value) throw new BerkasError('USAGE', `Variabel lingkungan ${name} kosong. Isi kata sandinya di sana (mis. read -rs ${name}; export ${name}), bukan sebagai argumen.`);
  return value;
}

/** An X.509 certificate is a few KiB; anything far larger is not one and is never read whole. */
const MAX_CERTIFICATE_FILE_BYTES = 32 * 1024;

/** A certificate file named on the command line (`server trust add`, `server opd certificate add`), size-checked before it is read. */
export async function readCertificateFile(arg: string): Promise<{ file: string; bytes: Buffer }> {
  const file = path.resolve(arg);
  const unreadable = (err: unknown): BerkasError =>
    new BerkasError('FILE_NOT_FOUND', `Berkas sertifikat ${file} tidak dapat dibaca (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  const stat = await fs.stat(file).catch((err: unknown) => {
    throw unreadable(err);
  });
  if (stat.size > MAX_CERTIFICATE_FILE_BYTES) {
    throw new BerkasError('CERT_FILE', `${path.basename(file)} berukuran ${formatByteSize(stat.size)}; sertifikat X.509 jauh lebih kecil (paling banyak ${formatByteSize(MAX_CERTIFICATE_FILE_BYTES)}).`);
  }
  const bytes = await fs.readFile(file).catch((err: unknown) => {
    throw unreadable(err);
  });
  return { file, bytes };
}

const reviewerLine = (r: ReviewerView) => `${r.username.padEnd(20)} ${r.role.padEnd(9)} ${r.disabledAt ? `nonaktif sejak ${r.disabledAt}` : 'aktif'}  ${r.name}\n`;

export function consoleCommands(adminVerb: AdminVerbRunner): Command[] {
  const reviewerAdd: Command = {
    name: 'server reviewer add',
    summary: 'Membuat akun peninjau atau admin konsol Diskominfo (kata sandi dari variabel lingkungan)',
    usage: `berkas server reviewer add --username NAMA --name "Nama Lengkap" --role peninjau|admin --data-dir D [--password-env VAR (bawaan ${PASSWORD_ENV})] [--json]`,
    async run(argv) {
      const { values } = parseCommandArgs(argv, { ...dataDir, ...json, username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, 'password-env': { type: 'string' } }, this.usage, false);
      if (!values.username || !values.name || !values.role) throw new BerkasError('USAGE', `Sebutkan --username, --name dan --role.\nPemakaian: ${this.usage}`);
      const password = passwordFrom(values['password-env']);
      const result = (await adminVerb(values['data-dir'], 'reviewer-add', { username: values.username, name: values.name, role: values.role, password })) as ReviewerView;
      if (values.json) printJson(result);
      else process.stdout.write(`Akun ${result.username} (${result.role}) dibuat untuk ${result.name}.\n`);
      return 0;
    },
  };
  const reviewerList: Command = {
    name: 'server reviewer list',
    summary: 'Daftar akun peninjau dan admin konsol',
    usage: 'berkas server reviewer list --data-dir D [--json]',
    async run(argv) {
      const { values } = parseCommandArgs(argv, { ...dataDir, ...json }, this.usage, false);
      const result = (await adminVerb(values['data-dir'], 'reviewer-list', {})) as { reviewers: ReviewerView[] };
      if (values.json) printJson(result);
      else if (result.reviewers.length === 0) process.stdout.write('Belum ada akun peninjau. Buat admin pertama: berkas server reviewer add --role admin …\n');
      else for (const r of result.reviewers) process.stdout.write(reviewerLine(r));
      return 0;
    },
  };
  const byName = (name: string, verb: AdminVerb, summary: string, withPassword = false): Command => ({
    name: `server reviewer ${name}`,
    summary,
    usage: `berkas server reviewer ${name} NAMA-PENGGUNA --data-dir D${withPassword ? ` [--password-env VAR (bawaan ${PASSWORD_ENV})]` : ''} [--json]`,
    async run(argv) {
      const { values, positionals } = parseCommandArgs(argv, { ...dataDir, ...json, ...(withPassword ? { 'password-env': { type: 'string' } } : {}) }, this.usage);
      if (positionals.length !== 1) throw new BerkasError('USAGE', `Sebutkan satu nama pengguna.\nPemakaian: ${this.usage}`);
      const args: Record<string, unknown> = { username: positionals[0] };
      if (withPassword) args.password = passwordFrom((values as Record<string, string | undefined>)['password-env']);
      const result = (await adminVerb(values['data-dir'], verb, args)) as Record<string, unknown>;
      if (values.json) printJson(result);
      else if (verb === 'reviewer-logout') process.stdout.write(`${String(result.revoked)} sesi ${String(result.username)} diakhiri.\n`);
      else process.stdout.write(`${verb === 'reviewer-disable' ? 'Dinonaktifkan; sesinya diakhiri' : 'Kata sandi diganti; sesi lamanya diakhiri'}: ${String(result.username)}\n`);
      return 0;
    },
  });

  const trustAdd: Command = {
    name: 'server trust add',
    summary: 'Memasang sertifikat akar tepercaya (PEM atau DER); tanda tangan dinilai ulang',
    usage: 'berkas server trust add AKAR.pem|.cer --data-dir D [--label "BSrE Root CA"] [--json]',
    async run(argv) {
      const { values, positionals } = parseCommandArgs(argv, { ...dataDir, ...json, label: { type: 'string' } }, this.usage);
      if (positionals.length !== 1) throw new BerkasError('USAGE', `Sebutkan satu berkas sertifikat akar.\nPemakaian: ${this.usage}`);
      const { file, bytes } = await readCertificateFile(positionals[0] as string);
      const result = (await adminVerb(values['data-dir'], 'trust-add', { certificate: bytes.toString('base64'), file: path.basename(file), label: values.label })) as {
        roots: (TrustRoot & { isNew: boolean })[];
        rejudged: { checked: number; changed: number };
      };
      if (values.json) printJson(result);
      else {
        for (const r of result.roots) process.stdout.write(`${r.isNew ? 'Dipasang' : 'Sudah terpasang'}: ${r.subject}\nSHA-256 ${r.sha256}\n`);
        process.stdout.write(`${result.rejudged.checked} pengiriman dinilai ulang; ${result.rejudged.changed} berubah.\n`);
      }
      return 0;
    },
  };
  const trustList: Command = {
    name: 'server trust list',
    summary: 'Daftar akar tepercaya server',
    usage: 'berkas server trust list --data-dir D [--json]',
    async run(argv) {
      const { values } = parseCommandArgs(argv, { ...dataDir, ...json }, this.usage, false);
      const result = (await adminVerb(values['data-dir'], 'trust-list', {})) as { roots: TrustRoot[] };
      if (values.json) printJson(result);
      else if (result.roots.length === 0) process.stdout.write('Belum ada akar tepercaya; semua tanda tangan "belum tepercaya". Pasang: berkas server trust add AKAR.pem\n');
      else for (const r of result.roots) process.stdout.write(`${r.sha256}  ${r.subject}  (berlaku sampai ${r.notAfter.slice(0, 10)})${r.label ? `  ${r.label}` : ''}\n`);
      return 0;
    },
  };
  const trustRemove: Command = {
    name: 'server trust remove',
    summary: 'Mencabut akar tepercaya; tanda tangan dinilai ulang',
    usage: 'berkas server trust remove SIDIK-JARI-SHA256 --data-dir D [--json]',
    async run(argv) {
      const { values, positionals } = parseCommandArgs(argv, { ...dataDir, ...json }, this.usage);
      if (positionals.length !== 1) throw new BerkasError('USAGE', `Sebutkan sidik jari SHA-256 akar (paling sedikit 8 digit).\nPemakaian: ${this.usage}`);
      const result = (await adminVerb(values['data-dir'], 'trust-remove', { sha256: positionals[0] })) as { root: TrustRoot; rejudged: { checked: number; changed: number } };
      if (values.json) printJson(result);
      else process.stdout.write(`Dicabut: ${result.root.subject}\n${result.rejudged.checked} pengiriman dinilai ulang; ${result.rejudged.changed} berubah.\n`);
      return 0;
    },
  };

  const consolidation: Command = {
    name: 'server consolidation',
    summary: 'Konsolidasi: anggaran per sumber dana, kegiatan ganda antar OPD, katalog aplikasi, kepatuhan laporan',
    usage: 'berkas server consolidation --data-dir D [--year TAHUN] [--region PROFIL] [--json] [--xlsx BERKAS.xlsx] [--csv-dir FOLDER]',
    async run(argv) {
      const { values } = parseCommandArgs(
        argv,
        { ...dataDir, ...json, year: { type: 'string' }, region: { type: 'string' }, xlsx: { type: 'string' }, 'csv-dir': { type: 'string' } },
        this.usage,
        false,
      );
      const c = (await adminVerb(values['data-dir'], 'consolidation', { year: values.year, region: values.region })) as Consolidation;
      if (values.xlsx) await writeFileAtomic(path.resolve(values.xlsx), await xlsxOf(c, TABLES));
      if (values['csv-dir']) {
        const dir = path.resolve(values['csv-dir']);
        await fs.mkdir(dir, { recursive: true });
        for (const t of TABLES) await writeFileAtomic(path.join(dir, `konsolidasi-${t}${c.year ? `-${c.year}` : ''}.csv`), csvOf(c, t));
      }
      if (values.json) {
        printJson(c);
        return 0;
      }
      const out: string[] = [`Konsolidasi ${c.year ?? 'semua tahun'}: ${c.counted.plans} rencana aksi, ${c.counted.bundles} serah terima, ${c.counted.reports} laporan dihitung.`];
      out.push(`Tidak dihitung: ${c.excluded.notAccepted} belum/tidak diterima, ${c.excluded.replaced} digantikan revisi, ${c.excluded.refused} gagal pemeriksaan.`);
      for (const t of c.budgets.totals) {
        const parts = FUNDING_SOURCES.filter((s) => t[s] > 0).map((s) => `${FUNDING_SOURCE_LABELS[s]} ${formatRupiah(t[s])}`);
        out.push(`Tahun ${t.year}: ${formatRupiah(t.total)} dari ${t.opds} OPD (${parts.join(', ') || 'tanpa sumber'})`);
      }
      out.push(`Kegiatan ganda antar OPD: ${c.duplicates.length}.`);
      for (const g of c.duplicates.slice(0, 20)) out.push(`  ${g.year} ${g.match}: ${g.entries.map((e) => `${e.activity} — ${e.opdName} (${e.opd}), "${e.planTitle}"`).join(' | ')}`);
      out.push(`Aplikasi: ${c.applications.length}; fungsi sama: ${c.applications.filter((a) => a.sameFunction.length > 0).length}.`);
      if (c.compliance) out.push(`Kepatuhan ${c.compliance.profileName} ${c.compliance.year}: ${Object.entries(c.compliance.summary).map(([k, n]) => `${COMPLIANCE_LABELS[k as keyof typeof COMPLIANCE_LABELS]} ${n}`).join(', ')}.`);
      else if (c.complianceNote) out.push(`Kepatuhan: ${c.complianceNote}`);
      process.stdout.write(`${out.join('\n')}\n`);
      return 0;
    },
  };

  return [
    reviewerAdd,
    reviewerList,
    byName('disable', 'reviewer-disable', 'Menonaktifkan akun peninjau dan mengakhiri sesinya'),
    byName('password', 'reviewer-password', 'Mengganti kata sandi peninjau (dari variabel lingkungan) dan mengakhiri sesinya', true),
    byName('logout', 'reviewer-logout', 'Mengakhiri semua sesi seorang peninjau'),
    trustAdd,
    trustList,
    trustRemove,
    consolidation,
  ];
}
