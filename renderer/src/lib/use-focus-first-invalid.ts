import { useCallback, useEffect, useState, type RefObject } from 'react';

/**
 * After a refused submit, focus the first field marked invalid, once React
 * has rendered the error (an effect runs after the commit; a timer might run
 * before it). A screen-reader user hears the error with the field.
 */
export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>): () => void {
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request === 0) return;
    container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [request, container]);
  return useCallback(() => setRequest((n) => n + 1), []);
}
