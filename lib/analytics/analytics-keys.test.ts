import { describe, expect, it } from "vitest";
import { monthObjectKey, parseMonthObjectKey, quicksightManifest, userHashOf, userMonthKey } from "./analytics-keys";

describe("analytics keys", () => {
  it("names a user by the first 32 hex digits of sha256(userId), stably", () => {
    // sha256("alice") = 2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90
    expect(userHashOf("alice")).toBe("2bd806c97f0e00af1a1fc3328fa763a9");
    expect(userHashOf("alice")).toBe(userHashOf("alice"));
    expect(userHashOf("bob")).not.toBe(userHashOf("alice"));
  });

  it("lays objects out as Hive partitions by month", () => {
    expect(userMonthKey({ userId: "alice", month: "2025-03" })).toBe("analytics/expenses/month=2025-03/user=2bd806c97f0e00af1a1fc3328fa763a9.ndjson");
    expect(() => monthObjectKey("2025-13", "ab")).toThrow(/not a YYYY-MM month/);
    expect(() => monthObjectKey("2025-3", "ab")).toThrow();
  });

  it("parses its own keys back and nothing else", () => {
    const key = userMonthKey({ userId: "alice", month: "2025-03" });
    expect(parseMonthObjectKey(key)).toEqual({ month: "2025-03", userHash: "2bd806c97f0e00af1a1fc3328fa763a9" });
    expect(parseMonthObjectKey("analytics/quicksight-manifest.json")).toBeUndefined();
    expect(parseMonthObjectKey("analytics/expenses/month=2025-03/notes.txt")).toBeUndefined();
    expect(parseMonthObjectKey(`${key}.bak`)).toBeUndefined();
  });

  it("writes the QuickSight manifest exactly", () => {
    expect(quicksightManifest("my-bucket")).toBe(
      '{"fileLocations":[{"URIPrefixes":["s3://my-bucket/analytics/expenses/"]}],"globalUploadSettings":{"format":"JSON"}}',
    );
  });
});
