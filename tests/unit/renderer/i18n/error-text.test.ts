import { englishErrorText, errorTextParams, type ErrorTexts } from '../../../../renderer/src/i18n/errors/error-text';
import { BerkasError } from '../../../../core/domain/errors';
import { errorText } from '../../../../renderer/src/lib/errors';

const texts: ErrorTexts = {
  P12_TOO_LARGE: 'The file {fileName} is {size}; a .p12/.pfx certificate file is never that large.',
  REPORT_LATE: 'The report for {period} was due on {dueOn:date}.',
  FIELDS_INVALID: 'Settings not saved: invalid fields: {fields:list}.',
  REFERENCE_REFUSED: 'The activity catalogue from {serverUrl} was refused: {cause:error} The catalogue you have is kept.',
  NO_PARAMS: 'Nothing to say.',
};

describe('englishErrorText', () => {
  it('fills the parameters from the details', () => {
    const text = englishErrorText({ code: 'P12_TOO_LARGE', message: 'Berkas a.p12 berukuran 2 MB', details: { fileName: 'a.p12', size: '2 MB' } }, texts);
    expect(text).toBe('The file a.p12 is 2 MB; a .p12/.pfx certificate file is never that large.');
  });

  it('writes a date the English way and joins a list', () => {
    expect(englishErrorText({ code: 'REPORT_LATE', message: 'x', details: { period: 'Q1 2026', dueOn: '2026-04-10' } }, texts)).toBe(
      'The report for Q1 2026 was due on 10 April 2026.',
    );
    expect(englishErrorText({ code: 'FIELDS_INVALID', message: 'x', details: { fields: ['opd.code', 'serverUrl'] } }, texts)).toBe(
      'Settings not saved: invalid fields: opd.code, serverUrl.',
    );
  });

  it('renders a nested error in English too', () => {
    const cause = { code: 'P12_TOO_LARGE', message: 'id', details: { fileName: 'b.p12', size: '1 MB' } };
    expect(englishErrorText({ code: 'REFERENCE_REFUSED', message: 'id', details: { serverUrl: 'https://x', cause } }, texts)).toBe(
      'The activity catalogue from https://x was refused: The file b.p12 is 1 MB; a .p12/.pfx certificate file is never that large. The catalogue you have is kept.',
    );
  });

  it('shows the Indonesian message whole when the code has no text or a parameter is missing or of the wrong kind', () => {
    expect(englishErrorText({ code: 'UNKNOWN_CODE', message: 'Pesan asli.' }, texts)).toBe('Pesan asli.');
    expect(englishErrorText({ code: 'P12_TOO_LARGE', message: 'Pesan asli.', details: { fileName: 'a.p12' } }, texts)).toBe('Pesan asli.');
    expect(englishErrorText({ code: 'REPORT_LATE', message: 'Pesan asli.', details: { period: 'Q1', dueOn: 'besok' } }, texts)).toBe('Pesan asli.');
    expect(englishErrorText({ code: 'P12_TOO_LARGE', message: 'Pesan asli.', details: { fileName: { x: 1 }, size: '1 MB' } }, texts)).toBe('Pesan asli.');
  });

  it('does not take a code from the prototype of the catalog', () => {
    expect(englishErrorText({ code: 'toString', message: 'Pesan asli.' }, texts)).toBe('Pesan asli.');
  });

  it('names the parameters a text uses', () => {
    expect(errorTextParams(texts['REFERENCE_REFUSED'] ?? '')).toEqual(['cause', 'serverUrl']);
    expect(errorTextParams(texts['NO_PARAMS'] ?? '')).toEqual([]);
  });
});

describe('errorText', () => {
  it('keeps the Indonesian message in Indonesian and anything not a BerkasError as it says itself', () => {
    const err = new BerkasError('NAME_EMPTY', 'Nama pemilik sertifikat kosong; isi nama lengkap.', { field: 'name' });
    expect(errorText(err, 'id')).toBe('Nama pemilik sertifikat kosong; isi nama lengkap.');
    expect(errorText(new Error('boom'), 'en')).toBe('boom');
    expect(errorText('plain', 'en')).toBe('plain');
  });
});
