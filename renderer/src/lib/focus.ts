/**
 * Moves focus to an element by id and brings it into view. Jumps inside the
 * screen use this, never "#id" links: the route lives in the URL hash.
 */
export function focusById(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}
