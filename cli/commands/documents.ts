/**
 * `berkas documents …` (issue 13 item 7): the document journey without a
 * window, through the same services as the screens. A document is named by
 * its own id (`documents list`) or one of its signed revisions' ids.
 */
import path from 'node:path';
import type { Command } from '../command';
import { dataDirOption, parseCommandArgs, printJson } from '../command';
import { withWorkspace } from '../session';
import { openKey } from '../signing-key';
import { BerkasError, isBerkasError } from '../../core/domain/errors';
import { formatByteSize } from '../../core/domain/format/byte-size';
import { documentKindLabels, type DocumentSummary, type DocumentView } from '../../core/domain/documents/model';
import { outboxStateLabels } from '../../core/domain/outbox/machine';
import { uncertifiedLabel } from '../../core/domain/signing/certificate';

function usageError(message: string, usage: string): BerkasError {
  return new BerkasError('USAGE', `${message}\nPemakaian: ${usage}`);
}

function oneId(positionals: string[], usage: string): string {
  if (positionals.length !== 1 || !positionals[0]) throw usageError('Sebutkan satu id dokumen atau revisi (lihat berkas documents list).', usage);
  return positionals[0];
}

const REVIEW_WORDS = { menunggu: 'menunggu', diterima: 'diterima', 'perlu-revisi': 'perlu revisi', ditolak: 'ditolak' } as const;

/** A line per document: what it is, which revision, where it stands, and what is wrong with a kept file. */
function summaryLines(d: DocumentSummary): string {
  const lines = [`${d.id}  ${documentKindLabels[d.kind]} — ${d.title} (${d.period}), revisi ${d.revision}: ${d.stateLabel}`];
  if (d.review && d.review.status !== 'menunggu') lines.push(`    Keputusan Diskominfo atas revisi ${d.review.revision}: ${REVIEW_WORDS[d.review.status]}${d.review.note ? ` — "${d.review.note}"` : ''}`);
  if (d.revisionNote) lines.push(`    Draf ini menjawab catatan: "${d.revisionNote}"`);
  for (const p of d.problems) {
    lines.push(`    MASALAH: ${p.message}`);
    if (p.hasOutboxCopy) lines.push(`      Ekspor ulang: berkas documents export ${p.revisionId} --from-outbox --to BERKAS${p.file === 'data' ? ' --data' : ''}`);
  }
  return lines.join('\n');
}

function viewText(d: DocumentView): string {
  const lines = [summaryLines(d)];
  for (const r of d.revisions) {
    const signer = `${r.signer.name}${r.signer.nip ? ` (NIP ${r.signer.nip})` : r.signer.nik ? ` (NIK ${r.signer.nik})` : ''}${r.signer.isCertified ? '' : `, ${uncertifiedLabel}`}`;
    const sent = r.submission ? `; kiriman ${r.submission.id}: ${outboxStateLabels[r.submission.state]}${r.submission.isHeld ? ' (ditahan)' : ''}` : '; belum dikirim';
    lines.push(`  Revisi ${r.revision} (${r.id}) ditandatangani ${r.signedAt} oleh ${signer}${r.revisionOf ? `, menggantikan ${r.revisionOf}` : ''}`);
    lines.push(`    ${r.fileName} (${formatByteSize(r.fileSize)}, SHA-256 ${r.fileSha256})${sent}`);
  }
  return lines.join('\n');
}

const list: Command = {
  name: 'documents list',
  summary: 'Daftar semua dokumen (rencana aksi, laporan, serah terima) dengan revisi dan statusnya',
  usage: 'berkas documents list [--json] [--data-dir D]  (kode keluar 1: ada berkas tersimpan yang hilang atau berubah)',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage, false);
    return withWorkspace(values['data-dir'], async (api) => {
      const documents = await api.documentList({});
      if (values.json) printJson(documents);
      else if (documents.length === 0) process.stdout.write('Belum ada dokumen.\n');
      else for (const d of documents) process.stdout.write(`${summaryLines(d)}\n`);
      // 1 when a kept file is missing or altered: a script notices without reading the text.
      return documents.some((d) => d.problems.length > 0) ? 1 : 0;
    });
  },
};

const show: Command = {
  name: 'documents show',
  summary: 'Satu dokumen dengan setiap revisi bertanda tangan, kirimannya, dan keputusan Diskominfo',
  usage: 'berkas documents show ID [--json] [--data-dir D]  (kode keluar 1: ada berkas tersimpan yang hilang atau berubah)',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage);
    const id = oneId(positionals, this.usage);
    return withWorkspace(values['data-dir'], async (api) => {
      const view = await api.documentGet({ id });
      if (values.json) printJson(view);
      else process.stdout.write(`${viewText(view)}\n`);
      return view.problems.length > 0 ? 1 : 0;
    });
  },
};

const exportCommand: Command = {
  name: 'documents export',
  summary: 'Menulis berkas bertanda tangan (PDF atau paket ZIP) atau data.json sebuah revisi ke berkas',
  usage: 'berkas documents export ID --to BERKAS [--data] [--from-outbox] [--json] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { ...dataDirOption, to: { type: 'string' }, data: { type: 'boolean' }, 'from-outbox': { type: 'boolean' }, json: { type: 'boolean' } },
      this.usage,
    );
    const id = oneId(positionals, this.usage);
    if (!values.to) throw usageError('--to wajib diisi dengan berkas tujuan.', this.usage);
    const to = path.resolve(values.to);
    return withWorkspace(values['data-dir'], async (api) => {
      const written = await api.documentExport({ id, outPath: to, ...(values.data ? { file: 'data' as const } : {}), ...(values['from-outbox'] ? { fromOutbox: true } : {}) });
      if (values.json) printJson(written);
      else process.stdout.write(`Ditulis: ${written.path} (${formatByteSize(written.size)}, SHA-256 ${written.sha256})${written.isFromOutbox ? ', dari salinan di Kotak Keluar' : ''}\n`);
      return 0;
    });
  },
};

