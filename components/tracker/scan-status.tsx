"use client";

import type { ScanPhase } from "@/client/scans/use-scan";
import { PageIcon, Spinner, WarningIcon } from "../receipts/receipt-icons";
import { Button } from "../ui/button";

type Props = {
  phase: ScanPhase;
  previewUrl: string | null;
  /** What the form says once the scan is read (filled fields, or nothing found). */
  summary: string | null;
  onCancel: () => void;
  onRetry: () => void;
};

/**
 * The add form's line about its receipt scan: the photo, upload progress, "Reading…", what was filled in,
 * or what went wrong. Announced politely; its buttons keep the person in charge (cancel, another photo, remove).
 */
export function ScanStatus({ phase, previewUrl, summary, onCancel, onRetry }: Props) {
  if (phase.name === "idle") return null;
  const percent = phase.name === "uploading" && phase.total > 0 ? Math.min(100, Math.round((phase.loaded / phase.total) * 100)) : null;
  const isFailure = phase.name === "failed";
  return (
    <div
      className={`flex flex-wrap items-center gap-3 rounded-xl border p-3 text-sm sm:flex-nowrap ${
        isFailure
          ? "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
          : "border-emerald-200 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-50"
      }`}
      data-testid="scan-status"
    >
      {previewUrl ? (
        // A local object URL of the chosen photo: next/image cannot optimise it.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={previewUrl} alt="The receipt photo" className="size-14 shrink-0 rounded-md border border-black/10 object-cover" />
      ) : (
        <PageIcon className="size-10 shrink-0 text-slate-500 dark:text-slate-400" />
      )}
      <div className="min-w-0 flex-1 basis-40" role="status" aria-live="polite">
        {phase.name === "uploading" ? (
          <>
            <p className="font-medium">Uploading the receipt… {percent ?? 0}%</p>
            <div className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-emerald-200 dark:bg-emerald-900" aria-hidden>
              <div className="h-full rounded-full bg-emerald-600 transition-[width]" style={{ width: `${percent ?? 0}%` }} />
            </div>
          </>
        ) : null}
        {phase.name === "reading" ? (
          <p className="flex items-center gap-2 font-medium">
            <Spinner /> Reading the receipt… this takes a few seconds.
          </p>
        ) : null}
        {phase.name === "read" ? <p>{summary}</p> : null}
        {phase.name === "failed" ? (
          <p className="flex items-start gap-2">
            <WarningIcon className="mt-0.5 size-4 shrink-0" />
            <span>
              {phase.message}
              {phase.keepsPhoto ? " The photo stays attached." : ""}
            </span>
          </p>
        ) : null}
      </div>
      <div className="flex w-full shrink-0 justify-end gap-1.5 sm:w-auto">
        {phase.name === "failed" ? (
          <Button size="sm" onClick={onRetry}>
            Another photo
          </Button>
        ) : null}
        <Button size="sm" variant="quiet" onClick={onCancel}>
          {phase.name === "uploading" || phase.name === "reading" ? "Cancel" : "Remove photo"}
        </Button>
      </div>
    </div>
  );
}

/** The note under a field a scan filled in (the status line above asks to check them). */
export function ScannedHint() {
  return <span className="font-medium text-amber-800 dark:text-amber-300">From the receipt</span>;
}
