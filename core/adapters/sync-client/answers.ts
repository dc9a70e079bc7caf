/**
 * The server's answers read as the app's types (PROTOCOL.md §5–§8): each
 * parser returns null for anything that is not the documented shape, and a
 * receipt's Ed25519 signature is checked under the key it names.
 */
import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { isSha256 } from '../../domain/outbox/manifest';
import { isReviewStatus, receiptSignedText, type MissingBlob, type Receipt, type Review, type ServerKey, type SubmissionStatus } from '../../domain/outbox/protocol';

type Json = Record<string, unknown>;

function str(v: unknown): v is string {
  return typeof v === 'string';
}

export function parseReview(v: unknown): Review | null {
  if (v === null || typeof v !== 'object') return null;
  const r = v as Json;
  if (!isReviewStatus(r.status)) return null;
  return { status: r.status, note: str(r.note) ? r.note : null, decidedAt: str(r.decidedAt) ? r.decidedAt : null };
}

export function parseReceipt(v: unknown): Receipt | null {
  if (v === null || typeof v !== 'object') return null;
  const r = v as Json;
  if (!str(r.submissionId) || !str(r.manifestSha256) || !str(r.receivedAt) || !str(r.keyId) || r.algorithm !== 'Ed25519' || !str(r.signature)) return null;
  return { submissionId: r.submissionId, manifestSha256: r.manifestSha256, receivedAt: r.receivedAt, keyId: r.keyId, algorithm: 'Ed25519', signature: r.signature };
}

export function parseMissing(v: unknown): MissingBlob[] | null {
  if (!Array.isArray(v)) return null;
  const out: MissingBlob[] = [];
  for (const m of v) {
    const o = m as Json;
    if (!o || !isSha256(o.sha256) || !Number.isSafeInteger(o.size) || !Number.isSafeInteger(o.offset)) return null;
    out.push({ sha256: o.sha256, size: o.size as number, offset: o.offset as number });
  }
  return out;
}

export function parseKeys(v: unknown): ServerKey[] | null {
  const list = (v as Json | null)?.keys;
  if (!Array.isArray(list)) return null;
  const out: ServerKey[] = [];
  for (const k of list) {
    const o = k as Json;
    if (!o || !str(o.keyId) || o.algorithm !== 'Ed25519' || !str(o.publicKey)) continue;
    out.push({ keyId: o.keyId, algorithm: 'Ed25519', publicKey: o.publicKey, createdAt: str(o.createdAt) ? o.createdAt : '', isCurrent: o.isCurrent === true });
  }
  return out;
}

export function parseStatus(v: unknown): SubmissionStatus | null {
  const o = v as Json | null;
  if (!o || !str(o.submissionId) || !str(o.manifestSha256) || (o.state !== 'open' && o.state !== 'committed')) return null;
  const lastError = o.lastError as Json | null | undefined;
  return {
    submissionId: o.submissionId,
    manifestSha256: o.manifestSha256,
    state: o.state,
    missing: parseMissing(o.missing ?? []) ?? [],
    receipt: parseReceipt(o.receipt),
    review: parseReview(o.review),
    lastError: lastError && str(lastError.code) && str(lastError.message) ? { code: lastError.code, message: lastError.message } : null,
    ...(str(o.updatedAt) ? { updatedAt: o.updatedAt } : {}),
  };
}

/** keyId = first 16 hex of SHA-256 of the raw 32-byte public key (PROTOCOL.md §8). */
export function keyIdOf(publicKeyBase64Url: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyBase64Url, 'base64url')).digest('hex').slice(0, 16);
}

/** Checks a receipt's Ed25519 signature under the key it names; false on anything odd. */
export function verifyReceiptSignature(receipt: Receipt, keys: readonly ServerKey[]): boolean {
  const key = keys.find((k) => k.keyId === receipt.keyId);
  if (!key || key.algorithm !== 'Ed25519') return false;
  // A key list whose id does not belong to its key could make a forged receipt look signed by a known key.
  if (keyIdOf(key.publicKey) !== key.keyId) return false;
  try {
    const raw = Buffer.from(key.publicKey, 'base64url');
    if (raw.length !== 32) return false;
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' });
    const signature = Buffer.from(receipt.signature, 'base64url');
    if (signature.length !== 64) return false;
    return cryptoVerify(null, Buffer.from(receiptSignedText(receipt), 'utf8'), publicKey, signature);
  } catch {
    return false;
  }
}
