import { useCallback, useState, type FocusEvent } from 'react';

export interface Touched {
  /** Whether the field's problems may be shown: the officer has left it, or asked to save. */
  isShown(key: string): boolean;
  /** Whether any field speaks yet (an untouched form shows no red). */
  isAnyShown: boolean;
  /** For a form's (or section's) onBlur: the field left is the nearest [data-field], else the control's name. */
  onBlur(event: FocusEvent<HTMLElement>): void;
  /** Save was pressed: every field speaks from now on. */
  reveal(): void;
}

function fieldKeyOf(target: EventTarget | null): string | null {
  if (!(target instanceof HTMLElement)) return null;
  const holder = target.closest('[data-field]');
  const key = holder?.getAttribute('data-field') ?? target.getAttribute('name');
  return key && key !== '' ? key : null;
}

/**
 * Validation that speaks after the officer leaves a field or presses save,
 * never on a form nobody has touched yet (a new report or handover draft,
 * the first-run settings): the checks still run as they type, only their
 * words wait.
 */
export function useTouched(initiallyRevealed = false): Touched {
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [isRevealed, setIsRevealed] = useState(initiallyRevealed);
  const onBlur = useCallback((event: FocusEvent<HTMLElement>) => {
    const key = fieldKeyOf(event.target);
    if (key === null) return;
    setTouched((set) => (set.has(key) ? set : new Set(set).add(key)));
  }, []);
  const reveal = useCallback(() => setIsRevealed(true), []);
  return {
    isShown: (key) => isRevealed || touched.has(key),
    isAnyShown: isRevealed || touched.size > 0,
    onBlur,
    reveal,
  };
}
