import { canAddSignature, verdictOf } from '../../../../renderer/src/features/signing/verdict';
import { signature } from './fixtures';

describe('verdictOf', () => {
  it('calls a PDF without signatures unsigned', () => {
    expect(verdictOf({ signatures: [] })).toEqual({ kind: 'unsigned', total: 0, broken: 0, untrusted: 0, expired: 0 });
  });

  it('calls intact signatures from trusted certificates valid', () => {
    const second = signature({ field: 'TTD2_Pengesah', certified: false });
    // The first no longer reaches the end of the file once the second is appended: that is normal.
    expect(verdictOf({ signatures: [signature({ coversWholeDocument: false }), second] }).kind).toBe('valid');
  });

  it('puts a broken signature before everything else', () => {
    const report = { signatures: [signature({ integrity: 'invalid', certificate: 'untrusted' }), signature({ coversWholeDocument: false })] } as const;
    expect(verdictOf({ signatures: [...report.signatures] })).toEqual({ kind: 'broken', total: 2, broken: 1, untrusted: 1, expired: 0 });
  });

  it('notices bytes added after the last signature', () => {
    expect(verdictOf({ signatures: [signature({ coversWholeDocument: false })] }).kind).toBe('changedAfter');
  });

  it('says the signer is not vouched for when a certificate is untrusted or expired', () => {
    expect(verdictOf({ signatures: [signature(), signature({ certificate: 'untrusted' })] })).toMatchObject({ kind: 'unverifiedSigner', untrusted: 1, expired: 0 });
    expect(verdictOf({ signatures: [signature({ certificate: 'expired' })] })).toMatchObject({ kind: 'unverifiedSigner', untrusted: 0, expired: 1 });
  });
});

describe('canAddSignature', () => {
  it('refuses to sign on top of a broken or changed PDF, allows the rest', () => {
    expect(canAddSignature(verdictOf({ signatures: [signature({ integrity: 'invalid' })] }))).toBe(false);
    expect(canAddSignature(verdictOf({ signatures: [signature({ coversWholeDocument: false })] }))).toBe(false);
    expect(canAddSignature(verdictOf({ signatures: [] }))).toBe(true);
    expect(canAddSignature(verdictOf({ signatures: [signature({ certificate: 'untrusted' })] }))).toBe(true);
    expect(canAddSignature(verdictOf({ signatures: [signature()] }))).toBe(true);
  });
});
