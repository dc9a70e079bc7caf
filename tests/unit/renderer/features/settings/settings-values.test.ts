import {
  emptyValues,
  fieldPaths,
  placeServerError,
  settingsFromValues,
  validateLocally,
  valuesFromSettings,
  type FormValues,
} from '../../../../../renderer/src/features/settings/settings-values';
import type { Settings } from '../../../../../core/domain/settings/settings';

const filled: FormValues = {
  'opd.profileId': 'jambi',
  'opd.name': ' Dinas Pendidikan ',
  'opd.code': 'DISDIK',
  'officer.name': 'Budi Santoso',
  'officer.nip': '198507172010011003',
  'officer.jabatan': 'Kepala Seksi',
  'officer.pangkatGolongan': '',
  serverUrl: '',
  language: 'id',
  reportsStartOn: '2026-07',
};

describe('settings form values', () => {
  it('round-trips settings, trimming what a person typed around the text', () => {
    const settings = settingsFromValues(filled);
    expect(settings.opd.name).toBe('Dinas Pendidikan');
    expect(valuesFromSettings(settings)).toEqual({ ...filled, 'opd.name': 'Dinas Pendidikan' });
  });

  it('offers the current month as the start of reporting and keeps the first day of the chosen month', () => {
    expect(emptyValues('id', '2026-12-07').reportsStartOn).toBe('2026-12');
    expect(settingsFromValues(filled).reportsStartOn).toBe('2026-07-01');
    // A workspace set up before the field existed: nothing chosen, nothing sent, so the saved choice (if any) is kept.
    expect(settingsFromValues({ ...filled, reportsStartOn: '' })).not.toHaveProperty('reportsStartOn');
  });

  it('names a start month without its month or without a 4-digit year', () => {
    expect(validateLocally({ ...filled, reportsStartOn: '2026-' })).toEqual({ reportsStartOn: 'error.monthFormat' });
    expect(validateLocally({ ...filled, reportsStartOn: '-07' })).toEqual({ reportsStartOn: 'error.monthFormat' });
    expect(validateLocally({ ...filled, reportsStartOn: '26-07' })).toEqual({ reportsStartOn: 'error.monthFormat' });
  });

  it('accepts a complete form, optional fields empty', () => {
    expect(validateLocally(filled)).toEqual({});
  });

  it('asks for every required field of an empty form, and only those', () => {
    const problems = validateLocally(emptyValues('id', '2026-12-07'));
    expect(problems).toEqual({
      'opd.profileId': 'error.profileRequired',
      'opd.name': 'error.required',
      'opd.code': 'error.required',
      'officer.name': 'error.required',
      'officer.nip': 'error.required',
      'officer.jabatan': 'error.required',
    });
  });

  it('treats blanks as empty', () => {
    expect(validateLocally({ ...filled, 'officer.name': '   ' })).toEqual({ 'officer.name': 'error.required' });
  });

  it('refuses an agency code the contract refuses, with the code rule', () => {
    expect(validateLocally({ ...filled, 'opd.code': 'DIS DIK' })).toEqual({ 'opd.code': 'error.codeFormat' });
    expect(validateLocally({ ...filled, 'opd.code': 'D'.repeat(33) })).toEqual({ 'opd.code': 'error.codeFormat' });
  });

  it('wants a server address to be an http(s) URL', () => {
    expect(validateLocally({ ...filled, serverUrl: 'diskominfo' })).toEqual({ serverUrl: 'error.urlFormat' });
    expect(validateLocally({ ...filled, serverUrl: 'ftp://contoh.go.id' })).toEqual({ serverUrl: 'error.urlFormat' });
    expect(validateLocally({ ...filled, serverUrl: 'https://berkas.contoh.go.id/' })).toEqual({});
  });

  it('leaves the NIP structure to the server check', () => {
    expect(validateLocally({ ...filled, 'officer.nip': '123' })).toEqual({});
  });
});

describe('placeServerError', () => {
  it('puts a BerkasError with details.field next to that field', () => {
    const placed = placeServerError({
      code: 'NIP_INVALID',
      message: 'Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), yang diisi 3.',
      details: { field: 'officer.nip', part: 'jenis-kelamin' },
    });
    expect(placed).toEqual({ fields: { 'officer.nip': 'Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), yang diisi 3.' }, general: null });
  });

  it('puts a schema refusal next to each field it names', () => {
    const placed = placeServerError({
      code: 'INVALID_REQUEST',
      message: 'Permintaan saveSettings tidak sah pada kolom: opd.code, officer.name',
      details: { issues: [{ path: 'opd.code', message: 'x' }, { path: 'officer.name', message: 'y' }, { path: 'unknown.path', message: 'z' }] },
    });
    expect(Object.keys(placed.fields).sort()).toEqual(['officer.name', 'opd.code']);
    expect(placed.general).toBeNull();
  });

  it('keeps an error that names no field for the whole form', () => {
    expect(placeServerError({ code: 'INTERNAL', message: 'Terjadi kesalahan internal saat menjalankan saveSettings.' })).toEqual({
      fields: {},
      general: 'Terjadi kesalahan internal saat menjalankan saveSettings.',
    });
    expect(placeServerError({ code: 'X', message: 'm', details: { field: '__proto__' } }).general).toBe('m');
  });

  it('knows every field of Settings', () => {
    const settings: Settings = settingsFromValues(filled);
    const paths = [
      ...Object.keys(settings.opd).map((k) => `opd.${k}`),
      ...Object.keys(settings.officer).map((k) => `officer.${k}`),
      'serverUrl',
      'language',
      'reportsStartOn',
    ];
    expect([...fieldPaths].sort()).toEqual(paths.sort());
  });
});
