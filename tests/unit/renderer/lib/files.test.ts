import { base64Size, base64ToBytes, bytesToBase64, hasExtension } from '../../../../renderer/src/lib/files';

describe('base64', () => {
  it('round-trips bytes larger than one chunk, as Node encodes them', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 31) % 256);
    const text = bytesToBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(text)).toEqual(bytes);
    expect(base64Size(text)).toBe(bytes.length);
  });

  it('handles empty input', () => {
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
    expect(base64ToBytes('')).toHaveLength(0);
  });

  it.each([0, 1, 2, 3, 4])('counts the bytes of %i bytes, padding included', (n) => {
    expect(base64Size(Buffer.alloc(n, 7).toString('base64'))).toBe(n);
  });
});

describe('hasExtension', () => {
  it('accepts the listed extensions in any case and nothing else', () => {
    expect(hasExtension('SERTIFIKAT.PFX', '.p12,.pfx')).toBe(true);
    expect(hasExtension('budi.p12', '.p12,.pfx')).toBe(true);
    expect(hasExtension('budi.p12.txt', '.p12,.pfx')).toBe(false);
    expect(hasExtension('akar.pem', '.pem,.cer,.crt,.der')).toBe(true);
  });
});
