/**
 * Keeps the console's columns of committed submissions right: the facts read
 * from data.json (title, plan budget, application record …), which
 * submission a revision replaces, and the trust verdict of the main
 * document's signatures — judged again, against the same bytes and the same
 * reference time, whenever Diskominfo installs or removes a trust root.
 */
import type { RegionProfile } from '../../core/domain/profiles/profile';
import { verifyPdfWithSigners } from '../../core/adapters/signing/pdf-verifier';
import { factsOf, MAX_DATA_JSON_BYTES, titleOf, type SubmissionFacts } from '../consolidation/facts';
import type { SignatureSummary, SignerCheck } from '../protocol/types';
import type { ConsoleFacts } from '../store/console-store';
import type { IntakeRepository, SubmissionRecord } from '../store/repository';
import { judgeSigner, signerCertificatesOf } from './signer-check';

export interface RecorderDeps {
  repo: IntakeRepository;
  profiles: readonly RegionProfile[];
  read(sha256: string): Promise<Uint8Array>;
}

const TYPE_WORDS: Record<string, string> = { 'rencana-aksi': 'rencana aksi', 'serah-terima': 'serah terima aplikasi', laporan: 'laporan' };

/** tepercaya when an intact signature chains to an installed root; kedaluwarsa when only an expired one does. */
export function trustOf(signatures: readonly SignatureSummary[]): 'tepercaya' | 'kedaluwarsa' | 'belum-tepercaya' {
  const intact = signatures.filter((s) => s.integrity === 'valid');
  if (intact.some((s) => s.certificate === 'trusted')) return 'tepercaya';
  if (intact.some((s) => s.certificate === 'expired')) return 'kedaluwarsa';
  return 'belum-tepercaya';
}

/** What the console's columns are computed from: the manifest's fields and the signatures' verdicts. */
export type FactsSource = Pick<SubmissionRecord, 'id' | 'opd' | 'type' | 'period' | 'reportType' | 'profileId' | 'manifest' | 'signatures'>;

/** The console's columns of one submission; `opdName` when the caller read the OPD already (else it is read). */
export async function consoleFactsOf(deps: RecorderDeps, record: FactsSource, opdName?: string): Promise<ConsoleFacts> {
  const dataFile = record.manifest.files.find((f) => f.path === 'data/data.json');
  const input = { type: record.type, period: record.period, reportType: record.reportType, profileId: record.profileId, paths: new Set(record.manifest.files.map((f) => f.path)), profiles: deps.profiles };
  const facts: SubmissionFacts =
    dataFile && dataFile.size > MAX_DATA_JSON_BYTES && record.type !== 'laporan'
      ? { kind: 'tanpa-data', reason: `data.json lebih dari ${MAX_DATA_JSON_BYTES} bita` }
      : factsOf({ ...input, dataJson: dataFile && record.type !== 'laporan' ? await deps.read(dataFile.sha256) : null });
  const title = titleOf(facts);
  const name = opdName ?? (await deps.repo.getOpd(record.opd))?.name ?? '';
  const searchText = [record.opd, name, title, record.period, record.id, TYPE_WORDS[record.type] ?? record.type].join(' ').toLowerCase();
  return { title, factsJson: JSON.stringify(facts), searchText, trust: trustOf(record.signatures) };
}

/** Facts and the replaced mark of a row committed without them (a commit writes both with its receipt). */
export async function recordFacts(deps: RecorderDeps, record: SubmissionRecord): Promise<void> {
  await deps.repo.console.setFacts(record.id, await consoleFactsOf(deps, record));
  if (record.revisionOf && record.committedAt) await deps.repo.console.markReplaced(record.revisionOf, record.id, record.committedAt);
}

/** Rows committed before schema 3, or whose facts a crash left unwritten. */
export async function backfillFacts(deps: RecorderDeps): Promise<number> {
  let done = 0;
  for (;;) {
    const ids = await deps.repo.console.idsWithoutFacts(200);
    if (ids.length === 0) return done;
    for (const id of ids) {
      const record = await deps.repo.getSubmission(id);
      if (!record) continue;
      try {
        await recordFacts(deps, record);
      } catch (err) {
        // One unreadable row must not stop the others, nor loop: it is written as having no facts.
        console.warn(`[server] fakta pengiriman ${id} tidak terbaca: ${(err as Error).message}`);
        await deps.repo.console.setFacts(id, { title: '', factsJson: JSON.stringify({ kind: 'tanpa-data', reason: (err as Error).message }), searchText: id, trust: trustOf(record.signatures) });
      }
      done += 1;
    }
  }
}

/**
 * Judges every committed main document's signatures again against `roots`.
 * The verdict of integrity cannot change (same bytes); trust and the
 * signer-to-OPD check can. Returns how many submissions changed.
 */
export async function rejudgeTrust(deps: RecorderDeps, roots: Uint8Array[]): Promise<{ checked: number; changed: number }> {
  let after = '';
  let checked = 0;
  let changed = 0;
  for (;;) {
    const ids = await deps.repo.console.committedIds(after, 200);
    if (ids.length === 0) return { checked, changed };
    after = ids[ids.length - 1] as string;
    for (const id of ids) {
      const record = await deps.repo.getSubmission(id);
      const main = record?.manifest.files.find((f) => f.path === record.mainDocument);
      if (!record || !main || main.size > 100 * 1024 * 1024) continue;
      checked += 1;
      try {
        const pdf = await deps.read(main.sha256);
        const { report, signerCertificates } = await verifyPdfWithSigners({ pdf, fileName: main.path, trustRoots: roots, now: new Date(record.committedAt ?? record.updatedAt) });
        const byField = new Map(report.signatures.map((s) => [s.field, s]));
        const signatures = record.signatures.map((s) => {
          const fresh = byField.get(s.field);
          return fresh ? { ...s, certificate: fresh.certificate, problems: fresh.problems } : s;
        });
        const opd = (await deps.repo.getOpd(record.opd)) ?? { code: record.opd, name: record.opd };
        const registered = (await deps.repo.listOpdCertificates(record.opd)).map((c) => c.sha256);
        // A row from before the signer check keeps "belum diperiksa": it was never judged at its commit.
        const signerCheck: SignerCheck | null = record.signerCheck
          ? await judgeSigner({ opd, signatures, registered, signerCertificates: signerCertificatesOf(report.signatures, signerCertificates) })
          : null;
        const isChanged =
          JSON.stringify(signatures) !== JSON.stringify(record.signatures) || (signerCheck !== null && JSON.stringify(signerCheck) !== JSON.stringify(record.signerCheck));
        if (isChanged) {
          changed += 1;
          await deps.repo.console.setTrust(id, trustOf(signatures), JSON.stringify(signatures), signerCheck ? JSON.stringify(signerCheck) : null);
        }
      } catch (err) {
        console.warn(`[server] tanda tangan pengiriman ${id} tidak dapat dinilai ulang: ${(err as Error).message}`);
      }
    }
  }
}
