import type { ErrorTexts } from './error-text';

/** Settings: the OPD, the officer and the region profile, the settings file and the OS key vault (electron/main). */
export const settingsErrorsEn: ErrorTexts = {
  SETTINGS_MISSING: 'The agency and officer settings are not filled in yet: fill in the agency name, the region profile and the officer in Settings first.',
  NIP_INVALID:
    'The NIP is not valid. A NIP has 18 digits: date of birth (YYYYMMDD), month of appointment (YYYYMM, after age 15 and not in the future), gender (1 male, 2 female) and a serial number other than 000.',
  SETTINGS_UNREADABLE: 'The settings file {file} could not be read ({systemCode}). Check the permissions of the data folder.',
  INVALID_SETTINGS: 'The settings were not saved: these fields are not valid: {fields:list}.',
  VAULT_UNAVAILABLE:
    'The secret cannot be stored or opened: the operating system\'s secret storage is not available (on Linux: no active keyring such as GNOME Keyring or KWallet). Berkas never stores secrets unencrypted; turn on the system keyring or use a passphrase-protected secrets file.',
  VAULT_UNREADABLE:
    'The secret {file} cannot be opened: the operating system key differs from when it was stored (another user or computer?). Store that secret again.',
};
