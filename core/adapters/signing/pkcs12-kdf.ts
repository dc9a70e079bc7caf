/**
 * The key derivations a PKCS#12 file asks for, run off the event loop so that
 * the CLI, `berkas ui` and Electron's main process keep answering while a file
 * with a (legal) high iteration count is opened: PBKDF2 (PBES2) on libuv's
 * thread pool through node's async crypto.pbkdf2, and the PKCS#12 KDF of RFC
 * 7292 appendix B.2 (the MAC and the legacy 3DES/RC2 PBEs), which node lacks,
 * in a worker thread. Iteration limits are checked by the caller before
 * anything is asked of this module.
 *
 * One worker serves every file: starting one costs tens of milliseconds, more
 * than opening a typical file, so it stays for IDLE_MS after its last
 * derivation, unreferenced, so that it never keeps a process from ending.
 */
import { pbkdf2 } from 'node:crypto';
import { Worker } from 'node:worker_threads';

export interface Pkcs12KdfJob {
  /** node's name of the hash (sha1, sha256, ...). */
  hash: string;
  /** Its block size in bytes (v in RFC 7292). */
  blockSize: number;
  /** The password as BMPString bytes with its two trailing zeros (or none for no password). */
  password: Uint8Array;
  salt: Uint8Array;
  /** RFC 7292 B.3: 1 = key, 2 = IV, 3 = MAC key. */
  purpose: 1 | 2 | 3;
  iterations: number;
  length: number;
}

/*
 * The worker runs this text rather than a module file: a file would need an
 * entry of its own in each way Berkas is built and run (Vite's Electron bundle,
 * tsx for the CLI, ts-jest), and a bundled function's source can carry helper
 * calls (esbuild's __name, coverage counters) that do not exist in the worker.
 * crypto.hash (node >= 20.12) is a one-shot digest about 2.5x faster than
 * createHash for the 20-64-byte inputs each iteration hashes.
 */
const workerSource = `
'use strict';
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
function digestOf(name) {
  return typeof crypto.hash === 'function'
    ? (data) => crypto.hash(name, data, 'buffer')
    : (data) => crypto.createHash(name).update(data).digest();
}
function repeatToBlocks(src, v) {
  if (src.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(v * Math.ceil(src.length / v));
  for (let k = 0; k < out.length; k++) out[k] = src[k % src.length];
  return out;
}
function derive(job) {
  const v = job.blockSize;
  const digest = digestOf(job.hash);
  const salt = repeatToBlocks(job.salt, v);
  const pass = repeatToBlocks(job.password, v);
  const input = new Uint8Array(salt.length + pass.length);
  input.set(salt);
  input.set(pass, salt.length);
  const result = new Uint8Array(job.length);
  let produced = 0;
  for (;;) {
    const first = new Uint8Array(v + input.length);
    first.fill(job.purpose, 0, v);
    first.set(input, v);
    let a = digest(first);
    for (let n = 1; n < job.iterations; n++) a = digest(a);
    result.set(a.subarray(0, Math.min(a.length, job.length - produced)), produced);
    produced += a.length;
    if (produced >= job.length) return result;
    const b = repeatToBlocks(a, v).subarray(0, v);
    for (let block = 0; block < input.length; block += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[block + k] + b[k] + carry;
        input[block + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
}
parentPort.on('message', (job) => {
  let reply;
  try {
    reply = { id: job.id, key: derive(job) };
  } catch (err) {
    reply = { id: job.id, error: String((err && err.message) || err) };
  }
  parentPort.postMessage(reply);
});
`;

interface Reply {
  id: number;
  key?: Uint8Array;
  error?: string;
}

interface Waiting {
  resolve: (key: Uint8Array) => void;
  reject: (err: Error) => void;
}

interface Pool {
  worker: Worker;
  waiting: Map<number, Waiting>;
  idle: NodeJS.Timeout | undefined;
}

const IDLE_MS = 30_000;
let pool: Pool | undefined;
let nextId = 1;

function fail(p: Pool, err: Error): void {
  for (const waiting of p.waiting.values()) waiting.reject(err);
  p.waiting.clear();
}

function rest(p: Pool): void {
  p.worker.unref();
  p.idle = setTimeout(() => {
    if (pool === p && p.waiting.size === 0) {
      pool = undefined;
      void p.worker.terminate();
    }
  }, IDLE_MS);
  p.idle.unref();
}

function start(): Pool {
  if (pool) return pool;
  const p: Pool = { worker: new Worker(workerSource, { eval: true }), waiting: new Map(), idle: undefined };
  p.worker.on('message', (reply: Reply) => {
    const waiting = p.waiting.get(reply.id);
    if (!waiting) return;
    p.waiting.delete(reply.id);
    if (reply.key) waiting.resolve(new Uint8Array(reply.key));
    else waiting.reject(new Error(reply.error ?? 'derivasi kunci gagal'));
    if (p.waiting.size === 0) rest(p);
  });
  p.worker.on('error', (err) => fail(p, err));
  p.worker.on('exit', () => {
    if (pool === p) pool = undefined;
    if (p.idle) clearTimeout(p.idle);
    fail(p, new Error('proses derivasi kunci berhenti'));
  });
  pool = p;
  return p;
}

/** RFC 7292 appendix B.2 in the worker. */
export function pkcs12KdfAsync(job: Pkcs12KdfJob): Promise<Uint8Array> {
  const p = start();
  if (p.idle) {
    clearTimeout(p.idle);
    p.idle = undefined;
  }
  p.worker.ref();
  const id = nextId++;
  return new Promise<Uint8Array>((resolve, reject) => {
    p.waiting.set(id, { resolve, reject });
    p.worker.postMessage({ id, ...job });
  });
}

/** PBKDF2 on libuv's thread pool. */
export function pbkdf2Async(password: string, salt: Uint8Array, iterations: number, length: number, digest: string): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    pbkdf2(Buffer.from(password, 'utf8'), salt, iterations, length, digest, (err, key) => (err ? reject(err) : resolve(new Uint8Array(key))));
  });
}

/** Ends the worker now rather than after IDLE_MS (the bench, to time a cold start). */
export async function stopKdfWorker(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p) {
    if (p.idle) clearTimeout(p.idle);
    await p.worker.terminate();
  }
}
