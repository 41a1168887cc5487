import chardet from "chardet";
import iconv from "iconv-lite";
import { z } from "zod";
import { ENCODINGS, EncodingSchema, type Encoding } from "./import-settings";

export const DecodedFileSchema = z.object({
  text: z.string().meta({ description: "The file's text, without a byte order mark" }),
  encoding: EncodingSchema,
  hasBom: z.boolean(),
});
export type DecodedFile = z.infer<typeof DecodedFileSchema>;

const BOMS: readonly { encoding: Encoding; bytes: readonly number[] }[] = [
  { encoding: "utf-8", bytes: [0xef, 0xbb, 0xbf] },
  { encoding: "utf-16le", bytes: [0xff, 0xfe] },
  { encoding: "utf-16be", bytes: [0xfe, 0xff] },
];

/** Single-byte code pages chardet may choose from, in the order we prefer when it scores two the same. */
const SINGLE_BYTE: readonly Encoding[] = ENCODINGS.filter((name) => !name.startsWith("utf-"));
/** A Western European bank's "ANSI" export; decodes every byte, and is a superset of ISO-8859-1's text. */
const FALLBACK: Encoding = "windows-1252";

function bomOf(bytes: Uint8Array): (typeof BOMS)[number] | undefined {
  return BOMS.find((bom) => bom.bytes.every((byte, i) => bytes[i] === byte));
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Text never holds NUL, so NULs in every other byte are UTF-16 without a BOM (seen from some banks). */
function utf16WithoutBom(bytes: Uint8Array): Encoding | undefined {
  const pairs = Math.floor(bytes.length / 2);
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.02) return "utf-16le";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.02) return "utf-16be";
  return undefined;
}

/** chardet's evidence: every line holding a non-ASCII byte, from the whole file (ASCII lines say nothing). */
const EVIDENCE_BYTES = 64 * 1024;

function nonAsciiLines(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let lineStart = 0;
  let hasHigh = false;
  for (let i = 0; i <= bytes.length && total < EVIDENCE_BYTES; i++) {
    const byte = bytes[i];
    if (i === bytes.length || byte === 0x0a) {
      if (hasHigh) {
        parts.push(bytes.subarray(lineStart, i + 1));
        total += i + 1 - lineStart;
      }
      lineStart = i + 1;
      hasHigh = false;
    } else if (byte !== undefined && byte >= 0x80) {
      hasHigh = true;
    }
  }
  return Buffer.concat(parts);
}

function guessSingleByte(bytes: Uint8Array): Encoding {
  const ranked = chardet
    .analyse(nonAsciiLines(bytes))
    .map((match) => ({ confidence: match.confidence, index: SINGLE_BYTE.findIndex((name) => name === match.name.toLowerCase()) }))
    .filter((match) => match.index >= 0)
    .sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  const best = ranked[0];
  return best ? (SINGLE_BYTE[best.index] ?? FALLBACK) : FALLBACK;
}

/**
 * Bytes to text. With `encoding` (the user's choice in the preview) that encoding is used. Otherwise, from the
 * WHOLE file, never a first line (an export is ASCII until the first "Müller" on line 500):
 * 1. a byte order mark decides (UTF-8, UTF-16 LE/BE); it is removed from the text;
 * 2. NULs in every other byte mean UTF-16 without a BOM;
 * 3. bytes that are valid UTF-8 from start to end are UTF-8 (plain ASCII included): a legacy code page almost
 *    never forms valid multi-byte sequences by chance, so this test has no false positives in practice;
 * 4. anything else is a single-byte code page: chardet, shown every line of the file that holds a non-ASCII
 *    byte (the only evidence there is; up to 64 KB of such lines), picks its best-scoring candidate among windows-1252,
 *    ISO-8859-1/15 and the other European/Cyrillic pages we support, ties broken in that order, windows-1252
 *    when chardet has no opinion (it decodes every byte).
 */
export function decodeFile(bytes: Uint8Array, encoding?: Encoding): DecodedFile {
  const bom = bomOf(bytes);
  const chosen =
    encoding ?? bom?.encoding ?? utf16WithoutBom(bytes) ?? (isValidUtf8(bytes) ? "utf-8" : guessSingleByte(bytes));
  const hasBom = bom !== undefined && bom.encoding === chosen;
  const body = hasBom ? bytes.subarray(bom.bytes.length) : bytes;
  return { text: iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), chosen, { stripBOM: false }), encoding: chosen, hasBom };
}
