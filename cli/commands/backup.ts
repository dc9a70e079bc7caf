import path from 'node:path';
import type { Command } from '../command';
import { dataDirOption, defaultDataDir, parseCommandArgs, printJson } from '../command';
import { withWorkspace } from '../session';
import { BerkasError, isBerkasError } from '../../core/domain/errors';
import { formatByteSize } from '../../core/domain/format/byte-size';
import { formatTanggal } from '../../core/domain/format/tanggal';
import type { BackupContents, BackupProgress } from '../../core/domain/backup/types';
import { supportedVersions, verifyBackupFile } from '../../core/adapters/backup/archiver';
import { restoreBackup, undoRestore } from '../../core/adapters/backup/backup-restore';
import packageJson from '../../package.json';

/**
 * `berkas backup …` (issue 8 item 4). A passphrase is never an argument (it
 * would sit in the shell history and in every process listing): the officer
 * names an environment variable that holds it, and it is never printed.
 */

const passphraseOption = { 'passphrase-env': { type: 'string' } } as const;

function passphraseFrom(variable: string | undefined, usage: string): string {
  if (!variable) throw new BerkasError('USAGE', `--passphrase-env wajib diisi dengan NAMA variabel lingkungan yang berisi frasa sandi (bukan frasa sandinya).\nPemakaian: ${usage}`);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
    throw new BerkasError('USAGE', `--passphrase-env harus nama variabel lingkungan (huruf, angka, garis bawah), bukan "${variable.slice(0, 3)}…". Jangan menulis frasa sandi di baris perintah.`);
  }
  const value = process.env[variable];
  if (value === undefined || value === '') {
    throw new BerkasError('USAGE', `Variabel lingkungan ${variable} kosong atau tidak ada. Isi dulu, misalnya: read -rs ${variable} && export ${variable}`);
  }
  return value;
}

/** Local date and time, "17 Juni 2021 pukul 14.05". */
function when(iso: string): string {
  const d = new Date(iso);
  return `${formatTanggal(d)} pukul ${String(d.getHours()).padStart(2, '0')}.${String(d.getMinutes()).padStart(2, '0')}`;
}

function describeContents(c: BackupContents): string {
  const parts = [c.hasDatabase ? 'basis data' : null, c.hasSettings ? 'pengaturan' : null, `${c.blobCount} lampiran (${formatByteSize(c.blobBytes)})`];
  if (c.sealedSecretCount > 0) parts.push(`${c.sealedSecretCount} rahasia tersegel`);
  if (c.outboxFileCount > 0) parts.push(`${c.outboxFileCount} berkas kotak keluar`);
  if (c.trustRootCount > 0) parts.push(`${c.trustRootCount} sertifikat akar tepercaya`);
  return parts.filter((p): p is string => p !== null).join(', ');
}

const phaseLabels: Record<BackupProgress['phase'], string> = {
  snapshot: 'Menyalin basis data',
  key: 'Menurunkan kunci dari frasa sandi',
  writing: 'Menulis',
  reading: 'Memeriksa',
  finishing: 'Menyelesaikan',
  done: 'Selesai',
};

/** Progress on stderr: one rewritten line on a terminal, a line per 10 % otherwise (logs stay short). */
function progressPrinter() {
  const isTty = process.stderr.isTTY === true;
  let lastKey = '';
  return {
    show(p: BackupProgress) {
      const percent = p.bytesTotal > 0 ? Math.floor((p.bytesDone * 100) / p.bytesTotal) : 0;
      const amount = p.phase === 'writing' || p.phase === 'reading' ? ` ${percent}% (${formatByteSize(p.bytesDone)} dari ${formatByteSize(p.bytesTotal)})` : '';
      const line = `${phaseLabels[p.phase]}${amount}`;
      const key = `${p.phase}:${Math.floor(percent / 10)}`;
      if (isTty) process.stderr.write(`\r${line.padEnd(70)}`);
      else if (key !== lastKey) process.stderr.write(`${line}\n`);
      lastKey = key;
    },
    end() {
      if (isTty && lastKey !== '') process.stderr.write('\n');
    },
  };
}

/** Ctrl-C asks the work to stop cleanly (no partial file, data folder untouched) instead of killing it mid-write. */
function onInterrupt(cancel: () => void): () => void {
  const handler = () => {
    process.stderr.write('\nMembatalkan…\n');
    cancel();
  };
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const create: Command = {
  name: 'backup create',
  summary: 'Mencadangkan seluruh ruang kerja ke satu berkas .berkas-backup terenkripsi',
  usage: 'berkas backup create --data-dir D --out BERKAS.berkas-backup --passphrase-env VAR [--force] [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      { ...dataDirOption, ...passphraseOption, out: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
      this.usage,
      false,
    );
    if (!values.out) throw new BerkasError('USAGE', `--out wajib diisi.\nPemakaian: ${this.usage}`);
    const passphrase = passphraseFrom(values['passphrase-env'], this.usage);
    const outPath = path.resolve(values.out);
    return withWorkspace(values['data-dir'], async (api) => {
      const { jobId } = await api.backupCreate({ outPath, passphrase, isOverwriteAllowed: values.force === true });
      const printer = progressPrinter();
      const stopListening = onInterrupt(() => void api.backupJobCancel({ jobId }).catch(() => undefined));
      let job = await api.backupJobStatus({ jobId });
      try {
        while (job.state === 'running') {
          printer.show(job.progress);
          await sleep(200);
          job = await api.backupJobStatus({ jobId });
        }
      } finally {
        stopListening();
        printer.end();
      }
      if (job.state === 'cancelled') {
        process.stderr.write(`${job.error?.message ?? 'Pencadangan dibatalkan.'}\n`);
        return 130;
      }
      if (job.state === 'failed' || !job.result) {
        throw new BerkasError(job.error?.code ?? 'BACKUP_FAILED', job.error?.message ?? 'Pencadangan gagal.');
      }
      const r = job.result;
      if (values.json) printJson(r);
      else {
        process.stdout.write(`Cadangan tersimpan: ${r.path} (${formatByteSize(r.fileBytes)})\nIsi: ${describeContents(r.contents)}\n`);
        process.stdout.write('Simpan frasa sandinya di tempat aman: tanpa frasa sandi itu cadangan ini tidak dapat dipulihkan oleh siapa pun.\n');
      }
      for (const w of r.warnings) process.stderr.write(`Peringatan: ${w}\n`);
      return 0;
    });
  },
};

