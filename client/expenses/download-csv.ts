"use client";

import { useCallback, useState } from "react";
import { apiFetch } from "@/client/api/api-fetch";
import { describeApiError } from "@/client/api/describe-api-error";

/** The file name of a `Content-Disposition: attachment; filename="…"` header (RFC 6266, incl. filename*). */
export function dispositionFileName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ""));
    } catch {
      // Malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/** Hands a downloaded blob to the browser as a file with this name. */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export type DownloadState = { status: "idle" } | { status: "downloading"; bytes: number } | { status: "error"; message: string };

/**
 * "Download CSV": GET /api/export with the list's own filters and the bearer token (a plain link could not
 * carry it), read as it streams so progress shows, then saved under the server's file name.
 */
export function useDownloadCsv() {
  const [state, setState] = useState<DownloadState>({ status: "idle" });
  const download = useCallback(async (params: URLSearchParams) => {
    setState({ status: "downloading", bytes: 0 });
    try {
      const res = await apiFetch(`/api/export?${params.toString()}`);
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      const reader = res.body?.getReader();
      if (reader) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value as Uint8Array<ArrayBuffer>);
          bytes += value.byteLength;
          setState({ status: "downloading", bytes });
        }
      }
      saveBlob(new Blob(chunks, { type: "text/csv" }), dispositionFileName(res.headers.get("content-disposition"), "expenses.csv"));
      setState({ status: "idle" });
    } catch (error) {
      setState({ status: "error", message: describeApiError(error, "preparing the CSV") });
    }
  }, []);
  return { state, download };
}
