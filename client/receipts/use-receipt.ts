"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "@/lib/client/api-fetch";
import type { ExpenseJson, Receipt, ReceiptContentType } from "@/lib/schemas";
import { describeGrantError } from "./describe-grant-error";
import { checkReceiptFile } from "./receipt-file";
import { deleteReceipt, fetchExpense, requestReceiptUpload } from "./receipts-api";
import { describeUploadFailure, UploadError } from "./upload-failure";
import { uploadToS3 } from "./upload-to-s3";
import { useReceiptPolling, type PollMode, type PollOutcome } from "./use-receipt-polling";

/** What the receipt area shows: this tab's upload when there is one, else the server's state. */
export type ReceiptDisplay =
  | { kind: "none" }
  | { kind: "uploading"; percent: number; previewUrl: string | null }
  | { kind: "checking"; previewUrl: string | null }
  | { kind: "timed-out" }
  | { kind: "stalled" }
  | { kind: "failed"; message: string; canRetry: boolean }
  | { kind: "ready"; contentType: string | null; hasThumbnail: boolean; updatedAt: string | null }
  | { kind: "rejected"; reason: string };

type Phase =
  | { name: "idle" }
  | { name: "uploading"; loaded: number; total: number }
  | { name: "checking" }
  | { name: "cancelling" }
  | { name: "timed-out" }
  | { name: "stalled" }
  | { name: "failed"; message: string; canRetry: boolean };

/** Types a browser can show as an <img> while the file is still on its way. */
const PREVIEWABLE = new Set<ReceiptContentType>(["image/jpeg", "image/png", "image/webp"]);

const DEFAULT_REJECTION = "This file could not be read as a receipt. Choose another photo or PDF.";

function serverDisplay(receipt: Receipt | undefined, previewUrl: string | null): ReceiptDisplay {
  if (!receipt) return { kind: "none" };
  if (receipt.status === "pending") return { kind: "checking", previewUrl };
  if (receipt.status === "rejected") return { kind: "rejected", reason: receipt.reason ?? DEFAULT_REJECTION };
  return { kind: "ready", contentType: receipt.contentType ?? null, hasThumbnail: receipt.hasThumbnail === true, updatedAt: receipt.updatedAt ?? null };
}

function display(phase: Phase, receipt: Receipt | undefined, previewUrl: string | null): ReceiptDisplay {
  switch (phase.name) {
    case "uploading":
      return { kind: "uploading", percent: phase.total > 0 ? Math.min(100, Math.round((phase.loaded / phase.total) * 100)) : 0, previewUrl };
    case "checking":
      return { kind: "checking", previewUrl };
    case "cancelling":
      return { kind: "none" };
    case "failed":
      return { kind: "failed", message: phase.message, canRetry: phase.canRetry };
    // A receipt settled elsewhere in the meantime (another tab, a reload of the list) wins over "still checking".
    case "timed-out":
    case "stalled":
      return receipt?.status === "pending" ? { kind: phase.name } : serverDisplay(receipt, null);
    default:
      return serverDisplay(receipt, previewUrl);
  }
}

/**
 * One expense's receipt: attach (check the file, get a grant, upload straight to S3 with progress), cancel,
 * retry with a fresh grant, wait for the server's check, remove. Every change the server makes to the
 * expense (receipt state, version) is handed to `onChanged`, so the list and later edits stay current.
 */
