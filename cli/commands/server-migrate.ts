/**
 * `berkas server migrate-db`: the embedded node's folder onto PostgreSQL (and
 * its blobs onto the object store when BERKAS_S3_* is set), the step between
 * one node and N nodes (server/DEPLOY.md). Secrets come from the environment,
 * never from arguments (they would show in `ps` and shell history).
 */
import path from 'node:path';
import type { Command } from '../command';
import { parseCommandArgs, printJson } from '../command';
import { BerkasError } from '../../core/domain/errors';
import { formatByteSize } from '../../core/domain/format/byte-size';
import { migrateEmbeddedToPostgres } from '../../server/migrate-db';
import { objectStoreFromEnv } from '../../server/storage/config';
import { DEFAULT_DATA_DIR } from '../../server/intake-server';

export const migrateDb: Command = {
  name: 'server migrate-db',
  summary: 'Memindahkan basis data server bawaan (sql.js) ke PostgreSQL (DATABASE_URL) dan lampirannya ke penyimpanan objek (BERKAS_S3_*, bila diisi), untuk beberapa node',
  usage: 'DATABASE_URL=postgres://… [BERKAS_S3_BUCKET=… dkk.] berkas server migrate-db --data-dir D [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { 'data-dir': { type: 'string' }, json: { type: 'boolean' } }, this.usage, false);
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      throw new BerkasError('USAGE', `DATABASE_URL belum diisi: sebutkan basis data PostgreSQL tujuan (kosong) di lingkungan, mis. DATABASE_URL=postgres://berkas@db/berkas.\nPemakaian: ${this.usage}`);
    }
    const dataDir = path.resolve(values['data-dir'] ?? process.env.BERKAS_SERVER_DATA_DIR ?? DEFAULT_DATA_DIR);
    const objectStore = objectStoreFromEnv();
    const isJson = values.json === true;
    const report = await migrateEmbeddedToPostgres({
      dataDir,
      databaseUrl,
      objectStore,
      now: new Date(),
      ...(isJson ? {} : { onBlobProgress: (done: number) => process.stderr.write(`\r${done} lampiran diperiksa…`) }),
    });
    if (isJson) {
      printJson(report);
      return report.blobs.damaged.length > 0 ? 1 : 0;
    }
    const out = (line: string) => process.stdout.write(`${line}\n`);
    if (objectStore) process.stderr.write('\n');
    out(`Dipindahkan dari ${dataDir} ke ${report.database} (penyimpanan bawaan tidak diubah):`);
    for (const t of report.tables) out(`  ${t.table.padEnd(22)} ${t.rows} baris`);
    out(`Kunci tanda terima di basis data: ${report.receiptKeys.map((k) => `${k.keyId}${k.isCurrent ? ' (aktif)' : ''}`).join(', ')}`);
    const b = report.blobs;
    if (b.target === null) {
      out(`Lampiran tetap di ${path.join(dataDir, 'blobs')}: BERKAS_S3_BUCKET tidak diisi. Satu node di atas PostgreSQL dapat memakainya; untuk beberapa node pindahkan juga ke penyimpanan objek (jalankan lagi dengan BERKAS_S3_* ke basis data kosong, atau lihat server/DEPLOY.md).`);
    } else {
      out(`Lampiran ke ${b.target}: ${b.copied} disalin (${formatByteSize(b.bytes)}), ${b.alreadyThere} sudah ada.`);
    }
    for (const sha of b.damaged) out(`RUSAK  ${sha}: isinya di folder data tidak lagi sesuai SHA-256-nya; tidak disalin (berkas server check).`);
    out(`Berikutnya: jalankan setiap node dengan DATABASE_URL yang sama${b.target ? ' dan BERKAS_S3_* yang sama' : ''} (server/DEPLOY.md).`);
    return b.damaged.length > 0 ? 1 : 0;
  },
};
