import { z } from "zod";
import { CurrencySchema, EXPORT_COLUMNS } from "../../schemas";
import { decodeFile } from "./decode-file";
import { detectFormats } from "./detect-formats";
import { detectLayout } from "./detect-layout";
import { AmbiguitySchema, ColumnPreviewSchema, type ColumnPreview } from "./detection-types";
import { BankImportSettingsSchema, ImportSettingsSchema, type Delimiter } from "./import-settings";
import { isLedgerlineHeader } from "./ledgerline-format";
import { readRecords } from "./read-records";

export const DetectOptionsSchema = z.object({
  defaultCurrency: CurrencySchema.meta({ description: "The user's currency, for files that name none" }),
  localeHint: z.string().min(2).max(35).optional().meta({ description: "BCP 47 tag (en-US, de-DE): breaks DD/MM vs MM/DD and decimal ties" }),
});
export type DetectOptions = z.input<typeof DetectOptionsSchema>;

export const DetectionSchema = z
  .object({
    settings: ImportSettingsSchema,
    ambiguities: z.array(AmbiguitySchema).meta({ description: "What detection guessed; the preview should ask" }),
    isAmbiguous: z.boolean(),
    confidence: z.number().min(0).max(1).meta({ description: "Share of data rows whose date and amount read with these settings" }),
    columns: z.array(ColumnPreviewSchema),
    rowCount: z.number().int().min(0),
  })
  .meta({ id: "ImportDetection" });
export type Detection = z.output<typeof DetectionSchema>;

const PREVIEW_SAMPLES = 5;
const LEDGERLINE_DELIMITERS: readonly Delimiter[] = [",", ";", "\t"];

/** Our export, possibly re-saved by a spreadsheet with another delimiter: header on line 1, exactly our columns. */
function ledgerlineDelimiter(text: string): Delimiter | undefined {
  return LEDGERLINE_DELIMITERS.find((delimiter) => {
    const first = readRecords(text, delimiter).next();
    return !first.done && first.value.line === 1 && isLedgerlineHeader(first.value.cells);
  });
}

function ledgerlinePreview(text: string, delimiter: Delimiter): { columns: ColumnPreview[]; rowCount: number } {
  const samples = EXPORT_COLUMNS.map((): string[] => []);
  let rowCount = -1;
  for (const record of readRecords(text, delimiter, { isCrlfOnly: true })) {
    rowCount++;
    if (rowCount === 0 || rowCount > PREVIEW_SAMPLES) continue;
    record.cells.forEach((cell, i) => {
      if (cell !== "") samples[i]?.push(cell);
    });
  }
  const columns = EXPORT_COLUMNS.map((name, index) => ({ index, name, samples: samples[index] ?? [], role: null }));
  return { columns, rowCount: Math.max(0, rowCount) };
}

function* dataRows(text: string, delimiter: Delimiter, headerRow: number | null): Generator<string[]> {
  for (const record of readRecords(text, delimiter)) {
    if (record.unreadable !== undefined) return;
    if (headerRow === null || record.line > headerRow) yield record.cells;
  }
}

/**
 * Everything the preview needs from a file's bytes: the settings to read it with (each field editable),
 * what was guessed, and each column's name and sample values. Our own export is recognised by its header
 * and read 1:1 with no questions; anything else goes through encoding, layout and format detection.
 * Throws a ValidationError (422) when the file holds no table of dated amounts.
 */
export function detectSettings(bytes: Uint8Array, options: DetectOptions): Detection {
  const { defaultCurrency, localeHint } = DetectOptionsSchema.parse(options);
  const { text, encoding } = decodeFile(bytes);
  const ownDelimiter = ledgerlineDelimiter(text);
  if (ownDelimiter !== undefined) {
    const preview = ledgerlinePreview(text, ownDelimiter);
    const settings = { kind: "ledgerline" as const, encoding, delimiter: ownDelimiter };
    return { settings, ambiguities: [], isAmbiguous: false, confidence: 1, ...preview };
  }
  const layout = detectLayout(text);
  const formats = detectFormats(layout.header, dataRows(text, layout.delimiter, layout.headerRow), {
    defaultCurrency,
    localeHint,
    delimiter: layout.delimiter,
  });
  const settings = BankImportSettingsSchema.parse({
    kind: "bank",
    encoding,
    delimiter: layout.delimiter,
    headerRow: layout.headerRow,
    columns: formats.columns,
    markerDebitValues: formats.markerDebitValues,
    dateFormat: formats.dateFormat,
    decimalSeparator: formats.decimalSeparator,
    thousandsSeparator: formats.thousandsSeparator,
    signConvention: formats.signConvention,
    defaultCurrency: formats.defaultCurrency,
    skipCredits: true,
  });
  return {
    settings,
    ambiguities: formats.ambiguities,
    isAmbiguous: formats.ambiguities.length > 0,
    confidence: formats.confidence,
    columns: formats.previews,
    rowCount: formats.rowCount,
  };
}
