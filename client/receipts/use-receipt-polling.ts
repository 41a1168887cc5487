"use client";

import { useEffect, useRef } from "react";
import { ApiError } from "@/lib/client/api-fetch";
import type { ExpenseJson, Receipt } from "@/lib/schemas";
import { fetchExpense } from "./receipts-api";

export const POLL_INTERVAL_MS = 700;
/** The check takes a second or two; a minute without an answer is worth telling the person about. */
export const POLL_TIMEOUT_MS = 60_000;
/** Grants last 5 minutes: a receipt still pending well after that will never get its file. */
const STALLED_AFTER_MS = 6 * 60_000;

export type PollOutcome =
  | { kind: "settled"; expense: ExpenseJson }
  | { kind: "timed-out" }
  | { kind: "stalled" }
  | { kind: "gone" };

/** "after-upload": this tab just sent the file; "resume": the page found a receipt already pending. */
export type PollMode = "after-upload" | "resume";

function isStalled(receipt: Receipt, now: number): boolean {
  return receipt.updatedAt !== undefined && now - Date.parse(receipt.updatedAt) > STALLED_AFTER_MS;
}

/**
 * While `mode` is set, reads the expense every POLL_INTERVAL_MS until its receipt is no longer pending, and
 * reports how that ended once. A failed read (a network blip) is retried until the deadline. Changing
 * `round` starts over ("Check again").
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
    const report = (outcome: PollOutcome) => {
      if (!controller.signal.aborted) onOutcomeRef.current(outcome);
    };
    const tick = async () => {
      try {
        const expense = await fetchExpense(expenseId, controller.signal);
        if (expense.receipt?.status !== "pending") return report({ kind: "settled", expense });
        if (mode === "resume" && isStalled(expense.receipt, Date.now())) return report({ kind: "stalled" });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return report({ kind: "gone" });
      }
      if (controller.signal.aborted) return;
      if (Date.now() >= deadline) return report({ kind: "timed-out" });
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
