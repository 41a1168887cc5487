"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { describeApiError } from "@/client/api/describe-api-error";
import { describeGrantError } from "@/client/receipts/describe-grant-error";
import { checkReceiptFile } from "@/client/receipts/receipt-file";
import { describeUploadFailure, UploadError } from "@/client/receipts/upload-failure";
import { uploadToS3 } from "@/client/receipts/upload-to-s3";
import { MAX_RECEIPT_BYTES, type ReceiptContentType, type ScanResult } from "@/lib/schemas";
import { discardScan, fetchScan, startScan } from "./scans-api";

export type ScanPhase =
  | { name: "idle" }
  | { name: "uploading"; loaded: number; total: number }
  | { name: "reading" }
  | { name: "read"; result: ScanResult }
  /** `keepsPhoto`: the photo is attached (only the reading failed); otherwise nothing of it is kept. */
  | { name: "failed"; message: string; keepsPhoto: boolean };

/** How often the scan is asked for, and for how long before the form stops waiting for it. */
const POLL_MS = 700;
const GIVE_UP_MS = 120_000;

/** Types a browser can show as an <img> while the photo is on its way and being read. */
const PREVIEWABLE = new Set<ReceiptContentType>(["image/jpeg", "image/png", "image/webp"]);

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * The add form's receipt scan: check the file, start a scan (the server's grant), upload the photo straight to
 * S3 with progress, then wait while the receipt function checks and reads it. `scanId` is what the form saves
 * the expense with, so the photo becomes its receipt; `discard` drops scan and photo, `forget` lets go of a
 * scan that was saved.
 */
export function useScan() {
  const [phase, setPhase] = useState<ScanPhase>({ name: "idle" });
  const [scanId, setScanId] = useState<string | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const scanIdRef = useRef<string | null>(null);
  const keepScan = (id: string | null) => {
    scanIdRef.current = id;
    setScanId(id);
  };

  useEffect(() => () => controllerRef.current?.abort(), []);
  useEffect(() => (previewUrl ? () => URL.revokeObjectURL(previewUrl) : undefined), [previewUrl]);

  const stop = () => {
    controllerRef.current?.abort();
    controllerRef.current = null;
  };

  const scan = useCallback(async (file: File, form: { today: string; currency: string }, onRead: (result: ScanResult) => void) => {
    stop();
    const check = checkReceiptFile(file);
    if (!check.ok) {
      setPhase({ name: "failed", message: check.message, keepsPhoto: false });
      return;
    }
    const controller = new AbortController();
    controllerRef.current = controller;
    const { signal } = controller;
    keepScan(null);
    setPreviewUrl(PREVIEWABLE.has(check.contentType) ? URL.createObjectURL(file) : null);
    setPhase({ name: "uploading", loaded: 0, total: file.size });

    let started;
    try {
      started = await startScan({ contentType: check.contentType, size: file.size, today: form.today, currency: form.currency }, signal);
    } catch (error) {
      if (!signal.aborted) setPhase({ name: "failed", message: describeGrantError(error, file).message, keepsPhoto: false });
      return;
    }
    try {
      await uploadToS3(started.upload, file, { signal, onProgress: ({ loaded, total }) => setPhase({ name: "uploading", loaded, total }) });
    } catch (error) {
      void discardScan(started.id);
      if (signal.aborted) return;
      const message = error instanceof UploadError ? describeUploadFailure(error.failure, MAX_RECEIPT_BYTES) : describeApiError(error, "uploading the photo");
      setPhase({ name: "failed", message, keepsPhoto: false });
      return;
    }
    keepScan(started.id);
    setPhase({ name: "reading" });

    const deadline = Date.now() + GIVE_UP_MS;
    while (!signal.aborted) {
      try {
        const current = await fetchScan(started.id, signal);
        if (current.scan.status === "done") {
          setPhase({ name: "read", result: current.scan.result });
          onRead(current.scan.result);
          return;
        }
        if (current.scan.status === "failed") {
          // A refused file is not kept as the receipt; a photo that could not be read still is.
          const keepsPhoto = current.receipt.status !== "rejected";
          if (!keepsPhoto) keepScan(null);
          setPhase({ name: "failed", message: current.scan.reason, keepsPhoto });
          return;
        }
      } catch (error) {
        if (signal.aborted) return;
        // A dropped request is retried until the deadline; the photo is stored either way.
        if (Date.now() > deadline) {
          setPhase({ name: "failed", message: describeApiError(error, "reading the receipt"), keepsPhoto: true });
          return;
        }
      }
      if (Date.now() > deadline) {
        setPhase({ name: "failed", message: "Reading the receipt is taking too long. Type the details.", keepsPhoto: true });
        return;
      }
      await wait(POLL_MS, signal);
    }
  }, []);

  /** Drops the scan and its photo (the person removed it or cancelled). */
  const discard = useCallback(() => {
    stop();
    if (scanIdRef.current) void discardScan(scanIdRef.current);
    keepScan(null);
    setPreviewUrl(null);
    setPhase({ name: "idle" });
  }, []);

  /** The expense was saved with this scan: its photo is the expense's receipt now, nothing to drop. */
  const forget = useCallback(() => {
    stop();
    keepScan(null);
    setPreviewUrl(null);
    setPhase({ name: "idle" });
  }, []);

  return { phase, scanId, previewUrl, scan, discard, forget };
}
