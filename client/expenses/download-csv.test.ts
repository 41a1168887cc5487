import { describe, expect, it } from "vitest";
import { dispositionFileName } from "./download-csv";

describe("dispositionFileName", () => {
  it("reads quoted, bare and RFC 5987 names, else the fallback", () => {
    expect(dispositionFileName('attachment; filename="expenses-2025-01-01-2025-03-31.csv"', "x.csv")).toBe("expenses-2025-01-01-2025-03-31.csv");
    expect(dispositionFileName("attachment; filename=a.csv", "x.csv")).toBe("a.csv");
    expect(dispositionFileName("attachment; filename*=UTF-8''caf%C3%A9.csv", "x.csv")).toBe("café.csv");
    expect(dispositionFileName(null, "x.csv")).toBe("x.csv");
  });
});
