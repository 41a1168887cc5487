"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { describeApiError } from "@/client/api/describe-api-error";
import { UploadError, describeUploadFailure, type UploadFailure } from "@/client/receipts/upload-failure";
import { uploadToS3, type UploadProgress } from "@/client/receipts/upload-to-s3";
import { formatMegabytes } from "@/client/receipts/receipt-file";
import { checkImportFile } from "./import-file";
import { requestImportUpload } from "./imports-api";

export type ImportUploadState =
  | { phase: "idle" }
  | { phase: "uploading"; fileName: string; progress: UploadProgress | null }
  | { phase: "failed"; message: string };

/** An upload failure in words about CSV files (the receipt wording speaks of photos). */
function describeImportUploadFailure(failure: UploadFailure, maxBytes: number): string {
  if (failure.kind === "refused" && failure.code === "EntityTooLarge") return `The file is larger than the ${formatMegabytes(maxBytes)} an import may be.`;
  if (failure.kind === "refused" && failure.code === "EntityTooSmall") return "The file is empty. Choose the CSV your bank exported.";
  return describeUploadFailure(failure, maxBytes);
}

/**
 * Checks a chosen file, asks for a grant and sends the file straight to S3 with progress. Resolves with the
 * import's id once S3 has the file (the import function then detects its settings), or null when it failed
 * (the state says why) or was cancelled.
 */
export function useImportUpload() {
  const [state, setState] = useState<ImportUploadState>({ phase: "idle" });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const upload = useCallback(async (file: File): Promise<string | null> => {
    const check = checkImportFile(file);
    if (!check.ok) {
      setState({ phase: "failed", message: check.message });
      return null;
    }
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ phase: "uploading", fileName: file.name, progress: null });
    let maxBytes = file.size;
    try {
      const grant = await requestImportUpload({ fileName: file.name, size: file.size, contentType: check.contentType }, abort.signal);
      maxBytes = grant.maxBytes;
      await uploadToS3(grant, file, {
        signal: abort.signal,
        onProgress: (progress) => setState({ phase: "uploading", fileName: file.name, progress }),
      });
      setState({ phase: "idle" });
      return grant.importId;
    } catch (error) {
      if (abort.signal.aborted) {
        setState({ phase: "idle" });
        return null;
      }
      const message = error instanceof UploadError ? describeImportUploadFailure(error.failure, maxBytes) : describeApiError(error, "starting the import");
      setState({ phase: "failed", message });
      return null;
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => setState({ phase: "idle" }), []);
  return { state, upload, cancel, reset };
}
