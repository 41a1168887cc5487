import { describe, expect, it } from "vitest";
import type { Receipt } from "@/lib/schemas";
import { receiptDisplay } from "./receipt-display";

const at = "2025-03-14T12:00:00.000Z";
const expiresAt = "2025-03-14T12:05:00.000Z";
const ready = (replacement?: Receipt["replacement"]): Receipt => ({ status: "ready", contentType: "image/jpeg", hasThumbnail: true, updatedAt: at, replacement });
const current = { contentType: "image/jpeg", hasThumbnail: true, updatedAt: at };
const idle = { name: "idle" } as const;

describe("receiptDisplay", () => {
  it("keeps showing the ready receipt while this tab uploads and checks its replacement", () => {
    expect(receiptDisplay({ name: "uploading", loaded: 50, total: 200 }, ready(), "blob:new")).toEqual({ kind: "uploading", percent: 25, previewUrl: "blob:new", current });
    expect(receiptDisplay({ name: "checking" }, ready(), null)).toEqual({ kind: "checking", previewUrl: null, current });
  });

  it("has nothing to show beside a first upload", () => {
    expect(receiptDisplay({ name: "uploading", loaded: 0, total: 0 }, undefined, null)).toEqual({ kind: "uploading", percent: 0, previewUrl: null, current: null });
    expect(receiptDisplay({ name: "checking" }, { status: "rejected", reason: "Not a photo." }, null).current).toBeNull();
  });

  it("shows the server's replacement beside the ready receipt: checking while pending, its reason once refused", () => {
    expect(receiptDisplay(idle, ready({ status: "pending", expiresAt }), null)).toEqual({ kind: "checking", previewUrl: null, current });
    expect(receiptDisplay(idle, ready({ status: "rejected", reason: "This file contains text.", expiresAt }), null)).toEqual({
      kind: "rejected",
      reason: "This file contains text.",
      current,
    });
  });

  it("goes back to the ready receipt when a replacement is cancelled, and to nothing for a first upload", () => {
    expect(receiptDisplay({ name: "cancelling" }, ready(), null)).toEqual({ kind: "ready", current });
    expect(receiptDisplay({ name: "cancelling" }, undefined, null)).toEqual({ kind: "none", current: null });
  });

  it("lets a replacement settled elsewhere win over this tab's stalled or timed-out wait", () => {
    expect(receiptDisplay({ name: "stalled" }, ready({ status: "pending", expiresAt }), null)).toEqual({ kind: "stalled", current });
    expect(receiptDisplay({ name: "timed-out" }, ready(), null)).toEqual({ kind: "ready", current });
    expect(receiptDisplay({ name: "stalled" }, { status: "pending", updatedAt: at }, null)).toEqual({ kind: "stalled", current: null });
  });
});
