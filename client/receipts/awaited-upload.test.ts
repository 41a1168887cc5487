import { describe, expect, it } from "vitest";
import type { Receipt } from "@/lib/schemas";
import { awaitedUpload, STALL_MARGIN_MS, UPLOAD_GRANT_MS } from "./awaited-upload";

const at = "2025-03-14T12:00:00.000Z";
const ready = (replacement?: Receipt["replacement"]): Receipt => ({ status: "ready", contentType: "image/jpeg", hasThumbnail: true, updatedAt: at, replacement });

describe("awaitedUpload", () => {
  it("waits for a first upload until its grant has run out, with a margin", () => {
    expect(awaitedUpload({ status: "pending", contentType: "image/png", updatedAt: at })).toEqual({
      isReplacement: false,
      stalledAfter: Date.parse(at) + UPLOAD_GRANT_MS + STALL_MARGIN_MS,
    });
  });

  it("waits for a pending replacement until its expiresAt, with a margin, beside the ready receipt", () => {
    const expiresAt = "2025-03-14T12:05:00.000Z";
    expect(awaitedUpload(ready({ status: "pending", expiresAt }))).toEqual({ isReplacement: true, stalledAfter: Date.parse(expiresAt) + STALL_MARGIN_MS });
  });

  it("waits for nothing once the receipt is settled, or its replacement refused", () => {
    expect(awaitedUpload(undefined)).toBeNull();
    expect(awaitedUpload(ready())).toBeNull();
    expect(awaitedUpload({ status: "rejected", reason: "Not a photo.", updatedAt: at })).toBeNull();
    expect(awaitedUpload(ready({ status: "rejected", reason: "Not a photo.", expiresAt: at }))).toBeNull();
  });

  it("never calls a pending receipt without its grant's instant stalled", () => {
    expect(awaitedUpload({ status: "pending" })?.stalledAfter).toBe(Number.POSITIVE_INFINITY);
  });
});