const restore: Command = {
  name: 'backup restore',
  summary: 'Memulihkan ruang kerja dari berkas .berkas-backup (Berkas harus ditutup)',
  usage: 'berkas backup restore BERKAS.berkas-backup --data-dir D --passphrase-env VAR [--json]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, ...passphraseOption, json: { type: 'boolean' } }, this.usage);
    if (positionals.length !== 1) throw new BerkasError('USAGE', `Sebutkan satu berkas cadangan.\nPemakaian: ${this.usage}`);
    const passphrase = passphraseFrom(values['passphrase-env'], this.usage);
    const controller = new AbortController();
    const printer = progressPrinter();
    const stopListening = onInterrupt(() => controller.abort());
    let result;
    try {
      result = await restoreBackup({
        file: positionals[0] ?? '',
        dataDir: values['data-dir'] ?? defaultDataDir(),
        passphrase,
        supported: supportedVersions(packageJson.version),
        onProgress: (p) => printer.show(p),
        signal: controller.signal,
      });
    } finally {
      stopListening();
      printer.end();
    }
    if (values.json) printJson(result);
    else {
      process.stdout.write(
        `Dipulihkan ke ${result.dataDir} dari cadangan ${when(result.createdAt)} (Berkas ${result.appVersion}).\nIsi: ${describeContents(result.contents)}\n`,
      );
      for (const n of result.notices) process.stdout.write(`Perhatian: ${n}\n`);
    }
    return 0;
  },
};

const verify: Command = {
  name: 'backup verify',
  summary: 'Memeriksa seluruh isi berkas .berkas-backup tanpa memulihkannya',
  usage: 'berkas backup verify BERKAS.berkas-backup --passphrase-env VAR [--json]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...passphraseOption, json: { type: 'boolean' } }, this.usage);
    if (positionals.length !== 1) throw new BerkasError('USAGE', `Sebutkan satu berkas cadangan.\nPemakaian: ${this.usage}`);
    const passphrase = passphraseFrom(values['passphrase-env'], this.usage);
    const controller = new AbortController();
    const printer = progressPrinter();
    const stopListening = onInterrupt(() => controller.abort());
    try {
      const result = await verifyBackupFile(positionals[0] ?? '', passphrase, supportedVersions(packageJson.version), {
        onProgress: (p) => printer.show(p),
        signal: controller.signal,
      });
      printer.end();
      if (values.json) printJson({ isValid: true, ...result });
      else process.stdout.write(`Utuh: ${result.path}, dibuat ${when(result.createdAt)} oleh Berkas ${result.appVersion}.\nIsi: ${describeContents(result.contents)}\n`);
      return 0;
    } catch (err) {
      printer.end();
      // With --json the verdict is the output, also when it is "no".
      if (values.json && isBerkasError(err)) {
        printJson({ isValid: false, error: { code: err.code, message: err.message } });
        return 1;
      }
      throw err;
    } finally {
      stopListening();
    }
  },
};

const undo: Command = {
  name: 'backup undo-restore',
  summary: 'Membatalkan pemulihan terakhir: mengembalikan ruang kerja yang disisihkan',
  usage: 'berkas backup undo-restore --data-dir D [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage, false);
    const result = await undoRestore({ dataDir: values['data-dir'] ?? defaultDataDir() });
    if (values.json) printJson(result);
    else {
      process.stdout.write(`Ruang kerja ${result.restoredFrom} dikembalikan ke ${result.dataDir}.\n`);
      if (result.movedAside) process.stdout.write(`Hasil pemulihan yang dibatalkan disimpan di ${result.movedAside}.\n`);
    }
    return 0;
  },
};

const status: Command = {
  name: 'backup status',
  summary: 'Waktu cadangan terakhir dan pengingat berikutnya',
  usage: 'berkas backup status [--data-dir D] [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage, false);
    return withWorkspace(values['data-dir'], async (api) => {
      const s = await api.backupStatus({});
      if (values.json) printJson(s);
      else {
        process.stdout.write(s.lastBackupAt ? `Terakhir dicadangkan ${when(s.lastBackupAt)} ke ${s.lastBackupPath ?? '-'}.\n` : 'Belum pernah dicadangkan.\n');
        process.stdout.write(
          s.isDue ? `Sudah waktunya mencadangkan (pengingat setiap ${s.intervalDays} hari).\n` : `Pengingat berikutnya ${when(s.nextDueAt ?? '')} (setiap ${s.intervalDays} hari).\n`,
        );
      }
      return 0;
    });
  },
};

export const backupCommands: Command[] = [create, restore, verify, undo, status];
