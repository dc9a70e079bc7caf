import { useState } from 'react';
import { BundleEditor } from './bundle-editor';
import { BundleList } from './bundle-list';
import './handover.css';
import './handover-checklist.css';
import './handover-package.css';
import { documentScreens } from '../../lib/open-document';

/** The open bundle survives a reload of the page (its id only; the bundle itself is in the store). */
const OPEN_KEY = documentScreens['serah-terima'].openKey;

function readOpen(): string | null {
  try {
    return window.sessionStorage.getItem(OPEN_KEY);
  } catch {
    return null;
  }
}

function writeOpen(id: string | null): void {
  try {
    if (id) window.sessionStorage.setItem(OPEN_KEY, id);
    else window.sessionStorage.removeItem(OPEN_KEY);
  } catch {
    // Storage refused: the bundle simply does not reopen after a reload.
  }
}

/**
 * Serah Terima Aplikasi (issue 5): the bundles of this workspace and the
 * region's checklist, or one bundle open — its application record, the
 * checklist with attachments, completeness, and packaging.
 */
export function HandoverScreen() {
  const [openId, setOpenId] = useState<string | null>(readOpen);
  // After the officer opens or closes a bundle (not on first load), start at the new heading.
  const [isMoved, setIsMoved] = useState(false);
  const open = (id: string | null) => {
    writeOpen(id);
    setOpenId(id);
    setIsMoved(true);
  };
  if (openId) return <BundleEditor key={openId} id={openId} isFocused={isMoved} onClose={() => open(null)} />;
  return <BundleList isFocused={isMoved} onOpen={(id) => open(id)} />;
}
