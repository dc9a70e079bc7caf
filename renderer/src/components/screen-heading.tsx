import type { ReactNode } from 'react';

/**
 * The h1 of a screen. Focusable by script only (tabIndex -1): after a
 * navigation the shell moves focus here so keyboard and screen-reader users
 * start at the new content.
 */
export function ScreenHeading({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  return (
    <div className="screen-heading">
      <h1 tabIndex={-1}>{children}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </div>
  );
}
