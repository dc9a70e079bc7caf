/**
 * `berkas server …`: the Diskominfo intake server (server/) and its admin
 * verbs. `npm run server` is `berkas server start`.
 */
import { promises as fs } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import type { Command } from '../command';
import { parseCommandArgs, printJson } from '../command';
import { BerkasError } from '../../core/domain/errors';
import { writeFileAtomic } from '../../core/adapters/fs-atomic';
import { objectStoreFromEnv } from '../../server/storage/config';
import { CONTROL_SECRET_FILE, DEFAULT_DATA_DIR, DEFAULT_PORT, SERVER_INFO_FILE, openIntake, startIntakeServer } from '../../server/intake-server';
import { runAdminVerb, type AdminVerb } from '../../server/admin';
import { redactUrl } from '../../server/store/postgres-runner';
import { signerCheckSentence } from '../../server/intake/signer-check';
import type { BlobCheckReport, BlobProblem } from '../../server/intake/blob-check';
import { formatByteSize } from '../../core/domain/format/byte-size';
import type { SignerCheck } from '../../server/protocol/types';
import { consoleCommands, readCertificateFile } from './server-console';
import { migrateDb } from './server-migrate';

function dataDirOf(value: string | undefined): string {
  return path.resolve(value ?? process.env.BERKAS_SERVER_DATA_DIR ?? DEFAULT_DATA_DIR);
}

function positiveNumber(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new BerkasError('USAGE', `--${name} harus bilangan positif (diterima: "${text}").`);
  return n;
}

