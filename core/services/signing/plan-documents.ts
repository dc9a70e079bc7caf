/**
 * A rencana aksi as a signed document: rendered as PDF/A with the OPD's
 * settings and the region's words, previewed before the officer confirms
 * (what will be signed and by whom, Jambi Pasal 7(7)(c)), and signed by its
 * penyusun with a certification (DocMDP) signature.
 */
import type { Clock, DocumentRenderer, ProfileSource, SettingsStore, SigningKeyHandle } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { slugOf } from '../../domain/files/slug';
import type { Settings } from '../../domain/settings/settings';
import type { PlanTotals } from '../../domain/rencana-aksi/analysis';
import type { RencanaAksiPlan } from '../../domain/rencana-aksi/model';
import { defaultNomor, type RencanaAksiPdfInput, type Signatory } from '../../domain/signing/documents';
import { signerOfPreview, type SignPreview } from '../../domain/signing/stamp';
import type { Certificates } from './certificates';
import { assertCanSign, offsetOf, type RencanaAksiSigningInput, type SignedFile, type SigningOptionsInput } from './inputs';
import type { Signatures } from './signatures';

export interface PlanDocumentsDeps {
  certificates: Certificates;
  signatures: Signatures;
  renderer: DocumentRenderer;
  settings: SettingsStore;
  profiles: ProfileSource;
  clock: Clock;
  /** A stored rencana aksi with its totals (the rencana aksi service owns them). */
  loadPlan(id: string): Promise<{ plan: RencanaAksiPlan; totals: PlanTotals }>;
  appVersion: string;
  /** Keeps a plan signed through signRencanaAksi (the documents journey keeps every signed document). */
  onPlanSigned?: ((signed: { plan: RencanaAksiPlan; file: SignedFile; handle: SigningKeyHandle; isCertified: boolean }) => Promise<void>) | undefined;
}

function fileNameFor(plan: RencanaAksiPlan, opdCode: string): string {
  return ['rencana-aksi', slugOf(opdCode, 'dokumen', 50), String(plan.year), slugOf(plan.title, 'dokumen', 50)].filter(Boolean).join('-') + '.pdf';
}

export function createPlanDocuments(deps: PlanDocumentsDeps) {
  async function requireSettings(): Promise<Settings> {
    const settings = await deps.settings.load();
    if (!settings) {
      throw new BerkasError('SETTINGS_MISSING', 'Pengaturan OPD dan pejabat belum diisi: isi nama OPD, profil daerah, dan data pejabat dulu.');
    }
    return settings;
  }

  /** `holder`: who signs as penyusun, named in the block as the certificate names them (issue 13); absent (a preview), the officer of Pengaturan. */
  async function documentInput(plan: RencanaAksiPlan, totals: PlanTotals, extra: RencanaAksiSigningInput, holder?: { name: string; nip: string }): Promise<RencanaAksiPdfInput> {
    const settings = await requireSettings();
    const profile = deps.profiles.get(settings.opd.profileId);
    const date = deps.clock.now();
    const preparer: Signatory = { caption: 'Disusun oleh,', jabatan: settings.officer.jabatan, name: holder?.name ?? settings.officer.name, nip: holder?.nip ?? settings.officer.nip };
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

  /** Renders a plan and signs it as its penyusun, with a certification (DocMDP) signature. */
  async function renderAndSign(input: { plan: RencanaAksiPlan; totals: PlanTotals; handle: SigningKeyHandle; isCertified: boolean } & RencanaAksiSigningInput & SigningOptionsInput): Promise<SignedFile> {
    const details = input.handle.details;
    const docInput = await documentInput(input.plan, input.totals, input, { name: details.commonName, nip: details.nip ?? details.nik ?? '' });
    const fileName = fileNameFor(input.plan, docInput.opdCode);
    assertCanSign(input.handle.details, deps.clock.now());
    const rendered = await deps.renderer.renderRencanaAksi(docInput);
    const signed = await deps.signatures.signBytes(rendered.pdf, input.handle, input.isCertified, {
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
  }

  return {
    renderAndSign,

    /** What will be signed and by whom, before the officer confirms (Jambi Pasal 7(7)(c)). */
    async signPreview(input: { planId: string; certificateId: string }): Promise<SignPreview> {
      const info = deps.certificates.certificate(input.certificateId);
      const { plan, totals } = await deps.loadPlan(input.planId);
      const rendered = await deps.renderer.renderRencanaAksi(await documentInput(plan, totals, {}));
      const now = deps.clock.now();
      return {
        documentTitle: rendered.title,
        documentId: plan.id,
        pages: rendered.pages,
        ...signerOfPreview(info, now, offsetOf(now)),
      };
    },

    async signRencanaAksi(input: { planId: string; certificateId: string } & RencanaAksiSigningInput & SigningOptionsInput): Promise<SignedFile> {
      const { handle, info } = await deps.certificates.openCertificate(input.certificateId, input);
      const { plan, totals } = await deps.loadPlan(input.planId);
      const file = await renderAndSign({ ...input, plan, totals, handle, isCertified: info.isCertified });
      await deps.onPlanSigned?.({ plan, file, handle, isCertified: info.isCertified });
      return file;
    },
  };
}
