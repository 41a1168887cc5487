/* eslint-disable @next/next/no-img-element -- presigned, short-lived S3 links and blob: previews: nothing for next/image to optimise or cache */
import type { Ref } from "react";
import type { ReadyReceipt, ReceiptDisplay } from "@/client/receipts/use-receipt";
import type { ReceiptViewState } from "@/client/receipts/use-receipt-view";
import { PageIcon, PaperclipIcon, Spinner, WarningIcon } from "./receipt-icons";

type Props = {
  title: string;
  display: ReceiptDisplay;
  view: ReceiptViewState;
  isPanelOpen: boolean;
  panelId: string;
  onAttach: () => void;
  onView: () => void;
  className?: string;
  ref?: Ref<HTMLButtonElement>;
};

const BOX = "relative flex size-11 shrink-0 items-center justify-center rounded-lg sm:size-10";
const FOCUS = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700 dark:focus-visible:outline-emerald-400";

/**
 * The receipt's square at the start of a row, always the same size whatever its state (no layout shift):
 * a dashed "attach" button, the thumbnail (or a page icon for a PDF) that opens the viewer, or a picture
 * of the state while the line under the row says what is going on. While a new file replaces a ready
 * receipt, the ready one's thumbnail stays, with a badge for the new file's state.
 */
export function ReceiptTile({ title, display, view, isPanelOpen, panelId, onAttach, onView, className = "", ref }: Props) {
  if (display.kind === "none") {
    return (
      <button
        ref={ref}
        type="button"
        aria-label={`Attach receipt to ${title}`}
        title="Attach receipt"
        aria-expanded={isPanelOpen}
        aria-controls={isPanelOpen ? panelId : undefined}
        onClick={onAttach}
        className={`${BOX} ${FOCUS} border border-dashed transition ${
          isPanelOpen
            ? "border-emerald-600 bg-emerald-50 text-emerald-800 dark:border-emerald-400 dark:bg-emerald-950 dark:text-emerald-300"
            : "border-slate-300 text-slate-500 hover:border-emerald-600 hover:bg-emerald-50 hover:text-emerald-800 dark:border-slate-500 dark:text-slate-400 dark:hover:border-emerald-400 dark:hover:bg-emerald-950 dark:hover:text-emerald-300"
        } ${className}`}
      >
        <PaperclipIcon />
      </button>
    );
  }
  if (display.current) {
    // Ready, or ready while a new file replaces it: the thumbnail stays, and opens the receipt it shows.
    const isBusy = display.kind === "uploading" || display.kind === "checking";
    return (
      <button
        ref={ref}
        type="button"
        aria-label={`View receipt for ${title}`}
        title={display.kind === "ready" ? "View receipt" : "View current receipt"}
        onClick={onView}
        className={`${BOX} ${FOCUS} border border-slate-200 bg-slate-50 text-slate-500 transition hover:border-emerald-600 hover:shadow dark:border-slate-700 dark:bg-slate-800 dark:text-slate-400 dark:hover:border-emerald-400 ${className}`}
      >
        <span className="flex size-full items-center justify-center overflow-hidden rounded-[inherit]">
          <Thumbnail receipt={display.current} view={view} />
        </span>
        {display.kind === "ready" ? null : (
          // What the line under the row tells, in a corner: the new file on its way, or a problem with it.
          <span
            aria-hidden
            className={`absolute -right-1.5 -bottom-1.5 flex size-5 items-center justify-center rounded-full border-2 border-white shadow-sm dark:border-slate-900 ${
              isBusy ? "bg-white text-emerald-700 dark:bg-slate-800 dark:text-emerald-300" : "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-200"
            }`}
          >
            {isBusy ? <Spinner className="size-3.5" /> : <WarningIcon className="size-3" />}
          </span>
        )}
      </button>
    );
  }
  if (display.kind === "uploading" || display.kind === "checking") {
    return (
      <div aria-hidden className={`${BOX} overflow-hidden border border-slate-200 bg-slate-100 text-emerald-700 dark:border-slate-700 dark:bg-slate-800 dark:text-emerald-300 ${className}`}>
        {display.previewUrl ? <img src={display.previewUrl} alt="" className="absolute inset-0 size-full object-cover opacity-40" /> : null}
        <Spinner className="relative size-5" />
      </div>
    );
  }
  if (display.kind === "timed-out") {
    return (
      <div aria-hidden className={`${BOX} border border-slate-200 bg-slate-50 text-slate-400 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-500 ${className}`}>
        <PaperclipIcon />
      </div>
    );
  }
  return (
    <div aria-hidden className={`${BOX} border border-amber-300 bg-amber-50 text-amber-700 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-300 ${className}`}>
      <WarningIcon />
    </div>
  );
}

function Thumbnail({ receipt, view }: { receipt: ReadyReceipt; view: ReceiptViewState }) {
  const thumbnail = view.view?.thumbnail;
  if (!receipt.hasThumbnail) return <PageIcon className="h-8 w-7" label={receipt.contentType === "application/pdf" ? "PDF" : undefined} />;
  if (thumbnail) return <img src={thumbnail.url} alt="" className="size-full object-cover object-top" onError={view.linkFailed} />;
  if (view.error) return <WarningIcon />;
  return <span className="size-full animate-pulse bg-slate-200 dark:bg-slate-700" />;
}
