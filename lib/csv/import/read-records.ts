import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { Delimiter } from "./import-settings";
import { LineSchema } from "./row-result";

/** One CSV record with the physical line it starts on; `unreadable` says why the rest of the file is not. */
export const FileRecordSchema = z.object({
  line: LineSchema,
  cells: z.array(z.string()),
  unreadable: z.string().optional(),
});
export type FileRecord = z.infer<typeof FileRecordSchema>;

/** Text per csv-parse call, growing from a small first chunk (a peek at line 1 stays cheap) to a flat maximum. */
const FIRST_CHUNK_BYTES = 16 * 1024;
const MAX_CHUNK_BYTES = 256 * 1024;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

type RecordDelimiter = string | string[];

/**
 * The line ending(s) to split records on. One kind is the fast path; a file that mixes them (concatenated
 * exports, or Excel's LF inside cells between CRLF rows) gets all three, so every row still splits.
 */
function lineEndings(text: string): RecordDelimiter {
  if (!text.includes("\r")) return "\n";
  if (!/\r(?!\n)|(?<!\r)\n/.test(text)) return "\r\n";
  return ["\r\n", "\n", "\r"];
}

/**
 * Index just past the first line break at or after `target` that lies outside a quoted field (RFC 4180
 * quoting as csv-parse reads it with relax_quotes: a quote opens a field only at its start), or the end.
 * UTF-8 never has 0x0A, 0x0D or 0x22 inside a multi-byte character, so bytes can be scanned directly.
 */
function cutOutsideQuotes(bytes: Uint8Array, start: number, target: number, delimiter: number, isCrlfOnly: boolean): number {
  let inQuotes = false;
  let atFieldStart = true;
  for (let i = start; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inQuotes) {
      if (byte !== QUOTE) continue;
      if (bytes[i + 1] === QUOTE) i++;
      else inQuotes = false;
      atFieldStart = false;
    } else if (byte === QUOTE && atFieldStart) {
      inQuotes = true;
    } else if (isCrlfOnly ? byte === CR && bytes[i + 1] === LF : byte === LF || byte === CR) {
      const end = byte === CR && bytes[i + 1] === LF ? i + 2 : i + 1;
      if (i >= target) return end;
      i = end - 1;
      atFieldStart = true;
    } else {
      atFieldStart = byte === delimiter;
    }
  }
  return bytes.length;
}

const breaksIn = (cell: string) => cell.match(/\r\n|\r|\n/g)?.length ?? 0;
const isOpenQuote = (error: unknown) => error instanceof Error && "code" in error && error.code === "CSV_QUOTE_NOT_CLOSED";

function parseChunk(chunk: Uint8Array, delimiter: Delimiter, recordDelimiter: RecordDelimiter, isLast: boolean): { records: string[][]; isOpen: boolean } {
  const options = {
    delimiter,
    // Banks put quotes inside unquoted fields (`Kauf "Markt" 12`): keep them as text instead of failing.
    relax_quotes: true,
    relax_column_count: true,
    // Blank lines come back as [""] so that lines can be counted from the records alone.
    skip_empty_lines: false,
    record_delimiter: recordDelimiter,
  };
  try {
    return { records: parse(chunk, options), isOpen: false };
  } catch (error) {
    if (!isOpenQuote(error)) throw error;
    if (!isLast) return { records: [], isOpen: true };
    // A quote that never closes: keep the records before it (slow path, broken files only).
    const records: string[][] = [];
    try {
      parse(chunk, {
        ...options,
        on_record: (cells: string[]) => {
          records.push(cells);
          return null;
        },
      });
    } catch (again) {
      if (!isOpenQuote(again)) throw again;
    }
    return { records, isOpen: true };
  }
}

/**
 * The records of `text`, each with the 1-based physical line it starts on, as an editor numbers lines:
 * blank lines, preamble and the line breaks inside quoted fields all count (a record starts one line after
 * the previous one plus the breaks inside its cells). csv-parse reads one chunk at a time, each cut at a
 * line break outside quotes; should csv-parse still see an open quote at the cut (a misquoted file read
 * differently than the cutter thought), the chunk grows and is read again. A quote that never closes ends
 * the file with an `unreadable` record. `isCrlfOnly` splits records on CRLF alone, for our own export: it is
 * always CRLF, and csv-stringify leaves a cell holding a lone LF or CR unquoted.
 */
export function* readRecords(text: string, delimiter: Delimiter, options: { isCrlfOnly?: boolean } = {}): Generator<FileRecord> {
  const bytes = Buffer.from(text, "utf8");
  const isCrlfOnly = options.isCrlfOnly ?? false;
  const recordDelimiter = isCrlfOnly ? "\r\n" : lineEndings(text);
  const delimiterByte = delimiter.charCodeAt(0);
  let start = 0;
  let line = 1;
  let size = FIRST_CHUNK_BYTES;
  while (start < bytes.length) {
    const end = cutOutsideQuotes(bytes, start, start + size, delimiterByte, isCrlfOnly);
    const isLast = end >= bytes.length;
    const { records, isOpen } = parseChunk(bytes.subarray(start, end), delimiter, recordDelimiter, isLast);
    if (isOpen && !isLast) {
      size *= 2;
      continue;
    }
    for (const cells of records) {
      if (cells.length === 1 && cells[0] === "") {
        line++;
        continue;
      }
      yield { line, cells };
      line += cells.reduce((sum, cell) => sum + breaksIn(cell), 1);
    }
    if (isOpen) {
      yield { line, cells: [], unreadable: `A quote opened on line ${line} never closes, so the file cannot be read from there on` };
      return;
    }
    start = end;
    size = Math.min(MAX_CHUNK_BYTES, size * 2);
  }
}
