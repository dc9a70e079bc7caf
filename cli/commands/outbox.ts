/**
 * `berkas enroll` and `berkas outbox …` (issue 7 item 8): the kotak keluar
 * without a window. The vault that keeps the device token is unlocked with
 * BERKAS_VAULT_PASSPHRASE outside Electron; the token is never printed.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from '../command';
import { dataDirOption, parseCommandArgs, printJson } from '../command';
import { withWorkspace } from '../session';
import { BerkasError } from '../../core/domain/errors';
import { formatByteSize } from '../../core/domain/format/byte-size';
import { ageParts, formatAgeId } from '../../core/domain/outbox/age';
import { outboxStateLabels } from '../../core/domain/outbox/machine';
import { SUBMISSION_TYPES, isSubmissionType, submissionTypeLabels } from '../../core/domain/outbox/manifest';
import type { OutboxItemView, OutboxOverview } from '../../core/domain/outbox/views';

function usageError(message: string, usage: string): BerkasError {
  return new BerkasError('USAGE', `${message}\nPemakaian: ${usage}`);
}

function stateText(item: OutboxItemView): string {
  const label = outboxStateLabels[item.status.state];
  const held = item.status.isHeld ? ', ditahan' : '';
  const percent = item.status.state === 'mengirim' || (item.status.state === 'antre' && item.status.bytesSent > 0) ? ` ${item.percent}%` : '';
  return `${label}${held}${percent}`;
}

function itemLine(item: OutboxItemView): string {
  const reason = item.status.lastError && item.status.receipt === null ? `\n    Alasan: ${item.status.lastError.message}` : '';
  const receipt = item.status.receipt ? `\n    Tanda terima: diterima server ${item.status.receipt.receivedAt}, kunci ${item.status.receipt.keyId}` : '';
  return `${item.id}  ${stateText(item)}\n    ${submissionTypeLabels[item.type]} — ${item.title} (${item.periodLabel}, ${formatByteSize(item.packageSize)})${reason}${receipt}`;
}

function overviewText(o: OutboxOverview): string {
  const lines: string[] = [];
  if (o.enrollment) {
    lines.push(`Server: ${o.enrollment.serverUrl} — OPD ${o.enrollment.opdCode} (${o.enrollment.opdName})${o.enrollment.revokedAt ? ' — TOKEN DITOLAK, daftarkan ulang' : ''}`);
  } else {
    lines.push('Server: belum terdaftar (berkas enroll --server URL --code KODE)');
  }
  const counts = Object.entries(o.counts)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${outboxStateLabels[state as keyof typeof outboxStateLabels]} ${n}`);
  lines.push(`Paket: ${counts.length > 0 ? counts.join(', ') : 'tidak ada'}`);
  if (o.oldestUnsentAt) lines.push(`Paket tertua yang belum terkirim menunggu ${formatAgeId(ageParts(o.oldestUnsentAt, new Date(o.now)))} (${o.oldestUnsentId}).`);
  if (o.sender.linkError) lines.push(`Keterangan: ${o.sender.linkError.message}`);
  return lines.join('\n');
}

const enroll: Command = {
  name: 'enroll',
  summary: 'Mendaftarkan perangkat ini ke server Diskominfo dengan kode pendaftaran',
  usage: 'berkas enroll --server URL --code KODE [--device-name NAMA] [--data-dir D] [--json]  (brankas: BERKAS_VAULT_PASSPHRASE)',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, server: { type: 'string' }, code: { type: 'string' }, 'device-name': { type: 'string' }, json: { type: 'boolean' } }, this.usage, false);
    if (!values.server) throw usageError('--server wajib diisi dengan alamat server Diskominfo.', this.usage);
    if (!values.code) throw usageError('--code wajib diisi dengan kode pendaftaran dari Diskominfo.', this.usage);
    const server = values.server;
    const code = values.code;
    return withWorkspace(values['data-dir'], async (api) => {
      const enrolled = await api.enroll({ serverUrl: server, code, ...(values['device-name'] ? { deviceName: values['device-name'] } : {}) });
      if (values.json) printJson(enrolled);
      else process.stdout.write(`Terdaftar ke ${enrolled.serverUrl} sebagai OPD ${enrolled.opdCode} (${enrolled.opdName}), perangkat "${enrolled.deviceName}". Token disimpan di brankas kunci.\n`);
      return 0;
    });
  },
};

const add: Command = {
  name: 'outbox add',
  summary: 'Memasukkan PDF bertanda tangan (dikemas dengan datanya) atau paket ZIP ke kotak keluar',
  usage: `berkas outbox add BERKAS.pdf|PAKET.zip [--data DATA.json] [--type ${SUBMISSION_TYPES.join('|')}] [--period P] [--revision-of ID] [--report-type KUNCI] [--title JUDUL] [--attach BERKAS]... [--hold] [--data-dir D] [--json]`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        ...dataDirOption,
        data: { type: 'string' },
        type: { type: 'string' },
        period: { type: 'string' },
        'revision-of': { type: 'string' },
        'report-type': { type: 'string' },
        title: { type: 'string' },
        attach: { type: 'string', multiple: true },
        hold: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      this.usage,
    );
    if (positionals.length !== 1) throw usageError('Sebutkan satu berkas: PDF bertanda tangan atau paket .zip.', this.usage);
    const file = path.resolve(positionals[0] as string);
    if (values.type !== undefined && !isSubmissionType(values.type)) throw usageError(`--type harus salah satu dari ${SUBMISSION_TYPES.join(', ')}.`, this.usage);
    let dataJson: string | undefined;
    if (values.data) {
      try {
        dataJson = await fs.readFile(path.resolve(values.data), 'utf8');
      } catch (err) {
        throw new BerkasError('FILE_NOT_FOUND', `Berkas data ${values.data} tidak dapat dibaca (${(err as NodeJS.ErrnoException).code ?? 'galat'}).`, { file: values.data });
      }
    }
    return withWorkspace(values['data-dir'], async (api) => {
      const item = await api.outboxAdd({
        fileName: path.basename(file),
        path: file,
        ...(dataJson !== undefined ? { dataJson } : {}),
        ...(values.type !== undefined && isSubmissionType(values.type) ? { type: values.type } : {}),
        ...(values.period ? { period: values.period } : {}),
        ...(values['revision-of'] ? { revisionOf: values['revision-of'] } : {}),
        ...(values['report-type'] ? { reportType: values['report-type'] } : {}),
        ...(values.title ? { title: values.title } : {}),
        ...(values.attach && values.attach.length > 0 ? { attachmentPaths: values.attach.map((a) => path.resolve(a)) } : {}),
        ...(values.hold ? { isHeld: true } : {}),
      });
      if (values.json) printJson(item);
      else process.stdout.write(`Masuk kotak keluar:\n${itemLine(item)}\n`);
      return 0;
    });
  },
};

const send: Command = {
  name: 'outbox send',
  summary: 'Mengirim paket yang antre sekarang (--wait: terus mencoba sampai semuanya terkirim)',
  usage: 'berkas outbox send [--wait] [--data-dir D] [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, wait: { type: 'boolean' }, json: { type: 'boolean' } }, this.usage, false);
    return withWorkspace(values['data-dir'], async (_api, services) => {
      const service = services.outbox;
      // Ctrl-C stops cleanly: the server keeps every chunk it acknowledged, and the next run continues there.
      const onInterrupt = () => {
        process.stderr.write('\nMenghentikan pengiriman…\n');
        void service.stop();
      };
      process.once('SIGINT', onInterrupt);
      process.once('SIGTERM', onInterrupt);
      let report;
      try {
        report = await service.sendPending({
          isPatient: values.wait === true,
          onChange: (item) => {
            if (!values.json) process.stderr.write(`${item.id}: ${stateText(item)}${item.status.receipt === null && item.status.lastError ? ` — ${item.status.lastError.message}` : ''}\n`);
          },
        });
      } finally {
        process.off('SIGINT', onInterrupt);
        process.off('SIGTERM', onInterrupt);
      }
      if (values.json) printJson(report);
      else {
        process.stdout.write(`Dicoba ${report.attempted} paket; terkirim ${report.delivered.length}.\n`);
        for (const w of report.waiting) process.stdout.write(`Belum terkirim: ${w.id} (${outboxStateLabels[w.state]})${w.reason ? ` — ${w.reason}` : ''}\n`);
      }
      // 0: nothing left to send; 1: some packages still wait (each with its reason above).
      return report.waiting.length === 0 ? 0 : 1;
    });
  },
};

const status: Command = {
  name: 'outbox status',
  summary: 'Menampilkan isi kotak keluar, status tiap paket, dan umur paket tertua yang belum terkirim',
  usage: 'berkas outbox status [--refresh] [--data-dir D] [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, refresh: { type: 'boolean' }, json: { type: 'boolean' } }, this.usage, false);
    return withWorkspace(values['data-dir'], async (api) => {
      const overview = await api.outboxStatus({ refresh: values.refresh === true });
      const items = await api.outboxList({});
      if (values.json) printJson({ ...overview, items });
      else {
        process.stdout.write(`${overviewText(overview)}\n`);
        for (const item of items) process.stdout.write(`\n${itemLine(item)}\n`);
      }
      return 0;
    });
  },
};

const exportCommand: Command = {
  name: 'outbox export',
  summary: 'Menyalin paket ke berkas (misalnya ke flashdisk) untuk diserahkan langsung ke Diskominfo',
  usage: 'berkas outbox export ID --to BERKAS.zip|FOLDER [--data-dir D] [--json]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, to: { type: 'string' }, json: { type: 'boolean' } }, this.usage);
    if (positionals.length !== 1) throw usageError('Sebutkan id paket (lihat berkas outbox status).', this.usage);
    if (!values.to) throw usageError('--to wajib diisi dengan berkas tujuan.', this.usage);
    const id = positionals[0] as string;
    const to = path.resolve(values.to);
    return withWorkspace(values['data-dir'], async (api) => {
      const result = await api.outboxExport({ id, outPath: to });
      if (values.json) printJson(result);
      else process.stdout.write(`Paket ${id} disalin ke ${result.path} (${formatByteSize(result.size)}). Serahkan berkas ini ke Diskominfo; server menerimanya sekali saja meskipun paket yang sama juga terkirim lewat jaringan.\n`);
      return 0;
    });
  },
};

function itemVerb(name: 'hold' | 'resume' | 'cancel' | 'send-now', summary: string): Command {
  const usage = `berkas outbox ${name} ID${name === 'cancel' ? ' --yes' : ''} [--data-dir D] [--json]`;
  return {
    name: `outbox ${name}`,
    summary,
    usage,
    async run(argv) {
      const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, yes: { type: 'boolean' }, json: { type: 'boolean' } }, usage);
      if (positionals.length !== 1) throw usageError('Sebutkan id paket.', usage);
      if (name === 'cancel' && !values.yes) throw usageError('Membatalkan paket tidak dapat diurungkan; ulangi dengan --yes bila yakin.', usage);
      const id = positionals[0] as string;
      return withWorkspace(values['data-dir'], async (api) => {
        const item =
          name === 'hold' ? await api.outboxHold({ id }) : name === 'resume' ? await api.outboxResume({ id }) : name === 'cancel' ? await api.outboxCancel({ id }) : await api.outboxSendNow({ id });
        if (values.json) printJson(item);
        else process.stdout.write(`${itemLine(item)}\n`);
        return 0;
      });
    },
  };
}

export const outboxCommands: Command[] = [
  enroll,
  add,
  send,
  status,
  exportCommand,
  itemVerb('hold', 'Menahan paket agar tidak dikirim dulu'),
  itemVerb('resume', 'Melanjutkan paket yang ditahan'),
  itemVerb('cancel', 'Membatalkan paket (tidak dikirim; tidak dapat diurungkan)'),
  itemVerb('send-now', 'Mendahulukan satu paket (juga paket yang gagal, setelah penyebabnya diperbaiki)'),
];
