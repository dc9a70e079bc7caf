/**
 * Writes incremental updates by hand, as an attacker (or another PDF tool)
 * would: objects, then a cross-reference table or stream with /Prev, then a
 * trailer. Used by the tests that judge what changed after a signature.
 */
import { PDFDocument, PDFRef, type PDFObject } from 'pdf-lib';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

export type UpdateObject = { num: number; text: string } | { num: number; dict: string; stream: Uint8Array };

export interface UpdateOptions {
  /** 'table' (default) or 'stream' (a cross-reference stream, the objects listed with type 1 entries). */
  xref?: 'table' | 'stream';
  /** Overrides /Prev (to build a chain that skips revisions). */
  prev?: number;
  /** Extra trailer entries, e.g. "/Info 40 0 R". */
  trailerExtra?: string;
  /** Entries that point at offsets chosen by the test instead of the written objects: num -> offset. */
  redirect?: Map<number, number>;
  /** Objects to be packed in one object stream (numbers must not collide); written with type 2 entries. */
  objectStream?: { num: number; objects: { num: number; text: string }[] };
}

function lastStartxref(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-200));
  if (!m) throw new Error('startxref tidak ditemukan');
  return Number(m[1]);
}

function trailerValue(pdf: Uint8Array, key: string): string | null {
  const text = Buffer.from(pdf).toString('latin1');
  const all = [...text.matchAll(new RegExp(`/${key}\\s+(\\d+\\s+\\d+\\s+R)`, 'g'))];
  return all.length ? all[all.length - 1]![1]! : null;
}

/** The /Size of the last trailer or cross-reference stream: the first object number no revision has used. */
export async function sizeOf(pdf: Uint8Array): Promise<number> {
  const text = Buffer.from(pdf).toString('latin1');
  const sizes = [...text.matchAll(/\/Size\s+(\d+)/g)].map((m) => Number(m[1]));
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return Math.max(doc.context.largestObjectNumber + 1, sizes[sizes.length - 1] ?? 0);
}

/** The object's current value as PDF text (pdf-lib's serialisation), for editing a copy of it. */
export async function objectText(pdf: Uint8Array, num: number): Promise<string> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const obj = doc.context.lookup(PDFRef.of(num)) as PDFObject | undefined;
  if (!obj) throw new Error(`objek ${num} tidak ada`);
  return obj.toString();
}

export async function pageNumbers(pdf: Uint8Array): Promise<number[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return doc.getPages().map((p) => p.ref.objectNumber);
}

export async function catalogNumber(pdf: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const root = doc.context.trailerInfo.Root;
  if (!(root instanceof PDFRef)) throw new Error('tanpa /Root');
  return root.objectNumber;
}

export async function appendUpdate(pdf: Uint8Array, objects: UpdateObject[], opts: UpdateOptions = {}): Promise<Uint8Array> {
  const prev = opts.prev ?? lastStartxref(pdf);
  const root = trailerValue(pdf, 'Root');
  const info = trailerValue(pdf, 'Info');
  const chunks: Buffer[] = [Buffer.from(pdf)];
  let pos = pdf.length;
  const push = (b: Buffer) => {
    chunks.push(b);
    pos += b.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a) push(latin1('\n'));
  const offsets = new Map<number, number>();
  for (const o of objects) {
    offsets.set(o.num, pos);
    if ('text' in o) push(latin1(`${o.num} 0 obj\n${o.text}\nendobj\n`));
    else push(Buffer.concat([latin1(`${o.num} 0 obj\n${o.dict.replace(/>>\s*$/, ` /Length ${o.stream.length} >>`)}\nstream\n`), Buffer.from(o.stream), latin1('\nendstream\nendobj\n')]));
  }
  const compressed = new Map<number, { stream: number; index: number }>();
  if (opts.objectStream) {
    const { num, objects: inner } = opts.objectStream;
    let body = '';
    const head: string[] = [];
    inner.forEach((o, i) => {
      head.push(`${o.num} ${body.length}`);
      body += `${o.text}\n`;
      compressed.set(o.num, { stream: num, index: i });
    });
    const headText = `${head.join(' ')}\n`;
    const data = latin1(headText + body);
    offsets.set(num, pos);
    push(Buffer.concat([latin1(`${num} 0 obj\n<< /Type /ObjStm /N ${inner.length} /First ${headText.length} /Length ${data.length} >>\nstream\n`), data, latin1('\nendstream\nendobj\n')]));
  }
  for (const [num, offset] of opts.redirect ?? []) offsets.set(num, offset);
  const nums = [...new Set([...offsets.keys(), ...compressed.keys()])].sort((a, b) => a - b);
  const size = Math.max(await sizeOf(pdf), (nums[nums.length - 1] ?? 0) + 2);
  const extra = opts.trailerExtra ? ` ${opts.trailerExtra}` : info ? ` /Info ${info}` : '';
  if ((opts.xref ?? 'table') === 'table') {
    if (compressed.size > 0) throw new Error('objek terkompresi butuh xref stream');
    const xrefAt = pos;
    const lines = ['xref', '0 1', '0000000000 65535 f\r'];
    for (const n of nums) lines.push(`${n} 1`, `${String(offsets.get(n)).padStart(10, '0')} 00000 n\r`);
    push(latin1(`${lines.join('\n')}\ntrailer\n<< /Size ${size} /Root ${root}${extra} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`));
  } else {
    const xrefNum = size;
    const xrefAt = pos;
    offsets.set(xrefNum, xrefAt);
    const all = [...nums, xrefNum];
    const rows = Buffer.alloc(all.length * 7);
    all.forEach((n, i) => {
      const c = compressed.get(n);
      rows.writeUInt8(c ? 2 : 1, i * 7);
      rows.writeUInt32BE(c ? c.stream : offsets.get(n)!, i * 7 + 1);
      rows.writeUInt16BE(c ? c.index : 0, i * 7 + 5);
    });
    const index = all.map((n) => `${n} 1`).join(' ');
    push(
      Buffer.concat([
        latin1(`${xrefNum} 0 obj\n<< /Type /XRef /Size ${xrefNum + 1} /W [1 4 2] /Index [${index}] /Root ${root}${extra} /Prev ${prev} /Length ${rows.length} >>\nstream\n`),
        rows,
        latin1(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`),
      ]),
    );
  }
  return Buffer.concat(chunks);
}

/**
 * The issue-11 attack: a second content stream drawn over page 1 ("DIUBAH: Rp 9.999.999.999"),
 * appended as an unsigned incremental update.
 */
export async function redrawFirstPage(pdf: Uint8Array, xref: 'table' | 'stream' = 'table'): Promise<Uint8Array> {
  const [page] = await pageNumbers(pdf);
  const text = await objectText(pdf, page!);
  const overlay = await sizeOf(pdf);
  const contents = /\/Contents\s+(\d+ 0 R|\[[^\]]*\])/.exec(text);
  if (!contents) throw new Error('halaman tanpa /Contents');
  const list = contents[1]!.startsWith('[') ? contents[1]!.slice(1, -1) : contents[1]!;
  const patched = text.replace(contents[0], `/Contents [${list} ${overlay} 0 R]`);
  const draw = Buffer.from('q 1 1 1 rg 40 690 520 40 re f Q BT /F1 16 Tf 50 700 Td (DIUBAH: Rp 9.999.999.999) Tj ET', 'latin1');
  return appendUpdate(pdf, [{ num: page!, text: patched }, { num: overlay, dict: '<< >>', stream: draw }], { xref });
}
