/**
 * The ingest benchmark's reference (issue 16.2): a bare Node HTTP server that
 * receives one submission's bytes in one POST, writes them to a new file and
 * fsyncs it before it answers — the least an intake that keeps what it
 * acknowledged must do. Run as its own process, like the Berkas server it is
 * compared with: `node --import tsx bench/reference-intake-server.ts DIR`;
 * prints "port N" when it listens on 127.0.0.1.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('pemakaian: reference-intake-server.ts FOLDER');
  process.exit(2);
}
let received = 0;

const server = http.createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (chunk: Buffer) => parts.push(chunk));
  req.on('end', () => {
    received += 1;
    const file = path.join(dir, `${received}.bin`);
    (async () => {
      const handle = await fs.open(file, 'wx', 0o600);
      try {
        await handle.writeFile(Buffer.concat(parts));
        await handle.sync();
      } finally {
        await handle.close();
      }
    })().then(
      () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      },
      (err: Error) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(err.message);
      },
    );
  });
});

void fs.mkdir(dir, { recursive: true }).then(() =>
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`);
  }),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
