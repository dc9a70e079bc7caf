/** When to remind the officer to back up (issue 8 item 3). */

export const DEFAULT_INTERVAL_DAYS = 7;
export const MIN_INTERVAL_DAYS = 1;
export const MAX_INTERVAL_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The moment the reminder appears, or null when it should show now (never backed up). */
export function nextDueAt(lastBackupAt: string | null, intervalDays: number): Date | null {
  if (lastBackupAt === null) return null;
  const last = Date.parse(lastBackupAt);
  if (Number.isNaN(last)) return null;
  return new Date(last + intervalDays * DAY_MS);
}

/**
 * Due when there has never been a backup, or the interval has passed. A last
 * backup "in the future" (the clock was set back) counts as due: the officer
 * cannot know how old it really is.
 */
export function isBackupDue(lastBackupAt: string | null, intervalDays: number, now: Date): boolean {
  const due = nextDueAt(lastBackupAt, intervalDays);
  if (due === null) return true;
  const last = Date.parse(lastBackupAt ?? '');
  return now.getTime() >= due.getTime() || now.getTime() < last;
}

export function intervalProblem(days: number): string | null {
  if (!Number.isInteger(days) || days < MIN_INTERVAL_DAYS || days > MAX_INTERVAL_DAYS) {
    return `Selang pengingat harus bilangan bulat ${MIN_INTERVAL_DAYS}–${MAX_INTERVAL_DAYS} hari, bukan ${days}.`;
  }
  return null;
}
