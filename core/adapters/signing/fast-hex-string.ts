/**
 * pdf-lib reads a hex string <…> one byte at a time, appending one character
 * per byte to a growing string; a signature's /Contents is ten thousand to a
 * hundred thousand such bytes, and every PDF the verifier judges is parsed
 * whole (issue 16: a third of the parse of a small submission's PDF). This
 * reads the same bytes at once: the same string (each byte as the character
 * of its code, latin1), the same stream position after it (offset, and the
 * line and column pdf-lib's errors name), the same error at a missing '>'.
 * pdf-lib's own parser is replaced only after both agree on samples with
 * digits, whitespace, newlines, high bytes and an unterminated string — as
 * native-crc32.ts does for yazl — so a pdf-lib that changed underneath keeps
 * its own reading.
 */
import { CharCodes, PDFContext, PDFHexString, PDFObjectParser } from 'pdf-lib';

/** The fields of pdf-lib's ByteStream the original loop reads and moves (public in its JavaScript). */
interface StreamState {
  idx: number;
  line: number;
  column: number;
  bytes: Uint8Array;
  length: number;
  assertNext(expected: number): number;
}

type ParseHexString = (this: PDFObjectParser) => PDFHexString;

function streamOf(parser: PDFObjectParser): StreamState {
  return (parser as unknown as { bytes: StreamState }).bytes;
}

/** pdf-lib's PDFObjectParser.parseHexString, the bytes taken at once. */
export const fastParseHexString: ParseHexString = function (this: PDFObjectParser): PDFHexString {
  const stream = streamOf(this);
  stream.assertNext(CharCodes.LessThan);
  const { bytes } = stream;
  const start = stream.idx;
  const found = bytes.indexOf(CharCodes.GreaterThan, start);
  const end = found === -1 || found > stream.length ? stream.length : found;
  let lastNewline = -1;
  let newlines = 0;
  for (let at = bytes.indexOf(CharCodes.Newline, start); at !== -1 && at < end; at = bytes.indexOf(CharCodes.Newline, at + 1)) {
    newlines += 1;
    lastNewline = at;
  }
  if (newlines === 0) stream.column += end - start;
  else {
    stream.line += newlines;
    stream.column = end - lastNewline - 1;
  }
  stream.idx = end;
  const value = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  stream.assertNext(CharCodes.GreaterThan);
  return PDFHexString.of(value);
};

const proto = PDFObjectParser.prototype as unknown as { parseHexString: ParseHexString };
/** pdf-lib's own, kept for the agreement check and the tests. */
export const pdfLibParseHexString: ParseHexString = proto.parseHexString;

/** What one parser makes of `bytes`: the string or the error, and where the stream stands after. */
export function hexStringReading(parse: ParseHexString, bytes: Uint8Array): { value: string | null; error: string | null; at: [number, number, number] } {
  const parser = PDFObjectParser.forBytes(bytes, PDFContext.create());
  let value: string | null = null;
  let error: string | null = null;
  try {
    value = parse.call(parser).asString();
  } catch (err) {
    error = `${(err as Error).constructor.name}: ${(err as Error).message}`;
  }
  const stream = streamOf(parser);
  return { value, error, at: [stream.idx, stream.line, stream.column] };
}

const samples = ['<48656C6C6F>', '<>', '< 4 8\n65\r\n6C\n>rest', '<3082\n\n0A>', '<abc', '<\n\n', '<\u00ff\u0080\u0000z>', 'x<00>'];

let isInstalled = false;

/** Points pdf-lib's hex string parsing at fastParseHexString, if both read every sample alike. */
export function useFastHexStrings(): boolean {
  if (isInstalled) return true;
  if (typeof pdfLibParseHexString !== 'function') return false;
  const agrees = samples.every((text) => {
    const bytes = new Uint8Array(Buffer.from(text, 'latin1'));
    return JSON.stringify(hexStringReading(fastParseHexString, bytes)) === JSON.stringify(hexStringReading(pdfLibParseHexString, bytes));
  });
  if (!agrees) return false;
  proto.parseHexString = fastParseHexString;
  isInstalled = true;
  return true;
}
