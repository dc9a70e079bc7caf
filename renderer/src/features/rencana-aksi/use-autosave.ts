import { useEffect, useState } from 'react';
import type { BerkasApi } from '@core/api/contract';
import type { RencanaAksiPlan } from '@core/domain/rencana-aksi';
import { trackSave } from './pending-saves';
import { PlanSaver, type SaveStatus } from './plan-saver';

export interface Autosave {
  status: SaveStatus;
  saver: PlanSaver;
}

/**
 * The PlanSaver of one open plan: fed every new plan, flushed when the editor
 * unmounts (switching screens) and when the page is hidden or closed.
 */
export function useAutosave(api: BerkasApi, plan: RencanaAksiPlan, initial: { plan: RencanaAksiPlan; revision: number; updatedAt: string }): Autosave {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved', at: initial.updatedAt });
  // One saver for the editor's lifetime (the editor remounts, keyed by plan id, for another plan).
  const [saver] = useState(() => new PlanSaver({ save: (request) => api.rencanaAksiSave(request), onStatus: setStatus }, initial));

  useEffect(() => {
    saver.change(plan);
  }, [saver, plan]);

  useEffect(() => {
    saver.attach();
    const onHide = () => {
      if (saver.isDirty) trackSave(saver.flush());
    };
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      // The next reader (this plan reopened, the list) waits for this save.
      trackSave(saver.detach());
    };
  }, [saver]);

  return { status, saver };
}
