/**
 * What the revisions after a signature changed, classified the way pyHanko's
 * difference analysis and Acrobat's "changes since signing" judge incremental
 * updates: the objects the signed revision resolves to are compared with the
 * objects the whole file resolves to (both through their cross-reference
 * chains), and every difference must be explained by a permitted kind of
 * change — a further signature, validation data, form filling, annotations —
 * or it is "other": the document itself was changed after signing.
 *
 * New objects need no judgement of their own: nothing shows them unless an
 * existing object (or the trailer) is changed to refer to them, and that change
 * is what gets classified.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import type { ChangeAfterSigning, ModificationLevel } from '../../domain/signing/verification';
import { indexOf } from './pdf-bytes';
import { PdfStructureError, RevisionReader, lastStartxref, readRevisionState, type PdfRevisionState, type XrefEntry } from './pdf-revisions';

const N = (name: string) => PDFName.of(name);
type Level = Exclude<ModificationLevel, 'none'>;
/** More than any real update touches; a longer list only repeats itself. */
const MAX_REPORTED = 25;

function nameIn(dict: PDFDict | null, key: string): string | null {
  const v = dict?.get(N(key));
  return v instanceof PDFName ? v.decodeText() : null;
}

function isSameValue(a: PDFObject | null, b: PDFObject | null): boolean {
  if (a === null || b === null) return a === b;
  if (a instanceof PDFRawStream || b instanceof PDFRawStream) {
    return a instanceof PDFRawStream && b instanceof PDFRawStream && a.dict.toString() === b.dict.toString() && Buffer.from(a.contents).equals(Buffer.from(b.contents));
  }
  return a.toString() === b.toString();
}

function isSameEntry(a: XrefEntry | undefined, b: XrefEntry | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'offset' && b.kind === 'offset') return a.offset === b.offset;
  if (a.kind === 'compressed' && b.kind === 'compressed') return a.stream === b.stream && a.index === b.index;
  return a.kind === b.kind;
}

function dictOf(obj: PDFObject | null): PDFDict | null {
  if (obj instanceof PDFDict) return obj;
  return obj instanceof PDFRawStream ? obj.dict : null;
}

function keysOf(dict: PDFDict | null): Set<string> {
  return new Set(dict ? dict.keys().map((k) => k.decodeText()) : []);
}

/** Keys whose values differ between two dictionaries (added, removed or changed). */
function changedKeys(before: PDFDict | null, after: PDFDict | null): string[] {
  const keys = new Set([...keysOf(before), ...keysOf(after)]);
  return [...keys].filter((k) => !isSameValue(before?.get(N(k)) ?? null, after?.get(N(k)) ?? null)).sort();
}

function refsIn(obj: PDFObject | null): string[] {
  return obj instanceof PDFArray ? obj.asArray().map((x) => x.toString()) : [];
}

interface FieldInfo {
  name: string;
  isSignature: boolean;
  hasValue: boolean;
}

interface AnnotInfo {
  page: number;
  subtype: string;
}

/** Who is who in one revision: the objects a change is judged by. */
interface Roles {
  rootNum: number | null;
  pages: Map<number, number>;
  pageNodes: Set<number>;
  contents: Map<number, number>;
  annotArrays: Map<number, number>;
  annots: Map<number, AnnotInfo>;
  acroFormNum: number | null;
  fieldArrays: Set<number>;
  fields: Map<number, FieldInfo>;
  signatureDicts: Map<number, string>;
  appearances: Map<number, number>;
  validationData: Set<number>;
  infoNum: number | null;
  metadataNum: number | null;
}

function refNum(obj: PDFObject | undefined): number | null {
  return obj instanceof PDFRef ? obj.objectNumber : null;
}

