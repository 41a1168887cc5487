import { describe, expect, it } from "vitest";
import { latestToday } from "./scans";

describe("the latest day a device may call today", () => {
  it("is the calendar day at UTC+14 (Kiribati), the first place a day begins", () => {
    expect(latestToday(new Date("2025-06-30T09:59:59Z"))).toBe("2025-06-30");
    expect(latestToday(new Date("2025-06-30T10:00:00Z"))).toBe("2025-07-01");
    expect(latestToday(new Date("2024-12-31T23:00:00Z"))).toBe("2025-01-01");
  });
});
