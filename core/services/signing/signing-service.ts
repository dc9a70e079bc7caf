/**
 * Signing use cases (issue 4): keep the officer's certificates (the key
 * material sealed in the KeyVault, the metadata in the repository;
 * certificates.ts), render a rencana aksi as PDF/A and sign it
 * (plan-documents.ts), add a further signature to a PDF (signatures.ts), and
 * install trust roots (trust-roots.ts). Judging signatures is the
 * verification service's. Passwords and passphrases pass through, never
 * stored.
 */
import type { Clock, DocumentRenderer, KeyVault, ProfileSource, SettingsStore, SigningEngine, TrustStore } from '../../ports';
import type { PlanTotals } from '../../domain/rencana-aksi/analysis';
import type { RencanaAksiPlan } from '../../domain/rencana-aksi/model';
import { createCertificates } from './certificates';
import { createPlanDocuments, type PlanDocumentsDeps } from './plan-documents';
import type { CertificateRepository } from './ports';
import { createSignatures } from './signatures';
import { createTrustRoots } from './trust-roots';

export type { RencanaAksiSigningInput, SignedFile, SigningOptionsInput } from './inputs';

export interface SigningServiceDeps {
  certificates: CertificateRepository;
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
  /** Keeps a plan signed by its id (pdfRencanaAksi) as a revision of the document. */
  onPlanSigned?: PlanDocumentsDeps['onPlanSigned'];
}

export function createSigningService(deps: SigningServiceDeps) {
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  const certificates = createCertificates({ ...deps, newId });
  const signatures = createSignatures({ ...deps, certificates });
  const plans = createPlanDocuments({ ...deps, certificates, signatures });
  const trustRoots = createTrustRoots(deps);
  return {
    openCertificate: certificates.openCertificate,
    openP12File: certificates.openP12File,
    oneOffSelfSigned: certificates.oneOffSelfSigned,
    certificate: certificates.certificate,
    listCertificates: certificates.listCertificates,
    importCertificate: certificates.importCertificate,
    createSelfSigned: certificates.createSelfSigned,
    removeCertificate: certificates.removeCertificate,
    signPreview: plans.signPreview,
    renderAndSign: plans.renderAndSign,
    signRencanaAksi: plans.signRencanaAksi,
    signPdfWith: signatures.signPdfWith,
    signerWith: signatures.signerWith,
    signPdf: signatures.signPdf,
    listTrustRoots: trustRoots.listTrustRoots,
    addTrustRoot: trustRoots.addTrustRoot,
  };
}

export type SigningService = ReturnType<typeof createSigningService>;
