/**
 * Reads a PKCS#12 file (.p12/.pfx, RFC 7292) as BSrE and other CAs issue
 * them: checks the password against the MAC, decrypts the bags (PBES2 with
 * AES or 3DES, or the legacy PKCS#12 PBEs with 3DES and RC2), and returns the
 * private key with its certificate chain. Decryption is done here rather than
 * by OpenSSL's PKCS#8 reader so it behaves the same under Electron's BoringSSL.
 * Every count the file sets (iterations, bags, nesting, key size) is checked
 * against pkcs12-limits.ts before it is paid for, and the key derivations run
 * off the event loop (pkcs12-kdf.ts).
 */
import { createDecipheriv, createHmac, createPrivateKey, createPublicKey, timingSafeEqual, X509Certificate, type KeyObject } from 'node:crypto';
import { BerkasError } from '../../domain/errors';
import { formatThousands } from '../../domain/rencana-aksi/text';
import { childrenOf, DerError, encodingOf, expectTag, integer, octets, oid, parseDer, tags, type DerNode } from './der';
import { pbkdf2Async, pkcs12KdfAsync } from './pkcs12-kdf';
import { bigIntegerOf, checkCount, checkNesting, LimitExceeded, pkcs12Limits, type Pkcs12Limits } from './pkcs12-limits';
import { rc2CbcDecrypt } from './rc2';

export interface Pkcs12Contents {
  privateKey: KeyObject;
  /** The certificate of the private key (DER). */
  certificate: Uint8Array;
  /** Its issuers found in the file, nearest first (DER), without the leaf. */
  chain: Uint8Array[];
}

const oids = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
} as const;

const hashByOid: Record<string, { name: string; size: number; block: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', size: 20, block: 64 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', size: 28, block: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', size: 32, block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', size: 48, block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', size: 64, block: 128 },
};

const prfByOid: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const pbes2Ciphers: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

/** PKCS#12 password-based encryption schemes (RFC 7292 appendix C). */
const pkcs12Pbes: Record<string, { cipher: 'des-ede3-cbc' | 'des-ede-cbc' | 'rc2'; keyLength: number; rc2Bits?: number }> = {
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3-cbc', keyLength: 24 },
  '1.2.840.113549.1.12.1.4': { cipher: 'des-ede-cbc', keyLength: 16 },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyLength: 16, rc2Bits: 128 },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyLength: 5, rc2Bits: 40 },
};

class WrongPassword extends Error {}
class Unsupported extends Error {}

/** The password as PKCS#12 key derivation wants it: BMPString, big-endian, two zero bytes after. */
function bmpPassword(password: string): Uint8Array {
  if (password.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const code = password.charCodeAt(i);
    out[2 * i] = code >> 8;
    out[2 * i + 1] = code & 0xff;
  }
  return out;
}

/** One file being read: its password and what it has used of its limits so far. */
interface Reading {
  password: string;
  limits: Pkcs12Limits;
  iterationsUsed: number;
  bags: number;
  keys: Uint8Array[]; // PKCS#8 PrivateKeyInfo DER
  certs: Uint8Array[];
}

/** An iteration count checked against the per-derivation and per-file limits before the derivation runs. */
function iterationsFor(node: DerNode | undefined, what: string, reading: Reading, derivations = 1): number {
  if (!node) return 1; // RFC 7292 MacData: iterations DEFAULT 1
  expectTag(node, tags.integer, `jumlah iterasi ${what}`);
  const value = bigIntegerOf(node);
  if (value < 1n) throw new DerError(`jumlah iterasi ${what} ${value} tidak sah`);
  checkCount(`jumlah iterasi ${what}`, value, reading.limits.maxIterations, 'iterasi');
  const iterations = Number(value);
  const total = reading.iterationsUsed + iterations * derivations;
  if (total > reading.limits.maxTotalIterations) {
    throw new LimitExceeded(`jumlah iterasi seluruh berkas (sampai ${what})`, formatThousands(total), formatThousands(reading.limits.maxTotalIterations), 'iterasi');
  }
  reading.iterationsUsed = total;
  return iterations;
}

function saltOf(node: DerNode | undefined, what: string, reading: Reading): Uint8Array {
  const salt = octets(expectTag(node, tags.octetString, `salt ${what}`));
  checkCount(`panjang salt ${what}`, salt.length, reading.limits.maxSaltBytes, 'byte');
  return salt;
}

