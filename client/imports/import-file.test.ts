import { describe, expect, it } from "vitest";
import { checkImportFile, importContentType } from "./import-file";

const MB = 1024 * 1024;

describe("checkImportFile", () => {
  it("declares text/csv for a file Chrome reports without a type", () => {
    expect(checkImportFile({ name: "statement.csv", type: "", size: 100 })).toEqual({ ok: true, contentType: "text/csv" });
  });

  it("keeps Excel's type for a .csv from Windows", () => {
    expect(importContentType({ name: "umsatz.CSV", type: "application/vnd.ms-excel" })).toBe("application/vnd.ms-excel");
  });

  it("declares a tab-separated type for an untyped .tsv", () => {
    expect(importContentType({ name: "card.tsv", type: "application/octet-stream" })).toBe("text/tab-separated-values");
  });

  it("refuses a type the browser is sure of and we do not read", () => {
    expect(checkImportFile({ name: "photo.csv", type: "image/jpeg", size: 100 })).toMatchObject({ ok: false });
  });

  it("says how large a file over the limit is and what the limit is", () => {
    expect(checkImportFile({ name: "big.csv", type: "text/csv", size: 25 * MB })).toEqual({
      ok: false,
      message: "This file is 25 MB; imports can be at most 20 MB.",
    });
  });

  it("accepts exactly 20 MB and refuses an empty file", () => {
    expect(checkImportFile({ name: "max.csv", type: "text/csv", size: 20 * MB }).ok).toBe(true);
    expect(checkImportFile({ name: "empty.csv", type: "text/csv", size: 0 })).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
  });
});
