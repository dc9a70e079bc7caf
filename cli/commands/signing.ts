import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from '../command';
import { dataDirOption, parseCommandArgs, printJson } from '../command';
import { withWorkspace, withoutWorkspace } from '../session';
import { BerkasError } from '../../core/domain/errors';
import { writeFileAtomic } from '../../core/adapters/fs-atomic';
import type { Services } from '../../core/app/services';
import type { BerkasApi } from '../../core/api/contract';
import type { SigningKeyHandle } from '../../core/ports';
import { maxP12Bytes, maxPdfBytes } from '../../core/domain/signing/limits';
import { describeIntegrity, isVerificationPassing, summarizeSignature } from '../../core/domain/signing/verification';
import { uncertifiedLabel } from '../../core/domain/signing/certificate';
import { LIMITS } from '../../core/domain/rencana-aksi';
import { verifyBagZip } from './handover';
import { formatByteSize } from '../../core/domain/format/byte-size';

/** Reads a file after checking its size from the directory entry, so an oversized file is never loaded. */
async function readLimited(file: string, maxBytes: number, what: string): Promise<Uint8Array> {
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new BerkasError('FILE_NOT_FOUND', `${file} bukan berkas.`, { file });
    size = stat.size;
  } catch (err) {
    if (err instanceof BerkasError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new BerkasError('FILE_NOT_FOUND', code === 'ENOENT' ? `Berkas ${file} tidak ditemukan.` : `Berkas ${file} tidak dapat dibuka (${code ?? 'galat'}).`, { file });
  }
  if (size > maxBytes) {
    throw new BerkasError(
      what === 'PDF' ? 'PDF_TOO_LARGE' : 'FILE_TOO_LARGE',
      `${what} ${file} berukuran ${formatByteSize(size)}, melebihi batas ${formatByteSize(maxBytes)}; berkas tidak dibaca.`,
      { file },
    );
  }
  return new Uint8Array(await fs.readFile(file));
}

const keyOptions = {
  p12: { type: 'string' },
  'password-env': { type: 'string' },
  'self-signed': { type: 'boolean' },
  certificate: { type: 'string' },
  'vault-passphrase-env': { type: 'string' },
  tsa: { type: 'string' },
} as const;

interface KeyValues {
  p12?: string | undefined;
  'password-env'?: string | undefined;
  'self-signed'?: boolean | undefined;
  certificate?: string | undefined;
  'vault-passphrase-env'?: string | undefined;
  tsa?: string | undefined;
}

/** A secret from the environment: never from argv, where other users of the machine can read it. */
function secretFromEnv(variable: string | undefined, option: string, usage: string): string | undefined {
  if (variable === undefined) return undefined;
  const value = process.env[variable];
  if (!value) throw new BerkasError('USAGE', `Variabel lingkungan ${variable} (dari ${option}) kosong atau tidak ada.\nPemakaian: ${usage}`);
  return value;
}

interface OpenedKey {
  handle: SigningKeyHandle;
  isCertified: boolean;
  password?: string;
}

