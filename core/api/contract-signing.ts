import { z } from 'zod';
import { op } from './operation';
import type { CertificateDetails, CertificateInfo } from '../domain/signing/certificate';
import { maxP12Bytes, maxPdfBytes } from '../domain/signing/limits';
import type { SignPreview } from '../domain/signing/stamp';
import type { VerificationReport } from '../domain/signing/verification';
import { formatByteSize } from '../domain/format/byte-size';

/**
 * Signing operations (issue 4). Files travel as base64. Passwords and the
 * vault passphrase are used for the one request and never stored or logged;
 * outside Electron the vault passphrase may instead come from the
 * BERKAS_VAULT_PASSPHRASE environment variable of the process serving the
 * request. Confirming before signing is the UI's job: call signPreview, show
 * it, then pdfRencanaAksi.
 */
const base64Of = (maxBytes: number, what: string) =>
  // Up to three times the byte limit passes the schema, so the service can say how big the file is.
  z
    .string()
    .max(Math.ceil((maxBytes * 3 * 4) / 3) + 4, { message: `${what} jauh melebihi batas ${formatByteSize(maxBytes)}.` })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: `${what} bukan base64.` });

const fileName = z.string().trim().min(1).max(260);
const id = z.string().trim().min(1).max(64);
const secret = z.string().max(1000);
const tsaUrl = z.string().trim().max(2000).regex(/^https?:\/\//, { message: 'Alamat TSA harus diawali http:// atau https://.' });

const signingOptions = {
  /** Password of an imported .p12 (asked at every signature); not needed for a self-signed certificate. */
  password: secret.exactOptional(),
  vaultPassphrase: secret.exactOptional(),
  /** RFC 3161 timestamp authority: the signature becomes PAdES B-T. */
  tsaUrl: tsaUrl.exactOptional(),
};

export interface SignedFileResponse {
  fileName: string;
  contentBase64: string;
  /** Pages of the document (for pdfSign: 0, the file is not re-rendered). */
  pages: number;
  fieldName: string;
  level: 'B-B' | 'B-T';
  documentId: string;
  /** SHA-256 of the unsigned revision, as the stamp's QR code carries it. */
  unsignedSha256: string;
  isCertification: boolean;
  /** 1-based page of the visible signature. */
  page: number;
}

export const signingContract = {
  certificateList: op(z.strictObject({})).returns<CertificateInfo[]>(),
  certificateImport: op(
    z.strictObject({
      fileName,
      contentBase64: base64Of(maxP12Bytes, 'Berkas sertifikat'),
      password: secret,
      vaultPassphrase: secret.exactOptional(),
    }),
  ).returns<CertificateInfo>(),
  certificateCreateSelfSigned: op(
    z.strictObject({
      name: z.string().trim().min(1).max(200),
      /** 18-digit NIP, or '' for none. */
      nip: z.string().trim().max(40),
      vaultPassphrase: secret.exactOptional(),
    }),
  ).returns<CertificateInfo>(),
  certificateRemove: op(z.strictObject({ id, vaultPassphrase: secret.exactOptional() })).returns<{ id: string }>(),
  signPreview: op(z.strictObject({ planId: id, certificateId: id })).returns<SignPreview>(),
  pdfRencanaAksi: op(
    z.strictObject({
      planId: id,
      certificateId: id,
      ...signingOptions,
      /** Printed as "Nomor"; by default derived from the plan's id. */
      nomor: z.string().trim().max(100).exactOptional(),
      /** The kepala OPD named in the approval column. */
      approver: z.strictObject({ name: z.string().trim().max(200), nip: z.string().trim().max(40), jabatan: z.string().trim().max(200) }).exactOptional(),
    }),
  ).returns<SignedFileResponse>(),
  pdfSign: op(
    z.strictObject({
      fileName,
      contentBase64: base64Of(maxPdfBytes, 'PDF'),
      certificateId: id,
      ...signingOptions,
      reason: z.string().trim().max(200).exactOptional(),
    }),
  ).returns<SignedFileResponse>(),
  pdfVerify: op(
    z.strictObject({
      fileName,
      contentBase64: base64Of(maxPdfBytes, 'PDF'),
      /** Extra root certificates (PEM) besides the configured trust roots. */
      trustRootsPem: z.array(z.string().max(20_000)).max(20).exactOptional(),
    }),
  ).returns<VerificationReport>(),
  trustRootList: op(z.strictObject({})).returns<{ fileName: string; certificate: CertificateDetails }[]>(),
  trustRootImport: op(z.strictObject({ fileName, contentBase64: base64Of(maxP12Bytes, 'Berkas sertifikat akar') })).returns<CertificateDetails[]>(),
};
