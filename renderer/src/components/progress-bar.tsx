interface ProgressBarProps {
  /** 0 to 100; null while the total is not known yet (the bar moves without a value). */
  percent: number | null;
  /** The accessible name when no <label htmlFor={id}> names the bar. */
  label?: string;
  id?: string;
  /** A screen's own look; the default is a full-width bar of at most 32rem. */
  className?: string;
}

/** A long job's progress (backup, restore, handover package) as a native <progress>, which screen readers announce. */
export function ProgressBar({ percent, label, id, className = 'progress-bar' }: ProgressBarProps) {
  return <progress id={id} className={className} max={100} value={percent ?? undefined} aria-label={label} />;
}
