/**
 * A counter of XML start and end tags over text that arrives in chunks, for
 * the .xlsx preflight: it sees every element of the names it is asked for
 * that a real XML parser sees. An element cannot hide from it: '<' is not
 * allowed inside a tag or in text, a '>' inside a quoted attribute value does
 * not end the tag for it, and comments, CDATA sections, processing
 * instructions and declarations are skipped whole (a fake tag with an
 * unclosed quote inside a comment would otherwise swallow the real tags after
 * it). Other tags are skipped without being read; malformed XML, which
 * exceljs's parser refuses anyway, may be miscounted.
 */

/** Longest unfinished tag kept between chunks; no element of a workbook part comes near it. */
const MAX_TAG_CHARS = 64 * 1024;

export class TagTooLong extends Error {}

export interface TagHandlers {
  /** Start (or empty-element) tags to report, by name. */
  opens: readonly string[];
  open(name: string, attributes: string, start: number, end: number): unknown;
  /** End tags to report, by name. */
  closes?: readonly string[];
  close?(name: string, start: number): void;
  /** After the last chunk. */
  done?(): void;
}

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f; // A-Z a-z _
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x3a) || c === 0x2d || c === 0x2e; // 0-9 : - .
}

/** The '>' that ends the tag whose attributes start at `from`, skipping quoted values; -1 if not in `buffer` yet. */
function tagEnd(buffer: string, from: number): number {
  for (let p = from; p < buffer.length; p++) {
    const c = buffer.charCodeAt(p);
    if (c === 0x3e) return p;
    if (c === 0x22 || c === 0x27) {
      const close = buffer.indexOf(c === 0x22 ? '"' : "'", p + 1);
      if (close < 0) return -1;
      p = close;
    }
  }
  return -1;
}

/** Where a comment, CDATA section, processing instruction or declaration starting at `lt` ends; -1 if not in `buffer` yet. */
function markupEnd(buffer: string, lt: number): number {
  const after = (end: number, length: number) => (end < 0 ? -1 : end + length);
  if (buffer.startsWith('<!--', lt)) return after(buffer.indexOf('-->', lt + 4), 3);
  if (buffer.startsWith('<![CDATA[', lt)) return after(buffer.indexOf(']]>', lt + 9), 3);
  if (buffer.charCodeAt(lt + 1) === 0x3f) return after(buffer.indexOf('?>', lt + 2), 2); // <?
  // <!DOCTYPE ...>: to the '>' outside quotes and the [internal subset].
  let depth = 0;
  for (let p = lt + 2; p < buffer.length; p++) {
    const c = buffer.charCodeAt(p);
    if (c === 0x22 || c === 0x27) {
      const close = buffer.indexOf(c === 0x22 ? '"' : "'", p + 1);
      if (close < 0) return -1;
      p = close;
    } else if (c === 0x5b) {
      depth++;
    } else if (c === 0x5d) {
      depth--;
    } else if (c === 0x3e && depth <= 0) {
      return p + 1;
    }
  }
  return -1;
}

function nameAt(buffer: string, from: number, to: number, names: readonly string[]): string | undefined {
  const length = to - from;
  for (const name of names) if (name.length === length && buffer.startsWith(name, from)) return name;
  return undefined;
}

export class TagCounter {
  private pending = '';
  /** Characters of the whole text before `pending`. */
  private offset = 0;

  constructor(private readonly handlers: TagHandlers) {}

