/**
 * Makes the test bucket through S3 itself (signed with the same client the
 * server uses), so .ci/object-store.sh knows the store answers S3 before the
 * tests start. Reads BERKAS_S3_* like the server; exits 1 with the reason.
 */
import { S3Client } from '../server/storage/s3-client';
import { objectStoreFromEnv } from '../server/storage/config';

async function main(): Promise<void> {
  const config = objectStoreFromEnv();
  if (!config) throw new Error('BERKAS_S3_BUCKET is not set');
  const client = new S3Client({ ...config, idleTimeoutMs: 5_000 });
  try {
    await client.createBucket();
    await client.headBucket();
  } finally {
    client.close();
  }
}

main().catch((err: unknown) => {
  console.error(`[object-store] bucket: ${(err as Error).message}`);
  process.exit(1);
});
