import { useState } from 'react';
import { BundleEditor } from './bundle-editor';
import { BundleList } from './bundle-list';
import './handover.css';
import './handover-checklist.css';
import './handover-package.css';
import { readOpenDocument, writeOpenDocument } from '../../lib/open-document';

/**
 * Serah Terima Aplikasi (issue 5): the bundles of this workspace and the
 * region's checklist, or one bundle open — its application record, the
 * checklist with attachments, completeness, and packaging.
 */
export function HandoverScreen() {
  const [openId, setOpenId] = useState<string | null>(() => readOpenDocument('serah-terima'));
  // After the officer opens or closes a bundle (not on first load), start at the new heading.
  const [isMoved, setIsMoved] = useState(false);
  const open = (id: string | null) => {
    writeOpenDocument('serah-terima', id);
    setOpenId(id);
    setIsMoved(true);
  };
  if (openId) return <BundleEditor key={openId} id={openId} isFocused={isMoved} onClose={() => open(null)} />;
  return <BundleList isFocused={isMoved} onOpen={(id) => open(id)} />;
}
