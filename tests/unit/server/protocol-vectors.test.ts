/** The test vectors of server/PROTOCOL.md §8.1: canonical JSON, manifest hash, receipt signature. */
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson, sha256Hex } from '../../../server/protocol/canonical-json';
import { manifestSha256, parseManifest } from '../../../server/protocol/manifest';
import { keyIdOf, receiptSignedBytes, verifyReceipt, type PublishedKey } from '../../../server/intake/receipt-keys';

const protocolText = readFileSync(path.join(__dirname, '..', '..', '..', 'server', 'PROTOCOL.md'), 'utf8');

const manifest = {
  protocol: 1,
  submissionId: '0190a5f2-7c3e-7d41-9b2a-3f6c1e8d2a10',
  type: 'rencana-aksi',
  opd: 'DISDIK',
  period: '2025',
  revisionOf: null,
  appVersion: '0.1.0',
  mainDocument: 'data/rencana-aksi.pdf',
  files: [
    { path: 'manifest-sha256.txt', sha256: sha256Hex('manifest'), size: 8 },
    { path: 'bagit.txt', sha256: sha256Hex('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'), size: 55 },
    { path: 'data/rencana-aksi.pdf', sha256: sha256Hex('pdf'), size: 3 },
    { path: 'bag-info.txt', sha256: sha256Hex('bag-info'), size: 8 },
  ],
};

function testKey() {
  const seed = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  const x = String(createPublicKey(privateKey).export({ format: 'jwk' }).x);
  return { privateKey, x, keyId: keyIdOf(Buffer.from(x, 'base64url')) };
}

describe('PROTOCOL.md test vectors', () => {
  test('the canonical manifest and its hash are the ones published, whatever the order files were sent in', () => {
    const parsed = parseManifest(manifest);
    const sorted = { ...manifest, files: [...manifest.files].sort((a, b) => (a.path < b.path ? -1 : 1)) };
    const canonical = canonicalJson(sorted);
    expect(protocolText).toContain(canonical);
    const hash = manifestSha256(parsed);
    expect(hash).toBe(sha256Hex(canonical));
    expect(protocolText).toContain(`\`manifestSha256\` =\n\`${hash}\``);
    expect(manifestSha256(parseManifest({ ...manifest, files: [...manifest.files].reverse() }))).toBe(hash);
  });

  test('the receipt signature is the published one and verifies; a changed field does not', () => {
    const key = testKey();
    expect(protocolText).toContain(`public key \`${key.x}\``);
    expect(protocolText).toContain(`keyId\n\`${key.keyId}\``);
    const body = { submissionId: manifest.submissionId, manifestSha256: manifestSha256(parseManifest(manifest)), receivedAt: '2025-06-17T03:04:05.123Z', keyId: key.keyId };
    const bytes = receiptSignedBytes(body);
    expect(protocolText).toContain(bytes.toString('utf8'));
    const signature = sign(null, bytes, key.privateKey).toString('base64url');
    expect(protocolText).toContain(`signature \`${signature}\``);
    const published: PublishedKey[] = [
      { keyId: key.keyId, algorithm: 'Ed25519', publicKey: key.x, jwk: { kty: 'OKP', crv: 'Ed25519', x: key.x }, createdAt: '2025-01-01T00:00:00.000Z', isCurrent: true },
    ];
    const receipt = { ...body, algorithm: 'Ed25519' as const, signature };
    expect(verifyReceipt(receipt, published)).toBe(true);
    expect(verifyReceipt({ ...receipt, receivedAt: '2025-06-17T03:04:05.124Z' }, published)).toBe(false);
    expect(verifyReceipt({ ...receipt, keyId: 'ffffffffffffffff' }, published)).toBe(false);
  });

  test('canonical JSON: sorted keys at every depth, no whitespace, JSON.stringify strings, integers only', () => {
    expect(canonicalJson({ b: [true, null, 'é\n"'], a: { z: 1, y: 0 } })).toBe('{"a":{"y":0,"z":1},"b":[true,null,"é\\n\\""]}');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    // Keys compare by UTF-16 code units: "Z" (0x5A) before "a" (0x61), "é" after both.
    expect(canonicalJson({ é: 1, a: 2, Z: 3 })).toBe('{"Z":3,"a":2,"é":1}');
    expect(() => canonicalJson({ size: 1.5 })).toThrow();
    expect(() => canonicalJson({ size: -1 })).toThrow();
  });
});
