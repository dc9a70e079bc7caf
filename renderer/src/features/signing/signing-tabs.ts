/**
 * Which part of the signing screen is open. Kept for the tab's life in
 * sessionStorage (a tab name, nothing secret), so a link elsewhere — "add a
 * certificate" in the sign dialog — can open the right part.
 */
export const signingTabs = ['verify', 'certificates', 'trust'] as const;
export type SigningTab = (typeof signingTabs)[number];

const key = 'berkas.signing.tab';

export function readSigningTab(): SigningTab {
  try {
    const value = window.sessionStorage.getItem(key);
    return (signingTabs as readonly string[]).includes(value ?? '') ? (value as SigningTab) : 'verify';
  } catch {
    return 'verify';
  }
}

export function writeSigningTab(tab: SigningTab): void {
  try {
    window.sessionStorage.setItem(key, tab);
  } catch {
    // Storage refused: the screen opens on its first part.
  }
}

/** The signing screen's address (see renderer/src/lib/routes.ts). */
export const signingHref = '#/tanda-tangan';
