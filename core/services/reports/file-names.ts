/** A file-name part from a title or code: ASCII letters and digits joined by hyphens, accents dropped. */
export function slug(text: string, max = 60): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max) || 'laporan'
  );
}
