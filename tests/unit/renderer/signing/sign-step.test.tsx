import { CertificatesPanel } from '../../../../renderer/src/features/signing/certificates-panel';
import { SignStep, signerOf } from '../../../../renderer/src/features/signing/sign-step';
import { certificate } from './fixtures';
import { renderSigning, textOf } from './render';

const now = new Date('2026-06-17T03:00:00.000Z');
const neverSign = () => Promise.reject(new Error('not in this test'));
const nothing = () => undefined;

function step(overrides: Partial<Parameters<typeof SignStep>[0]> = {}) {
  const cert = certificate();
  return (
    <SignStep
      certs={[cert]}
      certId={cert.id}
      onCertId={nothing}
      document={<p>Rencana Aksi e-Government 2026</p>}
      signer={signerOf(cert)}
      problems={[]}
      isPreparing={false}
      sign={neverSign}
      onSigned={nothing}
      onCancel={nothing}
      now={now}
      {...overrides}
    />
  );
}

function submitButton(html: string): string {
  return /<button type="submit"[^>]*>/.exec(html)?.[0] ?? '';
}

describe('SignStep: the confirmation before signing (Jambi Pasal 7 ayat (7) huruf c)', () => {
  it('shows what and who side by side, asks the certificate password, and offers Tanda tangani or Batal', () => {
    const html = renderSigning(step());
    const text = textOf(html);
    expect(text).toContain('Yang ditandatangani Rencana Aksi e-Government 2026');
    expect(text).toContain('Penanda tangan');
    expect(text).toContain('Budi Santoso');
    expect(text).toContain('198703122010011002');
    expect(text).toContain('Berkas Uji CA Penerbit');
    expect(text).toContain('✓ Tersertifikasi');
    expect(text).toContain('berlaku s.d. 1 Januari 2040');
    expect(text).toContain('Anda, Budi Santoso, menandatangani dokumen di atas');
    expect(html).toContain('type="password"');
    expect(text).toContain('Kata sandi sertifikat');
    expect(text).toContain('Batal');
    expect(submitButton(html)).not.toContain('disabled');
  });

  it('refuses the button while problems stand, and lists them', () => {
    const html = renderSigning(step({ problems: ['Sertifikat "Budi Santoso" sudah kedaluwarsa sejak 1 Januari 2020.'] }));
    expect(textOf(html)).toContain('Tidak dapat ditandatangani: Sertifikat "Budi Santoso" sudah kedaluwarsa sejak 1 Januari 2020.');
    expect(submitButton(html)).toContain('disabled');
    expect(textOf(html)).not.toContain('Anda menandatangani dokumen di atas');
  });

  it('refuses the button until the preview has arrived', () => {
    const html = renderSigning(step({ signer: null, isPreparing: true }));
    expect(submitButton(html)).toContain('disabled');
    expect(textOf(html)).toContain('Memuat…');
  });

  it('labels a local certificate "tidak tersertifikasi" and asks no .p12 password for it', () => {
    const local = certificate({ id: 'lokal', kind: 'self-signed', isCertified: false, isSelfSigned: true, commonName: 'Siti Rahmawati' });
    const html = renderSigning(step({ certs: [local], certId: 'lokal', signer: signerOf(local) }));
    const text = textOf(html);
    expect(text).toContain('⚠ Tidak tersertifikasi');
    expect(text).toContain('penerima melihat tanda tangan ini sebagai "tidak tersertifikasi"');
    expect(text).toContain('Diri sendiri (dibuat di komputer ini)');
    expect(text).not.toContain('Kata sandi sertifikat');
  });

  it('asks the vault passphrase in berkas ui, never inside Electron', () => {
    expect(textOf(renderSigning(step(), { transport: 'http' }))).toContain('Frasa sandi brankas');
    expect(textOf(renderSigning(step(), { transport: 'electron' }))).not.toContain('Frasa sandi brankas');
  });

  it('lets the officer choose among several certificates', () => {
    const local = certificate({ id: 'lokal', kind: 'self-signed', isCertified: false, isSelfSigned: true, commonName: 'Siti Rahmawati' });
    const html = renderSigning(step({ certs: [certificate(), local] }));
    expect(html.match(/type="radio"/g)).toHaveLength(2);
    expect(textOf(html)).toContain('Tanda tangani dengan sertifikat');
  });

  it('with no certificate at all, leads to where one is added', () => {
    const html = renderSigning(step({ certs: [], certId: null, signer: null }));
    expect(textOf(html)).toContain('Belum ada sertifikat untuk menandatangani');
    expect(html).toContain('href="#/tanda-tangan"');
  });
});

describe('CertificatesPanel', () => {
  it('explains "tidak tersertifikasi" before a local certificate can be made', () => {
    const text = textOf(renderSigning(<CertificatesPanel />));
    expect(text).toContain('Apa artinya "tidak tersertifikasi"?');
    expect(text).toContain('Saya mengerti bahwa tanda tangan dengan sertifikat ini tercatat sebagai tidak tersertifikasi.');
    expect(text).toContain('Impor sertifikat (.p12 / .pfx)');
    expect(text).toContain('Brankas kunci: terkunci');
  });
});
