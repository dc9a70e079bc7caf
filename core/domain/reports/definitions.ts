/**
 * The fields of every report type a region profile can name (REQUIREMENTS.md
 * §3), keyed by the profile's report key. The profile decides which types
 * apply and their period and deadline; this file decides what each one
 * holds. The UI generates its forms from these definitions, the PDF lays
 * them out, validation names their labels, and carry-over follows `carry`.
 */
import { IMAGE_OR_DRAWING, MAX_TEXT_CHARS, type ReportDefinition } from './definitions-model';
import { INFRASTRUCTURE_DEFINITIONS } from './definitions-infrastructure';
import { SERVICE_DEFINITIONS } from './definitions-services';

export * from './definitions-model';

const definitions: ReportDefinition[] = [...INFRASTRUCTURE_DEFINITIONS, ...SERVICE_DEFINITIONS];

const byKey = new Map(definitions.map((d) => [d.key, d]));

/**
 * The definition of a report key. A profile may name a type this version
 * does not know (a newer profile file): it gets a plain report with a
 * narrative and an optional attachment, rather than no form at all.
 */
export function definitionFor(key: string): ReportDefinition {
  return (
    byKey.get(key) ?? {
      key,
      summary: 'Laporan sesuai peraturan daerah.',
      summaryEn: 'A report as the regional regulation requires.',
      orientation: 'portrait',
      charts: [],
      fields: [
        { key: 'isi', label: 'Isi laporan', labelEn: 'Report', kind: 'textarea', isRequired: true, carry: 'copy', maxLength: MAX_TEXT_CHARS },
        { key: 'lampiran', label: 'Lampiran', labelEn: 'Attachment', kind: 'attachment', carry: 'copy', accept: [...IMAGE_OR_DRAWING] },
      ],
    }
  );
}

export function knownReportKeys(): string[] {
  return definitions.map((d) => d.key);
}
