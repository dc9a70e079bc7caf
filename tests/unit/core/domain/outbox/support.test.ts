import { ageParts, formatAgeId } from '../../../../../core/domain/outbox/age';
import { backoffCeilingMs, backoffDelayMs, retryAfterMs } from '../../../../../core/domain/outbox/backoff';
import { failureKind, isLinkFailure, networkMessage } from '../../../../../core/domain/outbox/failures';
import { receiptProblem, receiptSignedText, type Receipt } from '../../../../../core/domain/outbox/protocol';
import { normalizeServerUrl } from '../../../../../core/domain/outbox/server-url';

const receipt: Receipt = {
  submissionId: '0190a5f2-7c3e-7d41-9b2a-3f6c1e8d2a10',
  manifestSha256: 'ab'.repeat(32),
  receivedAt: '2025-06-17T03:04:05.123Z',
  keyId: '3f9a1c0e5b7d2a64',
  algorithm: 'Ed25519',
  signature: 'A'.repeat(86),
};

describe('backoff', () => {
  it('doubles its ceiling up to the cap', () => {
    const policy = { baseMs: 500, capMs: 10_000 };
    expect([0, 1, 2, 3, 4, 5, 60].map((a) => backoffCeilingMs(a, policy))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('spreads waits uniformly over [0, ceiling) with full jitter (seeded)', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const waits = Array.from({ length: 4000 }, () => backoffDelayMs(3, rnd, { baseMs: 1000, capMs: 60_000 }));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeLessThan(8000);
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    expect(mean).toBeGreaterThan(3700);
    expect(mean).toBeLessThan(4300);
    // Each quarter of the range gets about a quarter of the waits.
    for (let q = 0; q < 4; q++) {
      const share = waits.filter((w) => w >= q * 2000 && w < (q + 1) * 2000).length / waits.length;
      expect(Math.abs(share - 0.25)).toBeLessThan(0.04);
    }
  });

  it('never waits less than Retry-After, and reads both of its forms', () => {
    expect(backoffDelayMs(0, () => 0, { baseMs: 1000, capMs: 60_000 }, 7000)).toBe(7000);
    expect(backoffDelayMs(0, () => 1, { baseMs: 1000, capMs: 60_000 })).toBe(999);
    const now = new Date('2025-06-17T03:00:00Z');
    expect(retryAfterMs('12', now)).toBe(12_000);
    expect(retryAfterMs('Tue, 17 Jun 2025 03:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('kapan-kapan', now)).toBe(0);
    expect(retryAfterMs(undefined, now)).toBe(0);
  });
});

describe('failures', () => {
  it('follows the retry rule of PROTOCOL.md §1.1', () => {
    const table: [string, number | null, string][] = [
      ['NETWORK_RESET', null, 'retry'],
      ['NETWORK_TIMEOUT', null, 'retry'],
      ['REQUEST_TIMEOUT', 408, 'retry'],
      ['RATE_LIMITED', 429, 'retry'],
      ['INTERNAL', 500, 'retry'],
      ['HTTP_502', 502, 'retry'],
      ['UNAVAILABLE', 503, 'retry'],
      ['BLOBS_MISSING', 412, 'retry'],
      ['TOKEN_REVOKED', 401, 'auth'],
      ['TOKEN_INVALID', 401, 'auth'],
      ['SUBMISSION_CONFLICT', 409, 'refuse'],
      ['SIGNATURE_MISSING', 422, 'refuse'],
      ['OPD_MISMATCH', 403, 'refuse'],
      ['PAYLOAD_TOO_LARGE', 413, 'refuse'],
    ];
    for (const [code, status, kind] of table) expect([code, failureKind(code, status)]).toEqual([code, kind]);
    expect(isLinkFailure('NETWORK_REFUSED')).toBe(true);
    expect(isLinkFailure('INTERNAL', 500)).toBe(false);
    expect(isLinkFailure('HTTP_504', 504)).toBe(true);
  });

  it('explains network failures in Indonesian, naming the server and what happens next', () => {
    // No errno name (ECONNREFUSED): the officer reads the words, the NETWORK_* code is for the technician.
    expect(networkMessage('NETWORK_REFUSED', 'https://berkas.contoh.go.id')).toBe(
      'Server https://berkas.contoh.go.id menolak koneksi dari komputer ini: server mati atau alamatnya salah. Paket tetap di antrean dan dikirim otomatis begitu koneksi pulih.',
    );
    // A detail, when there is one, is in Indonesian words.
    expect(networkMessage('NETWORK_TIMEOUT', 'https://berkas.contoh.go.id', 'tidak ada data selama 30 detik')).toBe(
      'Server https://berkas.contoh.go.id tidak menjawab dalam batas waktu (tidak ada data selama 30 detik): koneksi lambat atau macet. Paket tetap di antrean dan dikirim otomatis begitu koneksi pulih.',
    );
  });
});

describe('receipt', () => {
  it('signs exactly the four members in canonical order', () => {
    expect(receiptSignedText(receipt)).toBe(
      `{"keyId":"3f9a1c0e5b7d2a64","manifestSha256":"${'ab'.repeat(32)}","receivedAt":"2025-06-17T03:04:05.123Z","submissionId":"0190a5f2-7c3e-7d41-9b2a-3f6c1e8d2a10"}`,
    );
  });

  it('is checked against the package that was sent', () => {
    const expected = { submissionId: receipt.submissionId, manifestSha256: receipt.manifestSha256 };
    expect(receiptProblem(receipt, expected)).toBeNull();
    expect(receiptProblem(null, expected)).toBe('server tidak mengirim tanda terima');
    expect(receiptProblem({ ...receipt, submissionId: '01J1Z8X3KQ7T2V9W4M5N6P7R8S' }, expected)).toContain('kiriman lain');
    expect(receiptProblem({ ...receipt, manifestSha256: 'cd'.repeat(32) }, expected)).toContain('berbeda');
    expect(receiptProblem({ ...receipt, receivedAt: '2025-06-17 03:04' }, expected)).toContain('waktu');
    expect(receiptProblem({ ...receipt, algorithm: 'RSA' }, expected)).toContain('RSA');
    expect(receiptProblem({ ...receipt, signature: 'A'.repeat(10) }, expected)).toContain('tanda tangan');
  });
});

describe('age of the oldest unsent package', () => {
  it('shows the two largest units', () => {
    const now = new Date('2025-06-17T12:00:00Z');
    expect(formatAgeId(ageParts('2025-06-14T08:30:00Z', now))).toBe('3 hari 3 jam');
    expect(formatAgeId(ageParts('2025-06-17T09:55:00Z', now))).toBe('2 jam 5 menit');
    expect(formatAgeId(ageParts('2025-06-17T11:48:10Z', now))).toBe('11 menit');
    expect(formatAgeId(ageParts('2025-06-17T11:59:30Z', now))).toBe('kurang dari 1 menit');
    expect(formatAgeId(ageParts('2025-06-18T00:00:00Z', now))).toBe('kurang dari 1 menit');
    expect(ageParts('2025-06-10T12:00:00Z', now)).toEqual({ days: 7, hours: 0, minutes: 0 });
  });
});

describe('server address', () => {
  it('keeps http(s) base URLs and refuses the rest', () => {
    expect(normalizeServerUrl(' https://berkas.contoh.go.id/// ')).toBe('https://berkas.contoh.go.id');
    expect(normalizeServerUrl('http://127.0.0.1:8750/intake/')).toBe('http://127.0.0.1:8750/intake');
    expect(() => normalizeServerUrl('ftp://x')).toThrow('https://');
    expect(() => normalizeServerUrl('https://u:p@x')).toThrow('kata sandi');
    expect(() => normalizeServerUrl('berkas.contoh.go.id')).toThrow('tidak sah');
  });
});
