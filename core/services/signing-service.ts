/**
 * Signing use cases (issue 4): keep the officer's certificates (the key
 * material sealed in the KeyVault, the metadata in the database), render a
 * rencana aksi as PDF/A and sign it, add a further signature to a PDF, and
 * install trust roots (verification-service.ts judges signatures). Passwords
 * and passphrases pass through, never stored.
 */
import type { Clock, Database, DocumentRenderer, KeyVault, ProfileSource, SettingsStore, SigningEngine, SigningKeyHandle, TrustStore } from '../ports';
import { BerkasError } from '../domain/errors';
import { checkNip } from '../domain/settings/nip';
import type { Settings } from '../domain/settings/settings';
import type { PlanTotals } from '../domain/rencana-aksi/analysis';
import type { RencanaAksiPlan } from '../domain/rencana-aksi/model';
import {
  certificateLabel,
  problemsForSigning,
  uncertifiedLabel,
  type CertificateDetails,
  type CertificateInfo,
  type CertificateKind,
  type KeyUsageName,
} from '../domain/signing/certificate';
import { defaultNomor, type RencanaAksiPdfInput, type SignedPdf, type Signatory } from '../domain/signing/documents';
import { maxP12Bytes } from '../domain/signing/limits';
import type { SignPreview } from '../domain/signing/stamp';
import { assertPdfSize } from './verification-service';
import { formatByteSize } from '../domain/format/byte-size';

export interface SigningServiceDeps {
  db: Database;
  clock: Clock;
  settings: SettingsStore;
  profiles: ProfileSource;
  engine: SigningEngine;
  renderer: DocumentRenderer;
  trust: TrustStore;
  /** The KeyVault; outside Electron it needs the passphrase the request or the environment gives. */
  vault(passphrase: string | undefined): KeyVault;
  /** A stored rencana aksi with its totals (the rencana aksi service owns them). */
  loadPlan(id: string): Promise<{ plan: RencanaAksiPlan; totals: PlanTotals }>;
  appVersion: string;
  /** Timestamp authority used when a request names none; empty for PAdES B-B. */
  defaultTsaUrl?: string;
  newId?: () => string;
}

interface CertificateRow {
  [key: string]: string | number | null | Uint8Array;
  id: string;
  kind: string;
  label: string;
  subject: string;
  common_name: string;
  nip: string | null;
  nik: string | null;
  organization: string | null;
  issuer: string;
  issuer_common_name: string;
  serial_number: string;
  not_before: string;
  not_after: string;
  key_usage: string | null;
  is_self_signed: number;
  is_certified: number;
  fingerprint_sha256: string;
  vault_name: string;
  created_at: string;
}

function toInfo(row: CertificateRow): CertificateInfo {
  return {
    id: row.id,
    kind: row.kind as CertificateKind,
    label: row.label,
    subject: row.subject,
    commonName: row.common_name,
    nip: row.nip,
    nik: row.nik,
    organization: row.organization,
    issuer: row.issuer,
    issuerCommonName: row.issuer_common_name,
    serialNumber: row.serial_number,
    notBefore: row.not_before,
    notAfter: row.not_after,
    keyUsage: row.key_usage === null ? null : (JSON.parse(row.key_usage) as KeyUsageName[]),
    isSelfSigned: row.is_self_signed === 1,
    isCertified: row.is_certified === 1,
    fingerprintSha256: row.fingerprint_sha256,
    createdAt: row.created_at,
  };
}

export interface SigningOptionsInput {
  /** Password of an imported PKCS#12 file (asked at every signature, as BSrE does). */
  password?: string;
  vaultPassphrase?: string;
  tsaUrl?: string;
}

export interface RencanaAksiSigningInput {
  nomor?: string;
  approver?: { name: string; nip: string; jabatan: string };
}

export interface SignedFile {
  fileName: string;
  pdf: Uint8Array;
  pages: number;
  signature: Omit<SignedPdf, 'pdf'>;
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'dokumen'
  );
}

/** Minutes east of UTC on the officer's clock (WIB 420, WITA 480, WIT 540). */
function offsetOf(date: Date): number {
  return -date.getTimezoneOffset();
}

