import * as asn1js from 'asn1js';
import { randomPositiveInteger } from '../../../../../core/adapters/signing/algorithms';

/** DER of the INTEGER; minimal (X.690 8.3.2) means no redundant leading 0x00, which OpenSSL refuses. */
function der(int: asn1js.Integer): Uint8Array {
  return new Uint8Array(int.toBER(false));
}

describe('randomPositiveInteger', () => {
  it.each([
    ['a zero top byte followed by a small byte', [0x00, 0x05, 0xaa]],
    ['a zero top byte followed by a high byte', [0x00, 0x95, 0xaa]],
    ['a top byte with the sign bit set', [0xff, 0x00, 0x01]],
    ['all zero bytes', [0x00, 0x00, 0x00]],
  ])('encodes %s as a minimal positive INTEGER of the asked length', (_label, bytes) => {
    const encoded = der(randomPositiveInteger(3, () => new Uint8Array(bytes)));
    expect(encoded[0]).toBe(0x02);
    expect(encoded[1]).toBe(3);
    const top = encoded[2] as number;
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(0x80);
  });

  it('parses back through asn1js to the same value', () => {
    const int = randomPositiveInteger(16);
    const parsed = asn1js.fromBER(der(int));
    expect(parsed.offset).not.toBe(-1);
    expect(Buffer.from((parsed.result as asn1js.Integer).valueBlock.valueHexView)).toEqual(Buffer.from(int.valueBlock.valueHexView));
  });
});
