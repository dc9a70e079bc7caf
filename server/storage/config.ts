/**
 * The object store a node uses, from the environment (secrets never travel as
 * arguments): BERKAS_S3_BUCKET selects it, the others say where and as whom.
 */
import path from 'node:path';
import { BerkasError } from '../../core/domain/errors';
import type { NodeStore } from '../store/node-store';
import type { BlobStorage } from './blob-storage';
import { createLocalBlobStorage } from './local-storage';
import { createS3BlobStorage } from './s3-storage';

export interface ObjectStoreConfig {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  prefix?: string;
}

const names = {
  endpoint: 'BERKAS_S3_ENDPOINT',
  bucket: 'BERKAS_S3_BUCKET',
  region: 'BERKAS_S3_REGION',
  accessKeyId: 'BERKAS_S3_ACCESS_KEY_ID',
  secretAccessKey: 'BERKAS_S3_SECRET_ACCESS_KEY',
  prefix: 'BERKAS_S3_PREFIX',
} as const;

/** Null when BERKAS_S3_BUCKET is not set (blobs stay in the data folder); a usage error naming what is missing. */
export function objectStoreFromEnv(env: NodeJS.ProcessEnv = process.env): ObjectStoreConfig | null {
  const bucket = env[names.bucket];
  if (!bucket) return null;
  const missing = (['endpoint', 'accessKeyId', 'secretAccessKey'] as const).filter((k) => !env[names[k]]);
  if (missing.length > 0) {
    throw new BerkasError('USAGE', `${names.bucket} diisi, tetapi ${missing.map((k) => names[k]).join(', ')} belum: isi semuanya untuk memakai penyimpanan objek S3.`);
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..')) {
    throw new BerkasError('USAGE', `${names.bucket} "${bucket}" bukan nama bucket S3 yang sah: 3–63 huruf kecil, angka, titik atau tanda hubung.`);
  }
  const endpoint = env[names.endpoint] as string;
  if (!/^https?:\/\/[^/]+\/?$/.test(endpoint)) throw new BerkasError('USAGE', `${names.endpoint} "${endpoint}" harus berupa http(s)://host[:port], tanpa jalur.`);
  const prefix = env[names.prefix];
  // No "." or ".." segment: a path-style URL with one could be normalized into another bucket on the way.
  if (prefix !== undefined && prefix !== '' && (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/.test(prefix) || prefix.split('/').some((seg) => /^\.+$/.test(seg)))) {
    throw new BerkasError('USAGE', `${names.prefix} "${prefix}" tidak sah: huruf, angka, titik, garis bawah, tanda hubung, berakhir dengan "/", tanpa bagian "." atau ".." (mis. berkas/).`);
  }
  return {
    endpoint: endpoint.replace(/\/$/, ''),
    bucket,
    region: env[names.region] || 'us-east-1',
    accessKeyId: env[names.accessKeyId] as string,
    secretAccessKey: env[names.secretAccessKey] as string,
    ...(prefix ? { prefix } : {}),
  };
}

/** The data folder's blobs, or the object store (checked to answer before the node says it is ready). */
export async function openBlobStorage(dataDir: string, objectStore: ObjectStoreConfig | null | undefined, nodes: NodeStore): Promise<BlobStorage> {
  if (!objectStore) return createLocalBlobStorage(dataDir);
  const storage = createS3BlobStorage({
    ...objectStore,
    nodes,
    tmpDir: path.join(path.resolve(dataDir), 'tmp', 'impor'),
  });
  try {
    await storage.client.headBucket();
  } catch (err) {
    storage.client.close();
    throw new BerkasError(
      'OBJECT_STORE_UNAVAILABLE',
      `Penyimpanan objek ${storage.client.description} tidak dapat dipakai: ${(err as Error).message}. Periksa ${names.endpoint}, ${names.bucket} dan kuncinya.`,
    );
  }
  return storage;
}
