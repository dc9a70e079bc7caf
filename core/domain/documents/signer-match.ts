/**
 * Who signs is clear (issue 13 item 6): before the first signature the
 * officer named in Pengaturan is compared with the holder of the certificate
 * about to sign. The PDF's signature block names the certificate holder, so a
 * difference is shown and confirmed, never silently printed under another
 * name. Academic and religious titles are not a difference: certificates
 * (BSrE) carry the bare name, Pengaturan usually the name with its titles.
 */
import type { SignerDifference } from './model';

/** Titles written before a name ("Dr.", "Ir.", "H.", "Hj.", "Drs."), with or without their dot. */
const LEADING_TITLES = new Set(['prof', 'dr', 'drs', 'dra', 'ir', 'h', 'hj', 'apt', 'ns', 'kh', 'drg', 'st']);

/** A name as compared: before the first comma (titles after it), leading titles dropped, accents and case ignored. */
export function nameKey(name: string): string {
  const beforeComma = name.split(',')[0] ?? '';
  const words = beforeComma
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  while (words.length > 1 && LEADING_TITLES.has((words[0] ?? '').replace(/\.$/, ''))) words.shift();
  return words
    .join(' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const digitsOf = (text: string | null | undefined) => (text ?? '').replace(/\D/g, '');

export interface OfficerIdentity {
  name: string;
  nip: string;
}

export interface CertificateIdentity {
  commonName: string;
  nip: string | null;
  nik: string | null;
}

/** Every difference between Pengaturan's officer and the certificate holder; empty when they are the same person. */
export function signerDifferences(officer: OfficerIdentity, certificate: CertificateIdentity): SignerDifference[] {
  const out: SignerDifference[] = [];
  const officerName = officer.name.trim();
  if (nameKey(officerName) !== nameKey(certificate.commonName)) {
    out.push({
      field: 'name',
      settings: officerName,
      certificate: certificate.commonName,
      message: officerName
        ? `Sertifikat atas nama "${certificate.commonName}", sedangkan pejabat di Pengaturan "${officerName}". Kolom tanda tangan akan memuat nama pemegang sertifikat.`
        : `Nama pejabat di Pengaturan kosong; kolom tanda tangan akan memuat nama pemegang sertifikat "${certificate.commonName}".`,
    });
  }
  const nip = digitsOf(officer.nip);
  const certNip = digitsOf(certificate.nip);
  const certNik = digitsOf(certificate.nik);
  if (certNip !== '' && certNip !== nip) {
    out.push({
      field: 'nip',
      settings: nip,
      certificate: certNip,
      message: nip
        ? `Sertifikat menyebut NIP ${certNip}, sedangkan Pengaturan NIP ${nip}. Kolom tanda tangan akan memuat NIP dari sertifikat.`
        : `NIP pejabat di Pengaturan kosong; sertifikat menyebut NIP ${certNip}.`,
    });
  } else if (certNip === '' && nip !== '') {
    out.push({
      field: 'nip',
      settings: nip,
      certificate: certNik ? `NIK ${certNik}` : '',
      message: certNik
        ? `Sertifikat menyebut NIK ${certNik}, bukan NIP ${nip} seperti di Pengaturan. Kolom tanda tangan akan memuat NIK dari sertifikat.`
        : `Sertifikat tidak mencantumkan NIP, sedangkan Pengaturan menyebut NIP ${nip}. Kolom tanda tangan tidak akan memuat NIP.`,
    });
  }
  return out;
}