function collectRoles(reader: RevisionReader): Roles {
  const roles: Roles = {
    rootNum: refNum(reader.state.trailer.get(N('Root'))),
    pages: new Map(),
    pageNodes: new Set(),
    contents: new Map(),
    annotArrays: new Map(),
    annots: new Map(),
    acroFormNum: null,
    fieldArrays: new Set(),
    fields: new Map(),
    signatureDicts: new Map(),
    appearances: new Map(),
    validationData: new Set(),
    infoNum: refNum(reader.state.trailer.get(N('Info'))),
    metadataNum: null,
  };
  const catalog = reader.dict(reader.state.trailer.get(N('Root')));
  if (!catalog) return roles;
  roles.metadataNum = refNum(catalog.get(N('Metadata')));

  const noteAppearances = (owner: number, annot: PDFDict) => {
    const apRef = annot.get(N('AP'));
    const ap = reader.dict(apRef);
    const apNum = refNum(apRef);
    if (apNum !== null) roles.appearances.set(apNum, owner);
    for (const key of ['N', 'R', 'D']) {
      const entry = ap?.get(N(key));
      const num = refNum(entry);
      if (num !== null) roles.appearances.set(num, owner);
      const states = reader.deref(entry);
      if (states instanceof PDFDict) for (const [, v] of states.entries()) if (refNum(v) !== null) roles.appearances.set(refNum(v)!, owner);
    }
  };

  // Pages, their content streams and annotations.
  let pageIndex = 0;
  const visitPages = (obj: PDFObject | undefined, depth: number) => {
    const num = refNum(obj);
    const node = reader.dict(obj);
    if (!node || depth > 64 || (num !== null && (roles.pageNodes.has(num) || roles.pages.has(num)))) return;
    if (nameIn(node, 'Type') === 'Pages' || node.get(N('Kids'))) {
      if (num !== null) roles.pageNodes.add(num);
      const kids = reader.deref(node.get(N('Kids')));
      if (kids instanceof PDFArray) for (const kid of kids.asArray()) visitPages(kid, depth + 1);
      return;
    }
    pageIndex += 1;
    if (num !== null) roles.pages.set(num, pageIndex);
    const contents = node.get(N('Contents'));
    const contentNums = [refNum(contents), ...refsOfArray(reader, contents)].filter((n): n is number => n !== null);
    for (const n of contentNums) roles.contents.set(n, pageIndex);
    const annotsEntry = node.get(N('Annots'));
    if (refNum(annotsEntry) !== null) roles.annotArrays.set(refNum(annotsEntry)!, pageIndex);
    const annots = reader.deref(annotsEntry);
    if (annots instanceof PDFArray) {
      for (const a of annots.asArray()) {
        const an = refNum(a);
        const annot = reader.dict(a);
        if (an === null || !annot) continue;
        roles.annots.set(an, { page: pageIndex, subtype: nameIn(annot, 'Subtype') ?? '?' });
        noteAppearances(an, annot);
      }
    }
  };
  visitPages(catalog.get(N('Pages')), 0);

  // The form: fields, their widgets, signature dictionaries.
  const acroFormEntry = catalog.get(N('AcroForm'));
  roles.acroFormNum = refNum(acroFormEntry);
  const acroForm = reader.dict(acroFormEntry);
  const fieldsEntry = acroForm?.get(N('Fields'));
  if (refNum(fieldsEntry) !== null) roles.fieldArrays.add(refNum(fieldsEntry)!);
  const visitField = (obj: PDFObject, parentName: string, inheritedFt: string | null, depth: number) => {
    const num = refNum(obj);
    const field = reader.dict(obj);
    if (num === null || !field || depth > 32 || roles.fields.has(num)) return;
    const partial = field.get(N('T'));
    const text = partial && 'decodeText' in partial ? (partial as { decodeText(): string }).decodeText() : null;
    const name = text === null ? parentName : parentName ? `${parentName}.${text}` : text;
    const ft = nameIn(field, 'FT') ?? inheritedFt;
    const value = field.get(N('V'));
    roles.fields.set(num, { name: name || `objek ${num}`, isSignature: ft === 'Sig', hasValue: value !== undefined });
    if (ft === 'Sig' && refNum(value) !== null) roles.signatureDicts.set(refNum(value)!, name);
    noteAppearances(num, field);
    const kidsEntry = field.get(N('Kids'));
    if (refNum(kidsEntry) !== null) roles.fieldArrays.add(refNum(kidsEntry)!);
    const kids = reader.deref(kidsEntry);
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) visitField(kid, name, ft, depth + 1);
  };
  const fields = reader.deref(fieldsEntry);
  if (fields instanceof PDFArray) for (const f of fields.asArray()) visitField(f, '', null, 0);

  // Validation data (DSS) and what it holds: certificates, OCSP responses, CRLs, VRI.
  const visitValidation = (obj: PDFObject | undefined, depth: number) => {
    const num = refNum(obj);
    if (depth > 4 || (num !== null && roles.validationData.has(num))) return;
    if (num !== null) roles.validationData.add(num);
    const value = reader.deref(obj);
    if (value instanceof PDFArray) for (const x of value.asArray()) visitValidation(x, depth + 1);
    else if (value instanceof PDFDict) for (const [, x] of value.entries()) visitValidation(x, depth + 1);
  };
  visitValidation(catalog.get(N('DSS')), 0);
  return roles;
}

