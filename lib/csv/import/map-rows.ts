import { decodeFile } from "./decode-file";
import { rejected, rowContext, type MapRowsOptions } from "./finish-row";
import { ImportSettingsSchema, type ImportSettingsInput } from "./import-settings";
import { isLedgerlineHeader } from "./ledgerline-format";
import { mapBankRow } from "./map-bank-row";
import { mapLedgerlineRow } from "./map-ledgerline-row";
import { readRecords, type FileRecord } from "./read-records";
import type { RowResult } from "./row-result";

/** The file as the import function holds it: its bytes, text already decoded, or records already read. */
export type ImportSource = Uint8Array | string | Iterable<FileRecord>;

/**
 * Every data row of the file, one result at a time (a generator: 100k rows never sit in memory), each with
 * the 1-based physical line it starts on: an expense (NewExpenseSchema's output, amounts in integer minor
 * units), a skipped row (money in, pending, balance, empty) or a rejected one, with the reason in words.
 * The preamble and the header row yield nothing. Settings are validated first (a 422 if the preview sent
 * nonsense); bytes are decoded with `settings.encoding`.
 */
export function* mapRows(source: ImportSource, settingsInput: ImportSettingsInput, options: MapRowsOptions): Generator<RowResult> {
  const settings = ImportSettingsSchema.parse(settingsInput);
  const context = rowContext(options);
  const read = { isCrlfOnly: settings.kind === "ledgerline" };
  const records =
    typeof source === "string"
      ? readRecords(source, settings.delimiter, read)
      : source instanceof Uint8Array
        ? readRecords(decodeFile(source, settings.encoding).text, settings.delimiter, read)
        : source;
  let isFirst = true;
  for (const record of records) {
    if (record.unreadable !== undefined) {
      yield rejected(record.line, record.unreadable);
      return;
    }
    if (settings.kind === "ledgerline") {
      const isHeader = isFirst && isLedgerlineHeader(record.cells);
      isFirst = false;
      if (!isHeader) yield mapLedgerlineRow(record, context);
    } else if (settings.headerRow === null || record.line > settings.headerRow) {
      yield mapBankRow(record, settings, context);
    }
  }
}