function algorithm(node: DerNode): { oid: string; params: DerNode | undefined } {
  const parts = childrenOf(expectTag(node, tags.sequence, 'AlgorithmIdentifier'));
  return { oid: oid(parts[0] as DerNode), params: parts[1] };
}

function decipher(name: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  try {
    const d = createDecipheriv(name, key, iv);
    return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
  } catch {
    // A wrong key shows up as bad padding; with no MAC it is our only sign of a wrong password.
    throw new WrongPassword();
  }
}

const sha1Oid = '1.3.14.3.2.26';

/** Decrypts an EncryptedPrivateKeyInfo's or EncryptedContentInfo's payload; `what` names it in a refusal. */
async function decrypt(alg: { oid: string; params: DerNode | undefined }, data: Uint8Array, what: string, reading: Reading): Promise<Uint8Array> {
  if (alg.oid === oids.pbes2) {
    const [kdf, scheme] = childrenOf(expectTag(alg.params, tags.sequence, 'parameter PBES2'));
    const kdfAlg = algorithm(kdf as DerNode);
    if (kdfAlg.oid !== oids.pbkdf2) throw new Unsupported(`KDF ${kdfAlg.oid}`);
    const kdfParams = childrenOf(expectTag(kdfAlg.params, tags.sequence, 'parameter PBKDF2'));
    const salt = saltOf(kdfParams[0], what, reading);
    let prf = 'sha1';
    let keyLength: number | undefined;
    for (const extra of kdfParams.slice(2)) {
      if (extra.tag === tags.sequence) {
        const prfAlg = algorithm(extra);
        const name = prfByOid[prfAlg.oid];
        if (!name) throw new Unsupported(`PRF ${prfAlg.oid}`);
        prf = name;
      } else if (extra.tag === tags.integer) {
        keyLength = Number(bigIntegerOf(extra));
      }
    }
    const cipherAlg = algorithm(scheme as DerNode);
    const cipher = pbes2Ciphers[cipherAlg.oid];
    if (!cipher) throw new Unsupported(`sandi ${cipherAlg.oid}`);
    // The optional keyLength would set how many PBKDF2 blocks to compute; only the cipher's own length makes sense.
    if (keyLength !== undefined && keyLength !== cipher.keyLength) throw new Unsupported(`panjang kunci PBKDF2 ${keyLength} byte untuk ${cipher.name}`);
    const iv = octets(expectTag(cipherAlg.params, tags.octetString, 'IV'));
    const iterations = iterationsFor(kdfParams[1], what, reading);
    const key = await pbkdf2Async(reading.password, salt, iterations, cipher.keyLength, prf);
    return decipher(cipher.name, key, iv, data);
  }
  const pbe = pkcs12Pbes[alg.oid];
  if (!pbe) throw new Unsupported(`enkripsi ${alg.oid}`);
  const params = childrenOf(expectTag(alg.params, tags.sequence, 'parameter PBE'));
  const salt = saltOf(params[0], what, reading);
  // Key and IV are two derivations with the same count.
  const iterations = iterationsFor(params[1], what, reading, 2);
  const hash = hashByOid[sha1Oid] as { name: string; block: number };
  const job = { hash: hash.name, blockSize: hash.block, password: bmpPassword(reading.password), salt, iterations };
  const [key, iv] = await Promise.all([pkcs12KdfAsync({ ...job, purpose: 1, length: pbe.keyLength }), pkcs12KdfAsync({ ...job, purpose: 2, length: 8 })]);
  if (pbe.cipher === 'rc2') {
    try {
      return rc2CbcDecrypt(key, pbe.rc2Bits ?? 128, iv, data);
    } catch {
      throw new WrongPassword();
    }
  }
  return decipher(pbe.cipher, key, iv, data);
}

async function checkMac(macData: DerNode, authSafeContent: Uint8Array, reading: Reading): Promise<void> {
  const [digestInfo, saltNode, iterNode] = childrenOf(expectTag(macData, tags.sequence, 'MacData'));
  const [algNode, digestNode] = childrenOf(expectTag(digestInfo, tags.sequence, 'DigestInfo'));
  const alg = algorithm(algNode as DerNode);
  const hash = hashByOid[alg.oid];
  if (!hash) throw new Unsupported(`MAC ${alg.oid}`);
  const expected = octets(expectTag(digestNode, tags.octetString, 'nilai MAC'));
  const salt = saltOf(saltNode, 'MAC', reading);
  const what = 'MAC (pemeriksaan kata sandi)';
  const iterations = iterationsFor(iterNode, what, reading);
  const attempt = async (pw: Uint8Array) => {
    const key = await pkcs12KdfAsync({ hash: hash.name, blockSize: hash.block, password: pw, salt, purpose: 3, iterations, length: hash.size });
    const mac = createHmac(hash.name, key).update(authSafeContent).digest();
    return mac.length === expected.length && timingSafeEqual(mac, expected);
  };
  if (await attempt(bmpPassword(reading.password))) return;
  // An empty password is encoded as no bytes by some tools and as two zero bytes by others.
  if (reading.password.length === 0) {
    iterationsFor(iterNode, what, reading);
    if (await attempt(new Uint8Array(2))) return;
  }
  throw new WrongPassword();
}

