import { groupedFingerprint, preferredCertificate, signingProblems, validityOf } from '../../../../renderer/src/lib/certificate-status';
import { certificate } from '../signing/fixtures';

const now = new Date('2026-06-17T03:00:00.000Z');

describe('validityOf', () => {
  it('tells valid, expired and not yet valid apart', () => {
    expect(validityOf(certificate(), now)).toBe('valid');
    expect(validityOf(certificate({ notAfter: '2020-01-01T00:00:00.000Z' }), now)).toBe('expired');
    expect(validityOf(certificate({ notBefore: '2080-01-01T00:00:00.000Z' }), now)).toBe('notYetValid');
  });
});

describe('signingProblems', () => {
  it('gives the service’s own reasons, in Indonesian with the date', () => {
    expect(signingProblems(certificate(), now)).toEqual([]);
    const [expired] = signingProblems(certificate({ notAfter: '2020-01-01T00:00:00.000Z' }), now);
    expect(expired).toContain('sudah kedaluwarsa sejak');
    expect(expired).toContain('2020');
    expect(signingProblems(certificate({ keyUsage: ['keyEncipherment'] }), now)).toEqual([
      'Sertifikat "Budi Santoso" tidak boleh dipakai untuk menandatangani: penggunaan kuncinya hanya enkripsi kunci.',
    ]);
  });
});

describe('preferredCertificate', () => {
  const local = certificate({ id: 'lokal', kind: 'self-signed', isCertified: false, isSelfSigned: true });
  const bsre = certificate({ id: 'bsre' });
  const expired = certificate({ id: 'lama', notAfter: '2020-01-01T00:00:00.000Z' });

  it('offers a certified certificate that can sign before a local one', () => {
    expect(preferredCertificate([local, bsre], now)?.id).toBe('bsre');
  });

  it('skips one that cannot sign, and falls back to the first when none can', () => {
    expect(preferredCertificate([expired, local], now)?.id).toBe('lokal');
    expect(preferredCertificate([expired], now)?.id).toBe('lama');
    expect(preferredCertificate([], now)).toBeNull();
  });
});

describe('groupedFingerprint', () => {
  it('writes hex in colon-separated upper-case pairs', () => {
    expect(groupedFingerprint('0a1b2c')).toBe('0A:1B:2C');
  });
});
