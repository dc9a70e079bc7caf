import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../../lib/errors';
import type { OutboxItemView, OutboxOverview } from '@core/domain/outbox/views';
import { useWorkspace } from '../../app-context';
import { outboxChangedEvent } from './labels';

export interface OutboxData {
  overview: OutboxOverview | null;
  items: OutboxItemView[];
  loadError: string | null;
  refresh(options?: { isReviewRefresh?: boolean }): Promise<void>;
}

/**
 * The outbox, kept current by polling: every second while something is being
 * sent (the progress bar moves), every few seconds otherwise (the sender works
 * on its own in the background and results arrive without a click).
 */
export function useOutbox(): OutboxData {
  const { api } = useWorkspace();
  const [overview, setOverview] = useState<OutboxOverview | null>(null);
  const [items, setItems] = useState<OutboxItemView[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const isBusy = useRef(false);

  const refresh = useCallback(
    async (options: { isReviewRefresh?: boolean } = {}) => {
      try {
        const [o, list] = await Promise.all([api.outboxStatus({ refresh: options.isReviewRefresh === true }), api.outboxList({})]);
        setOverview(o);
        setItems(list);
        setLoadError(null);
        isBusy.current = o.sender.state === 'sending' || list.some((i) => i.status.state === 'mengirim');
      } catch (err) {
        setLoadError(messageOf(err));
      }
    },
    [api],
  );

  useEffect(() => {
    let timer = 0;
    let isStopped = false;
    const tick = async () => {
      await refresh();
      if (!isStopped) timer = window.setTimeout(() => void tick(), isBusy.current ? 1000 : 3000);
    };
    void tick();
    const onChange = () => void refresh();
    window.addEventListener(outboxChangedEvent, onChange);
    return () => {
      isStopped = true;
      window.clearTimeout(timer);
      window.removeEventListener(outboxChangedEvent, onChange);
    };
  }, [refresh]);

  return { overview, items, loadError, refresh };
}
