/** Reviewer passwords: scrypt with stored parameters, weak ones refused, tampered hashes never accepted or costly. */
import { hashPassword, passwordProblem, SCRYPT_PARAMS, verifyPassword } from '../../../../server/review/passwords';

test('hash and verify; the stored form names its parameters and a fresh salt', async () => {
  const a = await hashPassword('kata sandi yang panjang');
  const b = await hashPassword('kata sandi yang panjang');
  expect(a).toMatch(new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$8\\$1\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
  expect(a).not.toBe(b);
  await expect(verifyPassword('kata sandi yang panjang', a)).resolves.toBe(true);
  await expect(verifyPassword('kata sandi yang panjanG', a)).resolves.toBe(false);
  // NFC and NFD spellings of one password are one password.
  const c = await hashPassword('kata sandi caf\u00e9 panjang');
  await expect(verifyPassword('kata sandi cafe\u0301 panjang', c)).resolves.toBe(true);
});

test('weak passwords are refused with the reason; a tampered hash is false, not an error or a minute of work', async () => {
  expect(passwordProblem('pendek')).toMatch(/paling sedikit 12/);
  expect(passwordProblem('aaaaaaaaaaaaaaa')).toMatch(/diulang/);
  await expect(hashPassword('pendek')).rejects.toMatchObject({ code: 'PASSWORD_WEAK' });
  const good = await hashPassword('kata sandi yang panjang');
  const parts = good.split('$');
  await expect(verifyPassword('kata sandi yang panjang', ['scrypt', String(2 ** 24), ...parts.slice(2)].join('$'))).resolves.toBe(false);
  await expect(verifyPassword('kata sandi yang panjang', ['scrypt', '30000', ...parts.slice(2)].join('$'))).resolves.toBe(false);
  await expect(verifyPassword('kata sandi yang panjang', 'md5$abc')).resolves.toBe(false);
});
