"use client";

import { useEffect, useRef, useState, type ChangeEvent, type DragEvent } from "react";
import { IMPORT_ACCEPT } from "@/client/imports/import-file";
import type { ImportUploadState } from "@/client/imports/use-import-upload";
import { Button } from "../ui/button";
import { FormMessage } from "../ui/field";
import { UploadIcon } from "../receipts/receipt-icons";
import { ProgressBar } from "./progress-bar";

type Props = { state: ImportUploadState; onFile: (file: File) => void; onCancel: () => void };

/** Where the CSV comes from: a drop or "Choose file"; while it uploads, its progress and a Cancel. */
export function ImportDropZone({ state, onFile, onCancel }: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [isDragging, setIsDragging] = useState(false);

  useEffect(() => {
    // A file dropped beside the zone would otherwise be opened by the browser in place of the app.
    const keepStrayDrop = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes("Files")) event.preventDefault();
    };
    window.addEventListener("dragover", keepStrayDrop);
    window.addEventListener("drop", keepStrayDrop);
    return () => {
      window.removeEventListener("dragover", keepStrayDrop);
      window.removeEventListener("drop", keepStrayDrop);
    };
  }, []);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so choosing the same file again still reports it.
    event.target.value = "";
    if (file) onFile(file);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setIsDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) setIsDragging(false);
  };

  if (state.phase === "uploading") {
    const { progress } = state;
    return (
      <div className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-slate-50 p-4 dark:border-slate-700 dark:bg-slate-800/50">
        <p className="text-sm font-medium">
          Uploading <span className="break-all">{state.fileName}</span>…
        </p>
        <ProgressBar label={`Uploading ${state.fileName}`} done={progress?.loaded ?? 0} total={progress?.total ?? 0} />
        <div>
          <Button size="sm" onClick={onCancel}>
            Cancel upload
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-2">
      <div
        onDragEnter={(event) => {
          event.preventDefault();
          setIsDragging(true);
        }}
        onDragOver={(event) => event.preventDefault()}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        data-testid="import-drop-zone"
        className={`flex flex-col items-center justify-center gap-3 rounded-xl border-2 border-dashed px-4 py-8 text-center transition sm:flex-row sm:gap-4 ${
          isDragging ? "border-emerald-600 bg-emerald-50 dark:bg-emerald-950" : "border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900"
        }`}
      >
        <UploadIcon className="size-7 text-slate-500 dark:text-slate-400" />
        <p className="text-sm text-slate-700 dark:text-slate-200">
          <span className="font-medium">Drop your bank’s CSV here</span>, or
        </p>
        <Button onClick={() => fileRef.current?.click()} aria-describedby="import-file-hint">
          Choose file
        </Button>
      </div>
      <p id="import-file-hint" className="text-xs text-slate-600 dark:text-slate-400">
        A CSV export from your bank or card (.csv, .tsv, .txt) or from Ledgerline, up to 20&nbsp;MB. We read it first and show you a preview; nothing is saved until you import.
      </p>
      {state.phase === "failed" ? <FormMessage tone="error">{state.message}</FormMessage> : null}
      <input ref={fileRef} type="file" accept={IMPORT_ACCEPT} hidden onChange={onChange} data-testid="import-file-input" />
    </div>
  );
}
