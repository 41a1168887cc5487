/**
 * Everything the import detects and everything the user can change in the preview, as ONE schema: the API
 * stores it on the import item, the preview form edits it, and mapRows reads the file with exactly it.
 * Columns are 0-based indexes into a row (names repeat in real files: two "Verwendungszweck" columns), lines
 * are 1-based physical lines of the file as a text editor numbers them.
 */
import { z } from "zod";
import { CurrencySchema } from "../../schemas";

/** Encodings we decode; chardet's single-byte guesses are limited to European/Cyrillic code pages on purpose. */
export const ENCODINGS = [
  "utf-8",
  "utf-16le",
  "utf-16be",
  "windows-1252",
  "iso-8859-1",
  "iso-8859-15",
  "windows-1250",
  "iso-8859-2",
  "windows-1254",
  "iso-8859-9",
  "windows-1257",
  "windows-1251",
  "iso-8859-5",
  "koi8-r",
] as const;
export const EncodingSchema = z.enum(ENCODINGS).meta({ description: "Character encoding of the file's bytes" });
export type Encoding = z.infer<typeof EncodingSchema>;

export const DelimiterSchema = z.enum([",", ";", "\t", "|"]).meta({ description: "Field separator" });
export type Delimiter = z.infer<typeof DelimiterSchema>;

/**
 * Date layouts. Day and month may have one or two digits and the year two or four (two-digit years pivot
 * POSIX-style: 00-69 are 2000-2069, 70-99 are 1970-1999), except in the ISO and compact forms. DD-MMM-YYYY
 * takes a month name or abbreviation (EN/DE/NL/FR/ES) separated by `-`, space, `.` or `/`.
 */
export const DATE_FORMATS = [
  "YYYY-MM-DD",
  "YYYY/MM/DD",
  "YYYYMMDD",
  "DD.MM.YYYY",
  "DD/MM/YYYY",
  "MM/DD/YYYY",
  "DD-MM-YYYY",
  "MM-DD-YYYY",
  "DD-MMM-YYYY",
] as const;
export const DateFormatSchema = z.enum(DATE_FORMATS).meta({ description: "How the date column writes dates" });
export type DateFormat = z.infer<typeof DateFormatSchema>;

export const DecimalSeparatorSchema = z.enum([",", "."]);
/** " " stands for any space (also NBSP and narrow NBSP); spaces and apostrophes are always accepted as grouping. */
export const ThousandsSeparatorSchema = z.enum(["", ".", ",", " ", "'"]);
export type DecimalSeparator = z.infer<typeof DecimalSeparatorSchema>;
export type ThousandsSeparator = z.infer<typeof ThousandsSeparatorSchema>;

/**
 * How a row says money went out. A trailing `CR` (money in) or `DR` (money out) on an amount is honoured in
 * the two single-column conventions, whatever the sign.
 * - negativeIsExpense: one signed amount column, negative = money out (bank accounts).
 * - positiveIsExpense: one amount column, positive = money out, negative or CR = money in (credit cards).
 * - debitCreditColumns: money out in `debit`, money in in `credit` (either may be signed; the size counts).
 * - markerColumn: an unsigned `amount` and a `marker` column; a marker in `markerDebitValues` (case-insensitive)
 *   is money out, any other marker money in, an empty marker falls back to the amount's sign.
 */
export const SignConventionSchema = z.enum(["negativeIsExpense", "positiveIsExpense", "debitCreditColumns", "markerColumn"]);
export type SignConvention = z.infer<typeof SignConventionSchema>;

const ColumnSchema = z.number().int().min(0).max(999).nullable();

export const ColumnMappingSchema = z.strictObject({
  date: z.number().int().min(0).max(999),
  amount: ColumnSchema,
  debit: ColumnSchema,
  credit: ColumnSchema,
  marker: ColumnSchema,
  currency: ColumnSchema.meta({ description: "ISO 4217 codes per row; empty cells use defaultCurrency" }),
  description: ColumnSchema,
  merchant: ColumnSchema,
  category: ColumnSchema,
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

const LineSchema = z.number().int().min(1);

/** A bank's (or any other program's) export, read by detection. */
export const BankImportSettingsSchema = z
  .strictObject({
    kind: z.literal("bank"),
    encoding: EncodingSchema,
    delimiter: DelimiterSchema,
    headerRow: LineSchema.nullable().meta({ description: "1-based line of the header row; null when the file has none" }),
    columns: ColumnMappingSchema,
    markerDebitValues: z.array(z.string().trim().min(1)).default([]),
    dateFormat: DateFormatSchema,
    decimalSeparator: DecimalSeparatorSchema,
    thousandsSeparator: ThousandsSeparatorSchema,
    signConvention: SignConventionSchema,
    defaultCurrency: CurrencySchema.meta({ description: "For rows without a currency cell or symbol" }),
    skipCredits: z.boolean().default(true).meta({ description: "Money-in rows are skipped; false imports them with their size" }),
  })
  .superRefine(({ columns, signConvention, markerDebitValues }, ctx) => {
    const need = (column: keyof ColumnMapping, why: string) => {
      if (columns[column] === null) ctx.addIssue({ code: "custom", path: ["columns", column], message: `is required ${why}` });
    };
    if (signConvention === "debitCreditColumns") {
      if (columns.debit === null && columns.credit === null) need("debit", "with separate debit and credit columns");
    } else {
      need("amount", "unless debit and credit are separate columns");
    }
    if (signConvention === "markerColumn") {
      need("marker", "with a debit/credit marker column");
      if (markerDebitValues.length === 0) {
        ctx.addIssue({ code: "custom", path: ["markerDebitValues"], message: "must name the marker values that mean money out" });
      }
    }
  });

/** Our own export (DESIGN.md "CSV"): its columns map 1:1 and need no questions. */
export const LedgerlineImportSettingsSchema = z.strictObject({
  kind: z.literal("ledgerline"),
  encoding: EncodingSchema,
  delimiter: DelimiterSchema,
});

export const ImportSettingsSchema = z
  .discriminatedUnion("kind", [BankImportSettingsSchema, LedgerlineImportSettingsSchema])
  .meta({ id: "ImportSettings", description: "How an import file is read" });
export type ImportSettings = z.output<typeof ImportSettingsSchema>;
export type ImportSettingsInput = z.input<typeof ImportSettingsSchema>;
export type BankImportSettings = z.output<typeof BankImportSettingsSchema>;
export type LedgerlineImportSettings = z.output<typeof LedgerlineImportSettingsSchema>;
