/**
 * Reviewer passwords, hashed with scrypt (node:crypto; RFC 7914), a
 * memory-hard KDF: N = 2^15, r = 8, p = 1 takes 128·N·r = 32 MiB and about
 * 0.1 s per try on one core, so a stolen reviewers table is slow to attack on
 * GPUs. The parameters are stored with every hash, so they can be raised for
 * new passwords without locking anyone out.
 *
 * Stored form: scrypt$<N>$<r>$<p>$<salt base64url>$<hash base64url>
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { BerkasError } from '../../core/domain/errors';

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;
export const MIN_PASSWORD_CHARS = 12;
export const MAX_PASSWORD_CHARS = 1024;

function derive(password: string, salt: Buffer, options: { N: number; r: number; p: number }, keyLength: number): Promise<Buffer> {
  // maxmem must exceed 128·N·r, or Node refuses the parameters.
  const opts: ScryptOptions = { N: options.N, r: options.r, p: options.p, maxmem: 256 * options.N * options.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Why a new password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_CHARS) return `Kata sandi terlalu pendek: paling sedikit ${MIN_PASSWORD_CHARS} karakter (sekarang ${password.length}).`;
  if (password.length > MAX_PASSWORD_CHARS) return `Kata sandi terlalu panjang: paling banyak ${MAX_PASSWORD_CHARS} karakter.`;
  if (/^(.)\1*$/.test(password)) return 'Kata sandi hanya satu karakter yang diulang; pilih kata sandi lain.';
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new BerkasError('PASSWORD_WEAK', problem, { field: 'password' });
  const salt = randomBytes(16);
  const { N, r, p, keyLength } = SCRYPT_PARAMS;
  const hash = await derive(password, salt, { N, r, p }, keyLength);
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

const STORED = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{32,128})$/;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = STORED.exec(stored);
  if (!m || password.length > MAX_PASSWORD_CHARS) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // A tampered row must not make the server spend minutes or gigabytes on one login.
  if (N < 2 ** 14 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(m[5] as string, 'base64url');
  const actual = await derive(password, Buffer.from(m[4] as string, 'base64url'), { N, r, p }, expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Spent on a login with an unknown user name, so its answer takes as long as a wrong password's. */
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('berkas-tanpa-pengguna-ini');
  await verifyPassword(password, await dummyHash);
}