function refsOfArray(reader: RevisionReader, obj: PDFObject | undefined): (number | null)[] {
  const arr = reader.deref(obj);
  return arr instanceof PDFArray ? arr.asArray().map(refNum) : [];
}

/** The state of the revision a signature's byte range ends with, and whether it is a revision end at all. */
function signedRevision(bytes: Uint8Array, signedLength: number): PdfRevisionState {
  return readRevisionState(bytes.subarray(0, signedLength));
}

class ChangeList {
  readonly items: ChangeAfterSigning[] = [];
  private readonly seen = new Set<string>();
  private hidden = 0;

  add(level: Level, description: string): void {
    const key = `${level}|${description}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.items.length < MAX_REPORTED || level === 'other') this.items.push({ level, description });
    else this.hidden += 1;
  }

  done(): ChangeAfterSigning[] {
    if (this.hidden > 0) this.items.push({ level: highest(this.items), description: `dan ${this.hidden} perubahan lain` });
    return this.items;
  }
}

function highest(items: ChangeAfterSigning[]): Level {
  const order: Level[] = ['lta', 'signatures', 'form-filling', 'annotations', 'other'];
  return items.reduce<Level>((top, c) => (order.indexOf(c.level) > order.indexOf(top) ? c.level : top), 'lta');
}

export interface RevisionLayout {
  /** Offsets where each revision ends (just past its %%EOF and line end), oldest first. */
  ends: number[];
  final: RevisionReader;
}

/** Where the file's revisions end, following the final cross-reference chain. */
export function readLayout(bytes: Uint8Array): RevisionLayout {
  const state = readRevisionState(bytes);
  const ends = state.sections
    .map((s) => revisionEndAfter(bytes, s.offset))
    .filter((e): e is number => e !== null)
    .sort((a, b) => a - b);
  return { ends: [...new Set(ends)], final: new RevisionReader(state) };
}

function revisionEndAfter(bytes: Uint8Array, from: number): number | null {
  const eof = indexOf(bytes, '%%EOF', from);
  if (eof < 0) return null;
  let end = eof + 5;
  while (end < bytes.length && (bytes[end] === 0x0d || bytes[end] === 0x0a) && end - eof < 7) end++;
  return end;
}

/** 1-based revision whose end is `signedLength` (line ends after %%EOF may or may not be signed). */
export function revisionNumberOf(layout: RevisionLayout, signedLength: number): number | null {
  const index = layout.ends.findIndex((end) => signedLength <= end && signedLength >= end - 2);
  return index < 0 ? null : index + 1;
}

/**
 * The changes made after a signature whose byte range ends at `signedLength`.
 * An unreadable structure after the signature is itself a change of level "other".
 */
export function changesAfterSignature(bytes: Uint8Array, signedLength: number, layout: RevisionLayout): ChangeAfterSigning[] {
  const list = new ChangeList();
  const rest = Buffer.from(bytes.subarray(signedLength)).toString('latin1');
  if (rest.trim() === '') return [];
  let signed: PdfRevisionState;
  try {
    signed = signedRevision(bytes, signedLength);
  } catch (err) {
    list.add('other', `revisi yang ditandatangani tidak dapat dibaca (${err instanceof PdfStructureError ? err.message : 'struktur rusak'})`);
    return list.done();
  }
  const final = layout.final;
  const lastEnd = layout.ends[layout.ends.length - 1] ?? bytes.length;
  if (Buffer.from(bytes.subarray(lastEnd)).toString('latin1').trim() !== '') {
    list.add('other', 'ada data di akhir berkas di luar revisi PDF mana pun');
  }
  // The final chain must lead back to the signed revision, and nothing newer may sit inside the signed bytes.
  const signedTop = signed.sections[0]!.offset;
  const newer = final.state.sections.filter((s) => s.offset >= signedLength);
  const isLinked = final.state.sections.some((s) => s.offset === signedTop) && final.state.sections.slice(0, newer.length).every((s) => s.offset >= signedLength);
  if (!isLinked || lastStartxref(bytes) < signedLength) {
    list.add('other', 'riwayat revisi tidak menyambung ke revisi yang ditandatangani (tabel referensi diganti)');
    return list.done();
  }
  for (const section of newer) {
    for (const [num, entry] of section.entries) {
      if (entry.kind === 'offset' && entry.offset < signedLength && num !== 0) {
        list.add('other', `objek ${num} dialihkan ke bait yang sudah ditandatangani (pola "sembunyikan lalu ganti")`);
      }
    }
  }
  if (!isSameValue(signed.trailer.get(N('Root')) ?? null, final.state.trailer.get(N('Root')) ?? null)) {
    list.add('other', 'katalog dokumen (/Root) diganti');
  }
  if (!isSameValue(signed.trailer.get(N('Encrypt')) ?? null, final.state.trailer.get(N('Encrypt')) ?? null)) {
    list.add('other', 'enkripsi dokumen diubah');
  }
  if (!isSameValue(signed.trailer.get(N('Info')) ?? null, final.state.trailer.get(N('Info')) ?? null)) {
    list.add('lta', 'info dokumen diperbarui');
  }

  const before = new RevisionReader(signed);
  const changed: number[] = [];
  const nums = new Set([...signed.entries.keys(), ...final.state.entries.keys()]);
  for (const num of nums) {
    const a = signed.entries.get(num);
    const b = final.state.entries.get(num);
    if (isSameEntry(a, b)) continue;
    if (a === undefined || a.kind === 'free') continue; // a new object: judged through what refers to it
    if (!isSameValue(before.object(num), final.object(num))) changed.push(num);
  }
  if (changed.length > 0) classify(changed, before, final, list);
  return list.done();
}

function classify(changed: number[], before: RevisionReader, after: RevisionReader, list: ChangeList): void {
  const old = collectRoles(before);
  const now = collectRoles(after);
  const fieldName = (num: number) => now.fields.get(num)?.name ?? old.fields.get(num)?.name ?? `objek ${num}`;

  const judgeNewFields = (beforeList: string[], afterList: string[]) => {
    for (const ref of beforeList) if (!afterList.includes(ref)) list.add('other', `bidang formulir ${fieldName(Number(ref.split(' ')[0]))} dihapus`);
    for (const ref of afterList) {
      if (beforeList.includes(ref)) continue;
      const num = Number(ref.split(' ')[0]);
      const info = now.fields.get(num);
      if (!info) list.add('other', `bidang formulir tak dikenal (objek ${num}) ditambahkan`);
      else if (!info.isSignature) list.add('other', `bidang formulir baru "${info.name}" ditambahkan`);
      else if (info.hasValue) list.add(isDocTimestamp(after, num) ? 'lta' : 'signatures', `tanda tangan berikutnya ditambahkan (bidang "${info.name}")`);
      else list.add('annotations', `bidang tanda tangan kosong "${info.name}" ditambahkan`);
    }
  };

  const judgeAnnots = (page: number, beforeList: string[], afterList: string[]) => {
    for (const ref of beforeList) {
      if (afterList.includes(ref)) continue;
      const num = Number(ref.split(' ')[0]);
      const info = old.annots.get(num);
      if (!info || info.subtype === 'Widget') list.add('other', `widget formulir dihapus dari halaman ${page}`);
      else list.add('annotations', `anotasi ${info.subtype} dihapus dari halaman ${page}`);
    }
    for (const ref of afterList) {
      if (beforeList.includes(ref)) continue;
      const num = Number(ref.split(' ')[0]);
      const info = now.annots.get(num);
      const field = now.fields.get(num);
      if (!info) list.add('other', `isi /Annots halaman ${page} bukan anotasi`);
      else if (info.subtype !== 'Widget') list.add('annotations', `anotasi ${info.subtype} ditambahkan pada halaman ${page}`);
      else if (field?.isSignature && field.hasValue) list.add('signatures', `tampilan tanda tangan "${field.name}" ditambahkan pada halaman ${page}`);
      else if (field?.isSignature) list.add('annotations', `bidang tanda tangan kosong "${field.name}" ditambahkan pada halaman ${page}`);
      else list.add('other', `widget formulir baru ditambahkan pada halaman ${page}`);
    }
  };

  const judgeAcroForm = (a: PDFDict | null, b: PDFDict | null) => {
    for (const key of changedKeys(a, b)) {
      if (key === 'Fields') judgeNewFields(refsIn(before.deref(a?.get(N('Fields')))), refsIn(after.deref(b?.get(N('Fields')))));
      else if (key === 'SigFlags') list.add('signatures', 'tanda tangan formulir diaktifkan (/SigFlags)');
      else if (key === 'DR' || key === 'DA' || key === 'NeedAppearances') list.add('form-filling', `sumber daya formulir diubah (/${key})`);
      else list.add('other', `formulir dokumen diubah (/${key})`);
    }
  };

  for (const num of changed) {
    const a = before.object(num);
    const b = after.object(num);
    const da = dictOf(a);
    const db = dictOf(b);
    if (b === null) {
      if (old.annots.has(num) && old.annots.get(num)!.subtype !== 'Widget') list.add('annotations', `anotasi dihapus dari halaman ${old.annots.get(num)!.page}`);
      else list.add('other', `objek ${num}${describeObject(a)} dihapus`);
      continue;
    }
    if (num === now.rootNum) {
      for (const key of changedKeys(da, db)) {
        if (key === 'DSS' || key === 'Extensions') list.add('lta', key === 'DSS' ? 'data validasi jangka panjang (DSS) ditambahkan' : 'deklarasi ekstensi PDF diperbarui');
        else if (key === 'AcroForm') {
          const wasRef = refNum(da?.get(N('AcroForm')));
          const isRef = refNum(db?.get(N('AcroForm')));
          if (wasRef !== null && wasRef === isRef) continue;
          judgeAcroForm(before.dict(da?.get(N('AcroForm'))), after.dict(db?.get(N('AcroForm'))));
        } else if (key === 'Metadata') list.add('form-filling', 'metadata XMP dokumen diganti');
        else list.add('other', `katalog dokumen diubah (/${key})`);
      }
    } else if (num === now.acroFormNum) {
      judgeAcroForm(da, db);
    } else if (now.fieldArrays.has(num)) {
      judgeNewFields(refsIn(a), refsIn(b));
    } else if (now.pages.has(num)) {
      const page = now.pages.get(num)!;
      for (const key of changedKeys(da, db)) {
        if (key === 'Annots' && refNum(da?.get(N('Annots'))) === null && refNum(db?.get(N('Annots'))) === null) {
          judgeAnnots(page, refsIn(da?.get(N('Annots')) ?? null), refsIn(db?.get(N('Annots')) ?? null));
        } else if (key === 'Annots') {
          judgeAnnots(page, refsIn(before.deref(da?.get(N('Annots')))), refsIn(after.deref(db?.get(N('Annots')))));
        } else list.add('other', key === 'Contents' || key === 'Resources' ? `isi halaman ${page} diubah` : `halaman ${page} diubah (/${key})`);
      }
    } else if (now.annotArrays.has(num)) {
      judgeAnnots(now.annotArrays.get(num)!, refsIn(a), refsIn(b));
    } else if (now.pageNodes.has(num) || old.pageNodes.has(num)) {
      list.add('other', 'susunan halaman diubah (halaman ditambah, dihapus atau ditukar)');
    } else if (now.contents.has(num) || old.contents.has(num)) {
      list.add('other', `isi halaman ${now.contents.get(num) ?? old.contents.get(num)} diubah`);
    } else if (now.signatureDicts.has(num) || old.signatureDicts.has(num)) {
      list.add('other', `kamus tanda tangan "${now.signatureDicts.get(num) ?? old.signatureDicts.get(num)}" diubah`);
    } else if (now.fields.has(num) && old.fields.has(num)) {
      judgeField(num, da, db);
    } else if (now.annots.has(num) && old.annots.has(num)) {
      const info = now.annots.get(num)!;
      if (info.subtype === 'Widget') list.add('other', `widget formulir pada halaman ${info.page} diubah`);
      else list.add('annotations', `anotasi ${info.subtype} pada halaman ${info.page} diubah`);
    } else if (now.appearances.has(num) && old.appearances.get(num) === now.appearances.get(num)) {
      const owner = now.appearances.get(num)!;
      const field = now.fields.get(owner);
      if (field?.isSignature) list.add(old.fields.get(owner)?.hasValue ? 'other' : 'signatures', `tampilan bidang tanda tangan "${field.name}" diisi`);
      else if (field) list.add('form-filling', `tampilan isian "${field.name}" diubah`);
      else list.add('annotations', `tampilan anotasi pada halaman ${now.annots.get(owner)?.page ?? '?'} diubah`);
    } else if (now.validationData.has(num)) {
      list.add('lta', 'data validasi jangka panjang (DSS) diperbarui');
    } else if (num === now.infoNum) {
      list.add('lta', 'info dokumen diperbarui');
    } else if (num === now.metadataNum) {
      list.add('form-filling', 'metadata XMP dokumen diubah');
    } else {
      list.add('other', `objek ${num}${describeObject(a)} diubah`);
    }
  }

  function judgeField(num: number, da: PDFDict | null, db: PDFDict | null): void {
    const was = old.fields.get(num)!;
    const name = was.name;
    for (const key of changedKeys(da, db)) {
      if (was.isSignature) {
        if (key === 'V') list.add(was.hasValue ? 'other' : 'signatures', was.hasValue ? `tanda tangan pada bidang "${name}" diganti` : `bidang tanda tangan "${name}" ditandatangani`);
        else if (key === 'AP' || key === 'AS' || key === 'F' || key === 'MK') list.add(was.hasValue ? 'other' : 'signatures', `tampilan bidang tanda tangan "${name}" diisi`);
        else list.add('other', `bidang tanda tangan "${name}" diubah (/${key})`);
      } else if (key === 'V' || key === 'AS' || key === 'AP') {
        list.add('form-filling', `isian "${name}" diubah`);
      } else {
        list.add('other', `bidang formulir "${name}" diubah (/${key})`);
      }
    }
  }
}

function isDocTimestamp(reader: RevisionReader, fieldNum: number): boolean {
  const field = dictOf(reader.object(fieldNum));
  return nameIn(reader.dict(field?.get(N('V'))), 'Type') === 'DocTimeStamp';
}

function describeObject(obj: PDFObject | null): string {
  const dict = dictOf(obj);
  const type = nameIn(dict, 'Type');
  const subtype = nameIn(dict, 'Subtype');
  const parts = [type, subtype].filter(Boolean).map((p) => `/${p}`);
  if (obj instanceof PDFRawStream && parts.length === 0) parts.push('aliran data');
  if (obj instanceof PDFNumber) parts.push('angka');
  return parts.length ? ` (${parts.join(' ')})` : '';
}
