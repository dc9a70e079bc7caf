/**
 * The two stores the intake server runs on, for `describe.each`: the embedded
 * sql.js store always; PostgreSQL when DATABASE_URL names a reachable server
 * (.ci/postgres.sh starts one). Each PostgreSQL suite gets a fresh database,
 * dropped afterwards, so suites never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { startIntakeServer, type RunningServer, type StartOptions } from '../../../server/intake-server';
import type { ObjectStoreConfig } from '../../../server/storage/config';
import { ProtocolClient, removeTempDirs, tempDir } from './server-client';

export interface StoreVariant {
  name: 'sqljs' | 'postgres';
  /** Creates a fresh database and returns its URL (postgres), or undefined (sqljs). */
  create(): Promise<string | undefined>;
  drop(url: string | undefined): Promise<void>;
}

export const postgresUrl = process.env.DATABASE_URL;

/** The BERKAS_S3_* variables a spawned node or CLI reads for this object store. */
export function s3Env(config: ObjectStoreConfig): Record<string, string> {
  return {
    BERKAS_S3_ENDPOINT: config.endpoint,
    BERKAS_S3_BUCKET: config.bucket,
    BERKAS_S3_REGION: config.region,
    BERKAS_S3_ACCESS_KEY_ID: config.accessKeyId,
    BERKAS_S3_SECRET_ACCESS_KEY: config.secretAccessKey,
    ...(config.prefix ? { BERKAS_S3_PREFIX: config.prefix } : {}),
  };
}

const sqljs: StoreVariant = {
  name: 'sqljs',
  create: async () => undefined,
  drop: async () => undefined,
};

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

const postgres: StoreVariant = {
  name: 'postgres',
  async create() {
    const name = `berkas_uji_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: postgresUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return withDatabase(postgresUrl as string, name);
  },
  async drop(url) {
    if (!url) return;
    const name = new URL(url).pathname.slice(1);
    const admin = new Client({ connectionString: postgresUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  },
};

/**
 * Both variants, each with the describe to use: PostgreSQL without DATABASE_URL
 * becomes a skipped block whose name says why, so the skip shows in every report.
 */
export function storeVariants(): { title: string; variant: StoreVariant; describe: jest.Describe }[] {
  return [
    { title: 'store sqljs', variant: sqljs, describe },
    postgresUrl
      ? { title: 'store postgres', variant: postgres, describe }
      : { title: 'store postgres (dilewati: DATABASE_URL tidak diisi; jalankan `. .ci/postgres.sh`)', variant: postgres, describe: describe.skip },
  ];
}

export interface TestServer {
  running: RunningServer;
  dataDir: string;
  databaseUrl: string | undefined;
  url: string;
  /** A client enrolled for this OPD (created on the way). */
  enrolled(opd: string): Promise<ProtocolClient>;
  stop(): Promise<void>;
}

export async function startTestServer(variant: StoreVariant, options: Partial<StartOptions> = {}): Promise<TestServer> {
  const dataDir = tempDir('server');
  const databaseUrl = await variant.create();
  const running = await startIntakeServer({ dataDir, port: 0, ...(databaseUrl ? { databaseUrl } : {}), ...options });
  return {
    running,
    dataDir,
    databaseUrl,
    url: running.url,
    async enrolled(opd: string) {
      const { code } = await running.intake.service.createEnrollmentCode(opd, `Dinas ${opd}`);
      const client = new ProtocolClient(running.url);
      const answer = await client.enroll(code);
      if (answer.status !== 201) throw new Error(`enroll ${opd}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return client;
    },
    async stop() {
      await running.close();
      await variant.drop(databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
      removeTempDirs();
    },
  };
}
