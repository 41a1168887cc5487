"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "@/client/api/api-fetch";
import type { ExpenseJson, Receipt, ReceiptContentType } from "@/lib/schemas";
import { awaitedUpload } from "./awaited-upload";
import { describeGrantError } from "./describe-grant-error";
import { DEFAULT_REJECTION, receiptDisplay, type ReceiptPhase } from "./receipt-display";
import { checkReceiptFile } from "./receipt-file";
import { deleteReceipt, deleteReplacement, fetchExpense, requestReceiptUpload } from "./receipts-api";
import { describeUploadFailure, UploadError } from "./upload-failure";
import { uploadToS3 } from "./upload-to-s3";
import { useReceiptPolling, type PollMode, type PollOutcome } from "./use-receipt-polling";

export type { ReadyReceipt, ReceiptDisplay } from "./receipt-display";

/** Types a browser can show as an <img> while the file is still on its way. */
const PREVIEWABLE = new Set<ReceiptContentType>(["image/jpeg", "image/png", "image/webp"]);

/** This tab's upload; `isReplacement`: the expense had a ready receipt, which the server keeps until this one is checked. */
type Upload = {
  file: File;
  contentType: ReceiptContentType;
  isReplacement: boolean;
  controller: AbortController;
  /** The grant request, settled or not: a cancel waits for it, or the server could set up the upload after the cancel. */
  granted: Promise<unknown>;
};

/** 404: already gone (settled, dismissed or removed elsewhere), which is what was asked for. */
async function unlessGone(request: Promise<void>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
}

function settledAnnouncement(receipt: Receipt | undefined, wasReplacing: boolean): string {
  if (!receipt) return "";
  if (receipt.status === "rejected") return `Receipt refused. ${receipt.reason ?? DEFAULT_REJECTION}`;
  if (receipt.replacement?.status === "rejected") return `Your new file was not accepted: ${receipt.replacement.reason ?? DEFAULT_REJECTION}`;
  return wasReplacing ? "New receipt attached." : "Receipt attached.";
}

/**
 * One expense's receipt: attach (check the file, get a grant, upload straight to S3 with progress), cancel,
 * retry with a fresh grant, wait for the server's check, dismiss, remove. Replacing a ready receipt keeps it
 * shown and viewable until the new file is checked; cancelling or dismissing a replacement keeps it for good.
 * Every change the server makes to the expense (receipt state, version) is handed to `onChanged`, so the
 * list and later edits stay current.
 */
