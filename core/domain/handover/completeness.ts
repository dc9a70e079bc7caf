/**
 * Whether a bundle holds everything its region requires (REQUIREMENTS.md §2,
 * issue 5 item 3): every missing required item named with its article. An
 * incomplete bundle can be saved, never signed or sent.
 */
import type { HandoverItem, RegionProfile } from '../profiles/profile';
import { checkApplication, type FieldProblem } from './application';
import { totalsOf, type HandoverBundle } from './bundle';

export interface ChecklistEntry extends HandoverItem {
  isPresent: boolean;
  files: number;
  bytes: number;
  attachments: { name: string; kind: 'file' | 'folder'; files: number; bytes: number }[];
}

export interface MissingItem {
  key: string;
  label: string;
  article: string;
}

export interface Completeness {
  /** Every required item has at least one file. */
  isComplete: boolean;
  /** Complete, and the application record has no problems: may be signed and packaged. */
  isReady: boolean;
  missing: MissingItem[];
  items: ChecklistEntry[];
  /** Problems of the application record, by field. */
  problems: FieldProblem[];
  /** Things to look at that do not block (copyright holder, secrets, attachments of unknown items). */
  warnings: string[];
  /** One sentence for the officer. */
  summary: string;
}

/** The region's checklist with nothing attached: what `bundle checklist` prints. */
export function checklistOf(profile: RegionProfile): HandoverItem[] {
  return profile.handover.items.map((i) => ({ ...i }));
}

export function describeMissing(missing: readonly MissingItem[]): string {
  return missing.map((m) => `${m.label} (${m.article})`).join(', ');
}

export function checkCompleteness(profile: RegionProfile, bundle: HandoverBundle): Completeness {
  const items: ChecklistEntry[] = profile.handover.items.map((item) => {
    const attachments = bundle.items[item.key] ?? [];
    const totals = totalsOf(attachments);
    return {
      ...item,
      isPresent: totals.files > 0,
      files: totals.files,
      bytes: totals.bytes,
      attachments: attachments.map((a) => ({ name: a.name, kind: a.kind, files: a.files.length, bytes: a.bytes })),
    };
  });
  const missing = items.filter((i) => i.isRequired && !i.isPresent).map(({ key, label, article }) => ({ key, label, article }));
  const problems = checkApplication(bundle.application);

  const warnings: string[] = [];
  const known = new Set(profile.handover.items.map((i) => i.key));
  for (const key of Object.keys(bundle.items)) {
    if (!known.has(key) && (bundle.items[key]?.length ?? 0) > 0) {
      warnings.push(`Lampiran pada butir "${key}" tidak ada di daftar ${profile.regulation.shortTitle}; lampiran itu tidak ikut dipaketkan.`);
    }
  }
  const holder = bundle.application.copyrightHolder.trim();
  if (holder !== '' && holder.toLowerCase() !== profile.terms.government.toLowerCase()) {
    warnings.push(`Pemegang hak cipta tertulis "${holder}"; untuk aplikasi yang dibiayai anggaran daerah semestinya ${profile.terms.government}.`);
  }
  const secrets = Object.values(bundle.items).flat().flatMap((a) => a.secrets ?? []);
  if (secrets.length > 0) {
    warnings.push(`Kode sumber memuat ${secrets.length} kemungkinan rahasia (kunci privat, .env, kata sandi). Periksa dan hapus sebelum dipaketkan.`);
  }

  const isComplete = missing.length === 0;
  const isReady = isComplete && problems.length === 0;
  let summary: string;
  if (isReady) summary = `Lengkap: semua butir wajib ${profile.handover.article} ${profile.regulation.shortTitle} sudah dilampirkan.`;
  else if (!isComplete) summary = `Belum lengkap, belum dilampirkan: ${describeMissing(missing)}.`;
  else summary = `Butir lengkap, tetapi data aplikasi belum benar: ${problems.map((p) => p.message).join('; ')}.`;
  return { isComplete, isReady, missing, items, problems, warnings, summary };
}