/** `--trusted-proxy 10.0.0.5,10.0.0.6`: the reverse proxies whose X-Forwarded-For the server believes. */
function trustedProxiesOf(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const list = text
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  const bad = list.find((a) => isIP(a) === 0);
  if (bad !== undefined || list.length === 0) {
    throw new BerkasError('USAGE', `--trusted-proxy "${bad ?? text}" bukan alamat IP; tulis alamat proksi balik, dipisah koma, mis. --trusted-proxy 10.0.0.5.`);
  }
  return list;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs an admin verb on the running server of this folder when there is one, else on the folder directly. */
async function adminVerb(dataDirArg: string | undefined, verb: AdminVerb, args: Record<string, unknown>): Promise<unknown> {
  const dataDir = dataDirOf(dataDirArg);
  let info: { pid?: number; url?: string } | null = null;
  try {
    info = JSON.parse(await fs.readFile(path.join(dataDir, SERVER_INFO_FILE), 'utf8')) as { pid?: number; url?: string };
  } catch {
    info = null;
  }
  if (info && typeof info.pid === 'number' && typeof info.url === 'string' && isAlive(info.pid)) {
    const secret = (await fs.readFile(path.join(dataDir, CONTROL_SECRET_FILE), 'utf8')).trim();
    let res: Response;
    try {
      res = await fetch(`${info.url}/control/${verb}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Berkas-Control-Secret': secret },
        body: JSON.stringify(args),
      });
    } catch (err) {
      throw new BerkasError('SERVER_UNREACHABLE', `Server di ${info.url} (pid ${info.pid}) memegang folder ${dataDir} tetapi tidak menjawab: ${(err as Error).message}.`);
    }
    const body = (await res.json()) as { result?: unknown; error?: { code: string; message: string; details?: Record<string, unknown> } };
    if (!res.ok || body.error) throw new BerkasError(body.error?.code ?? 'SERVER_ERROR', body.error?.message ?? `Server menjawab ${res.status}.`, body.error?.details);
    return body.result;
  }
  const intake = await openIntake({ dataDir, ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}), objectStore: objectStoreFromEnv() });
  try {
    return await runAdminVerb({ service: intake.service, keys: intake.keys, now: () => intake.clock.now() }, verb, args);
  } finally {
    await intake.close();
  }
}

const dataDir = { 'data-dir': { type: 'string' } } as const;
const json = { json: { type: 'boolean' } } as const;

const start: Command = {
  name: 'server start',
  summary: 'Menjalankan server penerimaan Diskominfo (tanpa persiapan; DATABASE_URL untuk PostgreSQL, BERKAS_S3_BUCKET dkk. untuk penyimpanan objek S3)',
  usage: `berkas server start [--data-dir D (bawaan ./${DEFAULT_DATA_DIR})] [--port P (bawaan ${DEFAULT_PORT})] [--host H] [--profiles-dir DIR] [--rate-capacity N] [--rate-per-second R] [--trusted-proxy IP[,IP]] [--session-idle-minutes M (bawaan 15)]`,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      {
        ...dataDir,
        port: { type: 'string' },
        host: { type: 'string' },
        'profiles-dir': { type: 'string' },
        'rate-capacity': { type: 'string' },
        'rate-per-second': { type: 'string' },
        'trusted-proxy': { type: 'string' },
        'session-idle-minutes': { type: 'string' },
      },
      this.usage,
      false,
    );
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new BerkasError('USAGE', `--port "${values.port}" tidak sah: 0–65535.`);
    const capacity = positiveNumber(values['rate-capacity'], 'rate-capacity');
    const perSecond = positiveNumber(values['rate-per-second'], 'rate-per-second');
    const trustedProxies = trustedProxiesOf(values['trusted-proxy']);
    const idle = positiveNumber(values['session-idle-minutes'], 'session-idle-minutes');
    if (idle !== undefined && (!Number.isInteger(idle) || idle > 480)) throw new BerkasError('USAGE', `--session-idle-minutes "${values['session-idle-minutes']}" tidak sah: 1–480 menit.`);
    const databaseUrl = process.env.DATABASE_URL;
    const running = await startIntakeServer({
      objectStore: objectStoreFromEnv(),
      dataDir: dataDirOf(values['data-dir']),
      port,
      ...(values.host ? { host: values.host } : {}),
      ...(values['profiles-dir'] ? { profilesDir: values['profiles-dir'] } : {}),
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(capacity || perSecond ? { rate: { capacity: capacity ?? 600, perSecond: perSecond ?? 100 } } : {}),
      ...(trustedProxies ? { limits: { trustedProxies } } : {}),
      ...(idle ? { sessionIdleMinutes: idle } : {}),
    });
    process.stdout.write(
      `Server Berkas siap: ${running.url} (penyimpanan: ${databaseUrl ? redactUrl(databaseUrl) : running.intake.repo.description}; lampiran: ${running.intake.storage.description}; folder data: ${dataDirOf(values['data-dir'])})\n` +
        `Konsol Diskominfo: ${running.url}/admin/ — buat akun admin dengan "berkas server reviewer add --role admin" (kata sandi dari BERKAS_REVIEWER_PASSWORD).\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    process.stdout.write('Server berhenti…\n');
    await running.close();
    return 0;
  },
};

const enrollCode: Command = {
  name: 'server enroll-code',
  summary: 'Membuat OPD (bila belum ada) dan kode pendaftaran perangkat sekali pakai',
  usage: 'berkas server enroll-code --data-dir D --opd KODE [--name "Nama OPD"] [--valid-days N] [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDir, ...json, opd: { type: 'string' }, name: { type: 'string' }, 'valid-days': { type: 'string' } }, this.usage, false);
    const result = (await adminVerb(values['data-dir'], 'enroll-code', { opd: values.opd, name: values.name, 'valid-days': values['valid-days'] })) as {
      code: string;
      opd: string;
      name: string;
      expiresAt: string;
    };
    if (values.json) printJson(result);
    else process.stdout.write(`${result.code}\n`);
    if (!values.json) process.stderr.write(`Kode pendaftaran untuk ${result.opd} (${result.name}), sekali pakai, berlaku sampai ${result.expiresAt}.\n`);
    return 0;
  },
};

const revokeToken: Command = {
  name: 'server revoke-token',
  summary: 'Mencabut token perangkat (satu token, atau semua token satu OPD)',
  usage: 'berkas server revoke-token --data-dir D (--token-id ID | --opd KODE) [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDir, ...json, 'token-id': { type: 'string' }, opd: { type: 'string' } }, this.usage, false);
    const result = (await adminVerb(values['data-dir'], 'revoke-token', { 'token-id': values['token-id'], opd: values.opd })) as { revoked: number };
    if (values.json) printJson(result);
    else process.stdout.write(`${result.revoked} token dicabut.\n`);
    return 0;
  },
};

const tokens: Command = {
  name: 'server tokens',
  summary: 'Daftar token perangkat (tanpa rahasianya)',
  usage: 'berkas server tokens --data-dir D [--opd KODE] [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDir, ...json, opd: { type: 'string' } }, this.usage, false);
    const result = (await adminVerb(values['data-dir'], 'tokens', { opd: values.opd })) as {
      tokens: { id: string; opd: string; deviceName: string | null; createdAt: string; revokedAt: string | null }[];
    };
    if (values.json) printJson(result);
    else for (const t of result.tokens) process.stdout.write(`${t.id}  ${t.opd.padEnd(12)} ${t.revokedAt ? `dicabut ${t.revokedAt}` : 'aktif'}  ${t.deviceName ?? ''}\n`);
    return 0;
  },
};

