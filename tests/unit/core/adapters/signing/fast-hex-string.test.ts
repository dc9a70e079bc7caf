/**
 * The verifier's hex string parsing (fast-hex-string.ts) reads what pdf-lib's
 * own reads: the same string, the same stream position (offset, line,
 * column), the same error, for well-formed and hostile hex strings alike; and
 * a whole signed PDF parses to the same objects either way.
 */
import { PDFDocument, PDFObjectParser } from "pdf-lib";
import {
  fastParseHexString,
  hexStringReading,
  pdfLibParseHexString,
  useFastHexStrings,
} from "../../../../../core/adapters/signing/fast-hex-string";
import { fixture } from "../../../../integration/helpers/server-client";

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
const same = (bytes: Uint8Array) =>
  expect(hexStringReading(fastParseHexString, bytes)).toEqual(
    hexStringReading(pdfLibParseHexString, bytes),
  );

describe("fastParseHexString", () => {
  it.each(
    [
      "<>",
      "<0>",
      "<48656C6C6F>",
      "<48656c6c6f> 0 obj",
      `<${"3082".repeat(8000)}>`,
      "<30 82\n03\r\n\tA1\n>",
      "<\n>",
      "<\n\n\n>\n",
      "<30820>\n<00>",
      "<zz-+ ~é>",
      "<3082",
      "<3082\n",
      "<",
      ">",
      "x<00>",
      "<\u0000\u00ff\u0080>",
    ].map((text, i) => [i, text] as const),
  )("reads sample %d as pdf-lib does", (_i, text) => same(bytesOf(text)));

  it("reads random strings over digits, newlines, whitespace, brackets and high bytes as pdf-lib does", () => {
    const alphabet = "0123456789abcdefABCDEF \n\r\t<>z\u00e9\u0000\u00ff";
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 400; i++) {
      const body = Array.from(
        { length: next() % 60 },
        () => alphabet[next() % alphabet.length],
      ).join("");
      same(bytesOf(`<${body}`));
    }
  });

  it("reads from a stream over part of a larger buffer (an object stream) as pdf-lib does", () => {
    const whole = bytesOf("junk<4142\n43>junk");
    same(whole.subarray(4, 13));
  });

  it("is installed in place of pdf-lib’s own, and a signed PDF parses to the same objects", async () => {
    const pdf = fixture("signed.pdf");
    const proto = PDFObjectParser.prototype as unknown as {
      parseHexString: unknown;
    };
    const load = async () => {
      const doc = await PDFDocument.load(pdf, {
        updateMetadata: false,
        ignoreEncryption: true,
        throwOnInvalidObject: false,
      });
      return doc.context
        .enumerateIndirectObjects()
        .map(([ref, obj]) => `${ref.toString()} ${obj.toString()}`);
    };
    const installed = proto.parseHexString;
    proto.parseHexString = pdfLibParseHexString;
    const asPdfLib = await load();
    proto.parseHexString = installed;
    expect(useFastHexStrings()).toBe(true);
    expect(proto.parseHexString).toBe(fastParseHexString);
    expect(await load()).toEqual(asPdfLib);
    expect(
      asPdfLib.some((o) => /\/Contents <[0-9A-Fa-f]{1000,}>/.test(o)),
    ).toBe(true);
  });
});
