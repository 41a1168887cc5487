"use client";

import { useState, type Ref } from "react";
import type { ReceiptDisplay } from "@/client/receipts/use-receipt";
import { describeApiError } from "@/client/api/describe-api-error";
import { Button } from "../ui/button";
import { Spinner } from "./receipt-icons";

type Props = {
  display: ReceiptDisplay;
  onCancel: () => void;
  onRetry: () => void;
  onCheckAgain: () => void;
  onChooseFile: () => void;
  /** Puts the problem away: forgets a new file (the current receipt stays), or removes a receipt that never became one. */
  onDismiss: () => Promise<void>;
  /** The line's main button (Cancel, Choose another file): where focus goes when the state changes under it. */
  primaryRef?: Ref<HTMLButtonElement>;
  className?: string;
};

/**
 * The line under a row while a receipt is on its way or needs the person: progress, checking, what went
 * wrong. With a ready receipt still shown (`display.current`) it speaks of "the new file" replacing it.
 */
export function ReceiptStatusLine({ display, onCancel, onRetry, onCheckAgain, onChooseFile, onDismiss, primaryRef, className = "" }: Props) {
  const [dismissError, setDismissError] = useState<string | null>(null);
  const [isDismissing, setIsDismissing] = useState(false);
  const line = `flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1.5 text-sm ${className}`;
  const isReplacing = display.kind !== "ready" && display.current !== null;

  const dismiss = async () => {
    setIsDismissing(true);
    setDismissError(null);
    try {
      await onDismiss();
    } catch (error) {
      setDismissError(describeApiError(error, isReplacing ? "dismissing the new file" : "removing the receipt"));
    } finally {
      setIsDismissing(false);
    }
  };

  const dismissButton = (label: string) => (
    <>
      <Button variant="quiet" size="sm" busy={isDismissing} onClick={() => void dismiss()}>
        {label}
      </Button>
      {dismissError ? (
        <p role="alert" className="w-full font-medium text-red-800 dark:text-red-300">
          {dismissError}
        </p>
      ) : null}
    </>
  );

  switch (display.kind) {
    case "uploading": {
      const label = isReplacing ? "Uploading new receipt" : "Uploading receipt";
      return (
        <div className={`${line} flex-nowrap`}>
          <span className="shrink-0 text-slate-600 dark:text-slate-400">
            {isReplacing ? (
              // A phone's line has room for the bar or for the words; the tile's badge says which receipt.
              <>
                <span className="sm:hidden">Replacing…</span>
                <span className="max-sm:hidden">Uploading new receipt…</span>
              </>
            ) : (
              "Uploading…"
            )}
          </span>
          <div
            role="progressbar"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={display.percent}
            className="h-2 min-w-0 flex-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
          >
            <div className="h-full rounded-full bg-emerald-600 transition-[width] dark:bg-emerald-400 duration-200" style={{ width: `${display.percent}%` }} />
          </div>
          <span aria-hidden className="w-10 text-right tabular-nums text-slate-600 dark:text-slate-400">
            {display.percent}%
          </span>
          <Button ref={primaryRef} variant="quiet" size="sm" className="-my-1" onClick={onCancel}>
            Cancel<span className="sr-only"> upload</span>
          </Button>
        </div>
      );
    }
    case "checking":
      return (
        <p className={`${line} min-h-9 text-slate-600 dark:text-slate-400`}>
          <Spinner className="size-4 text-emerald-700 dark:text-emerald-400" />
          {isReplacing ? "Checking new receipt…" : "Checking receipt…"}
        </p>
      );
    case "timed-out":
      return (
        <div className={line}>
          <p className="min-w-0 flex-[1_1_16rem] text-slate-700 dark:text-slate-300">
            {isReplacing ? "Checking the new receipt is taking longer than usual." : "Checking this receipt is taking longer than usual."}
          </p>
          <Button ref={primaryRef} size="sm" onClick={onCheckAgain}>
            Check again
          </Button>
          <Button variant="quiet" size="sm" onClick={onChooseFile}>
            Choose another file
          </Button>
        </div>
      );
    case "failed":
      return (
        <div className={line}>
          <p className="min-w-0 flex-[1_1_16rem] font-medium text-red-800 dark:text-red-300">{display.message}</p>
          {display.canRetry ? (
            <Button ref={primaryRef} size="sm" onClick={onRetry}>
              Try again
            </Button>
          ) : null}
          {/* A new file that failed: send it again or keep the current receipt (Replace in the viewer picks another). */}
          {display.canRetry && isReplacing ? null : (
            <Button ref={display.canRetry ? undefined : primaryRef} variant={display.canRetry ? "quiet" : "secondary"} size="sm" onClick={onChooseFile}>
              Choose another file
            </Button>
          )}
          {isReplacing ? dismissButton("Keep current receipt") : null}
        </div>
      );
    case "rejected":
      return (
        <div className={line}>
          <p className="min-w-0 flex-[1_1_16rem] text-amber-900 dark:text-amber-200">
            <span className="font-medium">{isReplacing ? "Your new file was not accepted:" : "Receipt not accepted."}</span> {display.reason}
          </p>
          <Button ref={primaryRef} size="sm" onClick={onChooseFile}>
            Choose another file
          </Button>
          {dismissButton(isReplacing ? "Keep current receipt" : "Dismiss")}
        </div>
      );
    case "stalled":
      // Found on a later visit, long after the grant ran out: the file is not in this tab any more, so
      // trying again means choosing it again.
      return (
        <div className={line}>
          <p className="min-w-0 flex-[1_1_16rem] text-amber-900 dark:text-amber-200">
            {isReplacing ? "The new file did not finish uploading." : "The last upload of this receipt did not finish."}
          </p>
          <Button ref={primaryRef} size="sm" onClick={onChooseFile}>
            {isReplacing ? "Try again" : "Choose file"}
          </Button>
          {dismissButton("Dismiss")}
        </div>
      );
    default:
      return null;
  }
}