export function createSigningService(deps: SigningServiceDeps) {
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());

  function findRow(id: string): CertificateRow {
    const [row] = deps.db.query<CertificateRow>('SELECT * FROM certificates WHERE id = ?', [id]);
    if (!row) throw new BerkasError('CERT_NOT_FOUND', `Sertifikat dengan id ${id} tidak ditemukan; pilih sertifikat dari daftar.`, { field: 'certificateId' });
    return row;
  }

  /** Refuses a certificate that cannot make a valid signature now, naming why. */
  function assertCanSign(details: CertificateDetails): void {
    const [problem] = problemsForSigning(details, deps.clock.now(), offsetOf(deps.clock.now()));
    if (problem) throw new BerkasError(problem.code, problem.message, { field: 'certificate' });
  }

  async function store(kind: CertificateKind, details: CertificateDetails, secret: Uint8Array, passphrase: string | undefined): Promise<CertificateInfo> {
    const [existing] = deps.db.query<{ id: string; label: string }>('SELECT id, label FROM certificates WHERE fingerprint_sha256 = ?', [details.fingerprintSha256]);
    if (existing) {
      throw new BerkasError('CERT_EXISTS', `Sertifikat ini sudah tersimpan sebagai "${existing.label}".`, { id: existing.id });
    }
    const id = newId();
    const vaultName = `cert-${id}`;
    const isCertified = kind === 'imported' && !details.isSelfSigned;
    const info: CertificateInfo = { ...details, id, kind, isCertified, label: certificateLabel(details, isCertified), createdAt: deps.clock.now().toISOString() };
    const vault = deps.vault(passphrase);
    await vault.seal(vaultName, secret);
    try {
      await deps.db.write([
        {
          sql: `INSERT INTO certificates (id, kind, label, subject, common_name, nip, nik, organization, issuer, issuer_common_name,
                serial_number, not_before, not_after, key_usage, is_self_signed, is_certified, fingerprint_sha256, vault_name, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          params: [
            id,
            kind,
            info.label,
            info.subject,
            info.commonName,
            info.nip,
            info.nik,
            info.organization,
            info.issuer,
            info.issuerCommonName,
            info.serialNumber,
            info.notBefore,
            info.notAfter,
            info.keyUsage === null ? null : JSON.stringify(info.keyUsage),
            info.isSelfSigned ? 1 : 0,
            info.isCertified ? 1 : 0,
            info.fingerprintSha256,
            vaultName,
            info.createdAt,
          ],
        },
      ]);
    } catch (err) {
      // No metadata without its key, and no sealed key nobody can list.
      await vault.remove(vaultName).catch(() => undefined);
      throw err;
    }
    return info;
  }

  async function openStored(certificateId: string, options: SigningOptionsInput): Promise<{ handle: SigningKeyHandle; info: CertificateInfo }> {
    const row = findRow(certificateId);
    const info = toInfo(row);
    assertCanSign(info);
    const secret = await deps.vault(options.vaultPassphrase).open(row.vault_name);
    if (!secret) {
      throw new BerkasError('CERT_SECRET_MISSING', `Kunci sertifikat "${info.label}" tidak ada di brankas kunci; hapus sertifikat itu lalu impor ulang.`, {
        field: 'certificateId',
      });
    }
    const handle = await deps.engine.openSecret(secret, options.password ?? null, `"${info.label}"`);
    return { handle, info };
  }

  async function requireSettings(): Promise<Settings> {
    const settings = await deps.settings.load();
    if (!settings) {
      throw new BerkasError('SETTINGS_MISSING', 'Pengaturan OPD dan pejabat belum diisi: isi nama OPD, profil daerah, dan data pejabat dulu.');
    }
    return settings;
  }

  async function documentInput(plan: RencanaAksiPlan, totals: PlanTotals, extra: RencanaAksiSigningInput): Promise<RencanaAksiPdfInput> {
    const settings = await requireSettings();
    const profile = deps.profiles.get(settings.opd.profileId);
    const date = deps.clock.now();
    const preparer: Signatory = { caption: 'Disusun oleh,', jabatan: settings.officer.jabatan, name: settings.officer.name, nip: settings.officer.nip };
    const approver: Signatory = {
      caption: 'Menyetujui,',
      jabatan: extra.approver?.jabatan || `Kepala ${settings.opd.name}`,
      name: extra.approver?.name ?? '',
      nip: extra.approver?.nip ?? '',
    };
    return {
      documentId: plan.id,
      nomor: extra.nomor || defaultNomor(plan.id, plan.year),
      plan,
      totals,
      government: profile.terms.government,
      city: profile.terms.city,
      documentName: profile.terms.actionPlan,
      opdName: settings.opd.name,
      opdCode: plan.opdCode || settings.opd.code,
      preparer,
      approver,
      date,
      offsetMinutes: offsetOf(date),
      appVersion: deps.appVersion,
      regionId: profile.id,
    };
  }

  function fileNameFor(plan: RencanaAksiPlan, opdCode: string): string {
    return ['rencana-aksi', slug(opdCode), String(plan.year), slug(plan.title)].filter(Boolean).join('-') + '.pdf';
  }

  /**
   * A signature on top of a document changed after an earlier signature (or whose signature is
   * broken) would lend the new signer's name to the change: the shadow attack of issue 11.
   */
  async function assertSignable(pdf: Uint8Array, fileName: string): Promise<void> {
    const now = deps.clock.now();
    const report = await deps.engine.verifyPdf(pdf, { fileName, trustRoots: [], now, offsetMinutes: offsetOf(now) });
    if (report.integrity === 'diubah') {
      const changes = report.signatures.flatMap((s) => (s.isChangePermitted ? [] : s.changesAfter.filter((c) => c.level === 'other' || c.level === 'annotations').map((c) => c.description)));
      throw new BerkasError(
        'PDF_MODIFIED_AFTER_SIGNING',
        `PDF ${fileName} tidak ditandatangani: dokumen ini diubah setelah ditandatangani (${[...new Set(changes)].slice(0, 3).join('; ')}). Tanda tangan baru akan ikut mengesahkan perubahan itu; mintalah berkas asli dari penanda tangan sebelumnya.`,
        { file: fileName },
      );
    }
    if (report.integrity === 'rusak') {
      throw new BerkasError('PDF_SIGNATURE_BROKEN', `PDF ${fileName} tidak ditandatangani: tanda tangan yang sudah ada di dalamnya tidak utuh, jadi isinya tidak lagi seperti saat ditandatangani.`, { file: fileName });
    }
  }

  async function signBytes(pdf: Uint8Array, handle: SigningKeyHandle, isCertified: boolean, options: SigningOptionsInput & { fileName: string; role: 'penyusun' | 'pengesah' | null; reason: string; certify: boolean; location?: string; documentId?: string }) {
    assertCanSign(handle.details);
    const signedAt = deps.clock.now();
    const tsaUrl = options.tsaUrl ?? deps.defaultTsaUrl;
    return deps.engine.signPdf(pdf, handle, {
      fileName: options.fileName,
      isCertified,
      role: options.role,
      reason: options.reason,
      ...(options.location ? { location: options.location } : {}),
      certify: options.certify,
      ...(options.documentId ? { documentId: options.documentId } : {}),
      signedAt,
      offsetMinutes: offsetOf(signedAt),
      ...(tsaUrl ? { tsaUrl } : {}),
    });
  }

  const service = {
    /** A stored certificate opened for signing (the CLI's --certificate). */
    openCertificate: openStored,

    /** A .p12 file opened for one signature without storing it (the CLI's --p12). */
    async openP12File(input: { fileName: string; bytes: Uint8Array; password: string }): Promise<SigningKeyHandle> {
      if (input.bytes.length > maxP12Bytes) {
        throw new BerkasError('P12_TOO_LARGE', `Berkas ${input.fileName} berukuran ${formatByteSize(input.bytes.length)}; berkas sertifikat .p12/.pfx tidak sebesar itu.`, {
          file: input.fileName,
        });
      }
      const handle = await deps.engine.openP12(input.bytes, input.password, input.fileName);
      assertCanSign(handle.details);
      return handle;
    },

    /** A key pair and self-signed certificate used once and not kept (no vault passphrase available). */
    oneOffSelfSigned(input: { name: string; nip: string | null; organization: string | null }): SigningKeyHandle {
      return deps.engine.createSelfSigned({ ...input, now: deps.clock.now() }).handle;
    },

    /** One stored certificate's metadata; an unknown id names the field to choose again. */
    certificate(id: string): CertificateInfo {
      return toInfo(findRow(id));
    },

    listCertificates(): CertificateInfo[] {
      return deps.db.query<CertificateRow>('SELECT * FROM certificates ORDER BY created_at, id').map(toInfo);
    },

    /** Opens the file with its password (to prove it is right and read the certificate), then seals the file. */
    async importCertificate(input: { fileName: string; bytes: Uint8Array; password: string; vaultPassphrase?: string }): Promise<CertificateInfo> {
      const handle = await service.openP12File(input);
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
      const row = findRow(input.id);
      await deps.vault(input.vaultPassphrase).remove(row.vault_name);
      await deps.db.write([{ sql: 'DELETE FROM certificates WHERE id = ?', params: [input.id] }]);
      return { id: input.id };
    },

    /** What will be signed and by whom, before the officer confirms (Jambi Pasal 7(7)(c)). */
    async signPreview(input: { planId: string; certificateId: string }): Promise<SignPreview> {
      const info = toInfo(findRow(input.certificateId));
      const { plan, totals } = await deps.loadPlan(input.planId);
      const rendered = await deps.renderer.renderRencanaAksi(await documentInput(plan, totals, {}));
      const now = deps.clock.now();
      return {
        documentTitle: rendered.title,
        documentId: plan.id,
        pages: rendered.pages,
        signer: {
          name: info.commonName,
          nip: info.nip,
          issuer: info.issuerCommonName,
          isCertified: info.isCertified,
          note: info.isCertified ? '' : uncertifiedLabel,
          notAfter: info.notAfter,
        },
        problems: problemsForSigning(info, now, offsetOf(now)).map((p) => p.message),
      };
    },

    /** Renders a plan and signs it as its penyusun, with a certification (DocMDP) signature. */
    async renderAndSign(input: { plan: RencanaAksiPlan; totals: PlanTotals; handle: SigningKeyHandle; isCertified: boolean } & RencanaAksiSigningInput & SigningOptionsInput): Promise<SignedFile> {
      const docInput = await documentInput(input.plan, input.totals, input);
      const fileName = fileNameFor(input.plan, docInput.opdCode);
      assertCanSign(input.handle.details);
      const rendered = await deps.renderer.renderRencanaAksi(docInput);
      const signed = await signBytes(rendered.pdf, input.handle, input.isCertified, {
        ...input,
        fileName,
        role: 'penyusun',
        reason: `Penyusun ${docInput.documentName}`,
        location: docInput.city,
        certify: true,
        documentId: input.plan.id,
      });
      const { pdf, ...signature } = signed;
      return { fileName, pdf, pages: rendered.pages, signature };
    },

    async signRencanaAksi(input: { planId: string; certificateId: string } & RencanaAksiSigningInput & SigningOptionsInput): Promise<SignedFile> {
      const { handle, info } = await openStored(input.certificateId, input);
      const { plan, totals } = await deps.loadPlan(input.planId);
      return service.renderAndSign({ ...input, plan, totals, handle, isCertified: info.isCertified });
    },

    /** A further signature on a PDF (the kepala OPD approving), as an incremental update. */
    async signPdfWith(input: { fileName: string; pdf: Uint8Array; handle: SigningKeyHandle; isCertified: boolean; reason?: string } & SigningOptionsInput) {
      assertPdfSize(input.pdf.length, input.fileName);
      await assertSignable(input.pdf, input.fileName);
      return signBytes(input.pdf, input.handle, input.isCertified, {
        ...input,
        role: null,
        reason: input.reason ?? 'Menyetujui',
        certify: false,
      });
    },

    /** Signs documents another service renders (a report) with an opened key: the first free slot of their block is the signer's. */
    signerWith(handle: SigningKeyHandle, isCertified: boolean, tsaUrl?: string) {
      return async (pdf: Uint8Array, fileName: string, reason: string) => {
        const signed = await service.signPdfWith({ fileName, pdf, handle, isCertified, reason, ...(tsaUrl !== undefined ? { tsaUrl } : {}) });
        return {
          pdf: signed.pdf,
          level: signed.level,
          signer: handle.details.commonName,
          isCertified,
          fieldName: signed.fieldName,
          documentId: signed.documentId,
          unsignedSha256: signed.unsignedSha256,
          isCertification: signed.isCertification,
          page: signed.page,
        };
      };
    },

    async signPdf(input: { fileName: string; pdf: Uint8Array; certificateId: string; reason?: string } & SigningOptionsInput) {
      assertPdfSize(input.pdf.length, input.fileName);
      const { handle, info } = await openStored(input.certificateId, input);
      return service.signPdfWith({ ...input, handle, isCertified: info.isCertified });
    },

    async listTrustRoots(): Promise<{ fileName: string; certificate: CertificateDetails }[]> {
      const stored = await deps.trust.list();
      return stored.flatMap((s) => deps.engine.readCertificates(s.der, s.fileName).map((der) => ({ fileName: s.fileName, certificate: deps.engine.describeCertificate(der) })));
    },

    async addTrustRoot(input: { fileName: string; bytes: Uint8Array }): Promise<CertificateDetails[]> {
      const ders = deps.engine.readCertificates(input.bytes, input.fileName);
      const added: CertificateDetails[] = [];
      for (const [i, der] of ders.entries()) {
        const details = deps.engine.describeCertificate(der);
        await deps.trust.add(ders.length > 1 ? `${input.fileName}-${i + 1}` : input.fileName, der);
        added.push(details);
      }
      return added;
    },
  };
  return service;
}

export type SigningService = ReturnType<typeof createSigningService>;
