import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A wide table scrolls inside its own frame, never the page, with its first
 * column fixed so each row stays named (fields.css). While it does scroll,
 * the frame is a named, focusable region, so it can be scrolled from the
 * keyboard; when everything fits it adds no tab stop.
 */
export function TableFrame({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  const frame = useRef<HTMLDivElement>(null);
  const [isScrolling, setIsScrolling] = useState(false);
  useEffect(() => {
    const el = frame.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => setIsScrolling(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    const table = el.firstElementChild;
    if (table) observer.observe(table);
    measure();
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={frame}
      className={className ? `table-frame ${className}` : 'table-frame'}
      {...(isScrolling ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}
      data-scrolling={isScrolling ? 'true' : undefined}
    >
      {children}
    </div>
  );
}
