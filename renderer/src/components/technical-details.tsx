import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n-context';

/**
 * "Rincian teknis": what only a technician needs (finding codes, errno names,
 * hashes, algorithm names), folded away so the screen speaks plainly. Closed
 * by default; its contents stay in the page for whoever opens it, copies it
 * into a ticket, or prints it.
 */
export function TechnicalDetails({ children, testId, className }: { children: ReactNode; testId?: string; className?: string }) {
  const t = useT();
  return (
    <details className={className ? `tech-details ${className}` : 'tech-details'} data-testid={testId}>
      <summary>{t('tech.summary')}</summary>
      <div className="tech-details-body">{children}</div>
    </details>
  );
}

/** Opens every "Rincian teknis" inside `root`, so a printout carries them too. */
export function openTechnicalDetails(root: HTMLElement | null): void {
  root?.querySelectorAll<HTMLDetailsElement>('details.tech-details').forEach((d) => {
    d.open = true;
  });
}
