/**
 * The officer's certificates: an imported .p12/.pfx (sealed as issued, its
 * password asked at every signature), a self-signed key for an officer
 * without a BSrE certificate, or a file used once without keeping it. The key
 * material is sealed in the KeyVault; the repository holds only metadata.
 */
import type { Clock, KeyVault, SettingsStore, SigningEngine, SigningKeyHandle } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { formatByteSize } from '../../domain/format/byte-size';
import { checkNip } from '../../domain/settings/nip';
import { certificateLabel, type CertificateDetails, type CertificateInfo, type CertificateKind } from '../../domain/signing/certificate';
import { maxP12Bytes } from '../../domain/signing/limits';
import { assertCanSign, type SigningOptionsInput } from './inputs';
import type { CertificateRepository, StoredCertificate } from './ports';

export interface CertificatesDeps {
  certificates: CertificateRepository;
  engine: SigningEngine;
  clock: Clock;
  settings: SettingsStore;
  /** The KeyVault; outside Electron it needs the passphrase the request or the environment gives. */
  vault(passphrase: string | undefined): KeyVault;
  newId: () => string;
}

/** What the screens see of a stored certificate: everything but where its key is sealed. */
function infoOf(stored: StoredCertificate): CertificateInfo {
  const { vaultName: _vaultName, ...info } = stored;
  return info;
}

export function createCertificates(deps: CertificatesDeps) {
  function find(id: string): StoredCertificate {
    const found = deps.certificates.get(id);
    if (!found) throw new BerkasError('CERT_NOT_FOUND', `Sertifikat dengan id ${id} tidak ditemukan; pilih sertifikat dari daftar.`, { field: 'certificateId', id });
    return found;
  }

  async function store(kind: CertificateKind, details: CertificateDetails, secret: Uint8Array, passphrase: string | undefined): Promise<CertificateInfo> {
    const existing = deps.certificates.withFingerprint(details.fingerprintSha256);
    if (existing) {
      throw new BerkasError('CERT_EXISTS', `Sertifikat ini sudah tersimpan sebagai "${existing.label}".`, { id: existing.id, label: existing.label });
    }
    const id = deps.newId();
    const vaultName = `cert-${id}`;
    const isCertified = kind === 'imported' && !details.isSelfSigned;
    const info: CertificateInfo = { ...details, id, kind, isCertified, label: certificateLabel(details, isCertified), createdAt: deps.clock.now().toISOString() };
    const vault = deps.vault(passphrase);
    await vault.seal(vaultName, secret);
    try {
      await deps.certificates.insert({ ...info, vaultName });
    } catch (err) {
      // No metadata without its key, and no sealed key nobody can list.
      await vault.remove(vaultName).catch(() => undefined);
      throw err;
    }
    return info;
  }

  /** A .p12 file opened for one signature without storing it (the CLI's --p12). */
  async function openP12File(input: { fileName: string; bytes: Uint8Array; password: string }): Promise<SigningKeyHandle> {
    if (input.bytes.length > maxP12Bytes) {
      throw new BerkasError('P12_TOO_LARGE', `Berkas ${input.fileName} berukuran ${formatByteSize(input.bytes.length)}; berkas sertifikat .p12/.pfx tidak sebesar itu.`, {
        file: input.fileName,
        size: formatByteSize(input.bytes.length),
      });
    }
    const handle = await deps.engine.openP12(input.bytes, input.password, input.fileName);
    assertCanSign(handle.details, deps.clock.now());
    return handle;
  }

  return {
    /** A stored certificate opened for signing (the CLI's --certificate). */
    async openCertificate(certificateId: string, options: SigningOptionsInput): Promise<{ handle: SigningKeyHandle; info: CertificateInfo }> {
      const stored = find(certificateId);
      const info = infoOf(stored);
      assertCanSign(info, deps.clock.now());
      const secret = await deps.vault(options.vaultPassphrase).open(stored.vaultName);
      if (!secret) {
        throw new BerkasError('CERT_SECRET_MISSING', `Kunci sertifikat "${info.label}" tidak ada di brankas kunci; hapus sertifikat itu lalu impor ulang.`, {
          field: 'certificateId',
          label: info.label,
        });
      }
      const handle = await deps.engine.openSecret(secret, options.password ?? null, `"${info.label}"`);
      return { handle, info };
    },

    openP12File,

    /** A key pair and self-signed certificate used once and not kept (no vault passphrase available). */
    oneOffSelfSigned(input: { name: string; nip: string | null; organization: string | null }): SigningKeyHandle {
      return deps.engine.createSelfSigned({ ...input, now: deps.clock.now() }).handle;
    },

    /** One stored certificate's metadata; an unknown id names the field to choose again. */
    certificate: (id: string): CertificateInfo => infoOf(find(id)),

    listCertificates: (): CertificateInfo[] => deps.certificates.list().map(infoOf),

    /** Opens the file with its password (to prove it is right and read the certificate), then seals the file. */
    async importCertificate(input: { fileName: string; bytes: Uint8Array; password: string; vaultPassphrase?: string }): Promise<CertificateInfo> {
      const handle = await openP12File(input);
      return store('imported', handle.details, deps.engine.secretForP12(input.bytes), input.vaultPassphrase);
    },

    async createSelfSigned(input: { name: string; nip: string; vaultPassphrase?: string }): Promise<CertificateInfo> {
      const name = input.name.trim();
      if (!name) throw new BerkasError('NAME_EMPTY', 'Nama pemilik sertifikat kosong; isi nama lengkap.', { field: 'name' });
      let nip: string | null = null;
      if (input.nip.trim()) {
        const check = checkNip(input.nip, deps.clock.now());
        if (!check.isValid) throw new BerkasError('NIP_INVALID', check.message, { field: 'nip', part: check.part });
        nip = check.nip;
      }
      const settings = await deps.settings.load();
      const made = deps.engine.createSelfSigned({ name, nip, organization: settings?.opd.name ?? null, now: deps.clock.now() });
      return store('self-signed', made.handle.details, made.secret, input.vaultPassphrase);
    },

    async removeCertificate(input: { id: string; vaultPassphrase?: string }): Promise<{ id: string }> {
      const stored = find(input.id);
      await deps.vault(input.vaultPassphrase).remove(stored.vaultName);
      await deps.certificates.remove(input.id);
      return { id: input.id };
    },
  };
}

export type Certificates = ReturnType<typeof createCertificates>;
