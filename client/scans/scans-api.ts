import type { z } from "zod";
import { apiFetch, apiJson } from "@/client/api/api-fetch";
import { ScanSchema, ScanStartSchema, type Scan, type ScanRequestSchema, type ScanStart } from "@/lib/schemas";

export type ScanRequestBody = z.input<typeof ScanRequestSchema>;

const scanPath = (id: string) => `/api/scans/${encodeURIComponent(id)}`;

/** A new scan and the presigned POST its photo goes to. */
export async function startScan(body: ScanRequestBody, signal?: AbortSignal): Promise<ScanStart> {
  return apiJson("/api/scans", ScanStartSchema, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal });
}

/** The photo's state and, once read, what it proposes. */
export async function fetchScan(id: string, signal?: AbortSignal): Promise<Scan> {
  return apiJson(scanPath(id), ScanSchema, { signal });
}

/** Drops an unsaved scan and its photo; one already gone (saved, expired) is fine. */
export async function discardScan(id: string): Promise<void> {
  await apiFetch(scanPath(id), { method: "DELETE" }).catch(() => undefined);
}
