"use client";

import { useEffect, useRef, useState, type ChangeEvent, type DragEvent } from "react";
import { RECEIPT_ACCEPT } from "@/client/receipts/receipt-file";
import { Button } from "../ui/button";
import { CameraIcon, UploadIcon } from "./receipt-icons";

type Props = {
  id: string;
  /** What the panel is for, as its heading ("Attach a receipt to Lunch"). */
  heading: string;
  /** Phones and tablets: a "Take photo" button instead of the drop zone. */
  isTouchFirst: boolean;
  /** Why the last file chosen cannot be a receipt (checked before anything is sent). */
  error: string | null;
  onFile: (file: File) => void;
  onClose: () => void;
  className?: string;
};

/** Open panels, newest last: only the newest takes a pasted image, so one paste never attaches twice. */
const openPanels: symbol[] = [];

/**
 * Where a receipt comes from: a file, the camera (phones), a drop or a paste (desktop). Focus starts on the
 * first button; Escape closes (the opener puts focus back on its button).
 */
export function AttachPanel({ id, heading, isTouchFirst, error, onFile, onClose, className = "" }: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  const cameraRef = useRef<HTMLInputElement>(null);
  const firstRef = useRef<HTMLButtonElement>(null);
  const [isDragging, setIsDragging] = useState(false);
  const onFileRef = useRef(onFile);
  useEffect(() => {
    onFileRef.current = onFile;
  });

  useEffect(() => firstRef.current?.focus(), []);

  useEffect(() => {
    const token = Symbol(id);
    openPanels.push(token);
    const onPaste = (event: ClipboardEvent) => {
      const file = event.clipboardData?.files[0];
      if (!file || openPanels.at(-1) !== token) return;
      event.preventDefault();
      onFileRef.current(file);
    };
    // A file dropped beside the drop zone would otherwise be opened by the browser in place of the app.
    const keepStrayDrop = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes("Files")) event.preventDefault();
    };
    document.addEventListener("paste", onPaste);
    window.addEventListener("dragover", keepStrayDrop);
    window.addEventListener("drop", keepStrayDrop);
    return () => {
      openPanels.splice(openPanels.indexOf(token), 1);
      document.removeEventListener("paste", onPaste);
      window.removeEventListener("dragover", keepStrayDrop);
      window.removeEventListener("drop", keepStrayDrop);
    };
  }, [id]);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so choosing the same file again (after fixing nothing) still reports it.
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

  return (
    <div
      id={id}
      role="group"
      aria-labelledby={`${id}-title`}
      className={`rounded-xl border border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-800 ${className}`}
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.stopPropagation();
        onClose();
      }}
    >
      <div className="flex items-center justify-between gap-3">
        <p id={`${id}-title`} className="min-w-0 text-sm font-medium text-slate-800 dark:text-slate-100">
          {heading}
        </p>
        <Button variant="quiet" size="sm" className="-my-1 -mr-1" onClick={onClose}>
          Close
        </Button>
      </div>
      {isTouchFirst ? (
        <div className="mt-2 grid grid-cols-2 gap-2">
          <Button ref={firstRef} onClick={() => cameraRef.current?.click()}>
            <CameraIcon />
            Take photo
          </Button>
          <Button onClick={() => fileRef.current?.click()}>
            <UploadIcon />
            Choose file
          </Button>
        </div>
      ) : (
        <div
          onDragEnter={(event) => {
            event.preventDefault();
            setIsDragging(true);
          }}
          onDragOver={(event) => event.preventDefault()}
          onDragLeave={onDragLeave}
          onDrop={onDrop}
          className={`mt-2 flex flex-wrap items-center justify-center gap-x-4 gap-y-2 rounded-lg border-2 border-dashed px-4 py-4 text-center transition ${
            isDragging ? "border-emerald-600 bg-emerald-50 dark:border-emerald-400 dark:bg-emerald-950" : "border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900"
          }`}
        >
          <UploadIcon className="size-6 text-slate-400 dark:text-slate-500" />
          <p className="text-sm text-slate-700 dark:text-slate-300">
            <span className="font-medium">Drop a receipt here</span> or paste an image, or
          </p>
          <Button ref={firstRef} size="sm" onClick={() => fileRef.current?.click()}>
            Choose file
          </Button>
        </div>
      )}
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">A photo (JPEG, PNG, WebP, HEIC) or a PDF, up to 10&nbsp;MB.</p>
      {error ? (
        <p role="alert" className="mt-2 text-sm font-medium text-red-800 dark:text-red-300">
          {error}
        </p>
      ) : null}
      <input ref={fileRef} type="file" accept={RECEIPT_ACCEPT} hidden onChange={onChange} />
      {isTouchFirst ? <input ref={cameraRef} type="file" accept="image/*" capture="environment" hidden onChange={onChange} /> : null}
    </div>
  );
}
