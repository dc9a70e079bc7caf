import { createCertificateRepository } from '../../../../../core/adapters/repositories/certificate-repository';
import type { Database } from '../../../../../core/ports';
import type { StoredCertificate } from '../../../../../core/services/signing/ports';
import { useTempDatabase } from '../../../../helpers/temp-database';

let db: Database;

useTempDatabase('berkas-certificates-', (opened) => {
  db = opened;
});

const certificate = (id: string, createdAt: string, keyUsage: StoredCertificate['keyUsage']): StoredCertificate => ({
  id,
  kind: 'imported',
  label: `Budi Santoso (${id})`,
  subject: 'CN=Budi Santoso',
  commonName: 'Budi Santoso',
  nip: '198703122010011002',
  nik: null,
  organization: 'Dinas Pendidikan',
  issuer: 'CN=BSrE',
  issuerCommonName: 'BSrE',
  serialNumber: `0${id}`,
  notBefore: '2025-01-01T00:00:00.000Z',
  notAfter: '2027-01-01T00:00:00.000Z',
  keyUsage,
  isSelfSigned: false,
  isCertified: true,
  fingerprintSha256: `f-${id}`,
  vaultName: `cert-${id}`,
  createdAt,
});

describe('certificate repository over the database', () => {
  it('keeps what it was given, finds by id and fingerprint, lists in the order added, and removes', async () => {
    const repo = createCertificateRepository(db);
    const a = certificate('a', '2025-02-01T00:00:00.000Z', ['digitalSignature', 'nonRepudiation']);
    const b = certificate('b', '2025-01-01T00:00:00.000Z', null);
    await repo.insert(a);
    await repo.insert(b);
    expect(repo.get('a')).toEqual(a);
    expect(repo.withFingerprint('f-b')).toEqual(b);
    expect(repo.withFingerprint('f-c')).toBeNull();
    expect(repo.list().map((c) => c.id)).toEqual(['b', 'a']);
    await repo.remove('b');
    expect(repo.get('b')).toBeNull();
    // The fingerprint is unique: the same certificate cannot be listed twice.
    await expect(repo.insert({ ...a, id: 'c', vaultName: 'cert-c' })).rejects.toThrow();
  });
});
