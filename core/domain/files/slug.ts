/**
 * The one way a title or code becomes part of a file name (PDFs, workbooks,
 * handover packages, in the app and the renderer alike): ASCII letters and
 * digits joined by hyphens, accents dropped, so the name survives every file
 * system and mail gateway at an OPD. `fallback` stands when nothing is left.
 */
export function slugOf(text: string, fallback: string, max = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    // The cut may end on a hyphen; a name never does.
    .replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}
