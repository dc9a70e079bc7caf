/**
 * What the handover operations answer (core/api/contract-handover.ts): plain
 * data shared by the service, the contract and the renderer.
 */
import type { ErrorPayload } from '../errors';
import type { HandoverItem } from '../profiles/profile';
import type { HandoverBundle } from './bundle';
import type { Completeness } from './completeness';
import type { BagVerification } from './packaging';

export interface HandoverChecklist {
  profile: { id: string; name: string; regulation: string; article: string; basis: string | null };
  items: HandoverItem[];
}

export interface HandoverView {
  bundle: HandoverBundle;
  completeness: Completeness;
}

export interface HandoverSummary {
  id: string;
  title: string;
  profileId: string;
  isComplete: boolean;
  missing: number;
  files: number;
  bytes: number;
  packages: number;
  updatedAt: string;
}

export type HandoverJobPhase = 'checking' | 'rendering' | 'signing' | 'writing' | 'verifying' | 'done' | 'failed' | 'cancelled';

export interface HandoverPackageResult {
  path: string;
  sha256: string;
  size: number;
  payloadOxum: string;
  files: number;
  bytes: number;
  verification: BagVerification;
}

export interface HandoverJobStatus {
  jobId: string;
  bundleId: string;
  done: boolean;
  phase: HandoverJobPhase;
  /** Payload bytes written (phase writing) or checked (phase verifying). */
  bytes: number;
  total: number;
  current: string | null;
  /** Why the job failed or stopped, as thrown (its details carry what the English text names). */
  error: ErrorPayload | null;
  result: HandoverPackageResult | null;
}
