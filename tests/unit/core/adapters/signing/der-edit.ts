/**
 * Edits DER as a tree, re-encoding the lengths on the way out: how the PKCS#12
 * tests turn openssl's files into hostile ones (a count of 2x10^9, a hundred
 * certificates, nested bags) without an encoder of their own for each case.
 */
import { readNode } from '../../../../../core/adapters/signing/der';

export interface Tree {
  tag: number;
  /** Present for constructed nodes. */
  children?: Tree[];
  /** Present for primitive nodes. */
  content?: Uint8Array;
}

export function decode(bytes: Uint8Array): Tree {
  const node = readNode(bytes, 0, bytes.length);
  if (!node.isConstructed) return { tag: node.tag, content: node.content };
  const children: Tree[] = [];
  for (let p = 0; p < node.content.length; ) {
    const child = readNode(node.content, p, node.content.length);
    children.push(decode(node.content.subarray(p, child.end)));
    p = child.end;
  }
  return { tag: node.tag, children };
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n % 256);
  return [0x80 | out.length, ...out];
}

export function encode(tree: Tree): Uint8Array {
  const body = tree.children ? Buffer.concat(tree.children.map(encode)) : Buffer.from(tree.content ?? new Uint8Array(0));
  return new Uint8Array(Buffer.concat([Buffer.from([tree.tag, ...lengthBytes(body.length)]), body]));
}

/** The node at `path` (child indexes from the root). */
export function at(tree: Tree, ...path: number[]): Tree {
  let node = tree;
  for (const i of path) {
    const next = node.children?.[i];
    if (!next) throw new Error(`no child ${i} on the path ${path.join('/')}`);
    node = next;
  }
  return node;
}

/** A DER INTEGER holding `value` (two's complement, minimal). */
export function integerNode(value: bigint): Tree {
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v !== 0n && v !== -1n);
  if (value >= 0n && ((bytes[0] as number) & 0x80) !== 0) bytes.unshift(0);
  if (value < 0n && ((bytes[0] as number) & 0x80) === 0) bytes.unshift(0xff);
  return { tag: 0x02, content: new Uint8Array(bytes) };
}

/** Replaces the DER held by the OCTET STRING `holder` with `edit` applied to its tree. */
export function editInner(holder: Tree, edit: (inner: Tree) => void): void {
  const inner = decode(holder.content as Uint8Array);
  edit(inner);
  holder.content = encode(inner);
}
