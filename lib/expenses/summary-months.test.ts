import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, daysInMonth, isLeapYear, lastDayOf, monthsTouched, summaryPlan, type DateRange } from "./summary-months";

const range = (from: string, to: string): DateRange => ({ from, to });

describe("calendar arithmetic", () => {
  it.each([
    [2024, true],
    [2025, false],
    [1900, false],
    [2000, true],
    [2100, false],
  ])("knows whether %i is a leap year", (year, expected) => {
    expect(isLeapYear(year)).toBe(expected);
  });

  it.each([
    ["2024-02", "2024-02-29"],
    ["2025-02", "2025-02-28"],
    ["2000-02", "2000-02-29"],
    ["1900-02", "1900-02-28"],
    ["2025-04", "2025-04-30"],
    ["2025-12", "2025-12-31"],
  ])("the last day of %s is %s", (month, last) => {
    expect(lastDayOf(month)).toBe(last);
  });

  it("steps months across year boundaries", () => {
    expect(addMonths("2024-12", 1)).toBe("2025-01");
    expect(addMonths("2025-01", -1)).toBe("2024-12");
    expect(addMonths("2025-03", -15)).toBe("2023-12");
  });

  it("counts the months a range touches", () => {
    expect(monthsTouched(range("2025-01-31", "2025-02-01"))).toBe(2);
    expect(monthsTouched(range("2025-03-14", "2025-03-14"))).toBe(1);
    expect(monthsTouched(range("2016-01-01", "2025-12-31"))).toBe(120);
  });
});

describe("summaryPlan", () => {
  it("reads months that start on the 1st and end on their last day from the aggregates only", () => {
    expect(summaryPlan(range("2025-01-01", "2025-12-31"))).toEqual({ wholeMonths: range("2025-01", "2025-12"), partialRanges: [] });
  });

  it("treats a whole single month as whole", () => {
    expect(summaryPlan(range("2025-03-01", "2025-03-31"))).toEqual({ wholeMonths: range("2025-03", "2025-03"), partialRanges: [] });
  });

  it("reads a range inside one month from its items, as one partial range", () => {
    expect(summaryPlan(range("2025-03-10", "2025-03-20"))).toEqual({ partialRanges: [range("2025-03-10", "2025-03-20")] });
    expect(summaryPlan(range("2025-03-01", "2025-03-30"))).toEqual({ partialRanges: [range("2025-03-01", "2025-03-30")] });
    expect(summaryPlan(range("2025-03-02", "2025-03-31"))).toEqual({ partialRanges: [range("2025-03-02", "2025-03-31")] });
    expect(summaryPlan(range("2025-03-14", "2025-03-14"))).toEqual({ partialRanges: [range("2025-03-14", "2025-03-14")] });
  });

  it("cuts partial edge months and keeps the months between whole", () => {
    expect(summaryPlan(range("2025-01-15", "2025-04-10"))).toEqual({
      wholeMonths: range("2025-02", "2025-03"),
      partialRanges: [range("2025-01-15", "2025-01-31"), range("2025-04-01", "2025-04-10")],
    });
  });

  it("has no whole months when two partial months are adjacent", () => {
    expect(summaryPlan(range("2025-01-31", "2025-02-01"))).toEqual({
      partialRanges: [range("2025-01-31", "2025-01-31"), range("2025-02-01", "2025-02-01")],
    });
  });

  it("keeps a whole from-month whole when only the to-month is cut, and the reverse", () => {
    expect(summaryPlan(range("2025-01-01", "2025-02-27"))).toEqual({ wholeMonths: range("2025-01", "2025-01"), partialRanges: [range("2025-02-01", "2025-02-27")] });
    expect(summaryPlan(range("2025-01-02", "2025-02-28"))).toEqual({ wholeMonths: range("2025-02", "2025-02"), partialRanges: [range("2025-01-02", "2025-01-31")] });
  });

  it("knows February's last day in leap and common years", () => {
    expect(summaryPlan(range("2024-02-01", "2024-02-28"))).toEqual({ partialRanges: [range("2024-02-01", "2024-02-28")] });
    expect(summaryPlan(range("2024-02-01", "2024-02-29"))).toEqual({ wholeMonths: range("2024-02", "2024-02"), partialRanges: [] });
    expect(summaryPlan(range("2025-02-01", "2025-02-28"))).toEqual({ wholeMonths: range("2025-02", "2025-02"), partialRanges: [] });
    expect(summaryPlan(range("2024-01-10", "2024-02-29"))).toEqual({ wholeMonths: range("2024-02", "2024-02"), partialRanges: [range("2024-01-10", "2024-01-31")] });
    expect(summaryPlan(range("1900-02-05", "1900-03-31"))).toEqual({ wholeMonths: range("1900-03", "1900-03"), partialRanges: [range("1900-02-05", "1900-02-28")] });
  });

  it("crosses year boundaries", () => {
    expect(summaryPlan(range("2024-12-24", "2025-01-06"))).toEqual({ partialRanges: [range("2024-12-24", "2024-12-31"), range("2025-01-01", "2025-01-06")] });
    expect(summaryPlan(range("2024-11-15", "2026-02-10"))).toEqual({
      wholeMonths: range("2024-12", "2026-01"),
      partialRanges: [range("2024-11-15", "2024-11-30"), range("2026-02-01", "2026-02-10")],
    });
  });

  /** Every day of 1999-11-01..2001-02-28: two year boundaries and 2000-02-29 (a century that is a leap year). */
  const days: string[] = [];
  for (let month = "1999-11"; month <= "2001-02"; month = addMonths(month, 1)) {
    for (let day = 1; day <= daysInMonth(month); day++) days.push(`${month}-${String(day).padStart(2, "0")}`);
  }
  const dateRange = fc
    .tuple(fc.constantFrom(...days), fc.constantFrom(...days))
    .map(([a, b]) => (a <= b ? range(a, b) : range(b, a)));

  it("covers every day of the range exactly once, with at most two partial ranges inside their months", () => {
    fc.assert(
      fc.property(dateRange, (r) => {
        const plan = summaryPlan(r);
        expect(plan.partialRanges.length).toBeLessThanOrEqual(2);
        const covered = days.filter((day) => {
          const inWhole = plan.wholeMonths !== undefined && day.slice(0, 7) >= plan.wholeMonths.from && day.slice(0, 7) <= plan.wholeMonths.to;
          const inPartial = plan.partialRanges.filter((p) => day >= p.from && day <= p.to).length;
          expect(inPartial + (inWhole ? 1 : 0)).toBeLessThanOrEqual(1);
          return inWhole || inPartial === 1;
        });
        expect(covered).toEqual(days.filter((day) => day >= r.from && day <= r.to));
        for (const partial of plan.partialRanges) {
          expect(partial.from.slice(0, 7)).toBe(partial.to.slice(0, 7));
          expect(partial.from <= partial.to).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
