/**
 * CSV import core (DESIGN.md "CSV"): pure and framework-free. The import function calls
 * `detectSettings(bytes, { defaultCurrency, localeHint })` for the preview, then
 * `occurrenceKeys(mapRows(bytes, settings, { today, defaultCategory }))` to commit.
 */
export { decodeFile, DecodedFileSchema, type DecodedFile } from "./decode-file";
export { detectLayout, LayoutSchema, type Layout } from "./detect-layout";
export { detectFormats, DetectedFormatsSchema, type DetectedFormats, type DetectFormatsOptions } from "./detect-formats";
export { detectSettings, DetectionSchema, DetectOptionsSchema, type Detection, type DetectOptions } from "./detect-settings";
export { AmbiguitySchema, ColumnPreviewSchema, type Ambiguity, type ColumnPreview } from "./detection-types";
export { MapRowsOptionsSchema, type MapRowsOptions } from "./finish-row";
export * from "./import-settings";
export { mapRows, type ImportSource } from "./map-rows";
export { fingerprint, occurrenceKeys, KeyedExpenseRowSchema, OccurrenceKeySchema, type KeyedExpenseRow, type KeyedRowResult } from "./occurrence-keys";
export { parseAmountCell, NumberFormatSchema, type AmountCell, type NumberFormat } from "./parse-amount-cell";
export { parseDate, type ParsedDate } from "./parse-date";
export { readRecords, FileRecordSchema, type FileRecord } from "./read-records";
export * from "./row-result";
