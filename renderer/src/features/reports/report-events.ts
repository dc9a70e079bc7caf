import { documentScreens } from '../../lib/open-document';

/** Fired after a report is saved, signed, created or deleted, so the overdue banner re-reads the calendar. */
export const reportsChangedEvent = 'berkas:reports-changed';

export function announceReportsChanged(): void {
  window.dispatchEvent(new Event(reportsChangedEvent));
}

const OPEN_KEY = documentScreens.laporan.openKey;

/** The open report survives a reload of the page (its id only; the report itself is in the store). */
export function readOpenReport(): string | null {
  try {
    return window.sessionStorage.getItem(OPEN_KEY);
  } catch {
    return null;
  }
}

export function writeOpenReport(id: string | null): void {
  try {
    if (id) window.sessionStorage.setItem(OPEN_KEY, id);
    else window.sessionStorage.removeItem(OPEN_KEY);
  } catch {
    // Storage refused: the report simply does not reopen after a reload.
  }
}

/** Opens a report from anywhere (the banner): remembered, then the Laporan screen shown. */
export const openReportEvent = 'berkas:open-report';
