import { BerkasError } from '../../../../core/domain/errors';
import { isVaultRefusal, shownError } from '../../../../renderer/src/lib/errors';

describe('shownError', () => {
  it.each([
    ['P12_PASSWORD', 'password'],
    ['P12_PASSWORD_REQUIRED', 'password'],
    ['VAULT_PASSPHRASE', 'vault'],
    ['VAULT_PASSPHRASE_WEAK', 'vault'],
    ['P12_CORRUPT', 'file'],
    ['CERT_EXPIRED', 'file'],
    ['CERT_KEY_USAGE', 'file'],
    ['NOT_PDF', 'file'],
    ['SETTINGS_MISSING', 'form'],
  ])('puts %s next to the %s', (code, target) => {
    expect(shownError(new BerkasError(code, `Pesan ${code}.`))).toEqual({ target, code, message: `Pesan ${code}.` });
  });

  it('shows anything else above the form with its message', () => {
    expect(shownError(new Error('Jaringan putus'))).toEqual({ target: 'form', code: 'UNKNOWN', message: 'Jaringan putus' });
    expect(shownError('teks')).toEqual({ target: 'form', code: 'UNKNOWN', message: 'teks' });
  });
});

describe('isVaultRefusal', () => {
  it('is true only when the passphrase sent did not open the vault or was missing', () => {
    expect(isVaultRefusal(shownError(new BerkasError('VAULT_PASSPHRASE', 'salah')))).toBe(true);
    expect(isVaultRefusal(shownError(new BerkasError('VAULT_PASSPHRASE_REQUIRED', 'kosong')))).toBe(true);
    expect(isVaultRefusal(shownError(new BerkasError('P12_PASSWORD', 'salah')))).toBe(false);
  });
});
