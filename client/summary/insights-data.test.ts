import { describe, expect, it } from "vitest";
import { currenciesOf, lastMonths, monthsRange, spendingByCategory, spendingByMonth, topMerchants } from "./insights-data";

const row = (month: string, currency: string, category: string, amount: string) => ({ month, currency, category, amount });

describe("lastMonths / monthsRange", () => {
  it("spans a year back across the new year", () => {
    const months = lastMonths("2026-02-14", 12);
    expect(months[0]).toBe("2025-03");
    expect(months.at(-1)).toBe("2026-02");
    expect(monthsRange(months)).toEqual({ from: "2025-03-01", to: "2026-02-28" });
  });
});

describe("spending", () => {
  const rows = [row("2026-01", "EUR", "Food", "10.00"), row("2026-01", "EUR", "Travel", "30.00"), row("2026-02", "EUR", "Food", "5.05"), row("2026-02", "JPY", "Food", "1200")];
  it("is per month and per category in one currency, never mixing currencies", () => {
    expect(spendingByMonth(rows, "EUR", ["2026-01", "2026-02", "2026-03"])).toEqual([
      { month: "2026-01", minor: 4000n },
      { month: "2026-02", minor: 505n },
      { month: "2026-03", minor: 0n },
    ]);
    expect(spendingByCategory(rows, "EUR")).toEqual([
      { category: "Travel", minor: 3000n },
      { category: "Food", minor: 1505n },
    ]);
    expect(currenciesOf(rows)).toEqual(["EUR", "JPY"]);
  });
  it("ranks merchants within one currency", () => {
    const items = [
      { merchant: "Blum", amount: "3.00", currency: "EUR" },
      { merchant: "Blum", amount: "4.00", currency: "EUR" },
      { merchant: "Rail", amount: "6.00", currency: "EUR" },
      { merchant: "Rail", amount: "900", currency: "JPY" },
      { amount: "100.00", currency: "EUR" },
    ];
    expect(topMerchants(items, "EUR")).toEqual([
      { merchant: "Blum", minor: 700n, count: 2 },
      { merchant: "Rail", minor: 600n, count: 1 },
    ]);
  });
});
