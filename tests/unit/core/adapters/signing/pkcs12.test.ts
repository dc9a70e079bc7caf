import { readFileSync } from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { parsePkcs12 } from '../../../../../core/adapters/signing/pkcs12';
import { pkcs12Limits } from '../../../../../core/adapters/signing/pkcs12-limits';
import { BerkasError } from '../../../../../core/domain/errors';
import { at, decode, editInner, encode, integerNode, type Tree } from './der-edit';

const dir = path.resolve(__dirname, '../../../../fixtures/signing');
const read = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));
const password = 'rahasia-uji';

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof BerkasError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'no error';
}

const open = (bytes: Uint8Array, name: string, limits = pkcs12Limits) => outcome(parsePkcs12(bytes, password, name, limits));

/** A fixture edited as a DER tree: `edit` gets the PFX and its AuthenticatedSafe. */
function edited(name: string, edit: (pfx: Tree, authSafe: Tree) => void): Uint8Array {
  const pfx = decode(read(name));
  editInner(at(pfx, 1, 1, 0), (authSafe) => edit(pfx, authSafe));
  return encode(pfx);
}

// Paths in openssl's layout: AuthenticatedSafe = [encrypted or plain certificates, plain SafeContents with the key].
const pbkdf2ParamsOfCertificates = [0, 1, 0, 1, 1, 1, 0, 1] as const;
const pbkdf2ParamsOfKey = [0, 1, 0, 0, 1, 0, 1] as const;
const dropMac = (pfx: Tree) => (pfx.children as Tree[]).splice(2, 1);
const withKeySafe = (authSafe: Tree, edit: (safeContents: Tree) => void) => editInner(at(authSafe, 1, 1, 0), edit);
const withCertSafe = (authSafe: Tree, edit: (safeContents: Tree) => void) => editInner(at(authSafe, 0, 1, 0), edit);

