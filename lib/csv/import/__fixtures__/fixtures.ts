/** Test support: the sample files in __fixtures__ as bytes, and mapped rows in a form easy to compare. */
import { readFileSync } from "node:fs";
import type { RowResult } from "../row-result";

export const FIXTURES = [
  "german-bank-latin1.csv",
  "dutch-bank-bom.csv",
  "us-bank.csv",
  "uk-bank-windows1252.csv",
  "card-pending-cr.csv",
  "quoted-multiline.csv",
  "identical-rows.csv",
  "identical-rows-overlap.csv",
  "ledgerline-export.csv",
  "bad-rows.csv",
  "card-tabs.tsv",
  "ambiguous-dates.csv",
] as const;

export function fixture(name: (typeof FIXTURES)[number]): Buffer {
  return readFileSync(new URL(`./${name}`, import.meta.url));
}

/** `[line, "expense", date, amountMinor, currency, merchant, description]` or `[line, kind, reason]`. */
export function summarise(rows: Iterable<RowResult>): unknown[][] {
  return [...rows].map((row) =>
    row.kind === "expense"
      ? [row.line, "expense", row.input.date, row.input.amountMinor, row.input.currency, row.input.merchant ?? null, row.input.description]
      : [row.line, row.kind, row.reason],
  );
}
