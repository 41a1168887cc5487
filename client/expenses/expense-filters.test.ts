import { describe, expect, it } from "vitest";
import { filterParams, filtersQuery, matchesFilters, parseFilters, periodRange, summaryRange } from "./expense-filters";

const today = "2026-03-14";

describe("parseFilters / filtersQuery", () => {
  it("round-trips through the URL and leaves the defaults out", () => {
    const filters = { period: "custom" as const, from: "2026-01-05", to: "2026-02-10", category: "Food", q: "café" };
    expect(parseFilters(new URLSearchParams(filtersQuery(filters)))).toEqual(filters);
    expect(filtersQuery({ period: "all" })).toBe("");
  });

  it("ignores malformed values instead of failing", () => {
    expect(parseFilters(new URLSearchParams("period=someday&from=yesterday&category="))).toEqual({ period: "all" });
  });

  it("reads from/to only for a custom range", () => {
    expect(parseFilters(new URLSearchParams("period=this-month&from=2020-01-01"))).toEqual({ period: "this-month" });
  });
});

describe("periodRange", () => {
  it("gives whole calendar months and years", () => {
    expect(periodRange({ period: "this-month" }, today)).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    expect(periodRange({ period: "last-month" }, today)).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(periodRange({ period: "last-month" }, "2024-01-09")).toEqual({ from: "2023-12-01", to: "2023-12-31" });
    expect(periodRange({ period: "last-month" }, "2024-03-31")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(periodRange({ period: "this-year" }, today)).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(periodRange({ period: "all" }, today)).toEqual({});
  });

  it("swaps a reversed custom range", () => {
    expect(periodRange({ period: "custom", from: "2026-02-10", to: "2026-01-05" }, today)).toEqual({ from: "2026-01-05", to: "2026-02-10" });
  });
});

describe("summaryRange", () => {
  it("keeps a range within ten years and closes open ends at the ten calendar years up to now", () => {
    expect(summaryRange({ from: "2026-03-01", to: "2026-03-31" }, today)).toEqual({ from: "2026-03-01", to: "2026-03-31", isClamped: false });
    expect(summaryRange({}, today)).toEqual({ from: "2017-01-01", to: "2026-12-31", isClamped: true });
    expect(summaryRange({ to: "2026-05-20" }, today)).toEqual({ from: "2016-06-01", to: "2026-05-20", isClamped: true });
  });
});

describe("matchesFilters", () => {
  const lunch = { date: "2026-03-10", category: "Food", description: "Lunch with Sam", merchant: "Café Blum" };
  it("applies the period, the category and the search text (description or merchant)", () => {
    expect(matchesFilters(lunch, { period: "this-month", category: "food", q: "blum" }, today)).toBe(true);
    expect(matchesFilters(lunch, { period: "last-month" }, today)).toBe(false);
    expect(matchesFilters(lunch, { period: "all", category: "Travel" }, today)).toBe(false);
    expect(matchesFilters(lunch, { period: "all", q: "dinner" }, today)).toBe(false);
  });
});

describe("filterParams", () => {
  it("sends the resolved dates", () => {
    expect(filterParams({ period: "this-month", q: "x" }, today).toString()).toBe("from=2026-03-01&to=2026-03-31&q=x");
  });
});
