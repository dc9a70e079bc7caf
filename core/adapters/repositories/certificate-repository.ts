/** The certificates table (migration 2) behind the CertificateRepository port. */
import type { Database } from '../../ports';
import type { CertificateKind, KeyUsageName } from '../../domain/signing/certificate';
import type { CertificateRepository, StoredCertificate } from '../../services/signing/ports';

interface CertificateRow {
  [key: string]: string | number | null | Uint8Array;
  id: string;
  kind: string;
  label: string;
  subject: string;
  common_name: string;
  nip: string | null;
  nik: string | null;
  organization: string | null;
  issuer: string;
  issuer_common_name: string;
  serial_number: string;
  not_before: string;
  not_after: string;
  key_usage: string | null;
  is_self_signed: number;
  is_certified: number;
  fingerprint_sha256: string;
  vault_name: string;
  created_at: string;
}

function certificateOf(row: CertificateRow): StoredCertificate {
  return {
    id: row.id,
    kind: row.kind as CertificateKind,
    label: row.label,
    subject: row.subject,
    commonName: row.common_name,
    nip: row.nip,
    nik: row.nik,
    organization: row.organization,
    issuer: row.issuer,
    issuerCommonName: row.issuer_common_name,
    serialNumber: row.serial_number,
    notBefore: row.not_before,
    notAfter: row.not_after,
    keyUsage: row.key_usage === null ? null : (JSON.parse(row.key_usage) as KeyUsageName[]),
    isSelfSigned: row.is_self_signed === 1,
    isCertified: row.is_certified === 1,
    fingerprintSha256: row.fingerprint_sha256,
    vaultName: row.vault_name,
    createdAt: row.created_at,
  };
}

export function createCertificateRepository(db: Database): CertificateRepository {
  const select = (where: string, params: string[] = []) => db.query<CertificateRow>(`SELECT * FROM certificates ${where}`, params).map(certificateOf);
  return {
    get: (id) => select('WHERE id = ?', [id])[0] ?? null,
    withFingerprint: (sha256) => select('WHERE fingerprint_sha256 = ?', [sha256])[0] ?? null,
    list: () => select('ORDER BY created_at, id'),
    insert: (c) =>
      db.write([
        {
          sql: `INSERT INTO certificates (id, kind, label, subject, common_name, nip, nik, organization, issuer, issuer_common_name,
                serial_number, not_before, not_after, key_usage, is_self_signed, is_certified, fingerprint_sha256, vault_name, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          params: [
            c.id,
            c.kind,
            c.label,
            c.subject,
            c.commonName,
            c.nip,
            c.nik,
            c.organization,
            c.issuer,
            c.issuerCommonName,
            c.serialNumber,
            c.notBefore,
            c.notAfter,
            c.keyUsage === null ? null : JSON.stringify(c.keyUsage),
            c.isSelfSigned ? 1 : 0,
            c.isCertified ? 1 : 0,
            c.fingerprintSha256,
            c.vaultName,
            c.createdAt,
          ],
        },
      ]),
    remove: (id) => db.write([{ sql: 'DELETE FROM certificates WHERE id = ?', params: [id] }]),
  };
}
