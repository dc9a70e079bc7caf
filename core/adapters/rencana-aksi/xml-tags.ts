/**
 * A counter of XML start and end tags over text that arrives in chunks, for
 * the .xlsx preflight: it sees every element a real XML parser sees (an
 * element cannot hide from it: '<' is not allowed in attribute values) and
 * may count a few more (tags inside comments), which only errs towards
 * refusing. It keeps no tree and at most one unfinished tag between chunks.
 */

/** Longest unfinished tag kept between chunks; no element of a workbook part comes near it. */
const MAX_TAG_CHARS = 64 * 1024;

export class TagTooLong extends Error {}

export interface TagHandlers {
  /** A start (or empty-element) tag: its name, the text after the name, and its offsets in the whole text. */
  open(name: string, attributes: string, start: number, end: number): unknown;
  /** An end tag and the offset of its '<'. */
  close?(name: string, start: number): void;
  /** After the last chunk. */
  done?(): void;
}

export class TagCounter {
  private pending = '';
  /** Characters of the whole text before `pending`. */
  private offset = 0;

  constructor(private readonly handlers: TagHandlers) {}

  push(text: string): void {
    const buffer = this.pending + text;
    let at = 0;
    for (;;) {
      const lt = buffer.indexOf('<', at);
      if (lt < 0) {
        at = buffer.length;
        break;
      }
      const gt = buffer.indexOf('>', lt + 1);
      if (gt < 0) {
        at = lt;
        break;
      }
      this.tag(buffer, lt, gt);
      at = gt + 1;
    }
    this.offset += at;
    this.pending = buffer.slice(at);
    if (this.pending.length > MAX_TAG_CHARS) throw new TagTooLong();
  }

  end(): void {
    this.handlers.done?.();
  }

  private tag(buffer: string, lt: number, gt: number): void {
    const isClose = buffer.charCodeAt(lt + 1) === 0x2f; // '/'
    const from = isClose ? lt + 2 : lt + 1;
    let to = from;
    // Comments, processing instructions and declarations (<!-- <? <!) name no element.
    if (!isNameStart(buffer.charCodeAt(to))) return;
    while (to < gt && isNameChar(buffer.charCodeAt(to))) to++;
    const name = buffer.slice(from, to);
    if (isClose) this.handlers.close?.(name, this.offset + lt);
    else this.handlers.open(name, buffer.slice(to, gt), this.offset + lt, this.offset + gt + 1);
  }
}

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f; // A-Z a-z _
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x3a) || c === 0x2d || c === 0x2e; // 0-9 : - .
}

const attributePatterns = new Map<string, RegExp>();
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

/** An attribute's value in a tag's text (quotes either way, entities decoded), as an XML parser reads it. */
export function attribute(tag: string, name: string): string | undefined {
  if (!tag.includes(name)) return undefined;
  let pattern = attributePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, pattern);
  }
  const m = pattern.exec(tag);
  if (!m) return undefined;
  return decodeEntities(m[1] ?? m[2] ?? '');
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
