"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { ReceiptViewState } from "@/client/receipts/use-receipt-view";
import { describeApiError } from "@/client/api/describe-api-error";
import { Button } from "../ui/button";
import { CloseIcon, PageIcon, Spinner } from "./receipt-icons";
import { MAX_ZOOM, MIN_ZOOM, zoomIn, zoomOut } from "./zoom-levels";
import { ZoomableImage } from "./zoomable-image";

type Props = {
  title: string;
  isPdf: boolean;
  view: ReceiptViewState;
  /** After the dialog has closed (Escape, Close, or an action). */
  onClose: () => void;
  onReplace: () => void;
  onRemove: () => Promise<void>;
};

/**
 * The receipt in a modal dialog (native <dialog>: focus stays inside, Escape closes). Images zoom with the
 * buttons or + / - / 0; a PDF opens in a new tab (the CSP allows no frames). Replace and Remove (asked first).
 */
export function ReceiptViewer({ title, isPdf, view, onClose, onReplace, onRemove }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [zoom, setZoom] = useState(MIN_ZOOM);
  const [fitScale, setFitScale] = useState<number | null>(null);
  const [isConfirming, setIsConfirming] = useState(false);
  const [isRemoving, setIsRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const { refreshIfExpiring } = view;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  useEffect(refreshIfExpiring, [refreshIfExpiring]);

  const askToRemove = (isAsking: boolean) => {
    setIsConfirming(isAsking);
    setRemoveError(null);
    // After the render that shows the question (or the buttons again).
    requestAnimationFrame(() => (isAsking ? keepRef : removeRef).current?.focus());
  };

  const remove = async () => {
    setIsRemoving(true);
    setRemoveError(null);
    try {
      await onRemove();
      dialogRef.current?.close();
    } catch (error) {
      setRemoveError(describeApiError(error, "removing the receipt"));
      setIsRemoving(false);
    }
  };

  const image = !isPdf && view.view?.original ? view.view.original : null;
  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (!image || event.ctrlKey || event.metaKey || event.altKey) return;
    const next = event.key === "+" || event.key === "=" ? zoomIn(zoom) : event.key === "-" || event.key === "_" ? zoomOut(zoom) : event.key === "0" ? MIN_ZOOM : null;
    if (next === null) return;
    event.preventDefault();
    setZoom(next);
  };

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => {
        // Escape while asking "remove?" only takes the question back.
        if (!isConfirming) return;
        event.preventDefault();
        askToRemove(false);
      }}
      onKeyDown={onKeyDown}
      className={`m-auto max-h-none w-[min(64rem,calc(100vw-2rem))] max-w-none overflow-hidden rounded-2xl border-0 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/60 dark:border dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:backdrop:bg-slate-950/80 max-sm:m-0 max-sm:size-full max-sm:rounded-none ${
        // A PDF shows only its icon and link: a compact dialog; an image gets all the room there is.
        isPdf ? "sm:w-[min(32rem,calc(100vw-2rem))]" : "h-[min(52rem,calc(100dvh-2rem))]"
      }`}
    >
      <div className="flex h-full flex-col">
        <header className="flex items-center gap-3 border-b border-slate-200 py-2 pr-2 pl-4 dark:border-slate-700">
          <h2 id={titleId} className="min-w-0 flex-1 truncate font-semibold">
            Receipt for {title}
          </h2>
          <Button variant="quiet" size="sm" aria-label="Close" onClick={() => dialogRef.current?.close()}>
            <CloseIcon />
          </Button>
        </header>

        {view.error ? (
          <div role="alert" className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center text-sm text-red-800 dark:text-red-300">
            <p>{view.error}</p>
            <Button size="sm" onClick={view.reload}>
              Try again
            </Button>
          </div>
        ) : view.isLoading || !view.view ? (
          <div role="status" className="flex flex-1 items-center justify-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <Spinner className="size-5 text-emerald-700 dark:text-emerald-400" />
            Loading the receipt…
          </div>
        ) : image ? (
          <ZoomableImage src={image.url} alt={`Receipt for ${title}`} zoom={zoom} onFitScale={setFitScale} onError={view.linkFailed} />
        ) : (
          <div className="flex flex-1 flex-col items-center justify-center gap-4 bg-slate-100 px-6 py-10 text-center dark:bg-slate-950">
            <PageIcon className="h-28 w-24 text-slate-500 dark:text-slate-400" label={isPdf ? "PDF" : undefined} />
            <p className="text-sm break-all text-slate-700 dark:text-slate-300">{view.view.fileName}</p>
            {view.view.original ? (
              <a
                href={view.view.original.url}
                target="_blank"
                rel="noopener noreferrer"
                className="inline-flex h-11 items-center justify-center rounded-lg bg-emerald-700 px-4 font-semibold text-white shadow-sm hover:bg-emerald-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700 dark:focus-visible:outline-emerald-400"
              >
                Open PDF<span className="sr-only"> (opens in a new tab)</span>
              </a>
            ) : null}
            <p className="text-xs text-slate-600 dark:text-slate-400">PDFs open in a new tab.</p>
          </div>
        )}

        <footer className="flex flex-wrap items-center gap-2 border-t border-slate-200 px-4 py-3 dark:border-slate-700">
          {isConfirming ? (
            <div role="group" aria-label="Remove this receipt?" className="flex w-full flex-wrap items-center gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
              <p className="mr-auto">Remove this receipt? This cannot be undone.</p>
              <Button variant="danger" size="sm" busy={isRemoving} onClick={() => void remove()}>
                Remove receipt
              </Button>
              <Button ref={keepRef} size="sm" disabled={isRemoving} onClick={() => askToRemove(false)}>
                Keep it
              </Button>
              {removeError ? (
                <p role="alert" className="w-full font-medium">
                  {removeError}
                </p>
              ) : null}
            </div>
          ) : (
            <>
              {image ? (
                <div role="group" aria-label="Zoom" className="flex items-center gap-1">
                  <ZoomButton label="Zoom out" isDisabled={zoom <= MIN_ZOOM} onClick={() => setZoom(zoomOut(zoom))}>
                    −
                  </ZoomButton>
                  <span aria-live="polite" className="w-12 text-center text-sm tabular-nums text-slate-600 dark:text-slate-400">
                    {fitScale === null ? "" : `${Math.round(fitScale * zoom * 100)}%`}
                  </span>
                  <ZoomButton label="Zoom in" isDisabled={zoom >= MAX_ZOOM} onClick={() => setZoom(zoomIn(zoom))}>
                    +
                  </ZoomButton>
                  <Button size="sm" className="ml-1" onClick={() => setZoom(MIN_ZOOM)}>
                    Fit
                  </Button>
                </div>
              ) : null}
              <div className="ml-auto flex gap-2">
                <Button size="sm" onClick={onReplace}>
                  Replace
                </Button>
                <Button ref={removeRef} variant="quiet-danger" size="sm" onClick={() => askToRemove(true)}>
                  Remove
                </Button>
              </div>
            </>
          )}
        </footer>
      </div>
    </dialog>
  );
}

/** aria-disabled rather than disabled, so focus stays on the button at the last zoom step. */
function ZoomButton({ label, isDisabled, onClick, children }: { label: string; isDisabled: boolean; onClick: () => void; children: string }) {
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={label}
      aria-disabled={isDisabled || undefined}
      title={label}
      className="w-9 px-0 text-lg aria-disabled:cursor-not-allowed aria-disabled:opacity-50"
      onClick={() => !isDisabled && onClick()}
    >
      {children}
    </Button>
  );
}
