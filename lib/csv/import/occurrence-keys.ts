import { createHash } from "node:crypto";
import { z } from "zod";
import type { NewExpense } from "../../schemas";
import { ExpenseRowSchema, type RowResult } from "./row-result";

export const FingerprintSchema = z.string().regex(/^[0-9a-f]{64}$/);
/** `<fingerprint>#<n>`: the n-th row of the file with that fingerprint (1-based). */
export const OccurrenceKeySchema = z.string().regex(/^[0-9a-f]{64}#[1-9]\d*$/).meta({ description: "Dedupe key of an imported row" });

export const KeyedExpenseRowSchema = ExpenseRowSchema.extend({
  fingerprint: FingerprintSchema,
  occurrence: z.number().int().min(1),
  key: OccurrenceKeySchema,
});
export type KeyedExpenseRow = z.output<typeof KeyedExpenseRowSchema>;
export type KeyedRowResult = KeyedExpenseRow | Exclude<RowResult, { kind: "expense" }>;

/** Case, Unicode form and spacing differ between exports of the same bank; the transaction does not. */
function normalise(text: string | undefined): string {
  const value = text ?? "";
  const composed = /[^\x20-\x7e]/.test(value) ? value.normalize("NFKC") : value;
  return composed.toLowerCase().replace(/\s+/g, " ").trim().replace(/[\\|]/g, "\\$&");
}

/** sha256 of date|amountMinor|currency|description|merchant (normalised; `|` and `\` escaped so fields cannot run together). */
export function fingerprint(input: Pick<NewExpense, "date" | "amountMinor" | "currency" | "description" | "merchant">): string {
  const text = [input.date, input.amountMinor.toString(), input.currency, normalise(input.description), normalise(input.merchant)].join("|");
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Dedupe by occurrence: each expense row gets `fingerprint#n`, n counting identical rows within this file
 * in file order. Re-importing a file gives the same keys (nothing new); an overlapping file gives the same
 * keys to the rows both hold (the store adds the rest); two identical real transactions on one day are #1
 * and #2 and both stay. Category and tags are left out: editing them in the preview is not a new
 * transaction. Streams: memory holds one counter per distinct fingerprint.
 */
export function* occurrenceKeys(rows: Iterable<RowResult>): Generator<KeyedRowResult> {
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.kind !== "expense") {
      yield row;
      continue;
    }
    const print = fingerprint(row.input);
    const occurrence = (seen.get(print) ?? 0) + 1;
    seen.set(print, occurrence);
    yield { ...row, fingerprint: print, occurrence, key: `${print}#${occurrence}` };
  }
}