/** The signing key the options name: a .p12 file, a stored certificate, or a self-signed one. */
async function openKey(values: KeyValues, services: Services, usage: string, who?: { name: string; nip: string }): Promise<OpenedKey> {
  const signing = services.signing;
  const chosen = [values.p12 !== undefined, values['self-signed'] === true, values.certificate !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new BerkasError('USAGE', `Pilih tepat satu: --p12 BERKAS --password-env VAR, --self-signed, atau --certificate ID.\nPemakaian: ${usage}`);
  const vaultPassphrase = secretFromEnv(values['vault-passphrase-env'], '--vault-passphrase-env', usage) ?? process.env.BERKAS_VAULT_PASSPHRASE;
  if (values.p12 !== undefined) {
    const password = secretFromEnv(values['password-env'], '--password-env', usage);
    if (password === undefined) throw new BerkasError('USAGE', `--p12 memerlukan --password-env VAR (kata sandi tidak pernah ditulis di baris perintah).\nPemakaian: ${usage}`);
    const bytes = await readLimited(values.p12, maxP12Bytes, 'Berkas sertifikat');
    const handle = await signing.openP12File({ fileName: path.basename(values.p12), bytes, password });
    return { handle, isCertified: !handle.details.isSelfSigned };
  }
  if (values.certificate !== undefined) {
    const password = secretFromEnv(values['password-env'], '--password-env', usage);
    const { handle, info } = await signing.openCertificate(values.certificate, {
      ...(password !== undefined ? { password } : {}),
      ...(vaultPassphrase ? { vaultPassphrase } : {}),
    });
    return { handle, isCertified: info.isCertified };
  }
  const settings = await services.workspace.settings.load();
  const name = who?.name || settings?.officer.name;
  const nip = who?.nip ?? settings?.officer.nip ?? '';
  if (!name) throw new BerkasError('SETTINGS_MISSING', 'Nama penanda tangan tidak diketahui: isi pengaturan pejabat (berkas settings set) atau beri --nama.');
  if (vaultPassphrase) {
    // The same key every time: the officer's stored self-signed certificate, made on first use.
    const existing = signing.listCertificates().find((c) => c.kind === 'self-signed' && c.commonName === name && (c.nip ?? '') === nip);
    const info = existing ?? (await signing.createSelfSigned({ name, nip, vaultPassphrase }));
    const { handle } = await signing.openCertificate(info.id, { vaultPassphrase });
    return { handle, isCertified: false };
  }
  process.stderr.write(
    `Perhatian: sertifikat ${uncertifiedLabel} sekali pakai dibuat untuk ${name}; atur BERKAS_VAULT_PASSPHRASE agar kunci yang sama disimpan dan dipakai lagi.\n`,
  );
  return { handle: signing.oneOffSelfSigned({ name, nip: nip || null, organization: settings?.opd.name ?? null }), isCertified: false };
}

function describeSigner(key: OpenedKey): string {
  const d = key.handle.details;
  return `${d.commonName}${d.nip ? ` (NIP ${d.nip})` : ''}${key.isCertified ? `, sertifikat ${d.issuerCommonName}` : `, sertifikat ${uncertifiedLabel}`}`;
}

const pdfRencanaAksi: Command = {
  name: 'pdf rencana-aksi',
  summary: 'Menyusun PDF/A rencana aksi dari berkas lembar kerja lalu menandatanganinya (PAdES)',
  usage:
    'berkas pdf rencana-aksi PLAN_FILE --out X.pdf (--p12 BERKAS.p12 --password-env VAR | --self-signed | --certificate ID) [--tsa URL] [--nomor NOMOR] [--kepala-nama N --kepala-nip NIP --kepala-jabatan J] [--json] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        ...dataDirOption,
        ...keyOptions,
        out: { type: 'string' },
        nomor: { type: 'string' },
        'kepala-nama': { type: 'string' },
        'kepala-nip': { type: 'string' },
        'kepala-jabatan': { type: 'string' },
        json: { type: 'boolean' },
      },
      this.usage,
    );
    const planFile = positionals[0];
    if (positionals.length !== 1 || !planFile) throw new BerkasError('USAGE', `Sebutkan satu berkas rencana aksi.\nPemakaian: ${this.usage}`);
    if (!values.out) throw new BerkasError('USAGE', `--out wajib diisi.\nPemakaian: ${this.usage}`);
    const out = values.out;
    const bytes = await readLimited(planFile, LIMITS.maxFileBytes, 'Berkas rencana aksi');
    return withWorkspace(values['data-dir'], async (api: BerkasApi, services) => {
      const signing = services.signing;
      // PLAN_FILE is read exactly as `rencana-aksi import` reads it, without saving it.
      const imported = await api.rencanaAksiImport({ fileName: path.basename(planFile), contentBase64: Buffer.from(bytes).toString('base64'), shouldSave: false });
      for (const f of imported.analysis.findings.filter((x) => x.severity === 'error')) process.stderr.write(`Perhatian [${f.code}]: ${f.message}\n`);
      const key = await openKey(values, services, this.usage);
      const approver =
        values['kepala-nama'] || values['kepala-nip'] || values['kepala-jabatan']
          ? { name: values['kepala-nama'] ?? '', nip: values['kepala-nip'] ?? '', jabatan: values['kepala-jabatan'] ?? '' }
          : undefined;
      const file = await signing.renderAndSign({
        plan: imported.plan,
        totals: imported.analysis.totals,
        handle: key.handle,
        isCertified: key.isCertified,
        ...(values.tsa ? { tsaUrl: values.tsa } : {}),
        ...(values.nomor ? { nomor: values.nomor } : {}),
        ...(approver ? { approver } : {}),
      });
      await writeFileAtomic(out, file.pdf);
      if (values.json) printJson({ out, pages: file.pages, ...file.signature });
      else
        process.stdout.write(
          `PDF ditandatangani: ${out} (${file.pages} halaman, kolom ${file.signature.fieldName}, PAdES ${file.signature.level})\nPenanda tangan: ${describeSigner(key)}\nSHA-256 isi sebelum ditandatangani: ${file.signature.unsignedSha256}\n`,
        );
      return 0;
    });
  },
};

