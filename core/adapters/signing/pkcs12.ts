/**
 * Reads a PKCS#12 file (.p12/.pfx, RFC 7292) as BSrE and other CAs issue
 * them: checks the password against the MAC, decrypts the bags (PBES2 with
 * AES or 3DES, or the legacy PKCS#12 PBEs with 3DES and RC2), and returns the
 * private key with its certificate chain. Decryption is done here rather than
 * by OpenSSL's PKCS#8 reader so it behaves the same under Electron's BoringSSL.
 */
import { createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, pbkdf2Sync, timingSafeEqual, X509Certificate, type KeyObject } from 'node:crypto';
import { BerkasError } from '../../domain/errors';
import { childrenOf, DerError, encodingOf, expectTag, integer, octets, oid, parseDer, tags, type DerNode } from './der';
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

/** RFC 7292 appendix B.2: id 1 = key, 2 = IV, 3 = MAC key. */
export function pkcs12Kdf(hashOid: string, password: Uint8Array, salt: Uint8Array, id: 1 | 2 | 3, iterations: number, length: number): Uint8Array {
  const hash = hashByOid[hashOid];
  if (!hash) throw new Unsupported(`fungsi hash ${hashOid}`);
  const v = hash.block;
  const fill = (src: Uint8Array) => {
    if (src.length === 0) return new Uint8Array(0);
    const out = new Uint8Array(v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length] as number;
    return out;
  };
  const d = new Uint8Array(v).fill(id);
  const i = new Uint8Array([...fill(salt), ...fill(password)]);
  const result = new Uint8Array(length);
  let produced = 0;
  while (produced < length) {
    let a: Uint8Array = createHash(hash.name).update(d).update(i).digest();
    for (let n = 1; n < iterations; n++) a = createHash(hash.name).update(a).digest();
    result.set(a.subarray(0, Math.min(a.length, length - produced)), produced);
    produced += a.length;
    if (produced >= length) break;
    const b = fill(a).subarray(0, v);
    for (let block = 0; block < i.length; block += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (i[block + k] as number) + (b[k] as number) + carry;
        i[block + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return result;
}

class Unsupported extends Error {}

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

/** Decrypts an EncryptedPrivateKeyInfo's or EncryptedContentInfo's payload. */
function decrypt(alg: { oid: string; params: DerNode | undefined }, password: string, data: Uint8Array): Uint8Array {
  if (alg.oid === oids.pbes2) {
    const [kdf, scheme] = childrenOf(expectTag(alg.params, tags.sequence, 'parameter PBES2'));
    const kdfAlg = algorithm(kdf as DerNode);
    if (kdfAlg.oid !== oids.pbkdf2) throw new Unsupported(`KDF ${kdfAlg.oid}`);
    const kdfParams = childrenOf(expectTag(kdfAlg.params, tags.sequence, 'parameter PBKDF2'));
    const salt = octets(expectTag(kdfParams[0], tags.octetString, 'salt PBKDF2'));
    const iterations = integer(kdfParams[1] as DerNode);
    let prf = 'sha1';
    for (const extra of kdfParams.slice(2)) {
      if (extra.tag === tags.sequence) {
        const prfAlg = algorithm(extra);
        const name = prfByOid[prfAlg.oid];
        if (!name) throw new Unsupported(`PRF ${prfAlg.oid}`);
        prf = name;
      }
    }
    const cipherAlg = algorithm(scheme as DerNode);
    const cipher = pbes2Ciphers[cipherAlg.oid];
    if (!cipher) throw new Unsupported(`sandi ${cipherAlg.oid}`);
    const iv = octets(expectTag(cipherAlg.params, tags.octetString, 'IV'));
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.keyLength, prf);
    return decipher(cipher.name, key, iv, data);
  }
  const pbe = pkcs12Pbes[alg.oid];
  if (!pbe) throw new Unsupported(`enkripsi ${alg.oid}`);
  const params = childrenOf(expectTag(alg.params, tags.sequence, 'parameter PBE'));
  const salt = octets(expectTag(params[0], tags.octetString, 'salt PBE'));
  const iterations = integer(params[1] as DerNode);
  const pw = bmpPassword(password);
  const sha1 = '1.3.14.3.2.26';
  const key = pkcs12Kdf(sha1, pw, salt, 1, iterations, pbe.keyLength);
  const iv = pkcs12Kdf(sha1, pw, salt, 2, iterations, 8);
  if (pbe.cipher === 'rc2') {
    try {
      return rc2CbcDecrypt(key, pbe.rc2Bits ?? 128, iv, data);
    } catch {
      throw new WrongPassword();
    }
  }
  return decipher(pbe.cipher, key, iv, data);
}

function checkMac(macData: DerNode, authSafeContent: Uint8Array, password: string): void {
  const [digestInfo, saltNode, iterNode] = childrenOf(macData);
  const [algNode, digestNode] = childrenOf(expectTag(digestInfo, tags.sequence, 'DigestInfo'));
  const alg = algorithm(algNode as DerNode);
  const hash = hashByOid[alg.oid];
  if (!hash) throw new Unsupported(`MAC ${alg.oid}`);
  const expected = octets(expectTag(digestNode, tags.octetString, 'nilai MAC'));
  const salt = octets(expectTag(saltNode, tags.octetString, 'salt MAC'));
  const iterations = iterNode ? integer(iterNode) : 1;
  const attempt = (pw: Uint8Array) => {
    const key = pkcs12Kdf(alg.oid, pw, salt, 3, iterations, hash.size);
    const mac = createHmac(hash.name, key).update(authSafeContent).digest();
    return mac.length === expected.length && timingSafeEqual(mac, expected);
  };
  // An empty password is encoded as no bytes by some tools and as two zero bytes by others.
  if (attempt(bmpPassword(password))) return;
  if (password.length === 0 && attempt(new Uint8Array(2))) return;
  throw new WrongPassword();
}

interface Bags {
  keys: Uint8Array[]; // PKCS#8 PrivateKeyInfo DER
  certs: Uint8Array[];
}

function readSafeContents(der: Uint8Array, password: string, bags: Bags): void {
  for (const bag of childrenOf(expectTag(parseDer(der), tags.sequence, 'SafeContents'))) {
    const [idNode, valueWrapper] = childrenOf(bag);
    const bagId = oid(idNode as DerNode);
    const value = childrenOf(valueWrapper as DerNode)[0] as DerNode;
    if (bagId === oids.keyBag) {
      bags.keys.push(encodingOf(value));
    } else if (bagId === oids.shroudedKeyBag) {
      const [algNode, dataNode] = childrenOf(value);
      bags.keys.push(decrypt(algorithm(algNode as DerNode), password, octets(dataNode as DerNode)));
    } else if (bagId === oids.certBag) {
      const [certType, certValue] = childrenOf(value);
      if (oid(certType as DerNode) === oids.x509Certificate) {
        bags.certs.push(octets(childrenOf(certValue as DerNode)[0] as DerNode));
      }
    } else if (bagId === oids.safeContentsBag) {
      readSafeContents(encodingOf(value), password, bags);
    }
    // CRL and secret bags carry nothing needed for signing.
  }
}

function readAuthenticatedSafe(content: Uint8Array, password: string): Bags {
  const bags: Bags = { keys: [], certs: [] };
  for (const info of childrenOf(expectTag(parseDer(content), tags.sequence, 'AuthenticatedSafe'))) {
    const [typeNode, explicit] = childrenOf(info);
    const type = oid(typeNode as DerNode);
    const inner = childrenOf(explicit as DerNode)[0] as DerNode;
    if (type === oids.data) {
      readSafeContents(octets(inner), password, bags);
    } else if (type === oids.encryptedData) {
      const [, encryptedContentInfo] = childrenOf(inner);
      const [, algNode, encrypted] = childrenOf(encryptedContentInfo as DerNode);
      if (!encrypted) continue; // no content: nothing was encrypted
      // [0] IMPLICIT OCTET STRING: primitive 0x80 or constructed 0xa0.
      const data = encrypted.isConstructed ? octets({ ...encrypted, tag: 0x24 }) : encrypted.content;
      readSafeContents(decrypt(algorithm(algNode as DerNode), password, data), password, bags);
    } else {
      throw new Unsupported(`isi ${type} (mode kunci publik)`);
    }
  }
  return bags;
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

/**
 * Opens a PKCS#12 file. `fileName` only names the file in messages; the
 * password is neither stored nor echoed.
 */
export function parsePkcs12(bytes: Uint8Array, password: string, fileName: string): Pkcs12Contents {
  try {
    const pfx = childrenOf(expectTag(parseDer(bytes), tags.sequence, 'PFX'));
    const version = integer(pfx[0] as DerNode);
    if (version !== 3) throw new DerError(`versi PFX ${version}`);
    const [typeNode, explicit] = childrenOf(expectTag(pfx[1], tags.sequence, 'authSafe'));
    if (oid(typeNode as DerNode) !== oids.data) throw new Unsupported('authSafe bertanda tangan (mode integritas kunci publik)');
    const authSafeContent = octets(childrenOf(explicit as DerNode)[0] as DerNode);
    if (pfx[2]) checkMac(pfx[2], authSafeContent, password);
    const bags = readAuthenticatedSafe(authSafeContent, password);
    if (bags.keys.length === 0) {
      throw new BerkasError('P12_NO_KEY', `Berkas ${fileName} tidak memuat kunci privat; ekspor ulang sertifikat beserta kuncinya (.p12/.pfx).`);
    }
    const certs = bags.certs.map((der) => ({ der, x509: new X509Certificate(der) }));
    for (const keyDer of bags.keys) {
      let privateKey: KeyObject;
      try {
        privateKey = createPrivateKey({ key: Buffer.from(keyDer), format: 'der', type: 'pkcs8' });
      } catch {
        throw new WrongPassword();
      }
      const spki = spkiOf(privateKey);
      const leaf = certs.find((c) => c.x509.publicKey.export({ type: 'spki', format: 'der' }).toString('hex') === spki);
      if (!leaf) continue;
      const chain = buildChain(
        leaf.x509,
        certs.map((c) => c.x509),
      ).map((x) => new Uint8Array(x.raw));
      return { privateKey, certificate: leaf.der, chain };
    }
    throw new BerkasError('P12_NO_KEY', `Berkas ${fileName} tidak memuat sertifikat untuk kunci privatnya.`);
  } catch (err) {
    if (err instanceof BerkasError) throw err;
    if (err instanceof WrongPassword) {
      throw new BerkasError('P12_PASSWORD', `Kata sandi sertifikat ${fileName} salah. Periksa kata sandi (huruf besar/kecil berpengaruh) lalu coba lagi.`);
    }
    if (err instanceof Unsupported) {
      throw new BerkasError('P12_UNSUPPORTED', `Berkas ${fileName} memakai ${err.message} yang tidak didukung Berkas.`);
    }
    throw new BerkasError('P12_CORRUPT', `Berkas ${fileName} bukan berkas sertifikat PKCS#12 (.p12/.pfx) yang utuh: ${err instanceof DerError ? err.message : 'isinya tidak dapat dibaca'}.`);
  }
}