const adminToken: Command = {
  name: 'server admin-token',
  summary: 'Membuat token admin untuk masuk ke halaman tinjauan',
  usage: 'berkas server admin-token --data-dir D [--label NAMA] [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDir, ...json, label: { type: 'string' } }, this.usage, false);
    const result = (await adminVerb(values['data-dir'], 'admin-token', { label: values.label })) as { id: string; token: string };
    if (values.json) printJson(result);
    else process.stdout.write(`${result.token}\n`);
    return 0;
  },
};

const importPackage: Command = {
  name: 'server import',
  summary: 'Mengimpor paket pengiriman dari flash disk (tanda terima sama dengan jalur daring)',
  usage: 'berkas server import BERKAS.zip --data-dir D [--receipt-out TANDA-TERIMA.json] [--json]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDir, ...json, 'receipt-out': { type: 'string' } }, this.usage);
    if (positionals.length !== 1) throw new BerkasError('USAGE', `Sebutkan satu berkas paket.\nPemakaian: ${this.usage}`);
    const file = path.resolve(positionals[0] as string);
    const result = (await adminVerb(values['data-dir'], 'import', { file })) as {
      submissionId: string;
      opd: string;
      manifestSha256: string;
      receipt: unknown;
      isDuplicate: boolean;
      signerCheck: SignerCheck | null;
    };
    if (values['receipt-out']) {
      await writeFileAtomic(path.resolve(values['receipt-out']), JSON.stringify(result.receipt, null, 2) + '\n');
    }
    if (values.json) printJson(result);
    else
      process.stdout.write(
        `${result.isDuplicate ? 'Sudah diterima sebelumnya' : 'Diterima'}: pengiriman ${result.submissionId} dari ${result.opd} (SHA-256 manifes ${result.manifestSha256}).\n`,
      );
    // Received is not approved: whoever carries the flash drive sees at once when the signer is not the OPD's.
    if (!values.json && result.signerCheck?.verdict !== 'cocok') process.stderr.write(`Perhatian: ${signerCheckSentence(result.signerCheck)}\n`);
    return 0;
  },
};

const review: Command = {
  name: 'server review',
  summary: 'Memutuskan sebuah pengiriman (diterima, perlu revisi, ditolak) dengan catatan, untuk skrip peninjau',
  usage: 'berkas server review ID-PENGIRIMAN --status diterima|perlu-revisi|ditolak [--note TEKS] [--by NAMA] --data-dir D [--json]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDir, ...json, status: { type: 'string' }, note: { type: 'string' }, by: { type: 'string' } }, this.usage);
    if (positionals.length !== 1) throw new BerkasError('USAGE', `Sebutkan satu id pengiriman.\nPemakaian: ${this.usage}`);
    if (!values.status) throw new BerkasError('USAGE', `--status wajib diisi: diterima, perlu-revisi, atau ditolak.\nPemakaian: ${this.usage}`);
    const result = (await adminVerb(values['data-dir'], 'review', { id: positionals[0], status: values.status, note: values.note, by: values.by })) as {
      id: string;
      opd: string;
      review: { status: string; note: string | null; decidedAt: string | null };
    };
    if (values.json) printJson(result);
    // The OPD learns it on its next send or `berkas outbox status --refresh`.
    else process.stdout.write(`Pengiriman ${result.id} dari ${result.opd}: ${result.review.status}${result.review.note ? ` — "${result.review.note}"` : ''} (${result.review.decidedAt ?? '-'}).\n`);
    return 0;
  },
};

const check: Command = {
  name: 'server check',
  summary: 'Memeriksa setiap lampiran tersimpan terhadap SHA-256-nya dan mencari lampiran pengiriman yang hilang (keluar 1 bila ada masalah)',
  usage: 'berkas server check --data-dir D [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDir, ...json }, this.usage, false);
    const report = (await adminVerb(values['data-dir'], 'check', {})) as BlobCheckReport;
    const isClean = report.damaged.length === 0 && report.missing.length === 0;
    if (values.json) {
      printJson(report);
      return isClean ? 0 : 1;
    }
    const users = (p: BlobProblem) =>
      p.submissions.length ? `; dipakai ${p.submissions.map((s) => `${s.id} (OPD ${s.opd}, ${s.path})`).join(', ')}` : '; tidak dipakai pengiriman yang sudah diterima';
    for (const p of report.damaged) process.stdout.write(`RUSAK  ${p.sha256}: ${p.detail}${users(p)}\n`);
    for (const p of report.missing) process.stdout.write(`HILANG ${p.sha256}: ${p.detail}${users(p)}\n`);
    for (const sha of report.repaired) process.stdout.write(`PULIH  ${sha}: isinya kembali sesuai SHA-256-nya\n`);
    process.stdout.write(
      `Diperiksa ${report.checked} lampiran (${formatByteSize(report.bytes)}): ` +
        (isClean
          ? 'semuanya utuh.\n'
          : `${report.damaged.length} rusak, ${report.missing.length} hilang. Lampiran rusak tidak disajikan dan diterima ulang bila OPD mengirimnya lagi; minta OPD pemilik pengiriman di atas mengirim revisi.\n`),
    );
    return isClean ? 0 : 1;
  },
};

