/** Which client a request is counted for (server/http/connection-guard.ts): the socket's address, or a trusted proxy's word. */
import { forwardedClient, normalizeAddress } from '../../../server/http/connection-guard';

describe('client addresses', () => {
  test('IPv4-mapped IPv6 addresses count as the IPv4 address they carry', () => {
    expect(normalizeAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeAddress('::ffff:abcd')).toBe('::ffff:abcd');
    expect(normalizeAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(normalizeAddress(undefined)).toBe('unknown');
  });

  test('X-Forwarded-For: the rightmost hop that is not a trusted proxy; what the client wrote to the left counts for nothing', () => {
    const trusted = new Set(['10.0.0.5', '10.0.0.6']);
    expect(forwardedClient('203.0.113.7', trusted)).toBe('203.0.113.7');
    // The client claims 1.2.3.4; the proxy appended the address it really saw.
    expect(forwardedClient('1.2.3.4, 203.0.113.7', trusted)).toBe('203.0.113.7');
    // Two proxies in a row: skip both.
    expect(forwardedClient('203.0.113.7, 10.0.0.6', trusted)).toBe('203.0.113.7');
    expect(forwardedClient(['1.2.3.4', '203.0.113.8'], trusted)).toBe('203.0.113.8');
    expect(forwardedClient('::ffff:203.0.113.9', trusted)).toBe('203.0.113.9');
  });

  test('a missing, empty, all-proxy or malformed header names no client (the proxy itself is counted)', () => {
    const trusted = new Set(['10.0.0.5']);
    expect(forwardedClient(undefined, trusted)).toBeNull();
    expect(forwardedClient('', trusted)).toBeNull();
    expect(forwardedClient('10.0.0.5', trusted)).toBeNull();
    expect(forwardedClient('1.2.3.4, bukan-alamat', trusted)).toBeNull();
  });
});
