import type { ReactNode } from 'react';

/** Why an action or a load failed, above the form or list it is about (nothing when it did not). */
export function ErrorCallout({ message }: { message: ReactNode }) {
  if (!message) return null;
  return (
    <p className="callout callout-error" role="alert">
      {message}
    </p>
  );
}
