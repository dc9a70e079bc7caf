/** The token bucket (429 + Retry-After) and the secrets the server hands out. */
import { RateLimiter } from '../../../server/http/rate-limit';
import { enrollmentCodeHash, newEnrollmentCode, newToken, normalizeEnrollmentCode, tokenHash } from '../../../server/intake/codes';

describe('RateLimiter', () => {
  test('a burst up to capacity passes, then the wait is the time to refill one token', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 3, perSecond: 0.5 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(2);
    // Another key has its own bucket.
    expect(limiter.take('b')).toBe(0);
    now = 1000;
    expect(limiter.take('a')).toBe(1);
    now = 2100;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(2);
  });

  test('refill never exceeds capacity', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 2, perSecond: 100 }, () => now);
    now = 3_600_000;
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([0, 0, 1]);
  });
});

describe('enrollment codes and tokens', () => {
  test('codes: 16 Crockford characters in groups of four, typed loosely', () => {
    const code = newEnrollmentCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(normalizeEnrollmentCode(' k7qm-4xtd 9hpa-2wec ')).toBe('K7QM4XTD9HPA2WEC');
    expect(enrollmentCodeHash('O1LI-AAAA-BBBB-CCCC')).toBe(enrollmentCodeHash('0111AAAABBBBCCCC'));
    expect(new Set(Array.from({ length: 200 }, newEnrollmentCode)).size).toBe(200);
  });

  test('tokens: 32 random bytes as base64url; only their SHA-256 is stored', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(token)).not.toBe(tokenHash(newToken()));
  });
});
