/**
 * Where the officer's certificates are listed (core/adapters/repositories/
 * certificate-repository.ts over the database). Only metadata: the key
 * material is sealed in the KeyVault under `vaultName`.
 */
import type { CertificateInfo } from '../../domain/signing/certificate';

export interface StoredCertificate extends CertificateInfo {
  vaultName: string;
}

export interface CertificateRepository {
  get(id: string): StoredCertificate | null;
  /** The certificate with this SHA-256 fingerprint, if it is stored already. */
  withFingerprint(sha256: string): StoredCertificate | null;
  /** In the order they were added. */
  list(): StoredCertificate[];
  insert(certificate: StoredCertificate): Promise<void>;
  remove(id: string): Promise<void>;
}
