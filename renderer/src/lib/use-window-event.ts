import { useEffect, useRef } from 'react';

/**
 * Calls `handler` whenever `name` is dispatched on window: how one screen
 * tells the banners and the header that something they show has changed
 * (a backup made, a report saved, a package sent). The latest handler is
 * called; changing it does not re-subscribe.
 */
export function useWindowEvent(name: string, handler: () => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const listener = () => latest.current();
    window.addEventListener(name, listener);
    return () => window.removeEventListener(name, listener);
  }, [name]);
}