const sign: Command = {
  name: 'sign',
  summary: 'Menambahkan tanda tangan (PAdES, pembaruan inkremental) pada PDF, misalnya persetujuan kepala OPD',
  usage:
    'berkas sign IN.pdf --out OUT.pdf (--p12 BERKAS.p12 --password-env VAR | --self-signed [--nama N --nip NIP] | --certificate ID) [--reason ALASAN] [--tsa URL] [--json] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { ...dataDirOption, ...keyOptions, out: { type: 'string' }, reason: { type: 'string' }, nama: { type: 'string' }, nip: { type: 'string' }, json: { type: 'boolean' } },
      this.usage,
    );
    const input = positionals[0];
    if (positionals.length !== 1 || !input) throw new BerkasError('USAGE', `Sebutkan satu PDF.\nPemakaian: ${this.usage}`);
    if (!values.out) throw new BerkasError('USAGE', `--out wajib diisi.\nPemakaian: ${this.usage}`);
    const out = values.out;
    const pdf = await readLimited(input, maxPdfBytes, 'PDF');
    return withWorkspace(values['data-dir'], async (_api, services) => {
      const signing = services.signing;
      const who = values.nama ? { name: values.nama, nip: values.nip ?? '' } : undefined;
      const key = await openKey(values, services, this.usage, who);
      const signed = await signing.signPdfWith({
        fileName: path.basename(input),
        pdf,
        handle: key.handle,
        isCertified: key.isCertified,
        ...(values.reason ? { reason: values.reason } : {}),
        ...(values.tsa ? { tsaUrl: values.tsa } : {}),
      });
      await writeFileAtomic(out, signed.pdf);
      const { pdf: _bytes, ...summary } = signed;
      if (values.json) printJson({ out, ...summary });
      else process.stdout.write(`PDF ditandatangani: ${out} (kolom ${signed.fieldName}, halaman ${signed.page}, PAdES ${signed.level})\nPenanda tangan: ${describeSigner(key)}\n`);
      return 0;
    });
  },
};

async function isZipFile(file: string): Promise<boolean> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50;
  } catch {
    return false; // readLimited below reports a missing or unreadable file in Indonesian.
  } finally {
    await handle?.close();
  }
}

