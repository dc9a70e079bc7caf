/** A failed action's text beside the button that started it (nothing when there is none). */
export function InlineError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <span className="doc-inline-error" role="alert">
      {message}
    </span>
  );
}
