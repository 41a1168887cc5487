/**
 * One expense as the analytics feed shows it, and the NDJSON text of a user-month. What an analyst gets is
 * deliberately less than the API: no description, no tags (free text that may hold anything) and no raw userId.
 */
import { z } from "zod";
import type { Expense } from "../expenses/expense";
import { ExpenseItemSchema } from "../expenses/items";
import { formatAmount } from "../money";
import { ReceiptStatusSchema, type Receipt } from "../schemas";

export const AnalyticsRowSchema = z
  .object({
    id: z.string(),
    /** The user's pseudonym (analytics-keys.ts userHashOf). */
    user: z.string(),
    date: z.string(),
    /** Major units as a JSON number (12.5 EUR, 1200 JPY, 1234.5 KWD); read it with `currency`. */
    amount: z.number(),
    currency: z.string(),
    category: z.string(),
    merchant: z.string().nullable(),
    hasReceipt: z.boolean(),
  })
  .strict();
export type AnalyticsRow = z.infer<typeof AnalyticsRowSchema>;

/** What a row is made of: an expense's fields, of its receipt only the state. */
export type AnalyticsRowSource = Pick<Expense, "id" | "date" | "amountMinor" | "currency" | "category" | "merchant"> & {
  receipt?: Pick<Receipt, "status">;
};

/** The attributes of a stored expense item a row is made of (the repository's own item schema, narrowed). */
export const RowSourceItemSchema = ExpenseItemSchema.pick({ id: true, date: true, amountMinor: true, currency: true, category: true, merchant: true }).extend({
  receipt: z.object({ status: ReceiptStatusSchema }).optional().catch(undefined),
});

/**
 * An amount in major units as a number. Exact: amounts are below 10^12 minor units, so the decimal has at most
 * 12 significant digits, and every decimal of at most 15 significant digits survives the trip to a double and
 * back; JSON.stringify prints the shortest text that round-trips, i.e. the decimal itself without trailing
 * zeros ("1234.500" KWD -> 1234.5, "1200" JPY -> 1200). The conversion goes through formatAmount's string, never
 * through a division.
 */
export function majorUnits(minor: bigint, currency: string): number {
  return Number(formatAmount(minor, currency));
}

export function toAnalyticsRow(userHash: string, expense: AnalyticsRowSource): AnalyticsRow {
  // The key order here is the order in every line (JSON.stringify keeps insertion order).
  return {
    id: expense.id,
    user: userHash,
    date: expense.date,
    amount: majorUnits(expense.amountMinor, expense.currency),
    currency: expense.currency,
    category: expense.category,
    merchant: expense.merchant ?? null,
    hasReceipt: expense.receipt?.status === "ready",
  };
}

/** By date, then id: a total order (ids are unique), so the same rows always give the same bytes. */
function byDateThenId(a: AnalyticsRow, b: AnalyticsRow): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Newline-delimited JSON, one row a line, each line ending in "\n" (what Athena's and QuickSight's readers expect). */
export function ndjsonOf(rows: readonly AnalyticsRow[]): string {
  return [...rows]
    .sort(byDateThenId)
    .map((row) => `${JSON.stringify(row)}\n`)
    .join("");
}

/** Reads a feed object back (tests, tools); a line that is not a row is an error naming its line number. */
export function parseNdjson(text: string): AnalyticsRow[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line, i) => {
      const parsed = AnalyticsRowSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`line ${i + 1} is not an analytics row: ${parsed.error.message}`);
      return parsed.data;
    });
}
