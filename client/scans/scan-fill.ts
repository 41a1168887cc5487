import type { ExpenseFormValues } from "@/client/expenses/expense-patch";
import type { ScanResult } from "@/lib/schemas";

/** The add form's fields a scan can fill, in the order they are named to the person. */
export const SCANNED_FIELDS = ["amount", "currency", "date", "merchant"] as const;
export type ScannedField = (typeof SCANNED_FIELDS)[number];

export type ScanFill = { values: Partial<Pick<ExpenseFormValues, ScannedField>>; filled: ScannedField[] };

const LABELS: Record<ScannedField, string> = { amount: "amount", currency: "currency", date: "date", merchant: "merchant" };

/**
 * What a scan puts in the form: every field it found, except those the person has typed in already (their
 * words win over a guess) and a currency the form does not offer. Only the amount needs its currency: it
 * is left out when the form keeps a different currency than the one the amount was read in.
 */
export function scanFill(result: ScanResult, options: { typed: ReadonlySet<ScannedField>; currencies: readonly string[]; formCurrency: string }): ScanFill {
  const values: ScanFill["values"] = {};
  const scannedCurrency = result.currency?.value;
  const canSetCurrency = scannedCurrency !== undefined && !options.typed.has("currency") && options.currencies.includes(scannedCurrency);
  if (canSetCurrency) values.currency = scannedCurrency;
  const currency = canSetCurrency ? scannedCurrency : options.formCurrency;
  const amountCurrency = scannedCurrency ?? options.formCurrency;
  if (result.amount && !options.typed.has("amount") && amountCurrency === currency) values.amount = result.amount.value;
  if (result.date && !options.typed.has("date")) values.date = result.date.value;
  if (result.merchant && !options.typed.has("merchant")) values.merchant = result.merchant.value;
  return { values, filled: SCANNED_FIELDS.filter((name) => values[name] !== undefined) };
}

/** "amount, date and merchant" */
export function listFields(fields: readonly ScannedField[]): string {
  const names = fields.map((name) => LABELS[name]);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;
}

/** What the form says once a scan is read. */
export function scanSummary(fill: ScanFill, found: number): string {
  if (fill.filled.length > 0) return `Filled in the ${listFields(fill.filled)} from the receipt. Check them, then add the expense.`;
  if (found > 0) return "The receipt was read, but you had already typed what it shows. Check the form, then add the expense.";
  return "Nothing could be read from this receipt. Type the details; the photo stays attached.";
}
