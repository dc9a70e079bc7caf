/**
 * What the intake server's issue-11 additions cost, each next to a reference
 * measured in the same run (interleaved, CPU time of this process, because
 * the machine is shared):
 *  - the connection guard (server/http/connection-guard.ts) per request: a
 *    connection accepted, its request seen, authenticated and answered, the
 *    socket closed — against SHA-256 of one 1 MiB chunk, which every upload
 *    request already pays;
 *  - one deadline tick with 1,024 open connections (once a second) against
 *    the same reference;
 *  - the signer-to-OPD check at commit (server/intake/signer-check.ts) on a
 *    signed PDF, against verifying that PDF's signatures, which the commit
 *    already does.
 * Run: npx tsx bench/intake-limits-bench.ts   (or npm run bench -- intake-limits)
 */
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { verifyPdf } from '../core/adapters/signing/pdf-verifier';
import { ConnectionGuard, markAuthenticated } from '../server/http/connection-guard';
import { judgeSigner } from '../server/intake/signer-check';
import type { SignatureSummary } from '../server/protocol/types';
import { median } from './stats';
import type { BenchResult } from './store-bench';

const repo = path.resolve(__dirname, '..');

/** The parts of a socket, request and response the guard touches. */
class FakeSocket extends EventEmitter {
  bytesRead = 0;
  destroyed = false;
  writable = true;
  constructor(readonly remoteAddress: string) {
    super();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('close');
  }
  end(): void {
    this.destroy();
  }
}

class FakeResponse extends EventEmitter {
  headersSent = false;
  private readonly headers = new Map<string, string>();
  setHeader(name: string, value: string): void {
    this.headers.set(name.toLowerCase(), value);
  }
  removeHeader(name: string): void {
    this.headers.delete(name.toLowerCase());
  }
  finish(): void {
    this.headersSent = true;
    this.emit('finish');
  }
}

function request(socket: FakeSocket): IncomingMessage {
  return Object.assign(new EventEmitter(), { socket, complete: true, headers: {}, readableLength: 0, readableFlowing: null }) as unknown as IncomingMessage;
}

/** One connection's whole life through the guard: accept, request, token shown, answer, close. */
function oneRequest(guard: ConnectionGuard, n: number): void {
  const socket = new FakeSocket(`10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
  guard.accept(socket as unknown as Socket);
  socket.bytesRead = 400;
  const req = request(socket);
  const res = new FakeResponse();
  guard.onRequest(req, res as unknown as ServerResponse);
  markAuthenticated(req);
  res.finish();
  socket.destroy();
}

async function interleaved(runs: number, variants: (() => Promise<unknown> | unknown)[]): Promise<number[]> {
  const cpu = variants.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [i, variant] of variants.entries()) {
      const used = process.cpuUsage();
      await variant();
      const spent = process.cpuUsage(used);
      cpu[i]?.push((spent.user + spent.system) / 1000);
    }
  }
  return cpu.map((values) => median(values));
}

export async function runIntakeLimitsBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const chunk = randomBytes(1024 * 1024);
  const hashChunk = () => createHash('sha256').update(chunk).digest('hex');

  // Per request: 10,000 lives through one guard (its timer is stopped: ticks are measured apart).
  const guard = new ConnectionGuard({ maxConnections: 1_000_000, maxUnauthenticated: 1_000_000 });
  guard.stop();
  let n = 0;
  const [perThousand, hashMs] = await interleaved(15, [
    () => {
      for (let i = 0; i < 1000; i++) oneRequest(guard, n++);
    },
    hashChunk,
  ]);
  results.push({ name: 'guard: one request through it (accept, request, token, answer, close), CPU, median of 15 × 1,000', value: ((perThousand as number) / 1000) * 1000, unit: 'µs' });
  results.push({ name: 'reference: SHA-256 of one 1 MiB chunk (every upload request pays it), CPU, median of 15', value: hashMs as number, unit: 'ms' });

  // One tick over 1,024 open connections, half of them mid-body (the costliest branch).
  const held = new ConnectionGuard({ maxConnections: 2048, maxUnauthenticated: 2048, perAddress: 2048, bodyGraceMs: 0, minBodyBytesPerSecond: 0 });
  held.stop();
  for (let i = 0; i < 1024; i++) {
    const socket = new FakeSocket(`10.1.${i >> 8}.${i & 255}`);
    held.accept(socket as unknown as Socket);
    if (i % 2 === 0) {
      const req = Object.assign(request(socket), { complete: false });
      held.onRequest(req, new FakeResponse() as unknown as ServerResponse);
    }
  }
  const tick = (held as unknown as { tick(): void }).tick.bind(held);
  const [tickMs] = await interleaved(51, [tick, hashChunk]);
  results.push({ name: 'guard: one deadline tick with 1,024 open connections (once a second), CPU, median of 51', value: (tickMs as number) * 1000, unit: 'µs' });

  // The signer check at commit against the signature verification the commit already runs.
  const pdf = new Uint8Array(readFileSync(path.join(repo, 'tests/fixtures/server/signed.pdf')));
  const report = await verifyPdf({ pdf, fileName: 'signed.pdf', trustRoots: [], now: new Date() });
  const signatures: SignatureSummary[] = report.signatures.map((s) => ({ field: s.field, signer: s.signer, nip: s.nip, signedAt: s.signedAt, integrity: s.integrity, certificate: s.certificate, problems: s.problems }));
  const check = () => judgeSigner({ opd: { code: 'DISDIK', name: 'Dinas Pendidikan' }, signatures, registered: [], mainDocument: { size: pdf.length, read: async () => pdf } });
  await check();
  const [signerMs, verifyMs] = await interleaved(21, [check, () => verifyPdf({ pdf, fileName: 'signed.pdf', trustRoots: [], now: new Date() })]);
  const label = `signed.pdf (${Math.round(pdf.length / 1024)} KB, one PAdES signature), CPU, median of 21`;
  results.push({ name: `signer check at commit: certificate from the signature + O/OU match, ${label}`, value: signerMs as number, unit: 'ms' });
  results.push({ name: `reference: verifying the same PDF's signatures (already part of every commit), ${label}`, value: verifyMs as number, unit: 'ms' });
  return results;
}

if (require.main === module) {
  const started = performance.now();
  runIntakeLimitsBench()
    .then((rows) => {
      for (const row of rows) console.log(`${row.name}: ${row.value.toFixed(2)} ${row.unit}`);
      console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
