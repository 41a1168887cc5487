import type { Receipt } from "@/lib/schemas";
import { awaitedUpload } from "./awaited-upload";

/** A checked receipt: what the tile shows and the viewer opens. */
export type ReadyReceipt = { contentType: string | null; hasThumbnail: boolean; updatedAt: string | null };

/** Something going on with a receipt, or wrong with it, that the line under the row tells about. */
type Activity =
  | { kind: "uploading"; percent: number; previewUrl: string | null }
  | { kind: "checking"; previewUrl: string | null }
  | { kind: "timed-out" }
  | { kind: "stalled" }
  | { kind: "failed"; message: string; canRetry: boolean }
  | { kind: "rejected"; reason: string };

/**
 * What the receipt area shows: this tab's upload when there is one, else the server's state. `current` is
 * the ready receipt still shown (and viewable) while an activity is about a new file replacing it; with an
 * activity and no `current`, the activity is about the expense's first receipt.
 */
export type ReceiptDisplay = { kind: "none"; current: null } | { kind: "ready"; current: ReadyReceipt } | (Activity & { current: ReadyReceipt | null });

/** This tab's part: an upload it started, or an answer it is waiting for. */
export type ReceiptPhase =
  | { name: "idle" }
  | { name: "uploading"; loaded: number; total: number }
  | { name: "checking" }
  | { name: "cancelling" }
  | { name: "timed-out" }
  | { name: "stalled" }
  | { name: "failed"; message: string; canRetry: boolean };

export const DEFAULT_REJECTION = "This file could not be read as a receipt. Choose another photo or PDF.";

const toReady = (receipt: Receipt): ReadyReceipt => ({
  contentType: receipt.contentType ?? null,
  hasThumbnail: receipt.hasThumbnail === true,
  updatedAt: receipt.updatedAt ?? null,
});

function serverDisplay(receipt: Receipt | undefined, previewUrl: string | null): ReceiptDisplay {
  if (!receipt) return { kind: "none", current: null };
  if (receipt.status === "pending") return { kind: "checking", previewUrl, current: null };
  if (receipt.status === "rejected") return { kind: "rejected", reason: receipt.reason ?? DEFAULT_REJECTION, current: null };
  const current = toReady(receipt);
  const { replacement } = receipt;
  if (replacement?.status === "pending") return { kind: "checking", previewUrl, current };
  if (replacement?.status === "rejected") return { kind: "rejected", reason: replacement.reason ?? DEFAULT_REJECTION, current };
  return { kind: "ready", current };
}

/**
 * `receipt` is the server's state as the list last had it. While this tab uploads, that is still the state
 * before the upload, so its ready receipt (if any) is the one being replaced.
 */
export function receiptDisplay(phase: ReceiptPhase, receipt: Receipt | undefined, previewUrl: string | null): ReceiptDisplay {
  const current = receipt?.status === "ready" ? toReady(receipt) : null;
  switch (phase.name) {
    case "uploading":
      return { kind: "uploading", percent: phase.total > 0 ? Math.min(100, Math.round((phase.loaded / phase.total) * 100)) : 0, previewUrl, current };
    case "checking":
      return { kind: "checking", previewUrl, current };
    // A cancelled replacement leaves the receipt it was replacing; a cancelled first upload leaves nothing.
    case "cancelling":
      return current ? { kind: "ready", current } : { kind: "none", current: null };
    case "failed":
      return { kind: "failed", message: phase.message, canRetry: phase.canRetry, current };
    // A receipt settled elsewhere in the meantime (another tab, a reload of the list) wins over "still checking".
    case "timed-out":
    case "stalled":
      return awaitedUpload(receipt) ? { kind: phase.name, current } : serverDisplay(receipt, null);
    default:
      return serverDisplay(receipt, previewUrl);
  }
}