function parseChecked(der: Uint8Array, what: string, reading: Reading): DerNode {
  checkNesting(der, what, reading.limits.maxDepth);
  return parseDer(der);
}

async function readSafeContents(der: Uint8Array, reading: Reading, nesting: number): Promise<void> {
  for (const bag of childrenOf(expectTag(parseChecked(der, 'SafeContents', reading), tags.sequence, 'SafeContents'))) {
    checkCount('jumlah kantong (SafeBag)', ++reading.bags, reading.limits.maxBags, 'kantong');
    const [idNode, valueWrapper] = childrenOf(bag);
    const bagId = oid(idNode as DerNode);
    const value = childrenOf(valueWrapper as DerNode)[0] as DerNode;
    if (bagId === oids.keyBag || bagId === oids.shroudedKeyBag) {
      checkCount('jumlah kunci privat', reading.keys.length + 1, reading.limits.maxKeys, 'kunci');
      if (bagId === oids.keyBag) {
        reading.keys.push(encodingOf(value));
      } else {
        const [algNode, dataNode] = childrenOf(value);
        reading.keys.push(await decrypt(algorithm(algNode as DerNode), octets(dataNode as DerNode), 'enkripsi kunci privat', reading));
      }
    } else if (bagId === oids.certBag) {
      const [certType, certValue] = childrenOf(value);
      if (oid(certType as DerNode) === oids.x509Certificate) {
        checkCount('jumlah sertifikat', reading.certs.length + 1, reading.limits.maxCertificates, 'sertifikat');
        reading.certs.push(octets(childrenOf(certValue as DerNode)[0] as DerNode));
      }
    } else if (bagId === oids.safeContentsBag) {
      checkCount('kedalaman kantong bersarang (SafeContents)', nesting + 1, reading.limits.maxBagNesting, 'tingkat');
      await readSafeContents(encodingOf(value), reading, nesting + 1);
    }
    // CRL and secret bags carry nothing needed for signing.
  }
}

async function readAuthenticatedSafe(content: Uint8Array, reading: Reading): Promise<void> {
  const infos = childrenOf(expectTag(parseChecked(content, 'AuthenticatedSafe', reading), tags.sequence, 'AuthenticatedSafe'));
  checkCount('jumlah bagian isi (AuthenticatedSafe)', infos.length, reading.limits.maxContents, 'bagian');
  for (const info of infos) {
    const [typeNode, explicit] = childrenOf(info);
    const type = oid(typeNode as DerNode);
    const inner = childrenOf(explicit as DerNode)[0] as DerNode;
    if (type === oids.data) {
      await readSafeContents(octets(inner), reading, 0);
    } else if (type === oids.encryptedData) {
      const [, encryptedContentInfo] = childrenOf(inner);
      const [, algNode, encrypted] = childrenOf(encryptedContentInfo as DerNode);
      if (!encrypted) continue; // no content: nothing was encrypted
      // [0] IMPLICIT OCTET STRING: primitive 0x80 or constructed 0xa0.
      const data = encrypted.isConstructed ? octets({ ...encrypted, tag: 0x24 }) : encrypted.content;
      await readSafeContents(await decrypt(algorithm(algNode as DerNode), data, 'enkripsi sertifikat', reading), reading, 0);
    } else {
      throw new Unsupported(`isi ${type} (mode kunci publik)`);
    }
  }
}

function spkiOf(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('hex');
}

/** Orders `certs` from the one issued to `leaf` upwards, leaving out ones that are not on the path. */
function buildChain(leaf: X509Certificate, others: X509Certificate[]): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let current = leaf;
  const pool = others.filter((c) => c.fingerprint256 !== leaf.fingerprint256);
  for (;;) {
    if (current.checkIssued(current) && current.verify(current.publicKey)) break; // a root
    const issuer = pool.find((c) => current.checkIssued(c) && current.verify(c.publicKey));
    if (!issuer) break;
    chain.push(issuer);
    pool.splice(pool.indexOf(issuer), 1);
    current = issuer;
  }
  return chain;
}

