import { canAddSignature, verdictOf } from '../../../../renderer/src/features/signing/verdict';
import { report, signature } from './fixtures';

describe('verdictOf', () => {
  it('calls a PDF without signatures unsigned', () => {
    expect(verdictOf(report([]))).toEqual({ kind: 'unsigned', total: 0, broken: 0, untrusted: 0, expired: 0 });
  });

  it('calls intact signatures from trusted certificates valid', () => {
    const second = signature({ field: 'TTD2_Pengesah', certified: false });
    // The first no longer reaches the end of the file once the second is appended: that is normal.
    expect(verdictOf(report([signature({ coversWholeDocument: false }), second])).kind).toBe('valid');
  });

  it('puts a broken signature before everything else', () => {
    const signatures = [signature({ integrity: 'invalid', certificate: 'untrusted' }), signature({ coversWholeDocument: false })];
    expect(verdictOf(report(signatures))).toEqual({ kind: 'broken', total: 2, broken: 1, untrusted: 1, expired: 0 });
  });

  it('calls a document changed after signing in a way not permitted "changedAfter", even with a later signature on top', () => {
    const changed = signature({ coversWholeDocument: false, changesAfter: [{ level: 'other', description: 'isi halaman 1 diubah' }], changeLevel: 'other', isChangePermitted: false });
    expect(verdictOf(report([changed])).kind).toBe('changedAfter');
    expect(verdictOf(report([changed, signature({ field: 'TTD2_Pengesah', revision: 4 })])).kind).toBe('changedAfter');
  });

  it('permitted changes after a signature (a second signature) leave the verdict alone', () => {
    const first = signature({ coversWholeDocument: false, changesAfter: [{ level: 'signatures', description: 'tanda tangan berikutnya ditambahkan' }], changeLevel: 'signatures' });
    expect(verdictOf(report([first])).kind).toBe('valid');
  });

  it('says the signer is not vouched for when a certificate is untrusted or expired', () => {
    expect(verdictOf(report([signature(), signature({ certificate: 'untrusted' })]))).toMatchObject({ kind: 'unverifiedSigner', untrusted: 1, expired: 0 });
    expect(verdictOf(report([signature({ certificate: 'expired' })]))).toMatchObject({ kind: 'unverifiedSigner', untrusted: 0, expired: 1 });
  });
});

describe('canAddSignature', () => {
  it('refuses to sign on top of a broken or changed PDF, allows the rest', () => {
    expect(canAddSignature(verdictOf(report([signature({ integrity: 'invalid' })])))).toBe(false);
    expect(canAddSignature(verdictOf(report([signature({ coversWholeDocument: false, isChangePermitted: false })])))).toBe(false);
    expect(canAddSignature(verdictOf(report([])))).toBe(true);
    expect(canAddSignature(verdictOf(report([signature({ certificate: 'untrusted' })])))).toBe(true);
    expect(canAddSignature(verdictOf(report([signature()])))).toBe(true);
  });
});
