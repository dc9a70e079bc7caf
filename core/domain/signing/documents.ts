/**
 * What the PDF renderer needs to lay out a signed document, and what it
 * gives back. Assembled by the signing service from the plan, the settings
 * and the region profile; rendered by core/adapters/pdf.
 */
import type { PlanTotals } from '../rencana-aksi/analysis';
import type { RencanaAksiPlan } from '../rencana-aksi/model';

export interface Signatory {
  /** "Disusun oleh," / "Menyetujui,". */
  caption: string;
  jabatan: string;
  name: string;
  nip: string;
}

export interface RencanaAksiPdfInput {
  documentId: string;
  nomor: string;
  plan: RencanaAksiPlan;
  totals: PlanTotals;
  /** "Pemerintah Kota Pontianak" (region profile). */
  government: string;
  /** Place written before the date: "Pontianak". */
  city: string;
  /** The region's name for the document: "Rencana Aksi e-Government". */
  documentName: string;
  opdName: string;
  opdCode: string;
  preparer: Signatory;
  approver: Signatory;
  date: Date;
  offsetMinutes: number;
  appVersion: string;
  /** Region profile id; the kop surat shows assets/logos/<id>.png when the installation has one. */
  regionId: string;
}

export interface RenderedPdf {
  pdf: Uint8Array;
  pages: number;
  title: string;
}

/** "RA-2026-1a2b3c4d": the document number printed when the officer gives none, from the document's own id. */
export function defaultNomor(documentId: string, year: number): string {
  return `RA-${year}-${documentId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8).toUpperCase()}`;
}

/** What the signer is asked to do with a PDF (see SigningEngine in core/ports.ts). */
export interface SignPdfOptions {
  fileName: string;
  /** False for a self-signed certificate: the stamp says "tidak tersertifikasi". */
  isCertified: boolean;
  /** Which slot of a Berkas signature block; null: the next free one (or the page bottom). */
  role: 'penyusun' | 'pengesah' | null;
  reason: string;
  location?: string;
  /** Certification signature (DocMDP, changes limited to further signatures) when it is the first. */
  certify: boolean;
  documentId?: string;
  signedAt: Date;
  offsetMinutes: number;
  /** RFC 3161 timestamp authority: with it the signature is PAdES B-T, without it B-B. */
  tsaUrl?: string;
}

export interface SignedPdf {
  pdf: Uint8Array;
  fieldName: string;
  role: 'penyusun' | 'pengesah' | null;
  documentId: string;
  /** SHA-256 (hex) of the revision before the first signature, as the QR code carries it. */
  unsignedSha256: string;
  level: 'B-B' | 'B-T';
  isCertification: boolean;
  /** 1-based page of the visible signature. */
  page: number;
}
