import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatMoney, localToday } from "./format-expense";
import { ApiError } from "@/client/api/api-fetch";
import { describeApiError } from "@/client/api/describe-api-error";

describe("formatCalendarDate", () => {
  it("shows the calendar date itself, whatever the time zone", () => {
    expect(formatCalendarDate("2025-03-14", "en-GB")).toBe("14 Mar 2025");
    expect(formatCalendarDate("2025-01-01", "en-US")).toBe("Jan 1, 2025");
  });
});

describe("formatMoney", () => {
  it("formats each currency with its own decimals", () => {
    expect(formatMoney("12.50", "EUR", "en-GB")).toBe("€12.50");
    expect(formatMoney("1200", "JPY", "en-GB")).toBe("JP¥1,200");
    expect(formatMoney("3.250", "KWD", "en-GB")).toBe("KWD\u00a03.250");
  });

  it("keeps every digit of amounts beyond a double's precision", () => {
    expect(formatMoney("9999999999.99", "EUR", "en-GB")).toBe("€9,999,999,999.99");
  });
});

describe("localToday", () => {
  it("is the local calendar date, zero-padded", () => {
    expect(localToday(new Date(2025, 0, 5, 23, 59))).toBe("2025-01-05");
  });
});

describe("describeApiError", () => {
  it("gives the API's own detail for a client error and plain words otherwise", () => {
    expect(describeApiError(new ApiError(422, "Invalid", "amount: EUR allows at most 2 decimals"), "saving")).toBe(
      "amount: EUR allows at most 2 decimals",
    );
    expect(describeApiError(new ApiError(401, "Not signed in"), "saving")).toMatch(/Sign in again/);
    expect(describeApiError(new ApiError(503, "Down"), "saving")).toBe("Something went wrong on our side while saving. Please try again.");
    expect(describeApiError(new TypeError("Failed to fetch"), "saving")).toMatch(/could not reach Ledgerline while saving/);
  });
});
