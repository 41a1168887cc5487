"use client";

import { useEffect, useRef } from "react";
import { ApiError } from "@/client/api/api-fetch";
import type { ExpenseJson } from "@/lib/schemas";
import { awaitedUpload } from "./awaited-upload";
import { fetchExpense } from "./receipts-api";

export const POLL_INTERVAL_MS = 700;
/** The check takes a second or two; a minute without an answer is worth telling the person about. */
export const POLL_TIMEOUT_MS = 60_000;

/** `expense`: the last answer read while still waiting (null if none came), so the list shows the wait too. */
export type PollOutcome =
  | { kind: "settled"; expense: ExpenseJson }
  | { kind: "timed-out"; expense: ExpenseJson | null }
  | { kind: "stalled"; expense: ExpenseJson }
  | { kind: "gone" };

/** "after-upload": this tab just sent the file; "resume": the page found a receipt already pending. */
export type PollMode = "after-upload" | "resume";

/**
 * While `mode` is set, reads the expense every POLL_INTERVAL_MS until the server waits for no file any more
 * (the receipt is no longer pending, and a replacement is gone or rejected), and reports how that ended once.
 * Only a resumed wait can be "stalled" (the file's grant ran out long ago): after this tab's own upload the
 * file has arrived, however long its check takes. A failed read (a network blip) is retried until the
 * deadline. Changing `round` starts over ("Check again").
 */
export function useReceiptPolling(expenseId: string, mode: PollMode | null, round: number, onOutcome: (outcome: PollOutcome) => void) {
  const onOutcomeRef = useRef(onOutcome);
  useEffect(() => {
    onOutcomeRef.current = onOutcome;
  });

  useEffect(() => {
    if (mode === null) return;
    const controller = new AbortController();
    const deadline = Date.now() + POLL_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: ExpenseJson | null = null;
    const report = (outcome: PollOutcome) => {
      if (!controller.signal.aborted) onOutcomeRef.current(outcome);
    };
    const tick = async () => {
      try {
        const expense = await fetchExpense(expenseId, controller.signal);
        const awaited = awaitedUpload(expense.receipt);
        if (!awaited) return report({ kind: "settled", expense });
        if (mode === "resume" && Date.now() > awaited.stalledAfter) return report({ kind: "stalled", expense });
        last = expense;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return report({ kind: "gone" });
      }
      if (controller.signal.aborted) return;
      if (Date.now() >= deadline) return report({ kind: "timed-out", expense: last });
      timer = setTimeout(() => void tick(), POLL_INTERVAL_MS);
    };
    // A resumed check asks at once: the answer may have been there for a while.
    timer = setTimeout(() => void tick(), mode === "resume" ? 0 : POLL_INTERVAL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [expenseId, mode, round]);
}