  push(text: string): void {
    const buffer = this.pending + text;
    const n = buffer.length;
    const closes = this.handlers.closes ?? [];
    let at = 0;
    for (;;) {
      const lt = buffer.indexOf('<', at);
      if (lt < 0) {
        at = n;
        break;
      }
      const next = buffer.charCodeAt(lt + 1);
      if (next === 0x21 || next === 0x3f) {
        // <! or <?
        const end = markupEnd(buffer, lt);
        if (end < 0) {
          at = lt;
          break;
        }
        at = end;
        continue;
      }
      const isClose = next === 0x2f; // '/'
      const from = isClose ? lt + 2 : lt + 1;
      let to = from;
      while (to < n && isNameChar(buffer.charCodeAt(to))) to++;
      if (to >= n) {
        // The name may go on in the next chunk.
        at = lt;
        break;
      }
      const name = to > from && isNameStart(buffer.charCodeAt(from)) ? nameAt(buffer, from, to, isClose ? closes : this.handlers.opens) : undefined;
      if (name === undefined) {
        at = to;
        continue;
      }
      const gt = tagEnd(buffer, to);
      if (gt < 0) {
        at = lt;
        break;
      }
      if (isClose) this.handlers.close?.(name, this.offset + lt);
      else this.handlers.open(name, buffer.slice(to, gt), this.offset + lt, this.offset + gt + 1);
      at = gt + 1;
    }
    this.offset += at;
    this.pending = buffer.slice(at);
    if (this.pending.length > MAX_TAG_CHARS) throw new TagTooLong();
  }

  end(): void {
    this.handlers.done?.();
  }
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[ref] ?? whole;
  });
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * An attribute's value in a tag's text, read pair by pair as an XML parser
 * does (either quote, spaces around =, entities decoded; a name inside
 * another attribute's value is not mistaken for one). Malformed text ends
 * the reading: exceljs's parser refuses such a part anyway. Of a repeated
 * attribute the last counts, as in parsers that accept repeats.
 */
export function attribute(tag: string, name: string): string | undefined {
  const n = tag.length;
  let found: string | undefined;
  let p = 0;
  for (;;) {
    while (p < n && isSpace(tag.charCodeAt(p))) p++;
    const nameStart = p;
    while (p < n) {
      const c = tag.charCodeAt(p);
      if (isSpace(c) || c === 0x3d || c === 0x2f) break; // = /
      p++;
    }
    if (p === nameStart) return found;
    const nameEnd = p;
    while (p < n && isSpace(tag.charCodeAt(p))) p++;
    if (tag.charCodeAt(p) !== 0x3d) return found;
    p++;
    while (p < n && isSpace(tag.charCodeAt(p))) p++;
    const quote = tag[p];
    if (quote !== '"' && quote !== "'") return found;
    const end = tag.indexOf(quote, p + 1);
    if (end < 0) return found;
    if (nameEnd - nameStart === name.length && tag.startsWith(name, nameStart)) found = decodeEntities(tag.slice(p + 1, end));
    p = end + 1;
  }
}

/**
 * A cell reference decoded as exceljs decodes it (utils/col-cache.js): capitals
 * make the column, digits the row, anything else before the row is skipped.
 * Matching its leniency matters: "$A$2" or " A2" covers cells for exceljs too.
 */
function decodeAddress(text: string): { column: number; row: number } | undefined {
  let column = 0;
  let row = 0;
  let hasColumn = false;
  let hasRow = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!hasRow && c >= 0x41 && c <= 0x5a) {
      hasColumn = true;
      column = column * 26 + c - 64;
    } else if (c >= 0x30 && c <= 0x39) {
      hasRow = true;
      row = row * 10 + c - 0x30;
    } else if (hasRow && hasColumn && c !== 0x24) {
      break;
    }
  }
  return hasColumn && hasRow ? { column, row } : undefined;
}

/** Cells in a range such as "B3:D10" or "RA!$B$3:$D$10", as exceljs would fill them (1 for a single cell or anything it cannot read). */
export function cellRangeArea(ref: string): number {
  const reference = /^(?:(?:'(?:[^']|'')*'|[^'^ !]*)!)?(.*)$/s.exec(ref)?.[1] ?? ref;
  const [first, second] = reference.split(':');
  if (first === undefined || second === undefined) return 1;
  const a = decodeAddress(first);
  const b = decodeAddress(second);
  if (!a || !b) return 1;
  return Math.min((Math.abs(a.column - b.column) + 1) * (Math.abs(a.row - b.row) + 1), Number.MAX_SAFE_INTEGER);
}
