import { useCallback, useSyncExternalStore } from 'react';

/** Below this width the navigation folds to icons by itself (a 1024×768 kecamatan desktop keeps ~960 px for the work). */
export const collapseBelowPx = 1280;
const storageKey = 'berkas.sideNav';
const query = `(max-width: ${collapseBelowPx - 1}px)`;

type Choice = 'collapsed' | 'expanded' | null;

/** The choice when storage is refused (private mode): kept until the page is reloaded. */
let memory: Choice = null;

function readChoice(): Choice {
  try {
    const value = window.localStorage.getItem(storageKey);
    return value === 'collapsed' || value === 'expanded' ? value : memory;
  } catch {
    return memory;
  }
}

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const media = window.matchMedia(query);
  media.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    media.removeEventListener('change', listener);
  };
}

function isCollapsedNow(): boolean {
  const choice = readChoice();
  return choice === null ? window.matchMedia(query).matches : choice === 'collapsed';
}

/**
 * Whether the side navigation shows icons only: the officer's last choice
 * (the toggle button, remembered on this computer), else by window width.
 */
export function useSideNav(): { isCollapsed: boolean; toggle(): void } {
  const isCollapsed = useSyncExternalStore(subscribe, isCollapsedNow, () => false);
  const toggle = useCallback(() => {
    const next = isCollapsedNow() ? 'expanded' : 'collapsed';
    memory = next;
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Storage refused: `memory` holds the choice.
    }
    notify();
  }, []);
  return { isCollapsed, toggle };
}
