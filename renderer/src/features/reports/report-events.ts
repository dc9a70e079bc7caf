/** Fired after a report is saved, signed, created or deleted, so the overdue banner re-reads the calendar. */
export const reportsChangedEvent = 'berkas:reports-changed';

export function announceReportsChanged(): void {
  window.dispatchEvent(new Event(reportsChangedEvent));
}

/** Opens a report from anywhere (the banner): remembered, then the Laporan screen shown. */
export const openReportEvent = 'berkas:open-report';