const verify: Command = {
  name: 'verify',
  summary: 'Memeriksa semua tanda tangan PDF (keutuhan, perubahan sesudah ditandatangani, rantai sertifikat); keluar 0 hanya jika dokumen utuh',
  usage: 'berkas verify FILE.pdf|PAKET.zip [--json] [--trust AKAR.pem]... [--data-dir D]  (folder data hanya dibaca: akar tepercaya yang terpasang)',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' }, trust: { type: 'string', multiple: true } }, this.usage);
    const file = positionals[0];
    if (positionals.length !== 1 || !file) throw new BerkasError('USAGE', `Sebutkan satu PDF atau paket ZIP.\nPemakaian: ${this.usage}`);
    const readRoots = async () => {
      const roots: { fileName: string; bytes: Uint8Array }[] = [];
      for (const root of values.trust ?? []) roots.push({ fileName: path.basename(root), bytes: await readLimited(root, maxP12Bytes, 'Sertifikat akar') });
      return roots;
    };
    // A package is a .zip, or a ZIP by content under another name; a file named .pdf is always read as a PDF.
    if (/\.zip$/i.test(file) || (!/\.pdf$/i.test(file) && (await isZipFile(file)))) {
      return verifyBagZip(file, { json: values.json === true, extraRoots: await readRoots(), ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) });
    }
    const pdf = await readLimited(file, maxPdfBytes, 'PDF');
    const extraRoots = await readRoots();
    // No workspace: the installed trust roots are read, nothing is opened or locked (verify works while the app runs).
    return withoutWorkspace(values['data-dir'], async (services) => {
      const report = await services.verification.verify({ fileName: path.basename(file), pdf, extraRoots });
      if (values.json) printJson(report);
      else if (report.signatures.length === 0) process.stdout.write(`${file}: tidak ada tanda tangan.\n`);
      else {
        for (const s of report.signatures) {
          process.stdout.write(`${summarizeSignature(s)}\n`);
          for (const p of s.problems) process.stdout.write(`    ${p}\n`);
          if (s.isChangePermitted && s.changesAfter.length > 0) process.stdout.write(`    Perubahan sesudahnya yang diizinkan: ${s.changesAfter.map((c) => c.description).join('; ')}.\n`);
        }
        // Integrity and trust stay two separate words: the document line speaks of integrity only.
        process.stdout.write(`Dokumen (${report.revisions} revisi): ${describeIntegrity(report.integrity)}\n`);
      }
      return isVerificationPassing(report) ? 0 : 1;
    });
  },
};

const certificateList: Command = {
  name: 'certificate list',
  summary: 'Daftar sertifikat penanda tangan yang tersimpan',
  usage: 'berkas certificate list [--json] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage, false);
    return withWorkspace(values['data-dir'], async (api) => {
      const list = await api.certificateList({});
      if (values.json) printJson(list);
      else if (list.length === 0) process.stdout.write('Belum ada sertifikat tersimpan.\n');
      else for (const c of list) process.stdout.write(`${c.id}  ${c.label}  berlaku s.d. ${c.notAfter.slice(0, 10)}\n`);
      return 0;
    });
  },
};

const certificateImport: Command = {
  name: 'certificate import',
  summary: 'Menyimpan sertifikat .p12/.pfx (BSrE) ke brankas kunci',
  usage: 'berkas certificate import BERKAS.p12 --password-env VAR [--vault-passphrase-env VAR] [--json] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { ...dataDirOption, 'password-env': { type: 'string' }, 'vault-passphrase-env': { type: 'string' }, json: { type: 'boolean' } },
      this.usage,
    );
    const file = positionals[0];
    if (positionals.length !== 1 || !file) throw new BerkasError('USAGE', `Sebutkan satu berkas .p12/.pfx.\nPemakaian: ${this.usage}`);
    const password = secretFromEnv(values['password-env'], '--password-env', this.usage);
    if (password === undefined) throw new BerkasError('USAGE', `--password-env wajib diisi.\nPemakaian: ${this.usage}`);
    const vaultPassphrase = secretFromEnv(values['vault-passphrase-env'], '--vault-passphrase-env', this.usage);
    const bytes = await readLimited(file, maxP12Bytes, 'Berkas sertifikat');
    return withWorkspace(values['data-dir'], async (api) => {
      const info = await api.certificateImport({
        fileName: path.basename(file),
        contentBase64: Buffer.from(bytes).toString('base64'),
        password,
        ...(vaultPassphrase ? { vaultPassphrase } : {}),
      });
      if (values.json) printJson(info);
      else process.stdout.write(`Sertifikat tersimpan: ${info.label} (id ${info.id})\n`);
      return 0;
    });
  },
};