describe('PKCS#12 reader', () => {
  it.each([
    ['officer.p12', 'PBES2 AES-256 + HMAC-SHA256', 'Budi Santoso', 'rsa'],
    ['kepala.p12', 'PKCS#12 3DES + HMAC-SHA1', 'Siti Aminah', 'rsa'],
    ['officer-rc2.p12', 'RC2-40 certificates, 3DES key', 'Budi Santoso', 'rsa'],
    ['officer-ec.p12', 'ECDSA P-256', 'Budi Santoso', 'ec'],
    ['nomac-plain-certs.p12', 'no MAC, certificates not encrypted', 'Budi Santoso', 'rsa'],
  ])('opens %s (%s) with its key, certificate and chain', async (file, _kind, name, keyType) => {
    const p12 = await parsePkcs12(read(file), password, file);
    const cert = new X509Certificate(p12.certificate);
    expect(cert.subject).toContain(`CN=${name}`);
    expect(p12.privateKey.asymmetricKeyType).toBe(keyType);
    expect(cert.checkPrivateKey(p12.privateKey)).toBe(true);
    // intermediate then root, nearest first
    expect(p12.chain.map((c) => new X509Certificate(c).subject)).toEqual([expect.stringContaining('CA Penerbit'), expect.stringContaining('Root CA')]);
  });

  it('says the password is wrong, naming the file', async () => {
    expect(await outcome(parsePkcs12(read('officer.p12'), 'salah', 'officer.p12'))).toBe(
      'P12_PASSWORD: Kata sandi sertifikat officer.p12 salah. Periksa kata sandi (huruf besar/kecil berpengaruh) lalu coba lagi.',
    );
    expect(await outcome(parsePkcs12(read('officer-rc2.p12'), 'Rahasia-uji', 'lama.pfx'))).toMatch(/^P12_PASSWORD: .*lama\.pfx/);
  });

  it('says a cut-short or foreign file is not a PKCS#12 file', async () => {
    expect(await open(read('corrupt.p12'), 'corrupt.p12')).toMatch(/^P12_CORRUPT: Berkas corrupt\.p12 bukan berkas sertifikat PKCS#12/);
    expect(await open(read('root.pem'), 'root.pem')).toMatch(/^P12_CORRUPT: Berkas root\.pem/);
    expect(await open(new Uint8Array(0), 'kosong.p12')).toMatch(/^P12_CORRUPT/);
  });
});

describe('PKCS#12 limits, checked before the work they bound', () => {
  const hint = 'Berkas sertifikat dari BSrE, OpenSSL, Windows, atau peramban jauh di bawah batas ini; minta berkas .p12/.pfx baru dari penerbit sertifikat.';

  // Each of these would derive keys for hours if the count were honoured: the test could not finish.
  it('refuses a MAC asking for 2,000,000,000 iterations, naming the count and the limit', async () => {
    const bytes = edited('officer.p12', (pfx) => (at(pfx, 2).children as Tree[]).splice(2, 1, integerNode(2_000_000_000n)));
    expect(await open(bytes, 'beku.p12')).toBe(
      `P12_LIMIT: Berkas beku.p12 tidak dibuka: jumlah iterasi MAC (pemeriksaan kata sandi) 2.000.000.000 iterasi, melebihi batas 1.000.000 iterasi. ${hint}`,
    );
    const huge = edited('officer.p12', (pfx) => (at(pfx, 2).children as Tree[]).splice(2, 1, integerNode(2n ** 64n)));
    expect(await open(huge, 'beku.p12')).toContain('jumlah iterasi MAC (pemeriksaan kata sandi) 18.446.744.073.709.551.616 iterasi');
  });

  it('refuses 2,000,000,000 PBKDF2 iterations on the certificates and on the private key, in files without a MAC', async () => {
    const certs = edited('officer.p12', (pfx, authSafe) => {
      dropMac(pfx);
      (at(authSafe, ...pbkdf2ParamsOfCertificates).children as Tree[])[1] = integerNode(2_000_000_000n);
    });
    expect(await open(certs, 'a.p12')).toContain('tidak dibuka: jumlah iterasi enkripsi sertifikat 2.000.000.000 iterasi, melebihi batas 1.000.000 iterasi');
    const key = edited('nomac-plain-certs.p12', (_pfx, authSafe) =>
      withKeySafe(authSafe, (safe) => {
        (at(safe, ...pbkdf2ParamsOfKey).children as Tree[])[1] = integerNode(2_000_000_000n);
      }),
    );
    expect(await open(key, 'b.p12')).toContain('tidak dibuka: jumlah iterasi enkripsi kunci privat 2.000.000.000 iterasi');
  });

  it('refuses 2,000,000,000 iterations of the legacy PKCS#12 PBE (3DES), the derivation that runs in the worker', async () => {
    const bytes = edited('kepala.p12', (pfx, authSafe) => {
      dropMac(pfx);
      (at(authSafe, 0, 1, 0, 1, 1, 1).children as Tree[])[1] = integerNode(2_000_000_000n);
    });
    expect(await open(bytes, 'lama.pfx')).toContain('jumlah iterasi enkripsi sertifikat 2.000.000.000 iterasi');
  });

  it('refuses openssl files one iteration over the limit: the MAC, and PBKDF2 behind a one-iteration MAC', async () => {
    expect(await open(read('maciter-1000001.p12'), 'maciter-1000001.p12')).toContain('jumlah iterasi MAC (pemeriksaan kata sandi) 1.000.001 iterasi, melebihi batas 1.000.000');
    expect(await open(read('iter-1000001.p12'), 'iter-1000001.p12')).toContain('jumlah iterasi enkripsi sertifikat 1.000.001 iterasi, melebihi batas 1.000.000');
  });

  it('adds up the iterations of the whole file', async () => {
    // officer.p12: MAC 2,048 + certificates 2,048 go over a total of 4,000 before the certificates are decrypted.
    expect(await open(read('officer.p12'), 'officer.p12', { ...pkcs12Limits, maxTotalIterations: 4000 })).toContain(
      'tidak dibuka: jumlah iterasi seluruh berkas (sampai enkripsi sertifikat) 4.096 iterasi, melebihi batas 4.000 iterasi',
    );
  });

  it('calls a zero or negative iteration count damage, not a limit', async () => {
    for (const count of [0n, -5n]) {
      const bytes = edited('officer.p12', (pfx) => (at(pfx, 2).children as Tree[]).splice(2, 1, integerNode(count)));
      expect(await open(bytes, 'rusak.p12')).toContain(`P12_CORRUPT: Berkas rusak.p12 bukan berkas sertifikat PKCS#12 (.p12/.pfx) yang utuh: jumlah iterasi MAC (pemeriksaan kata sandi) ${count} tidak sah`);
    }
  });

  it('refuses a salt longer than any tool writes', async () => {
    const bytes = edited('officer.p12', (pfx) => {
      at(pfx, 2, 1).content = new Uint8Array(2000);
    });
    expect(await open(bytes, 'garam.p12')).toContain('tidak dibuka: panjang salt MAC 2.000 byte, melebihi batas 1.024 byte');
  });

  it('refuses BER nested deeper than any PKCS#12 file, without running out of stack', async () => {
    // 200,000 indefinite-length SEQUENCEs inside each other, then their end-of-contents octets (800 KB).
    const levels = 200_000;
    const bytes = new Uint8Array(levels * 4);
    for (let i = 0; i < levels; i++) bytes.set([0x30, 0x80], i * 2);
    expect(await open(bytes, 'sarang.p12')).toContain('tidak dibuka: kedalaman susunan data PFX 33 tingkat, melebihi batas 32 tingkat');
  });

  it('refuses too many parts, bags, certificates and nested bags', async () => {
    const copies = (tree: Tree, index: number, count: number) => {
      const list = tree.children as Tree[];
      list.splice(index, 0, ...Array.from({ length: count }, () => list[index] as Tree));
    };
    const parts = edited('nomac-plain-certs.p12', (_pfx, authSafe) => copies(authSafe, 0, 16));
    expect(await open(parts, 'bagian.p12')).toContain('tidak dibuka: jumlah bagian isi (AuthenticatedSafe) 18 bagian, melebihi batas 16 bagian');

    const certs = edited('nomac-plain-certs.p12', (_pfx, authSafe) => withCertSafe(authSafe, (safe) => copies(safe, 0, 97)));
    expect(await open(certs, 'sertifikat.p12')).toContain('tidak dibuka: jumlah sertifikat 33 sertifikat, melebihi batas 32 sertifikat');

    // Bags Berkas skips (here: certificate bags of an unknown type) still count.
    const bags = edited('nomac-plain-certs.p12', (_pfx, authSafe) =>
      withCertSafe(authSafe, (safe) => {
        const other: Tree = { tag: 0x30, children: [at(safe, 0, 0), { tag: 0xa0, children: [{ tag: 0x30, children: [{ tag: 0x06, content: new Uint8Array([0x2a, 0x03]) }, { tag: 0xa0, children: [{ tag: 0x04, content: new Uint8Array(1) }] }] }] }] };
        (safe.children as Tree[]).push(...Array.from({ length: 100 }, () => other));
      }),
    );
    expect(await open(bags, 'kantong.p12')).toContain('tidak dibuka: jumlah kantong (SafeBag) 65 kantong, melebihi batas 64 kantong');

    const nested = edited('nomac-plain-certs.p12', (_pfx, authSafe) =>
      withCertSafe(authSafe, (safe) => {
        let inner: Tree = { tag: 0x30, children: [...(safe.children as Tree[])] };
        const safeContentsBag = new Uint8Array([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x06]);
        for (let i = 0; i < 3; i++) inner = { tag: 0x30, children: [{ tag: 0x30, children: [{ tag: 0x06, content: safeContentsBag }, { tag: 0xa0, children: [inner] }] }] };
        safe.children = inner.children ?? [];
      }),
    );
    expect(await open(nested, 'bersarang.p12')).toContain('tidak dibuka: kedalaman kantong bersarang (SafeContents) 3 tingkat, melebihi batas 2 tingkat');
  });

  it('refuses an RSA key over the size limit and a file over the size limit', async () => {
    expect(await open(read('officer.p12'), 'officer.p12', { ...pkcs12Limits, maxRsaBits: 1024 })).toContain('tidak dibuka: panjang kunci RSA 2.048 bit, melebihi batas 1.024 bit');
    expect(await open(new Uint8Array(2 * 1024 * 1024), 'besar.p12')).toContain('tidak dibuka: ukuran berkas 2.097.152 byte, melebihi batas 1.048.576 byte');
  });

  it('refuses a PBKDF2 key length other than the cipher needs instead of computing it', async () => {
    const bytes = edited('nomac-plain-certs.p12', (_pfx, authSafe) =>
      withKeySafe(authSafe, (safe) => {
        (at(safe, ...pbkdf2ParamsOfKey).children as Tree[]).splice(2, 0, integerNode(1_000_000n));
      }),
    );
    expect(await open(bytes, 'panjang.p12')).toBe('P12_UNSUPPORTED: Berkas panjang.p12 memakai panjang kunci PBKDF2 1000000 byte untuk aes-256-cbc yang tidak didukung Berkas.');
  });
});

describe('PKCS#12 key derivation off the event loop', () => {
  it.each([
    ['iter-300000.p12', 'PBKDF2 on the thread pool, MAC in the worker'],
    ['legacy-iter-50000.p12', 'MAC, 3DES key and IV through the PKCS#12 KDF in the worker'],
  ])('opens %s (%s) while the event loop keeps turning', async (file) => {
    let turns = 0;
    let running = true;
    const turn = () => {
      if (!running) return;
      turns++;
      setImmediate(turn);
    };
    setImmediate(turn);
    const p12 = await parsePkcs12(read(file), password, file);
    running = false;
    expect(new X509Certificate(p12.certificate).subject).toContain('CN=Budi Santoso');
    // A derivation on the main thread lets no setImmediate through until it ends: a few turns at most.
    expect(turns).toBeGreaterThan(100);
  });
});
