import { describe, expect, it } from "vitest";
import { formatTotals, groupByDay, totalsByCurrency } from "./group-by-day";

const e = (date: string, amount: string, currency: string) => ({ date, amount, currency });

describe("groupByDay", () => {
  it("groups consecutive dates and totals each day per currency", () => {
    const groups = groupByDay([e("2025-03-14", "1.10", "EUR"), e("2025-03-14", "2.20", "EUR"), e("2025-03-14", "1200", "JPY"), e("2025-03-10", "0.01", "EUR")]);
    expect(groups.map((g) => [g.date, g.items.length, formatTotals(g.totals, "en-GB")])).toEqual([
      ["2025-03-14", 3, "€3.30 · JP¥1,200"],
      ["2025-03-10", 1, "€0.01"],
    ]);
  });
});

describe("totalsByCurrency", () => {
  it("is exact where floats are not (0.1 + 0.2)", () => {
    expect(totalsByCurrency([e("2025-01-01", "0.10", "EUR"), e("2025-01-01", "0.20", "EUR")])).toEqual([{ currency: "EUR", minor: 30n }]);
  });
});
