/**
 * Issue 11, item 1, end to end: a signed PDF whose page 1 is redrawn in an
 * unsigned incremental update, and the same with a second valid signature on
 * top (the shadow attack). Through the CLI (verify, sign, outbox add) and the
 * intake server, with pdfsig and mutool as independent judges that something
 * was changed after the first signature.
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { createSigningEngine } from '../../core/adapters/signing/signing-engine';
import { redrawFirstPage } from '../helpers/pdf-incremental';
import { berkas, fixtures, repo, run, tempDir } from './signing-helpers';
import { buildPackage, fixture, removeTempDirs, type ProtocolClient } from './helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from './helpers/server-stores';

const env = { BERKAS_VAULT_PASSPHRASE: 'frasa-sandi-uji-modifikasi' };
let dir: string;
let signedPath: string;
let redrawnPath: string;
let shadowPath: string;
let shadow: Uint8Array;

beforeAll(async () => {
  dir = await tempDir('modified');
  const signed = fixture('signed.pdf');
  const redrawn = await redrawFirstPage(signed);
  // The attacker signs on top with the signing module directly (Berkas's own sign verb refuses, below).
  const engine = createSigningEngine({ assetsDir: path.join(repo, 'assets') });
  const kepala = await engine.openP12(readFileSync(path.join(fixtures, 'kepala.p12')), 'rahasia-uji', 'kepala.p12');
  shadow = (await engine.signPdf(redrawn, kepala, { fileName: 'x.pdf', isCertified: true, role: null, reason: 'Menyetujui', certify: false, signedAt: new Date(), offsetMinutes: 420 })).pdf;
  signedPath = path.join(dir, 'asli.pdf');
  redrawnPath = path.join(dir, 'diubah.pdf');
  shadowPath = path.join(dir, 'diubah-lalu-ditandatangani.pdf');
  await fs.writeFile(signedPath, signed);
  await fs.writeFile(redrawnPath, redrawn);
  await fs.writeFile(shadowPath, shadow);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  removeTempDirs();
});

describe('a page redrawn after signing', () => {
  it('the independent judges see a change after the first signature', () => {
    for (const file of [redrawnPath, shadowPath]) {
      expect(run('pdfsig', [file]).stdout).toContain('Not total document signed');
      expect(run('mutool', ['sign', '-v', file]).stdout).toContain('there have been edits since signing');
    }
  });

  it.each([
    ['with no signature after it', () => redrawnPath],
    ['under a second valid signature (shadow attack)', () => shadowPath],
  ])('berkas verify says "diubah setelah ditandatangani" and exits 1, %s, even with a trusted root', (_label, file) => {
    const r = berkas(['verify', file(), '--trust', path.join(fixtures, 'root.pem'), '--data-dir', path.join(dir, 'ws')], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('TTD1: Budi Santoso (NIP 198703122010011002) — DIUBAH SETELAH DITANDATANGANI, sertifikat tepercaya');
    expect(r.stdout).toContain('isi halaman 1 diubah');
    const json = JSON.parse(berkas(['verify', file(), '--json', '--data-dir', path.join(dir, 'ws')], env).stdout) as { integrity: string; signatures: { integrity: string }[] };
    expect(json.integrity).toBe('diubah');
    expect(json.signatures.every((s) => s.integrity === 'valid')).toBe(true);
  });

  it('the untouched original still verifies (exit 0), and a second Berkas signature on it is utuh', async () => {
    expect(berkas(['verify', signedPath, '--data-dir', path.join(dir, 'ws')], env).code).toBe(0);
    const twice = path.join(dir, 'dua.pdf');
    const signedTwice = berkas(['sign', signedPath, '--out', twice, '--self-signed', '--nama', 'Ahmad Fauzi', '--data-dir', path.join(dir, 'ws')], env);
    expect(signedTwice.code).toBe(0);
    const r = berkas(['verify', twice, '--json', '--data-dir', path.join(dir, 'ws')], env);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { integrity: string }).integrity).toBe('utuh');
  });

  it('berkas sign refuses to sign on top of it, naming the change', async () => {
    const out = path.join(dir, 'tidak-boleh.pdf');
    const r = berkas(['sign', redrawnPath, '--out', out, '--self-signed', '--nama', 'Ahmad Fauzi', '--data-dir', path.join(dir, 'ws')], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('diubah setelah ditandatangani (isi halaman 1 diubah)');
    await expect(fs.stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('outbox add refuses it: nothing is queued', () => {
    const ws = path.join(dir, 'outbox-ws');
    const r = berkas(['outbox', 'add', shadowPath, '--data-dir', ws], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('isi halaman 1 diubah');
    expect(berkas(['outbox', 'list', '--json', '--data-dir', ws], env).stdout).not.toContain('diubah-lalu-ditandatangani');
  });
});

for (const { title, variant, describe: describeStore } of storeVariants()) {
  describeStore(`the intake server refuses the shadow attack (${title})`, () => {
    let server: TestServer;
    let client: ProtocolClient;

    beforeAll(async () => {
      server = await startTestServer(variant);
      client = await server.enrolled('DISDIK');
    });

    afterAll(async () => {
      await server.stop();
    });

    it('answers 422 SIGNATURE_INVALID naming the change, and issues no receipt', async () => {
      const pkg = await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': shadow } });
      const answer = await client.send(pkg);
      expect(answer.status).toBe(422);
      const error = answer.body.error as { code: string; message: string };
      expect(error.code).toBe('SIGNATURE_INVALID');
      expect(error.message).toContain('isi halaman 1 diubah');
      expect(answer.body.receipt).toBeUndefined();
    });
  });
}