const certificateSelfSigned: Command = {
  name: 'certificate self-signed',
  summary: `Membuat kunci dan sertifikat mandiri (${uncertifiedLabel}) untuk pejabat tanpa sertifikat BSrE`,
  usage: 'berkas certificate self-signed --nama NAMA [--nip NIP] [--vault-passphrase-env VAR] [--json] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      { ...dataDirOption, nama: { type: 'string' }, nip: { type: 'string' }, 'vault-passphrase-env': { type: 'string' }, json: { type: 'boolean' } },
      this.usage,
      false,
    );
    if (!values.nama) throw new BerkasError('USAGE', `--nama wajib diisi.\nPemakaian: ${this.usage}`);
    const vaultPassphrase = secretFromEnv(values['vault-passphrase-env'], '--vault-passphrase-env', this.usage);
    return withWorkspace(values['data-dir'], async (api) => {
      const info = await api.certificateCreateSelfSigned({ name: values.nama ?? '', nip: values.nip ?? '', ...(vaultPassphrase ? { vaultPassphrase } : {}) });
      if (values.json) printJson(info);
      else process.stdout.write(`Sertifikat dibuat: ${info.label} (id ${info.id})\n`);
      return 0;
    });
  },
};

const certificateRemove: Command = {
  name: 'certificate remove',
  summary: 'Menghapus sertifikat dan kuncinya dari brankas',
  usage: 'berkas certificate remove ID [--vault-passphrase-env VAR] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, 'vault-passphrase-env': { type: 'string' } }, this.usage);
    const id = positionals[0];
    if (positionals.length !== 1 || !id) throw new BerkasError('USAGE', `Sebutkan satu id sertifikat.\nPemakaian: ${this.usage}`);
    const vaultPassphrase = secretFromEnv(values['vault-passphrase-env'], '--vault-passphrase-env', this.usage);
    return withWorkspace(values['data-dir'], async (api) => {
      await api.certificateRemove({ id, ...(vaultPassphrase ? { vaultPassphrase } : {}) });
      process.stdout.write(`Sertifikat ${id} dihapus.\n`);
      return 0;
    });
  },
};

const trustAdd: Command = {
  name: 'trust add',
  summary: 'Memasang sertifikat akar tepercaya (mis. akar BSrE dari Diskominfo)',
  usage: 'berkas trust add AKAR.pem [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption }, this.usage);
    const file = positionals[0];
    if (positionals.length !== 1 || !file) throw new BerkasError('USAGE', `Sebutkan satu berkas sertifikat.\nPemakaian: ${this.usage}`);
    const bytes = await readLimited(file, maxP12Bytes, 'Sertifikat akar');
    return withWorkspace(values['data-dir'], async (api) => {
      const added = await api.trustRootImport({ fileName: path.basename(file), contentBase64: Buffer.from(bytes).toString('base64') });
      for (const c of added) process.stdout.write(`Akar tepercaya dipasang: ${c.subject}\n`);
      return 0;
    });
  },
};

const trustList: Command = {
  name: 'trust list',
  summary: 'Daftar sertifikat akar tepercaya',
  usage: 'berkas trust list [--json] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage, false);
    return withWorkspace(values['data-dir'], async (api) => {
      const list = await api.trustRootList({});
      if (values.json) printJson(list);
      else if (list.length === 0) process.stdout.write('Belum ada akar tepercaya.\n');
      else for (const r of list) process.stdout.write(`${r.fileName}  ${r.certificate.subject}  berlaku s.d. ${r.certificate.notAfter.slice(0, 10)}\n`);
      return 0;
    });
  },
};

export const signingCommands: Command[] = [pdfRencanaAksi, sign, verify, certificateList, certificateImport, certificateSelfSigned, certificateRemove, trustAdd, trustList];
