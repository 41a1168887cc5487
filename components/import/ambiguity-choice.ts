import type { BankImportSettings, ColumnPreview, ImportSettings } from "@/lib/csv/import";
import { parseDateFormat, parseDecimal, parseSign } from "./parse-choice";
import { DATE_FORMAT_CHOICES, DECIMAL_CHOICES, isColumnField, SIGN_CHOICES } from "./settings-options";

const labelOf = (choices: readonly { value: string; label: string }[], value: string) => choices.find((choice) => choice.value === value)?.label ?? value;

/** The settings' current value for an ambiguity's field, as the ambiguity's options write it. */
export function currentOption(settings: BankImportSettings, field: string): string | null {
  const [head, column] = field.split(".");
  if (head === "columns" && isColumnField(column)) {
    const index = settings.columns[column];
    return index === null ? null : String(index);
  }
  switch (head) {
    case "dateFormat":
      return settings.dateFormat;
    case "decimalSeparator":
      return settings.decimalSeparator;
    case "signConvention":
      return settings.signConvention;
    case "defaultCurrency":
      return settings.defaultCurrency;
    default:
      return null;
  }
}

/** The settings with an ambiguity's option taken instead, or null for a field the page cannot set this way. */
export function withOption(settings: BankImportSettings, field: string, option: string): ImportSettings | null {
  const [head, column] = field.split(".");
  if (head === "columns" && isColumnField(column)) {
    const index = Number(option);
    return Number.isInteger(index) ? { ...settings, columns: { ...settings.columns, [column]: index } } : null;
  }
  switch (head) {
    case "dateFormat":
      return { ...settings, dateFormat: parseDateFormat(option, settings.dateFormat) };
    case "decimalSeparator":
      return { ...settings, decimalSeparator: parseDecimal(option, settings.decimalSeparator) };
    case "signConvention":
      return { ...settings, signConvention: parseSign(option, settings.signConvention) };
    case "defaultCurrency":
      return { ...settings, defaultCurrency: option };
    default:
      return null;
  }
}

/** How an option reads on its button: a column by its header name, a format with its example. */
export function optionLabel(field: string, option: string, columns: readonly ColumnPreview[]): string {
  const [head] = field.split(".");
  if (head === "columns") return `“${columns.find((column) => String(column.index) === option)?.name ?? option}”`;
  if (head === "dateFormat") return labelOf(DATE_FORMAT_CHOICES, option);
  if (head === "decimalSeparator") return labelOf(DECIMAL_CHOICES, option);
  if (head === "signConvention") return labelOf(SIGN_CHOICES, option);
  return option;
}

/** The guess in plain words, leading the detection's own explanation. */
export function guessSentence(field: string, guess: string | undefined, columns: readonly ColumnPreview[]): string {
  if (field === "dateFormat" && guess) {
    const order = guess.startsWith("DD") ? "day/month" : guess.startsWith("MM") ? "month/day" : null;
    return order ? `We guessed the dates are ${order} (${guess}); change it if wrong.` : `We guessed the dates read as ${guess}; change it if wrong.`;
  }
  if (guess === undefined) return "We had to guess here; check the preview.";
  return `We guessed ${optionLabel(field, guess, columns)}; change it if wrong.`;
}
