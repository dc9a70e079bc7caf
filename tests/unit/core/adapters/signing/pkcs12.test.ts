import { readFileSync } from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { parsePkcs12 } from '../../../../../core/adapters/signing/pkcs12';
import { BerkasError } from '../../../../../core/domain/errors';

const dir = path.resolve(__dirname, '../../../../fixtures/signing');
const read = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));
const password = 'rahasia-uji';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof BerkasError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'no error';
}

describe('PKCS#12 reader', () => {
  it.each([
    ['officer.p12', 'PBES2 AES-256 + HMAC-SHA256', 'Budi Santoso', 'rsa'],
    ['kepala.p12', 'PKCS#12 3DES + HMAC-SHA1', 'Siti Aminah', 'rsa'],
    ['officer-rc2.p12', 'RC2-40 certificates, 3DES key', 'Budi Santoso', 'rsa'],
    ['officer-ec.p12', 'ECDSA P-256', 'Budi Santoso', 'ec'],
  ])('opens %s (%s) with its key, certificate and chain', (file, _kind, name, keyType) => {
    const p12 = parsePkcs12(read(file), password, file);
    const cert = new X509Certificate(p12.certificate);
    expect(cert.subject).toContain(`CN=${name}`);
    expect(p12.privateKey.asymmetricKeyType).toBe(keyType);
    expect(cert.checkPrivateKey(p12.privateKey)).toBe(true);
    // intermediate then root, nearest first
    expect(p12.chain.map((c) => new X509Certificate(c).subject)).toEqual([expect.stringContaining('CA Penerbit'), expect.stringContaining('Root CA')]);
  });

  it('says the password is wrong, naming the file', () => {
    expect(codeOf(() => parsePkcs12(read('officer.p12'), 'salah', 'officer.p12'))).toBe(
      'P12_PASSWORD: Kata sandi sertifikat officer.p12 salah. Periksa kata sandi (huruf besar/kecil berpengaruh) lalu coba lagi.',
    );
    expect(codeOf(() => parsePkcs12(read('officer-rc2.p12'), 'Rahasia-uji', 'lama.pfx'))).toMatch(/^P12_PASSWORD: .*lama\.pfx/);
  });

  it('says a cut-short or foreign file is not a PKCS#12 file', () => {
    expect(codeOf(() => parsePkcs12(read('corrupt.p12'), password, 'corrupt.p12'))).toMatch(/^P12_CORRUPT: Berkas corrupt\.p12 bukan berkas sertifikat PKCS#12/);
    expect(codeOf(() => parsePkcs12(read('root.pem'), password, 'root.pem'))).toMatch(/^P12_CORRUPT: Berkas root\.pem/);
    expect(codeOf(() => parsePkcs12(new Uint8Array(0), password, 'kosong.p12'))).toMatch(/^P12_CORRUPT/);
  });
});