const sign: Command = {
  name: 'documents sign',
  summary: 'Menandatangani draf dokumen (atau menambah tanda tangan pada revisi terbaru) dan menyimpannya sebagai revisi',
  usage:
    'berkas documents sign ID (--self-signed | --p12 BERKAS.p12 --password-env VAR | --certificate ID [--password-env VAR]) [--confirm-signer] [--tsa URL] [--nomor NOMOR] [--allow-secrets] [--json] [--data-dir D]  (brankas: BERKAS_VAULT_PASSPHRASE)',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        ...dataDirOption,
        'self-signed': { type: 'boolean' },
        p12: { type: 'string' },
        'password-env': { type: 'string' },
        certificate: { type: 'string' },
        'confirm-signer': { type: 'boolean' },
        tsa: { type: 'string' },
        nomor: { type: 'string' },
        'allow-secrets': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      this.usage,
    );
    const id = oneId(positionals, this.usage);
    if (values.tsa !== undefined && !/^https?:\/\//.test(values.tsa)) throw usageError('--tsa harus diawali http:// atau https://.', this.usage);
    return withWorkspace(values['data-dir'], async (_api, services) => {
      const key = await openKey(values, services, this.usage);
      let result = await services.documents
        .sign(id, key, {
          ...(values.tsa ? { tsaUrl: values.tsa } : {}),
          ...(values.nomor ? { nomor: values.nomor } : {}),
          ...(values['allow-secrets'] ? { isSecretsAcknowledged: true } : {}),
          ...(values['confirm-signer'] ? { isSignerConfirmed: true } : {}),
        })
        .catch((err: unknown) => {
          // The screens confirm in the dialog; here the confirmation is a flag.
          if (isBerkasError(err) && err.code === 'SIGNER_DIFFERS') throw new BerkasError(err.code, `${err.message} Baris perintah: ulangi dengan --confirm-signer.`, err.details);
          throw err;
        });
      let revision = result.revision;
      if (!revision && result.jobId) {
        process.stderr.write('Membuat paket serah terima…\n');
        const job = await services.documents.waitForSignJob(result.jobId);
        if (job.error) throw new BerkasError(job.error.code, job.error.message);
        revision = job.revision;
        result = { ...result, document: await services.documents.get(result.document.id), revision };
      }
      if (!revision) throw new BerkasError('INTERNAL', 'Penandatanganan selesai tanpa revisi yang tersimpan.');
      if (values.json) printJson(result);
      else {
        process.stdout.write(`${revision.id}\n`);
        process.stderr.write(`Revisi ${revision.revision} "${revision.title}" ditandatangani oleh ${revision.signer.name} dan disimpan (${revision.fileName}, SHA-256 ${revision.fileSha256}).\n`);
      }
      return 0;
    });
  },
};

const send: Command = {
  name: 'documents send',
  summary: 'Mengirim revisi bertanda tangan terbaru ke Diskominfo (lewat kotak keluar; tanpa --data, --type, --period)',
  usage: 'berkas documents send ID [--hold] [--queue-only] [--json] [--data-dir D]  (brankas: BERKAS_VAULT_PASSPHRASE)',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, hold: { type: 'boolean' }, 'queue-only': { type: 'boolean' }, json: { type: 'boolean' } }, this.usage);
    const id = oneId(positionals, this.usage);
    return withWorkspace(values['data-dir'], async (api, services) => {
      const sent = await api.documentSend({ id, ...(values.hold ? { isHeld: true } : {}) });
      // One step, as on the screens: queued, then sent at once when the device is enrolled (the queue goes oldest first).
      const shouldSend = !values.hold && !values['queue-only'] && sent.destination !== null;
      const report = shouldSend ? await services.outbox.sendPending() : null;
      const submission = await api.outboxList({}).then((items) => items.find((i) => i.id === sent.submission.id) ?? sent.submission);
      const document = await api.documentGet({ id: sent.document.id });
      if (values.json) printJson({ ...sent, submission, document, send: report });
      else {
        process.stdout.write(`${sent.message}\n`);
        if (!sent.destination) process.stdout.write('Baris perintah: berkas enroll --server URL --code KODE (kode pendaftaran dari Diskominfo).\n');
        process.stdout.write(`Paket ${submission.id}: ${outboxStateLabels[submission.status.state]}${submission.status.lastError && !submission.status.receipt ? ` — ${submission.status.lastError.message}` : ''}\n`);
        process.stdout.write(`Status dokumen: ${document.stateLabel}\n`);
      }
      return 0;
    });
  },
};

const revise: Command = {
  name: 'documents revise',
  summary: 'Membuat revisi draf baru dari dokumen yang dikembalikan Diskominfo (perlu revisi), dengan catatan peninjau',
  usage: 'berkas documents revise ID [--json] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage);
    const id = oneId(positionals, this.usage);
    return withWorkspace(values['data-dir'], async (api) => {
      const view = await api.documentRevise({ id });
      if (values.json) printJson(view);
      else process.stdout.write(`Revisi ${view.revision} "${view.title}" dibuka sebagai draf${view.revisionNote ? `; catatan peninjau: "${view.revisionNote}"` : ''}. Perbaiki, tandatangani, lalu kirim.\n`);
      return 0;
    });
  },
};

export const documentCommands: Command[] = [list, show, exportCommand, sign, send, revise];
