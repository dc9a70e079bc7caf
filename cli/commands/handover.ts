import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from '../command';
import { dataDirOption, parseCommandArgs, printJson } from '../command';
import { withWorkspace, withoutWorkspace } from '../session';
import { BerkasError, isBerkasError } from '../../core/domain/errors';
import { applicationSchema } from '../../core/api/contract-handover';
import type { Services } from '../../core/app/services';
import type { SigningKeyHandle } from '../../core/ports';
import type { ApplicationRecord } from '../../core/domain/handover/application';
import type { BagVerification } from '../../core/domain/handover/packaging';
import { formatByteSize } from '../../core/domain/format/byte-size';
import { describeBagVerdict } from '../../core/domain/handover/berkas-package';
import { uncertifiedLabel } from '../../core/domain/signing/certificate';
import { maxP12Bytes } from '../../core/domain/signing/limits';

/** A secret from the environment, never from argv (other users of the machine can read argv). */
function secretFromEnv(variable: string | undefined, usage: string): string | undefined {
  if (variable === undefined) return undefined;
  const value = process.env[variable];
  if (!value) throw new BerkasError('USAGE', `Variabel lingkungan ${variable} (dari --password-env) kosong atau tidak ada.\nPemakaian: ${usage}`);
  return value;
}

async function readApplication(file: string): Promise<ApplicationRecord> {
  let value: unknown;
  try {
    value = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    throw new BerkasError('APP_FILE', `Berkas ${file} tidak dapat dibaca sebagai JSON: ${(err as Error).message}`, { file });
  }
  const parsed = applicationSchema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.map(String).join('.') || '(akar)'}: ${i.message}`)
      .join('; ');
    throw new BerkasError('APP_FILE', `Data aplikasi di ${file} tidak sah: ${where}. Kolom: name, version, purpose, owningOpd, vendor, contractNumber, contractDate, fundingSource, fundingYear, repository, licence, copyrightHolder.`, { file });
  }
  return parsed.data;
}

/** "KEY=PATH" pairs of --item. */
function parseItems(values: string[] | undefined, usage: string): { itemKey: string; path: string }[] {
  return (values ?? []).map((raw) => {
    const eq = raw.indexOf('=');
    if (eq <= 0 || eq === raw.length - 1) throw new BerkasError('USAGE', `--item harus berbentuk KUNCI=JALUR, bukan "${raw}".\nPemakaian: ${usage}`);
    return { itemKey: raw.slice(0, eq), path: raw.slice(eq + 1) };
  });
}

async function openSigner(
  values: { p12?: string | undefined; 'password-env'?: string | undefined; 'self-signed'?: boolean | undefined },
  services: Services,
  usage: string,
): Promise<{ handle: SigningKeyHandle; isCertified: boolean }> {
  const signing = services.signing;
  const chosen = [values.p12 !== undefined, values['self-signed'] === true].filter(Boolean).length;
  if (chosen !== 1) throw new BerkasError('USAGE', `Pilih tepat satu penanda tangan berita acara: --p12 BERKAS --password-env VAR, atau --self-signed.\nPemakaian: ${usage}`);
  if (values.p12 !== undefined) {
    const password = secretFromEnv(values['password-env'], usage);
    if (password === undefined) throw new BerkasError('USAGE', `--p12 memerlukan --password-env VAR (kata sandi tidak pernah ditulis di baris perintah).\nPemakaian: ${usage}`);
    const stat = await fs.stat(values.p12).catch(() => null);
    if (!stat?.isFile()) throw new BerkasError('FILE_NOT_FOUND', `Berkas sertifikat ${values.p12} tidak ditemukan.`, { file: values.p12 });
    if (stat.size > maxP12Bytes) throw new BerkasError('FILE_TOO_LARGE', `Berkas sertifikat ${values.p12} terlalu besar untuk sebuah .p12.`, { file: values.p12 });
    const handle = await signing.openP12File({ fileName: path.basename(values.p12), bytes: new Uint8Array(await fs.readFile(values.p12)), password });
    return { handle, isCertified: !handle.details.isSelfSigned };
  }
  const settings = await services.workspace.settings.load();
  if (!settings) throw new BerkasError('SETTINGS_MISSING', 'Nama penanda tangan tidak diketahui: isi pengaturan pejabat dulu (berkas settings set --file PENGATURAN.json).');
  process.stderr.write(`Perhatian: berita acara ditandatangani dengan sertifikat ${uncertifiedLabel} sekali pakai atas nama ${settings.officer.name}.\n`);
  return { handle: signing.oneOffSelfSigned({ name: settings.officer.name, nip: settings.officer.nip || null, organization: settings.opd.name }), isCertified: false };
}

function printVerification(report: BagVerification): void {
  const lines = [
    `${report.file}: ${describeBagVerdict(report)} (${report.payload.files} berkas, ${formatByteSize(report.payload.bytes)})`,
    ...report.missing.map((m) => `  hilang: ${m}`),
    ...report.mismatched.map((m) => `  isi berubah: ${m}`),
    ...report.unexpected.map((m) => `  tidak tercantum di manifest: ${m}`),
    ...report.issues.filter((i) => !['file-missing', 'file-not-in-manifest', 'checksum-mismatch'].includes(i.rule)).map((i) => `  [${i.rule}] ${i.message}`),
    ...report.notes.map((n) => `  catatan: ${n}`),
    ...report.signatures.map((s) => `  tanda tangan ${s.file}: ${s.signer || '(tak terbaca)'} — ${s.integrity === 'valid' ? 'utuh' : 'TIDAK UTUH'}, sertifikat ${s.certificate}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

