/**
 * A region profile: the words and lists of one regional regulation
 * (REQUIREMENTS.md table). Every label the UI shows for agency, ICT office,
 * officer, handover items and report types comes from here.
 */
import type { TimeZone } from '../format/waktu';

export type ReportPeriod = 'triwulan' | 'semester' | 'tahunan' | 'insidental';

export interface ProfileTerms {
  /** What the regulation calls an agency: "OPD", "Perangkat Daerah", "SKPD". */
  agency: string;
  /** The ICT office: "Dinas Komunikasi dan Informatika", "DISKOMINFO", "SKPD Kominfotik". */
  ictOffice: string;
  /** Short form of the ICT office for buttons and headings. */
  ictOfficeShort: string;
  /** The person preparing documents, e.g. "Pejabat OPD". */
  officer: string;
  /** The government: "Pemerintah Kota Pontianak". */
  government: string;
  /** Place written before the date on documents: "Pontianak". */
  city: string;
  /** Name of the action plan document in this region. */
  actionPlan: string;
  /** Where the action plan name comes from, or why it was chosen where the regulation names none. */
  actionPlanBasis?: string;
}

export interface HandoverItem {
  key: string;
  label: string;
  /** Citation, e.g. "Pasal 17 ayat (2) huruf a". */
  article: string;
  isRequired: boolean;
  kind: 'document' | 'source-code';
  description?: string;
}

export interface ReportType {
  key: string;
  name: string;
  period: ReportPeriod;
  article: string;
  /** Days after the end of the period by which the report is due. */
  dueDays: number;
  isUrgent?: boolean;
  /** Why this period and due date: the regulation's words, or the default chosen where it is silent. */
  basis?: string;
}

export interface RegionProfile {
  id: string;
  /** Display name of the region, e.g. "Kota Pontianak". */
  name: string;
  /** The region's clock (WIB, WITA, WIT): every time on screen is read on it and named with it. */
  timeZone: TimeZone;
  regulation: { title: string; shortTitle: string; seed: string };
  terms: ProfileTerms;
  /** basis: what the regulation attaches to the handover (validity, storage, copyright), cited. */
  handover: { article: string; items: HandoverItem[]; basis?: string };
  reports: ReportType[];
}

export interface ProfileSummary {
  id: string;
  name: string;
  regulation: string;
  agency: string;
  ictOffice: string;
}

export function summarize(profile: RegionProfile): ProfileSummary {
  return {
    id: profile.id,
    name: profile.name,
    regulation: profile.regulation.shortTitle,
    agency: profile.terms.agency,
    ictOffice: profile.terms.ictOffice,
  };
}
