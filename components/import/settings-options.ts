import { CURRENCY_OPTIONS } from "@/client/expenses/expense-form-options";
import { DATE_FORMATS, ENCODINGS, type BankImportSettings, type ColumnMapping, type ColumnPreview, type DateFormat } from "@/lib/csv/import";

export type Choice = { value: string; label: string };

/** An example of each layout, so "DD/MM" and "MM/DD" read as what they mean. */
const DATE_EXAMPLES: Record<DateFormat, string> = {
  "YYYY-MM-DD": "2025-01-31",
  "YYYY/MM/DD": "2025/01/31",
  YYYYMMDD: "20250131",
  "DD.MM.YYYY": "31.01.2025",
  "DD/MM/YYYY": "31/01/2025, day first",
  "MM/DD/YYYY": "01/31/2025, month first",
  "DD-MM-YYYY": "31-01-2025, day first",
  "MM-DD-YYYY": "01-31-2025, month first",
  "DD-MMM-YYYY": "31-Jan-2025",
};
export const DATE_FORMAT_CHOICES: Choice[] = DATE_FORMATS.map((format) => ({ value: format, label: `${format} (${DATE_EXAMPLES[format]})` }));

export const DECIMAL_CHOICES: Choice[] = [
  { value: ".", label: "Point (12.50)" },
  { value: ",", label: "Comma (12,50)" },
];

export const THOUSANDS_CHOICES: Choice[] = [
  { value: "", label: "None (1234)" },
  { value: ",", label: "Comma (1,234)" },
  { value: ".", label: "Point (1.234)" },
  { value: " ", label: "Space (1 234)" },
  { value: "'", label: "Apostrophe (1'234)" },
];

export const SIGN_CHOICES: Choice[] = [
  { value: "negativeIsExpense", label: "Negative amounts are money out (bank account)" },
  { value: "positiveIsExpense", label: "Positive amounts are money out (credit card)" },
  { value: "debitCreditColumns", label: "Separate columns for money out and money in" },
  { value: "markerColumn", label: "A column marks money out (e.g. S/H, DR/CR)" },
];

export const DELIMITER_CHOICES: Choice[] = [
  { value: ",", label: "Comma (,)" },
  { value: ";", label: "Semicolon (;)" },
  { value: "\t", label: "Tab" },
  { value: "|", label: "Bar (|)" },
];

export const ENCODING_CHOICES: Choice[] = ENCODINGS.map((encoding) => ({ value: encoding, label: encoding.toUpperCase() }));

export function currencyChoices(current: string): Choice[] {
  const codes: readonly string[] = CURRENCY_OPTIONS;
  return [...new Set([current, ...codes])].map((code) => ({ value: code, label: code }));
}

/** Column pickers by header name; a repeated name (two "Verwendungszweck") gets its position. */
export function columnChoices(columns: readonly ColumnPreview[], isOptional: boolean): Choice[] {
  const counts = new Map<string, number>();
  for (const column of columns) counts.set(column.name, (counts.get(column.name) ?? 0) + 1);
  const named = columns.map((column) => ({
    value: String(column.index),
    label: (counts.get(column.name) ?? 0) > 1 ? `${column.name} (column ${column.index + 1})` : column.name,
  }));
  return isOptional ? [{ value: "", label: "Not in this file" }, ...named] : named;
}

export type ColumnField = keyof ColumnMapping;

export const isColumnField = (name: string | undefined): name is ColumnField => name !== undefined && Object.hasOwn(COLUMN_LABELS, name);

export const COLUMN_LABELS: Record<ColumnField, string> = {
  date: "Date column",
  amount: "Amount column",
  debit: "Money out column",
  credit: "Money in column",
  marker: "Money out/in marker column",
  currency: "Currency column",
  description: "Description column",
  merchant: "Merchant column",
  category: "Category column",
};

/** The columns a sign convention reads its amounts from; the others are hidden (and kept as they were). */
export function amountColumns(settings: Pick<BankImportSettings, "signConvention">): ColumnField[] {
  switch (settings.signConvention) {
    case "debitCreditColumns":
      return ["debit", "credit"];
    case "markerColumn":
      return ["amount", "marker"];
    default:
      return ["amount"];
  }
}

/** The human name of the setting an ambiguity (or a 422) is about: "columns.amount" -> "Amount column". */
export function settingLabel(path: string): string {
  const [head, column] = path.split(".");
  if (head === "columns" && isColumnField(column)) return COLUMN_LABELS[column];
  const labels: Record<string, string> = {
    dateFormat: "Date format",
    decimalSeparator: "Decimal separator",
    thousandsSeparator: "Thousands separator",
    signConvention: "Money out is",
    defaultCurrency: "Default currency",
    markerDebitValues: "Markers that mean money out",
    delimiter: "Field separator",
    headerRow: "Header line",
    encoding: "Text encoding",
  };
  return labels[head ?? ""] ?? path;
}