/**
 * `berkas verify B.zip [--json]`: the ZIP branch of `verify`, which dispatches
 * on file type (PDFs go to the signing verifier). Returns the exit code: 0
 * only when the bag is valid (and every signature inside intact); a package
 * refused as hostile input prints its reason (ZIP_* code) and returns 1.
 * Opens no workspace: the data folder's installed trust roots are only read.
 */
export async function verifyBagZip(file: string, opts: { json?: boolean; dataDir?: string; extraRoots?: { fileName: string; bytes: Uint8Array }[] } = {}): Promise<number> {
  return withoutWorkspace(opts.dataDir, async (services) => {
    let report: BagVerification;
    try {
      report = await services.verification.verifyPackage({ path: file, ...(opts.extraRoots ? { extraRoots: opts.extraRoots } : {}) });
    } catch (err) {
      if (!isBerkasError(err) || !err.code.startsWith('ZIP_')) throw err;
      const refused = { code: err.code, message: err.message, ...(typeof err.details?.rule === 'string' ? { rule: err.details.rule } : {}) };
      if (opts.json) printJson({ file, complete: false, valid: false, missing: [], mismatched: [], unexpected: [], signatures: [], problems: [err.message], refused });
      else process.stdout.write(`${file}: DITOLAK [${err.code}] ${err.message}\n`);
      return 1;
    }
    if (opts.json) printJson(report);
    else printVerification(report);
    return report.valid ? 0 : 1;
  });
}

const checklist: Command = {
  name: 'bundle checklist',
  summary: 'Daftar butir berkas serah terima aplikasi menurut profil daerah (kunci, nama, pasal, wajib)',
  usage: 'berkas bundle checklist [--profile ID] [--json] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, profile: { type: 'string' }, json: { type: 'boolean' } }, this.usage, false);
    return withoutWorkspace(values['data-dir'], async (services) => {
      const list = await services.profiles.handoverChecklist(values.profile);
      const items = list.items.map((i) => ({ key: i.key, label: i.label, article: i.article, required: i.isRequired, kind: i.kind }));
      if (values.json) printJson(items);
      else {
        process.stdout.write(`${list.profile.name} — ${list.profile.regulation}, ${list.profile.article}\n`);
        for (const i of items) process.stdout.write(`  ${i.key.padEnd(24)} ${i.required ? 'wajib ' : 'pilihan'} ${i.label} (${i.article})\n`);
      }
      return 0;
    });
  },
};

