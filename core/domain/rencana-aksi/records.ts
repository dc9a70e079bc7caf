/**
 * The shapes the rencana aksi operations return (core/api/contract-rencana-aksi.ts
 * names them as responses; core/services builds them).
 */
import type { PlanAnalysis } from './analysis';
import type { CatalogEntry } from './catalog';
import type { RencanaAksiPlan } from './model';

/** A stored plan with its revision and a fresh analysis (totals + findings). */
export interface RencanaAksiDocument {
  plan: RencanaAksiPlan;
  /** Starts at 1, +1 on every save; pass it back as baseRevision to detect a concurrent edit. */
  revision: number;
  createdAt: string;
  updatedAt: string;
  analysis: PlanAnalysis;
}

export interface RencanaAksiSummary {
  id: string;
  title: string;
  opdCode: string;
  year: number;
  revision: number;
  updatedAt: string;
  /** Integer Rupiah. */
  total: number;
  stageCount: number;
  errorCount: number;
  warningCount: number;
}

export interface RencanaAksiImportResult {
  /** Carries `source` (file positions) until its first edit: see detachSource. */
  plan: RencanaAksiPlan;
  /** Findings name the rows and column letters of the imported file. */
  analysis: PlanAnalysis;
  /** Present when the import was also saved (shouldSave). */
  saved?: { revision: number; createdAt: string; updatedAt: string };
}

export interface CatalogInfo {
  fileName: string;
  issuedBy?: string;
  issuedAt?: string;
  importedAt: string;
  entryCount: number;
  opdCount: number;
}

/** The catalog as stored: the renderer builds a CatalogIndex from `entries` for live checks. */
export interface CatalogSnapshot {
  info: CatalogInfo | null;
  entries: CatalogEntry[];
}