export function useReceipt(expense: Pick<ExpenseJson, "id" | "receipt">, onChanged: (expense: ExpenseJson) => void) {
  const { id, receipt } = expense;
  const [phase, setPhase] = useState<ReceiptPhase>({ name: "idle" });
  const [pollRound, setPollRound] = useState(0);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  /** What a screen reader hears when the state changes because of something done here. */
  const [announcement, setAnnouncement] = useState("");
  const uploadRef = useRef<Upload | null>(null);
  const onChangedRef = useRef(onChanged);
  const hasReadyRef = useRef(receipt?.status === "ready");
  useEffect(() => {
    onChangedRef.current = onChanged;
    hasReadyRef.current = receipt?.status === "ready";
  });

  useEffect(() => () => uploadRef.current?.controller.abort(), []);
  useEffect(() => () => (previewUrl ? URL.revokeObjectURL(previewUrl) : undefined), [previewUrl]);

  const stopUpload = useCallback(() => {
    uploadRef.current?.controller.abort();
    uploadRef.current = null;
  }, []);

  const upload = useCallback(
    async (file: File, contentType: ReceiptContentType, isReplacement: boolean) => {
      uploadRef.current?.controller.abort();
      const controller = new AbortController();
      // Not aborted with the upload: the server would still answer it, so a cancel waits for it instead.
      const granted = requestReceiptUpload(id, { contentType, size: file.size });
      uploadRef.current = { file, contentType, isReplacement, controller, granted };
      setPhase({ name: "uploading", loaded: 0, total: file.size });
      setAnnouncement(isReplacement ? "Uploading new receipt." : "Uploading receipt.");
      let maxBytes = file.size;
      try {
        const grant = await granted;
        if (controller.signal.aborted) return;
        maxBytes = grant.maxBytes;
        await uploadToS3(grant, file, {
          signal: controller.signal,
          onProgress: ({ loaded, total }) => setPhase({ name: "uploading", loaded, total }),
        });
        if (controller.signal.aborted) return;
        setPhase({ name: "checking" });
        setAnnouncement(isReplacement ? "Upload finished. Checking new receipt…" : "Upload finished. Checking receipt…");
      } catch (error) {
        if (controller.signal.aborted) return;
        const isUploadError = error instanceof UploadError;
        const failure = isUploadError ? { message: describeUploadFailure(error.failure, maxBytes), canRetry: true } : describeGrantError(error, file);
        setPhase({ name: "failed", ...failure });
        setAnnouncement(failure.message);
        // The file did not arrive: the server need not wait for it beside the receipt that stays (a retry asks anew).
        if (isReplacement && isUploadError) void unlessGone(deleteReplacement(id)).catch(() => undefined);
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
      void upload(file, check.contentType, hasReadyRef.current);
      return null;
    },
    [upload],
  );

  /** Same file, fresh grant: the old one may have expired, which is often why the upload failed. */
  const retry = useCallback(() => {
    const current = uploadRef.current;
    if (current) void upload(current.file, current.contentType, hasReadyRef.current);
  }, [upload]);

  const refresh = useCallback(async () => {
    try {
      onChangedRef.current(await fetchExpense(id));
    } catch {
      // The row keeps what it showed; the next action or reload asks again.
    }
  }, [id]);

  const cancel = useCallback(() => {
    const isReplacement = uploadRef.current?.isReplacement ?? hasReadyRef.current;
    const granted = uploadRef.current?.granted ?? Promise.resolve();
    stopUpload();
    setPhase({ name: "cancelling" });
    setPreviewUrl(null);
    setAnnouncement(isReplacement ? "Upload cancelled. The current receipt stays." : "Upload cancelled.");
    // The grant made the server wait for this file: a replacement beside the ready receipt, which goes
    // (the receipt stays); or the receipt itself, pending, which goes, or the expense would wait for ever.
    void granted
      .catch(() => undefined)
      .then(() => (isReplacement ? deleteReplacement(id) : deleteReceipt(id)))
      .catch(() => undefined)
      .then(refresh)
      .then(() => setPhase((current) => (current.name === "cancelling" ? { name: "idle" } : current)));
  }, [id, refresh, stopUpload]);

  const checkAgain = useCallback(() => {
    setPhase({ name: "checking" });
    setPollRound((round) => round + 1);
  }, []);

  /** Deletes the receipt (already gone is fine); throws for the caller to say what went wrong. */
  const remove = useCallback(async () => {
    // A replacement on its way goes with it (the server forgets it too).
    stopUpload();
    await unlessGone(deleteReceipt(id));
    setPhase({ name: "idle" });
    setPreviewUrl(null);
    setAnnouncement("Receipt removed.");
    await refresh();
  }, [id, refresh, stopUpload]);

  /**
   * Puts a problem away: a new file that failed, was refused or never arrived is forgotten and the ready
   * receipt stays; without a ready receipt, the refused or stalled one goes. Throws like `remove`.
   */
  const dismiss = useCallback(async () => {
    if (!hasReadyRef.current) return remove();
    stopUpload();
    await unlessGone(deleteReplacement(id));
    setPhase({ name: "idle" });
    setPreviewUrl(null);
    setAnnouncement("Kept the current receipt.");
    await refresh();
  }, [id, refresh, remove, stopUpload]);

  const onOutcome = useCallback((outcome: PollOutcome) => {
    if (outcome.kind === "settled") {
      setAnnouncement(settledAnnouncement(outcome.expense.receipt, hasReadyRef.current));
      onChangedRef.current(outcome.expense);
      setPreviewUrl(null);
      setPhase({ name: "idle" });
    } else if (outcome.kind === "gone") {
      setPhase({ name: "idle" });
    } else {
      // The list learns that the server is still waiting (after this tab's upload it did not know yet).
      if (outcome.expense) onChangedRef.current(outcome.expense);
      if (outcome.kind === "timed-out") {
        setPhase({ name: "timed-out" });
        setAnnouncement("Checking the receipt is taking longer than usual.");
      } else {
        setPhase({ name: "stalled" });
      }
    }
  }, []);

  const pollMode: PollMode | null = phase.name === "checking" ? "after-upload" : phase.name === "idle" && awaitedUpload(receipt) ? "resume" : null;
  useReceiptPolling(id, pollMode, pollRound, onOutcome);

  return { display: receiptDisplay(phase, receipt, previewUrl), announcement, attach, retry, cancel, checkAgain, remove, dismiss };
}

export type ReceiptController = ReturnType<typeof useReceipt>;
