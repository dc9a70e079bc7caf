import { SignPlanButton } from '../../../../renderer/src/features/documents/sign-plan';
import { SignedResult } from '../../../../renderer/src/features/signing/signed-result';
import { SigningScreen } from '../../../../renderer/src/features/signing/signing-screen';
import { TrustRootsPanel } from '../../../../renderer/src/features/signing/trust-roots-panel';
import { VerifyPanel } from '../../../../renderer/src/features/signing/verify-panel';
import { renderSigning, textOf } from './render';

describe('the Tanda Tangan screen as it first appears', () => {
  it('offers three tabs, Periksa PDF open, with a PDF file input', () => {
    const html = renderSigning(<SigningScreen />);
    expect(html.match(/role="tab"/g)).toHaveLength(3);
    expect(html).toMatch(/<button[^>]*role="tab"[^>]*aria-selected="true"[^>]*data-tab="verify"/);
    expect(html).toContain('accept=".pdf"');
    expect(textOf(html)).toContain('Tanda Tangan Elektronik');
    expect(textOf(html)).toContain('Paling besar 100 MB');
  });

  it('names the region’s ICT office as the source of root certificates', () => {
    const text = textOf(renderSigning(<TrustRootsPanel />));
    expect(text).toContain('sertifikat akar BSrE yang dibagikan Dinas Komunikasi dan Informatika Kota Jambi');
    expect(text).toContain('Berkas .pem, .cer, .crt, atau .der.');
  });

  it('checks a PDF only once one is chosen', () => {
    const text = textOf(renderSigning(<VerifyPanel />));
    expect(text).toContain('PDF yang diperiksa');
    expect(text).not.toContain('SAH');
  });
});

describe('signing a plan', () => {
  it('is one button until pressed', () => {
    const html = renderSigning(<SignPlanButton planId="rencana-1" />);
    expect(textOf(html)).toBe('Tanda tangani PDF');
    expect(html).not.toContain('<dialog');
    expect(renderSigning(<SignPlanButton planId="" />)).toContain('disabled');
  });

  it('offers the signed file for download and checks it, and asks before discarding it', () => {
    const signed = {
      fileName: 'rencana-aksi-bappeda-2026.pdf',
      contentBase64: Buffer.alloc(3000, 1).toString('base64'),
      pages: 4,
      fieldName: 'TTD1_Penyusun',
      level: 'B-B' as const,
      documentId: 'rencana-1',
      unsignedSha256: 'ab'.repeat(32),
      isCertification: true,
      page: 4,
    };
    const text = textOf(renderSigning(<SignedResult signed={signed} onClose={() => undefined} onAddSignature={() => undefined} />));
    expect(text).toContain('Ditandatangani: rencana-aksi-bappeda-2026.pdf (PAdES B-B).');
    expect(text).toContain('Unduh PDF bertanda tangan (2,9 KB)');
    expect(text).toContain('Belum disimpan di mana pun: unduh sebelum menutup.');
    expect(text).toContain('Memeriksa tanda tangan…');
    expect(text).toContain('Tambah tanda tangan (misalnya kepala OPD)');
  });
});
