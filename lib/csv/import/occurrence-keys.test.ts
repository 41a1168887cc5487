import { describe, expect, it } from "vitest";
import { fixture } from "./__fixtures__/fixtures";
import { detectSettings } from "./detect-settings";
import { mapRows } from "./map-rows";
import { fingerprint, occurrenceKeys } from "./occurrence-keys";
import type { RowResult } from "./row-result";

const today = "2026-01-15";
function keysOf(name: "identical-rows.csv" | "identical-rows-overlap.csv"): string[] {
  const bytes = fixture(name);
  return [...occurrenceKeys(mapRows(bytes, detectSettings(bytes, { defaultCurrency: "EUR" }).settings, { today }))].flatMap((row) => (row.kind === "expense" ? [row.key] : []));
}
const expense = (line: number, description: string, merchant?: string): RowResult => ({
  kind: "expense",
  line,
  input: { date: "2025-03-07", amountMinor: 320n, currency: "EUR", category: "Food", description, ...(merchant === undefined ? {} : { merchant }) },
});

describe("occurrenceKeys", () => {
  it("numbers two identical transactions on one day #1 and #2, so both stay", () => {
    const keys = keysOf("identical-rows.csv");
    expect(keys).toHaveLength(4);
    const [first, second, nextDay, bakery] = keys.map((key) => key.split("#"));
    expect(first?.[0]).toBe(second?.[0]);
    expect([first?.[1], second?.[1], nextDay?.[1], bakery?.[1]]).toEqual(["1", "2", "1", "1"]);
    expect(new Set(keys).size).toBe(4);
  });

  it("gives a re-imported file the same keys, so it adds nothing", () => {
    expect(keysOf("identical-rows.csv")).toEqual(keysOf("identical-rows.csv"));
  });

  it("gives the rows an overlapping file shares the same keys, so only the new day is added", () => {
    const first = new Set(keysOf("identical-rows.csv"));
    const overlap = keysOf("identical-rows-overlap.csv");
    expect(overlap.map((key) => first.has(key))).toEqual([true, true, false]);
  });

  it("passes skipped and rejected rows through untouched", () => {
    const rows: RowResult[] = [{ kind: "skipped", line: 2, reason: "Empty row" }, expense(3, "Coffee")];
    expect([...occurrenceKeys(rows)].map((row) => row.kind)).toEqual(["skipped", "expense"]);
  });

  it("ignores case and spacing in the text but not the amount, the date or the merchant", () => {
    const [a, b, c] = [...occurrenceKeys([expense(2, "Coffee  Bar"), expense(3, " coffee bar"), expense(4, "Coffee Bar", "Café")])];
    expect(a?.kind === "expense" && b?.kind === "expense" && [a.key.slice(0, 64) === b.key.slice(0, 64), b.key.endsWith("#2")]).toEqual([true, true]);
    expect(c?.kind === "expense" && a?.kind === "expense" && c.fingerprint !== a.fingerprint).toBe(true);
    const base = { date: "2025-03-07", amountMinor: 320n, currency: "EUR", description: "x" };
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, amountMinor: 321n }));
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, date: "2025-03-08" }));
  });

  it("cannot be fooled into a collision by a separator inside the text", () => {
    const base = { date: "2025-03-07", amountMinor: 320n, currency: "EUR" };
    expect(fingerprint({ ...base, description: "a|b", merchant: "c" })).not.toBe(fingerprint({ ...base, description: "a", merchant: "b|c" }));
  });
});
