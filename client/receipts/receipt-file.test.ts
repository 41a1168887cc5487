import { describe, expect, it } from "vitest";
import { MAX_RECEIPT_BYTES } from "@/lib/schemas";
import { checkReceiptFile, formatMegabytes, receiptContentType, WRONG_TYPE_MESSAGE } from "./receipt-file";

const MB = 1024 * 1024;

describe("receiptContentType", () => {
  it("takes the browser's type when it is a receipt type", () => {
    expect(receiptContentType({ name: "scan", type: "image/png" })).toBe("image/png");
    expect(receiptContentType({ name: "a.pdf", type: "application/pdf" })).toBe("application/pdf");
  });

  it("infers HEIC and HEIF from the extension when Chrome reports no type", () => {
    expect(receiptContentType({ name: "IMG_0042.HEIC", type: "" })).toBe("image/heic");
    expect(receiptContentType({ name: "photo.heif", type: "application/octet-stream" })).toBe("image/heif");
  });

  it("refuses a type the browser is sure of, whatever the name says", () => {
    expect(receiptContentType({ name: "notes.png", type: "text/plain" })).toBeNull();
    expect(receiptContentType({ name: "clip.mov", type: "" })).toBeNull();
    expect(receiptContentType({ name: "README", type: "" })).toBeNull();
  });
});

describe("checkReceiptFile", () => {
  it("accepts a photo up to exactly 10 MB", () => {
    expect(checkReceiptFile({ name: "r.jpg", type: "image/jpeg", size: MAX_RECEIPT_BYTES })).toEqual({ ok: true, contentType: "image/jpeg" });
  });

  it("says how large a file is and what the limit is", () => {
    expect(checkReceiptFile({ name: "r.jpg", type: "image/jpeg", size: 12.3 * MB })).toEqual({
      ok: false,
      message: "This file is 12.3 MB; receipts can be at most 10 MB.",
    });
  });

  it("names the accepted kinds for a wrong type", () => {
    expect(checkReceiptFile({ name: "r.gif", type: "image/gif", size: 100 })).toEqual({ ok: false, message: WRONG_TYPE_MESSAGE });
  });

  it("refuses an empty file", () => {
    expect(checkReceiptFile({ name: "r.png", type: "image/png", size: 0 }).ok).toBe(false);
  });
});

describe("formatMegabytes", () => {
  it("rounds up to a tenth, so one byte over the limit is not shown as the limit", () => {
    expect(formatMegabytes(10 * MB + 1)).toBe("10.1 MB");
    expect(formatMegabytes(11 * MB)).toBe("11 MB");
  });
});
