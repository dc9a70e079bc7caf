/**
 * How long the oldest unsent package has waited: always visible in the
 * header, because a rencana aksi that sat in an outbox for two weeks is a
 * deadline missed without anyone noticing.
 */

export interface AgeParts {
  days: number;
  hours: number;
  minutes: number;
}

/** Whole days, hours and minutes between `since` and `now` (never negative). */
export function ageParts(since: string | Date, now: Date): AgeParts {
  const start = typeof since === 'string' ? Date.parse(since) : since.getTime();
  const ms = Number.isNaN(start) ? 0 : Math.max(0, now.getTime() - start);
  const totalMinutes = Math.floor(ms / 60_000);
  return { days: Math.floor(totalMinutes / 1440), hours: Math.floor((totalMinutes % 1440) / 60), minutes: totalMinutes % 60 };
}

/** "3 hari 4 jam", "2 jam 5 menit", "12 menit", "kurang dari 1 menit": the two largest units. */
export function formatAgeId(parts: AgeParts): string {
  if (parts.days > 0) return parts.hours > 0 ? `${parts.days} hari ${parts.hours} jam` : `${parts.days} hari`;
  if (parts.hours > 0) return parts.minutes > 0 ? `${parts.hours} jam ${parts.minutes} menit` : `${parts.hours} jam`;
  if (parts.minutes > 0) return `${parts.minutes} menit`;
  return 'kurang dari 1 menit';
}
