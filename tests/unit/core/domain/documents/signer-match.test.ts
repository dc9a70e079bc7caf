import { nameKey, signerDifferences } from '../../../../../core/domain/documents/signer-match';

const officer = { name: 'Dr. Ir. H. Budi Santoso, S.Kom., M.T.', nip: '19870312 201001 1 002' };
const certificate = { commonName: 'BUDI SANTOSO', nip: '198703122010011002', nik: null };

describe('nameKey', () => {
  it.each([
    ['Dr. Ir. H. Budi Santoso, S.Kom., M.T.', 'budi santoso'],
    ['Hj. Siti Rahmawati', 'siti rahmawati'],
    ['drs  Ahmad   Fauzi', 'ahmad fauzi'],
    ['Prof. Dr. Müller', 'muller'],
    ['I Gusti Ngurah Rai', 'i gusti ngurah rai'],
    ["Ni Kadek Sri'Ayu", 'ni kadek sri ayu'],
  ])('%s → %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it('keeps a one-word name even when it reads like a title', () => {
    expect(nameKey('Dr.')).toBe('dr');
  });
});

describe('signerDifferences', () => {
  it('titles, case, spacing and NIP spacing are not differences', () => {
    expect(signerDifferences(officer, certificate)).toEqual([]);
  });

  it('another holder: the name differs, and the message says the block names the certificate holder', () => {
    const d = signerDifferences(officer, { ...certificate, commonName: 'Andi Wijaya' });
    expect(d).toEqual([
      {
        field: 'name',
        settings: officer.name,
        certificate: 'Andi Wijaya',
        message: `Sertifikat atas nama "Andi Wijaya", sedangkan pejabat di Pengaturan "${officer.name}". Kolom tanda tangan akan memuat nama pemegang sertifikat.`,
      },
    ]);
  });

  it('an empty officer name in Pengaturan is named as empty', () => {
    const [d] = signerDifferences({ name: '  ', nip: '' }, { commonName: 'Andi Wijaya', nip: null, nik: null });
    expect(d?.message).toBe('Nama pejabat di Pengaturan kosong; kolom tanda tangan akan memuat nama pemegang sertifikat "Andi Wijaya".');
  });

  it('another NIP on the certificate', () => {
    expect(signerDifferences(officer, { ...certificate, nip: '198703122010011099' })).toEqual([
      expect.objectContaining({ field: 'nip', settings: '198703122010011002', certificate: '198703122010011099' }),
    ]);
  });

  it('a NIP on the certificate and none in Pengaturan', () => {
    const [d] = signerDifferences({ ...officer, nip: '' }, certificate);
    expect(d).toMatchObject({ field: 'nip', settings: '', certificate: '198703122010011002' });
    expect(d?.message).toContain('NIP pejabat di Pengaturan kosong');
  });

  it('a certificate with a NIK instead of the NIP of Pengaturan', () => {
    const [d] = signerDifferences(officer, { ...certificate, nip: null, nik: '6171010101010001' });
    expect(d).toMatchObject({ field: 'nip', settings: '198703122010011002', certificate: 'NIK 6171010101010001' });
    expect(d?.message).toContain('Kolom tanda tangan akan memuat NIK dari sertifikat.');
  });

  it('a certificate with neither NIP nor NIK while Pengaturan has a NIP', () => {
    const [d] = signerDifferences(officer, { ...certificate, nip: null });
    expect(d).toMatchObject({ field: 'nip', certificate: '' });
    expect(d?.message).toContain('Kolom tanda tangan tidak akan memuat NIP.');
  });

  it('neither side names a NIP: no difference', () => {
    expect(signerDifferences({ ...officer, nip: '' }, { ...certificate, nip: null })).toEqual([]);
  });

  it('both name and NIP differ: both are listed, name first', () => {
    expect(signerDifferences(officer, { commonName: 'Andi Wijaya', nip: '199001012015011001', nik: null }).map((d) => d.field)).toEqual(['name', 'nip']);
  });
});
