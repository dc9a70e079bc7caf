/** The text to show for a failed call: a BerkasError's Indonesian message, or whatever was thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
