import { VerificationView } from '../../../../renderer/src/features/signing/verification-view';
import { renderSigning, textOf } from './render';
import { report, signature } from './fixtures';

describe('VerificationView', () => {
  it('says a good PDF is valid, then each signature in plain Indonesian', () => {
    const html = renderSigning(<VerificationView fileName="rencana.pdf" report={report([signature()])} />);
    const text = textOf(html);
    expect(html).toContain('data-verdict="valid"');
    expect(text).toContain('SAH: isi utuh dan semua penanda tangan tepercaya');
    expect(text).toContain('1 dari 1 tanda tangan cocok dengan isinya');
    expect(text).toContain('Tanda tangan 1 dari 1: Budi Santoso');
    expect(text).toContain('TTD1_Penyusun');
    expect(text).toContain('Budi Santoso — NIP 198703122010011002');
    expect(text).toMatch(/17 Juni 2026 pukul \d{2}\.\d{2} \S+/);
    expect(text).toContain('(menurut jam komputer penanda tangan)');
    expect(text).toContain('Utuh: isi tidak berubah sejak ditandatangani');
    expect(text).toContain('Tepercaya');
    expect(text).toContain('PAdES B-B (tanpa cap waktu pihak ketiga)');
    expect(text).toContain('Seluruh dokumen');
  });

  it('never relies on colour alone: every status carries a mark and words', () => {
    const html = renderSigning(
      <VerificationView fileName="diubah.pdf" report={report([signature({ integrity: 'invalid', certificate: 'untrusted', problems: ['Digest tidak cocok.'] })])} />,
    );
    const text = textOf(html);
    expect(html).toContain('data-verdict="broken"');
    expect(text).toContain('✗ TIDAK SAH: isi PDF berubah setelah ditandatangani');
    expect(text).toContain('1 dari 1 tanda tangan tidak cocok lagi dengan isinya');
    expect(text).toContain('✗ TIDAK UTUH: isi berubah setelah ditandatangani');
    expect(text).toContain('! Tidak tepercaya');
    expect(text).toContain('Digest tidak cocok.');
  });

  it('tells intact-but-unvouched apart, and shows a timestamped time as such', () => {
    const text = textOf(
      renderSigning(
        <VerificationView
          fileName="dua.pdf"
          report={report([
            signature({ coversWholeDocument: false, changesAfter: [{ level: 'signatures', description: 'tanda tangan berikutnya ditambahkan (bidang "TTD2_Pengesah")' }], changeLevel: 'signatures' }),
            signature({
              field: 'TTD2_Pengesah',
              signer: 'Siti Aminah',
              nip: null,
              certificate: 'untrusted',
              certified: false,
              level: 'B-T',
              revision: 3,
              signedAtSource: 'tsa',
              timestampedAt: '2026-06-17T08:00:00.000Z',
            }),
          ])}
        />,
      ),
    );
    expect(text).toContain('Isi utuh, tetapi identitas penanda tangan belum terjamin');
    expect(text).toContain('2 dari 2 tanda tangan cocok dengan isinya, tetapi 1 di antaranya');
    expect(text).toContain('Bagian awal dokumen: ada tambahan sesudah tanda tangan ini');
    expect(text).toContain('PAdES B-T (dengan cap waktu pihak ketiga)');
    expect(text).toContain('(dari cap waktu pihak ketiga)');
    expect(text).toContain('Tanda tangan 2 dari 2: Siti Aminah');
    expect(text).toContain('(revisi 2 dari 3)');
    expect(text).toContain('Utuh: sesudah tanda tangan ini hanya ada perubahan yang diizinkan');
    expect(text).toContain('tanda tangan berikutnya ditambahkan (bidang "TTD2_Pengesah")');
  });

  it('says "diubah setelah ditandatangani" and what changed, and an untrusted timestamp is only a claim', () => {
    const html = renderSigning(
      <VerificationView
        fileName="diubah.pdf"
        report={report([
          signature({
            coversWholeDocument: false,
            changesAfter: [{ level: 'other', description: 'isi halaman 1 diubah' }],
            changeLevel: 'other',
            isChangePermitted: false,
            timestampClaim: { time: '2020-01-01T00:00:00.000Z', problems: ['Sertifikat server cap waktu tidak tepercaya.'] },
          }),
        ])}
      />,
    );
    const text = textOf(html);
    expect(html).toContain('data-verdict="changedAfter"');
    expect(text).toContain('✗ DIUBAH SETELAH DITANDATANGANI');
    expect(text).toContain('isi halaman 1 diubah');
    expect(text).toContain('(menurut jam komputer penanda tangan)');
    expect(text).toContain('Cap waktu di dalam tanda tangan tidak dapat dipercaya, jadi tidak dipakai.');
    expect(text).not.toContain('SAH:');
  });

  it('says plainly when a PDF carries no signature, and speaks English when asked', () => {
    expect(textOf(renderSigning(<VerificationView fileName="biasa.pdf" report={report([])} />))).toContain('PDF biasa.pdf tidak memuat tanda tangan elektronik.');
    const english = textOf(renderSigning(<VerificationView fileName="rencana.pdf" report={report([signature()])} />, { language: 'en' }));
    expect(english).toContain('VALID: content intact and every signer trusted');
    expect(english).toMatch(/17 June 2026 at \d{2}\.\d{2}/);
  });
});
