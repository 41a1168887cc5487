import { describe, expect, it } from "vitest";
import { isDateLike, parseDate, slashDashParts } from "./parse-date";

describe("parseDate", () => {
  it.each([
    ["2025-03-05", "YYYY-MM-DD", "2025-03-05"],
    ["2025/3/5", "YYYY/MM/DD", "2025-03-05"],
    ["20250305", "YYYYMMDD", "2025-03-05"],
    ["05.03.2025", "DD.MM.YYYY", "2025-03-05"],
    ["5.3.25", "DD.MM.YYYY", "2025-03-05"],
    ["05/03/2025", "DD/MM/YYYY", "2025-03-05"],
    ["03/05/2025", "MM/DD/YYYY", "2025-03-05"],
    ["3/5/25", "MM/DD/YYYY", "2025-03-05"],
    ["05-03-2025", "DD-MM-YYYY", "2025-03-05"],
    ["05-Mar-2025", "DD-MMM-YYYY", "2025-03-05"],
    ["5 März 2025", "DD-MMM-YYYY", "2025-03-05"],
    ["05-mrt-2025", "DD-MMM-YYYY", "2025-03-05"],
    ["5 déc. 2024", "DD-MMM-YYYY", "2024-12-05"],
    ["05-Mar-99", "DD-MMM-YYYY", "1999-03-05"],
    ["2025-03-05 14:22:01", "YYYY-MM-DD", "2025-03-05"],
    ["2025-03-05T14:22:01Z", "YYYY-MM-DD", "2025-03-05"],
    ["03/05/2025 2:15 PM", "MM/DD/YYYY", "2025-03-05"],
    ["29.02.2024", "DD.MM.YYYY", "2024-02-29"],
  ] as const)("reads %j as %s", (text, format, date) => {
    expect(parseDate(text, format)).toEqual({ ok: true, date });
  });

  it("tells a date that does not exist from one written another way", () => {
    expect(parseDate("31.02.2025", "DD.MM.YYYY")).toEqual({ ok: false, reason: "not-real" });
    expect(parseDate("29.02.2025", "DD.MM.YYYY")).toEqual({ ok: false, reason: "not-real" });
    expect(parseDate("13/13/2025", "MM/DD/YYYY")).toEqual({ ok: false, reason: "not-real" });
    expect(parseDate("2025-03-05", "DD.MM.YYYY")).toEqual({ ok: false, reason: "shape" });
    expect(parseDate("Pending", "DD-MMM-YYYY")).toEqual({ ok: false, reason: "shape" });
    expect(parseDate("05-Foo-2025", "DD-MMM-YYYY")).toEqual({ ok: false, reason: "shape" });
  });

  it("pivots two-digit years POSIX-style", () => {
    expect(parseDate("01/01/69", "DD/MM/YYYY")).toEqual({ ok: true, date: "2069-01-01" });
    expect(parseDate("01/01/70", "DD/MM/YYYY")).toEqual({ ok: true, date: "1970-01-01" });
  });

  it("finds dates in any format and gives the day/month parts for the DD/MM vote", () => {
    expect(isDateLike("14/03/2025")).toBe(true);
    expect(isDateLike("1.444,00")).toBe(false);
    expect(slashDashParts("14/03/2025")).toEqual({ first: 14, second: 3 });
    expect(slashDashParts("2025-03-14")).toBeUndefined();
  });
});