/** RSA keys beyond OpenSSL's ceiling cost seconds per signature and fail later with no clear cause. */
function checkKeySize(key: KeyObject, limits: Pkcs12Limits): void {
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    checkCount('panjang kunci RSA', key.asymmetricKeyDetails?.modulusLength ?? 0, limits.maxRsaBits, 'bit');
  }
}

function limitMessage(fileName: string, err: LimitExceeded): BerkasError {
  return new BerkasError(
    'P12_LIMIT',
    `Berkas ${fileName} tidak dibuka: ${err.what} ${err.value} ${err.unit}, melebihi batas ${err.limit} ${err.unit}. Berkas sertifikat dari BSrE, OpenSSL, Windows, atau peramban jauh di bawah batas ini; minta berkas .p12/.pfx baru dari penerbit sertifikat.`,
    { file: fileName, limit: err.what, value: err.value, max: err.limit },
  );
}

/**
 * Opens a PKCS#12 file. `fileName` only names the file in messages; the
 * password is neither stored nor echoed. `limits` is for tests and the bench.
 */
export async function parsePkcs12(bytes: Uint8Array, password: string, fileName: string, limits: Pkcs12Limits = pkcs12Limits): Promise<Pkcs12Contents> {
  const reading: Reading = { password, limits, iterationsUsed: 0, bags: 0, keys: [], certs: [] };
  try {
    checkCount('ukuran berkas', bytes.length, limits.maxBytes, 'byte');
    const pfx = childrenOf(expectTag(parseChecked(bytes, 'PFX', reading), tags.sequence, 'PFX'));
    const version = integer(expectTag(pfx[0], tags.integer, 'versi PFX'));
    if (version !== 3) throw new DerError(`versi PFX ${version}`);
    const [typeNode, explicit] = childrenOf(expectTag(pfx[1], tags.sequence, 'authSafe'));
    if (oid(typeNode as DerNode) !== oids.data) throw new Unsupported('authSafe bertanda tangan (mode integritas kunci publik)');
    const authSafeContent = octets(childrenOf(explicit as DerNode)[0] as DerNode);
    if (pfx[2]) await checkMac(pfx[2], authSafeContent, reading);
    await readAuthenticatedSafe(authSafeContent, reading);
    if (reading.keys.length === 0) {
      throw new BerkasError('P12_NO_KEY', `Berkas ${fileName} tidak memuat kunci privat; ekspor ulang sertifikat beserta kuncinya (.p12/.pfx).`, { file: fileName });
    }
    const certs = reading.certs.map((der) => ({ der, x509: new X509Certificate(der) }));
    for (const keyDer of reading.keys) {
      let privateKey: KeyObject;
      try {
        privateKey = createPrivateKey({ key: Buffer.from(keyDer), format: 'der', type: 'pkcs8' });
      } catch {
        throw new WrongPassword();
      }
      checkKeySize(privateKey, limits);
      const spki = spkiOf(privateKey);
      const leaf = certs.find((c) => c.x509.publicKey.export({ type: 'spki', format: 'der' }).toString('hex') === spki);
      if (!leaf) continue;
      const chain = buildChain(
        leaf.x509,
        certs.map((c) => c.x509),
      ).map((x) => new Uint8Array(x.raw));
      return { privateKey, certificate: leaf.der, chain };
    }
    throw new BerkasError('P12_NO_KEY', `Berkas ${fileName} tidak memuat sertifikat untuk kunci privatnya.`, { file: fileName });
  } catch (err) {
    if (err instanceof BerkasError) throw err;
    if (err instanceof LimitExceeded) throw limitMessage(fileName, err);
    if (err instanceof WrongPassword) {
      throw new BerkasError('P12_PASSWORD', `Kata sandi sertifikat ${fileName} salah. Periksa kata sandi (huruf besar/kecil berpengaruh) lalu coba lagi.`, { file: fileName });
    }
    if (err instanceof Unsupported) {
      throw new BerkasError('P12_UNSUPPORTED', `Berkas ${fileName} memakai ${err.message} yang tidak didukung Berkas.`, { file: fileName });
    }
    throw new BerkasError('P12_CORRUPT', `Berkas ${fileName} bukan berkas sertifikat PKCS#12 (.p12/.pfx) yang utuh: ${err instanceof DerError ? err.message : 'isinya tidak dapat dibaca'}.`, { file: fileName });
  }
}
