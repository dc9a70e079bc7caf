import { TagCounter, TagTooLong, attribute, cellRangeArea } from '../../../../../core/adapters/rencana-aksi/xml-tags';

function tagsOf(chunks: string[]): string[] {
  const seen: string[] = [];
  const counter = new TagCounter({
    opens: ['row', 'c', 'v'],
    closes: ['v', 'c', 'row'],
    open: (name, attrs, start, end) => seen.push(`<${name}${attrs}>@${start}-${end}`),
    close: (name, start) => seen.push(`</${name}>@${start}`),
  });
  for (const chunk of chunks) counter.push(chunk);
  counter.end();
  return seen;
}

describe('TagCounter', () => {
  it('finds the same tags whatever the chunks, with offsets in the whole text, and skips other names', () => {
    const text = '<?xml version="1.0"?><row\tr="2"><c r="A2" t="s"><v>1</v></c><cx/></row><!-- note -->';
    const whole = tagsOf([text]);
    expect(whole).toEqual(['<row\tr="2">@21-32', '<c r="A2" t="s">@32-48', '<v>@48-51', '</v>@52', '</c>@56', '</row>@65']);
    for (let cut = 1; cut < text.length; cut++) expect(tagsOf([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
  });

  it("reads past a '>' inside a quoted attribute value, which cannot hide the attributes after it", () => {
    const seen: string[] = [];
    const counter = new TagCounter({ opens: ['mergeCell'], open: (_name, attrs) => seen.push(attrs) });
    counter.push(`<mergeCell x=">" y='>' ref="A1:XFD1048576"/><mergeCell ref="A1"/>`);
    expect(seen).toEqual([` x=">" y='>' ref="A1:XFD1048576"/`, ' ref="A1"/']);
    expect(attribute(seen[0] ?? '', 'ref')).toBe('A1:XFD1048576');
  });

  it('skips comments, CDATA and processing instructions whole: a fake tag with an open quote there hides nothing', () => {
    const seen: string[] = [];
    const text = `<!-- <mergeCell a=" --><mergeCell ref="A1:B2"/><![CDATA[ <mergeCell b=" ]]><?pi <mergeCell c=" ?><!DOCTYPE x [<!ENTITY e "<mergeCell>">]><mergeCell ref="C3"/>`;
    for (let cut = 0; cut <= text.length; cut++) {
      seen.length = 0;
      const chunked = new TagCounter({ opens: ['mergeCell'], open: (_name, attrs) => seen.push(attrs) });
      chunked.push(text.slice(0, cut));
      chunked.push(text.slice(cut));
      expect(seen).toEqual([' ref="A1:B2"/', ' ref="C3"/']);
    }
  });

  it('refuses an unfinished tag longer than any workbook has', () => {
    const counter = new TagCounter({ opens: ['c'], open: () => undefined });
    expect(() => counter.push('<c r="' + 'A'.repeat(70_000))).toThrow(TagTooLong);
  });
});

describe('attribute', () => {
  it('reads either quote, spaces around =, and entities, as an XML parser does', () => {
    expect(attribute(' r="A1" t=\'s\'', 't')).toBe('s');
    expect(attribute(' ref = "A1:&#66;2"', 'ref')).toBe('A1:B2');
    expect(attribute(' xref="A1"', 'ref')).toBeUndefined();
    expect(attribute(' r:id="rId1"', 'r:id')).toBe('rId1');
  });
});

describe('cellRangeArea', () => {
  it('counts cells as exceljs would fill them', () => {
    expect(cellRangeArea('A1:B2')).toBe(4);
    expect(cellRangeArea('B2:A1')).toBe(4);
    expect(cellRangeArea('$A$2:$CV$2001')).toBe(200_000);
    expect(cellRangeArea('RA!A1:XFD1048576')).toBe(16_384 * 1_048_576);
    expect(cellRangeArea(' A 1:B 2')).toBe(4);
    // Forms exceljs does not expand: one cell, whole columns or rows, lower case.
    expect(cellRangeArea('C5')).toBe(1);
    expect(cellRangeArea('C:D')).toBe(1);
    expect(cellRangeArea('3:4')).toBe(1);
    expect(cellRangeArea('a1:b2')).toBe(1);
  });
});