const create: Command = {
  name: 'bundle create',
  summary: 'Menyusun berkas serah terima, menandatangani berita acara, dan menulis paket BagIt (ZIP)',
  usage:
    'berkas bundle create --profile ID --app APP.json --item KUNCI=JALUR … --out B.zip (--p12 BERKAS.p12 --password-env VAR | --self-signed) [--nomor NOMOR] [--allow-secrets] [--json] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      {
        ...dataDirOption,
        profile: { type: 'string' },
        app: { type: 'string' },
        item: { type: 'string', multiple: true },
        out: { type: 'string' },
        p12: { type: 'string' },
        'password-env': { type: 'string' },
        'self-signed': { type: 'boolean' },
        nomor: { type: 'string' },
        'allow-secrets': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      this.usage,
      false,
    );
    if (!values.profile || !values.app || !values.out) throw new BerkasError('USAGE', `--profile, --app dan --out wajib diisi.\nPemakaian: ${this.usage}`);
    const items = parseItems(values.item, this.usage);
    const application = await readApplication(values.app);
    const out = path.resolve(values.out);
    const usage = this.usage;
    return withWorkspace(values['data-dir'], async (_api, services) => {
      const { signing, handover: service } = services;
      // The key first: a wrong password should stop the run before files are copied.
      const key = await openSigner(values, services, usage);
      const draft = await service.save({ profileId: values.profile, application });
      const bundleId = draft.bundle.id;
      for (const item of items) {
        const attached = await service.attach({ bundleId, itemKey: item.itemKey, path: item.path });
        const a = attached.attachment;
        if (!values.json) process.stderr.write(`Dilampirkan pada ${item.itemKey}: ${a.name} (${a.files.length} berkas, ${formatByteSize(a.bytes)})\n`);
        for (const s of a.secrets ?? []) process.stderr.write(`  Perhatian, kemungkinan rahasia: ${s.file}${s.line ? ` baris ${s.line}` : ''} — ${s.reason}\n`);
      }
      const completeness = await service.completeness({ bundleId });
      if (!completeness.isReady) {
        if (values.json) printJson({ bundleId, completeness });
        else process.stderr.write(`Berkas serah terima ${bundleId} disimpan tetapi belum dapat dipaketkan.\n${completeness.summary}\n`);
        return 1;
      }
      const { jobId } = await service.startPackage({
        bundleId,
        outPath: out,
        isSecretsAcknowledged: values['allow-secrets'] === true,
        ...(values.nomor ? { nomor: values.nomor } : {}),
        sign: async (pdf, fileName) => (await signing.signPdfWith({ fileName, pdf, handle: key.handle, isCertified: key.isCertified, reason: 'Menyerahkan berkas serah terima aplikasi' })).pdf,
        // Kept in the workspace as the bundle's signed revision too, so `berkas documents send` sends it (issue 13).
        keep: async (made) => {
          await services.documents.keepPackage(made, key);
        },
      });
      const ticker = values.json
        ? null
        : setInterval(() => {
            const s = service.jobStatus({ jobId });
            if (s.total > 0 && !s.done) process.stderr.write(`  ${s.phase}: ${Math.floor((100 * s.bytes) / s.total)}%\n`);
          }, 2000);
      const status = await service.waitForJob(jobId).finally(() => {
        if (ticker) clearInterval(ticker);
      });
      if (status.error || !status.result) throw new BerkasError(status.error?.code ?? 'INTERNAL', status.error?.message ?? 'Paket tidak selesai dibuat.');
      const { verification, ...result } = status.result;
      if (values.json) printJson({ bundleId, ...result, valid: verification.valid, signatures: verification.signatures });
      else process.stdout.write(`Paket ditulis: ${result.path}\n  ${result.files} berkas, ${formatByteSize(result.bytes)}; SHA-256 ${result.sha256}\n  Berkas serah terima: ${bundleId}\n`);
      return 0;
    });
  },
};

const verifyBundle: Command = {
  name: 'bundle verify',
  summary: 'Memeriksa paket BagIt (ZIP) tanpa membongkarnya: kelengkapan, sidik SHA-256, tanda tangan PDF',
  usage: 'berkas bundle verify B.zip [--json] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage);
    const file = positionals[0];
    if (positionals.length !== 1 || !file) throw new BerkasError('USAGE', `Sebutkan satu paket ZIP.\nPemakaian: ${this.usage}`);
    return verifyBagZip(file, { json: values.json === true, ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) });
  },
};

export const handoverCommands: Command[] = [checklist, create, verifyBundle];
