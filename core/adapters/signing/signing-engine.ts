/**
 * The SigningEngine port over this folder's pieces: PKCS#12 reading, local
 * self-signed keys, the PAdES signer (with an RFC 3161 timestamp when a TSA
 * is configured) and the verifier. Private keys live only inside the handles
 * this returns; what leaves is certificate metadata and signed bytes.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { SigningEngine, SigningKeyHandle } from '../../ports';
import { BerkasError } from '../../domain/errors';
import type { CertificateDetails } from '../../domain/signing/certificate';
import { loadFontFiles } from '../pdf/fonts';
import type { SigningKey } from './cades';
import { signPdf } from './pades-signer';
import { parsePkcs12 } from './pkcs12';
import { createSelfSignedCertificate } from './self-signed';
import { createVerifierEngine } from './verifier-engine';
import { requestTimestamp } from './tsa-client';
import { certificateDetails } from './x509';

class KeyHandle implements SigningKeyHandle {
  constructor(
    readonly details: CertificateDetails,
    readonly key: SigningKey,
  ) {}
}

type StoredSecret = { v: 1; kind: 'p12'; p12: string } | { v: 1; kind: 'key'; pkcs8: string; certificate: string; chain: string[] };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const encode = (secret: StoredSecret) => new Uint8Array(Buffer.from(JSON.stringify(secret), 'utf8'));

function handleFor(key: SigningKey): KeyHandle {
  return new KeyHandle(certificateDetails(key.certificate), key);
}

export interface SigningEngineOptions {
  assetsDir: string;
  /** Seconds to wait for a timestamp authority. */
  tsaTimeoutMs?: number;
}

export function createSigningEngine(options: SigningEngineOptions): SigningEngine {
  return {
    ...createVerifierEngine(),

    async openP12(bytes, password, fileName) {
      return handleFor(await parsePkcs12(bytes, password, fileName));
    },

    secretForP12(bytes) {
      return encode({ v: 1, kind: 'p12', p12: b64(bytes) });
    },

    async openSecret(secret, password, label) {
      let stored: StoredSecret;
      try {
        stored = JSON.parse(Buffer.from(secret).toString('utf8')) as StoredSecret;
      } catch {
        throw new BerkasError('CERT_SECRET_CORRUPT', `Kunci sertifikat ${label} di brankas rusak; hapus sertifikat itu lalu impor ulang.`, { label });
      }
      if (stored.kind === 'p12') {
        if (password === null || password === '') {
          throw new BerkasError('P12_PASSWORD_REQUIRED', `Masukkan kata sandi sertifikat ${label} untuk menandatangani.`, { field: 'password', label });
        }
        return handleFor(await parsePkcs12(unb64(stored.p12), password, label));
      }
      if (stored.kind === 'key') {
        let privateKey: KeyObject;
        try {
          privateKey = createPrivateKey({ key: Buffer.from(stored.pkcs8, 'base64'), format: 'der', type: 'pkcs8' });
        } catch {
          throw new BerkasError('CERT_SECRET_CORRUPT', `Kunci sertifikat ${label} di brankas rusak; hapus sertifikat itu lalu buat ulang.`, { label });
        }
        return handleFor({ privateKey, certificate: unb64(stored.certificate), chain: stored.chain.map(unb64) });
      }
      throw new BerkasError('CERT_SECRET_CORRUPT', `Kunci sertifikat ${label} di brankas tidak dikenali.`, { label });
    },

    createSelfSigned(input) {
      const made = createSelfSignedCertificate({ name: input.name, nip: input.nip, organization: input.organization, now: input.now });
      const key: SigningKey = { privateKey: made.privateKey, certificate: made.certificate, chain: [] };
      const pkcs8 = made.privateKey.export({ type: 'pkcs8', format: 'der' });
      return {
        handle: handleFor(key),
        secret: encode({ v: 1, kind: 'key', pkcs8: b64(pkcs8), certificate: b64(made.certificate), chain: [] }),
      };
    },

    async signPdf(pdf, handle, opts) {
      if (!(handle instanceof KeyHandle)) throw new Error('handle bukan dari SigningEngine ini');
      const fonts = await loadFontFiles(options.assetsDir);
      const tsaUrl = opts.tsaUrl;
      const result = await signPdf({
        pdf,
        fileName: opts.fileName,
        key: handle.key,
        details: handle.details,
        isCertified: opts.isCertified,
        signedAt: opts.signedAt,
        offsetMinutes: opts.offsetMinutes,
        role: opts.role,
        reason: opts.reason,
        ...(opts.location ? { location: opts.location } : {}),
        certify: opts.certify,
        ...(opts.documentId ? { documentId: opts.documentId } : {}),
        ...(tsaUrl ? { timestamp: (signature: Uint8Array) => requestTimestamp(tsaUrl, signature, options.tsaTimeoutMs) } : {}),
        fonts,
      });
      return {
        pdf: result.pdf,
        fieldName: result.fieldName,
        role: result.role,
        documentId: result.documentId,
        unsignedSha256: result.unsignedSha256,
        level: result.isTimestamped ? 'B-T' : 'B-B',
        isCertification: result.isCertification,
        page: result.page,
      };
    },
  };
}
