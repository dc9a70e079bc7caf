import { base64ToBytes, bytesToBase64 } from '../../../../renderer/src/features/rencana-aksi/file-io';

describe('base64 for the contract', () => {
  it('encodes and decodes bytes exactly as Node does, across chunk boundaries', () => {
    const bytes = new Uint8Array(100_003);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
    const encoded = bytesToBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(base64ToBytes(encoded)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('handles empty input', () => {
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
    expect(base64ToBytes('')).toHaveLength(0);
  });
});