export function useReceipt(expense: Pick<ExpenseJson, "id" | "receipt">, onChanged: (expense: ExpenseJson) => void) {
  const { id, receipt } = expense;
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const [pollRound, setPollRound] = useState(0);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  /** What a screen reader hears when the state changes because of something done here. */
  const [announcement, setAnnouncement] = useState("");
  const uploadRef = useRef<{ file: File; contentType: ReceiptContentType; controller: AbortController } | null>(null);
  const onChangedRef = useRef(onChanged);
  useEffect(() => {
    onChangedRef.current = onChanged;
  });

  useEffect(() => () => uploadRef.current?.controller.abort(), []);
  useEffect(() => () => (previewUrl ? URL.revokeObjectURL(previewUrl) : undefined), [previewUrl]);

  const upload = useCallback(
    async (file: File, contentType: ReceiptContentType) => {
      uploadRef.current?.controller.abort();
      const controller = new AbortController();
      uploadRef.current = { file, contentType, controller };
      setPhase({ name: "uploading", loaded: 0, total: file.size });
      setAnnouncement("Uploading receipt.");
      let maxBytes = file.size;
      try {
        const grant = await requestReceiptUpload(id, { contentType, size: file.size }, controller.signal);
        maxBytes = grant.maxBytes;
        await uploadToS3(grant, file, {
          signal: controller.signal,
          onProgress: ({ loaded, total }) => setPhase({ name: "uploading", loaded, total }),
        });
        if (controller.signal.aborted) return;
        setPhase({ name: "checking" });
        setAnnouncement("Upload finished. Checking receipt…");
      } catch (error) {
        if (controller.signal.aborted) return;
        const failure = error instanceof UploadError ? { message: describeUploadFailure(error.failure, maxBytes), canRetry: true } : describeGrantError(error, file);
        setPhase({ name: "failed", ...failure });
        setAnnouncement(failure.message);
      }
    },
    [id],
  );

  /** Checks the file at once and starts its upload; returns why it cannot be a receipt, else null. */
  const attach = useCallback(
    (file: File): string | null => {
      const check = checkReceiptFile(file);
      if (!check.ok) return check.message;
      setPreviewUrl(PREVIEWABLE.has(check.contentType) ? URL.createObjectURL(file) : null);
      void upload(file, check.contentType);
      return null;
    },
    [upload],
  );

  /** Same file, fresh grant: the old one may have expired, which is often why the upload failed. */
  const retry = useCallback(() => {
    const current = uploadRef.current;
    if (current) void upload(current.file, current.contentType);
  }, [upload]);

  const refresh = useCallback(async () => {
    try {
      onChangedRef.current(await fetchExpense(id));
    } catch {
      // The row keeps what it showed; the next action or reload asks again.
    }
  }, [id]);

  const cancel = useCallback(() => {
    uploadRef.current?.controller.abort();
    uploadRef.current = null;
    setPhase({ name: "cancelling" });
    setPreviewUrl(null);
    setAnnouncement("Upload cancelled.");
    // The grant already made the receipt pending (in place of any earlier one): clear it, or the expense
    // would wait for a file that never comes.
    void deleteReceipt(id)
      .catch(() => undefined)
      .then(refresh)
      .then(() => setPhase((current) => (current.name === "cancelling" ? { name: "idle" } : current)));
  }, [id, refresh]);

  const checkAgain = useCallback(() => {
    setPhase({ name: "checking" });
    setPollRound((round) => round + 1);
  }, []);

  /** Deletes the receipt (already gone is fine); throws for the caller to say what went wrong. */
  const remove = useCallback(async () => {
    try {
      await deleteReceipt(id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    setPhase({ name: "idle" });
    setPreviewUrl(null);
    setAnnouncement("Receipt removed.");
    await refresh();
  }, [id, refresh]);

  const onOutcome = useCallback((outcome: PollOutcome) => {
    if (outcome.kind === "settled") {
      const { receipt: settled } = outcome.expense;
      setAnnouncement(settled?.status === "rejected" ? `Receipt refused. ${settled.reason ?? DEFAULT_REJECTION}` : settled ? "Receipt attached." : "");
      onChangedRef.current(outcome.expense);
      setPreviewUrl(null);
      setPhase({ name: "idle" });
    } else if (outcome.kind === "gone") {
      setPhase({ name: "idle" });
    } else if (outcome.kind === "timed-out") {
      setPhase({ name: "timed-out" });
      setAnnouncement("Checking the receipt is taking longer than usual.");
    } else {
      setPhase({ name: "stalled" });
    }
  }, []);

  const pollMode: PollMode | null = phase.name === "checking" ? "after-upload" : phase.name === "idle" && receipt?.status === "pending" ? "resume" : null;
  useReceiptPolling(id, pollMode, pollRound, onOutcome);

  return { display: display(phase, receipt, previewUrl), announcement, attach, retry, cancel, checkAgain, remove };
}

export type ReceiptController = ReturnType<typeof useReceipt>;