const rotateKey: Command = {
  name: 'server rotate-key',
  summary: 'Membuat kunci tanda terima baru (kunci lama tetap diterbitkan untuk memeriksa tanda terima lama)',
  usage: 'berkas server rotate-key --data-dir D [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDir, ...json }, this.usage, false);
    const result = (await adminVerb(values['data-dir'], 'rotate-key', {})) as { keyId: string };
    if (values.json) printJson(result);
    else process.stdout.write(`Kunci tanda terima baru: ${result.keyId}\n`);
    return 0;
  },
};

interface CertificateView {
  opd: string;
  sha256: string;
  subject: string;
  notAfter: string;
  label: string | null;
  addedAt: string;
}

const certificateLine = (c: CertificateView) => `${c.opd.padEnd(12)} ${c.sha256}  ${c.subject}  (berlaku sampai ${c.notAfter.slice(0, 10)})${c.label ? `  ${c.label}` : ''}\n`;

const opdCertificateAdd: Command = {
  name: 'server opd certificate add',
  summary: 'Mendaftarkan sertifikat penanda tangan sebagai milik OPD (tanda tangannya dianggap dari OPD itu)',
  usage: 'berkas server opd certificate add --opd KODE SERTIFIKAT.pem|.cer --data-dir D [--label "Plt. Kepala Dinas"] [--json]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDir, ...json, opd: { type: 'string' }, label: { type: 'string' } }, this.usage);
    if (positionals.length !== 1 || !values.opd) throw new BerkasError('USAGE', `Sebutkan --opd dan satu berkas sertifikat.\nPemakaian: ${this.usage}`);
    const { file, bytes } = await readCertificateFile(positionals[0] as string);
    const result = (await adminVerb(values['data-dir'], 'opd-certificate-add', {
      opd: values.opd,
      certificate: bytes.toString('base64'),
      file: path.basename(file),
      label: values.label,
    })) as CertificateView & { isNew: boolean };
    if (values.json) printJson(result);
    else process.stdout.write(`${result.isNew ? 'Didaftarkan' : 'Sudah terdaftar'} untuk OPD ${result.opd}: ${result.subject}\nSHA-256 ${result.sha256}\n`);
    return 0;
  },
};

const opdCertificateList: Command = {
  name: 'server opd certificate list',
  summary: 'Daftar sertifikat yang didaftarkan sebagai milik OPD',
  usage: 'berkas server opd certificate list --data-dir D [--opd KODE] [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDir, ...json, opd: { type: 'string' } }, this.usage, false);
    const result = (await adminVerb(values['data-dir'], 'opd-certificate-list', { opd: values.opd })) as { certificates: CertificateView[] };
    if (values.json) printJson(result);
    else if (result.certificates.length === 0) process.stdout.write(`Belum ada sertifikat terdaftar${values.opd ? ` untuk OPD ${values.opd.toUpperCase()}` : ''}.\n`);
    else for (const c of result.certificates) process.stdout.write(certificateLine(c));
    return 0;
  },
};

const opdCertificateRemove: Command = {
  name: 'server opd certificate remove',
  summary: 'Mencabut pendaftaran sertifikat dari OPD (pengiriman yang sudah diterima tetap dengan hasil pemeriksaannya)',
  usage: 'berkas server opd certificate remove --opd KODE SIDIK-JARI-SHA256 --data-dir D [--json]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDir, ...json, opd: { type: 'string' } }, this.usage);
    if (positionals.length !== 1 || !values.opd) throw new BerkasError('USAGE', `Sebutkan --opd dan sidik jari SHA-256 sertifikat.\nPemakaian: ${this.usage}`);
    const result = (await adminVerb(values['data-dir'], 'opd-certificate-remove', { opd: values.opd, sha256: positionals[0] })) as CertificateView;
    if (values.json) printJson(result);
    else process.stdout.write(`Dicabut dari OPD ${result.opd}: ${result.subject}\nSHA-256 ${result.sha256}\n`);
    return 0;
  },
};

export const serverCommands: Command[] = [
  start,
  enrollCode,
  revokeToken,
  tokens,
  adminToken,
  importPackage,
  review,
  rotateKey,
  check,
  opdCertificateAdd,
  opdCertificateList,
  opdCertificateRemove,
  migrateDb,
  ...consoleCommands(adminVerb),
];
