import { rc2CbcDecrypt, rc2EncryptBlock } from '../../../../../core/adapters/signing/rc2';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const str = (u: Uint8Array) => Buffer.from(u).toString('hex');

describe('RC2 (RFC 2268)', () => {
  it.each([
    ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
    ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
    ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
    ['88', 64, '0000000000000000', '61a8a244adacccf0'],
    ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
  ])('encrypts the test vector key %s / %i bits', (key, bits, plain, cipher) => {
    expect(str(rc2EncryptBlock(hex(key), bits, hex(plain)))).toBe(cipher);
  });

  it('rejects a wrong key through the padding', () => {
    // One block whose decryption under this key does not end in valid PKCS#7 padding.
    expect(() => rc2CbcDecrypt(hex('0102030405'), 40, new Uint8Array(8), hex('ebb773f993278eff'))).toThrow();
  });
});
