import type { ReceiptUpload } from "@/lib/schemas";
import { s3ErrorCode, UploadError } from "./upload-failure";

export type UploadProgress = { loaded: number; total: number };

type Options = { onProgress: (progress: UploadProgress) => void; signal: AbortSignal };

/**
 * Sends the file straight to S3 with a presigned POST: every field of the grant first, in its order, then
 * the file as `file` (S3 ignores fields after it). XMLHttpRequest rather than fetch, for upload progress.
 * Resolves once S3 has stored the file; rejects with an UploadError.
 */
export function uploadToS3(grant: Pick<ReceiptUpload, "url" | "fields">, file: Blob, { onProgress, signal }: Options): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new UploadError({ kind: "aborted" }));
      return;
    }
    const form = new FormData();
    for (const [name, value] of Object.entries(grant.fields)) form.append(name, value);
    form.append("file", file);

    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    signal.addEventListener("abort", abort, { once: true });
    const settle = (error?: UploadError) => {
      signal.removeEventListener("abort", abort);
      if (error) reject(error);
      else resolve();
    };
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) settle();
      else settle(new UploadError({ kind: "refused", status: xhr.status, code: s3ErrorCode(xhr.responseText) }));
    };
    xhr.onerror = () => settle(new UploadError({ kind: "network" }));
    xhr.ontimeout = () => settle(new UploadError({ kind: "network" }));
    xhr.onabort = () => settle(new UploadError({ kind: "aborted" }));
    xhr.open("POST", grant.url);
    xhr.send(form);
  });
}
