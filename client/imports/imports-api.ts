import { apiJson } from "@/client/api/api-fetch";
import {
  ImportGrantSchema,
  ImportListSchema,
  ImportSchema,
  type ImportCommit,
  type ImportGrant,
  type ImportJson,
  type NewImportSchema,
} from "@/lib/imports/import-schemas";
import type { ImportSettings } from "@/lib/csv/import";
import type { z } from "zod";

export type NewImportBody = z.input<typeof NewImportSchema>;
export type ImportListItem = z.output<typeof ImportListSchema>["items"][number];

const importPath = (id: string) => `/api/imports/${encodeURIComponent(id)}`;
const json = (method: string, body: unknown, signal?: AbortSignal): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
  signal,
});

/** A presigned POST for one CSV; from then on the import is `uploading` until the file arrives. */
export function requestImportUpload(body: NewImportBody, signal?: AbortSignal): Promise<ImportGrant> {
  return apiJson("/api/imports", ImportGrantSchema, json("POST", body, signal));
}

/** The import as it is now: detection and preview, then progress and the report. */
export function fetchImport(id: string, signal?: AbortSignal): Promise<ImportJson> {
  return apiJson(importPath(id), ImportSchema, { signal });
}

/** The user's latest imports, newest first (without previews and report lines). */
export async function fetchImports(signal?: AbortSignal): Promise<ImportListItem[]> {
  return (await apiJson("/api/imports", ImportListSchema, { signal })).items;
}

/** Stores new settings; the answer carries the preview read again with them (a 422 names the nonsense). */
export function updateImportSettings(id: string, settings: ImportSettings, signal?: AbortSignal): Promise<ImportJson> {
  return apiJson(importPath(id), ImportSchema, json("PATCH", { settings }, signal));
}

/** Starts writing the rows (202); `includeLines` on a done import stores only those possible duplicates. */
export function commitImport(id: string, request: ImportCommit = {}): Promise<ImportJson> {
  return apiJson(`${importPath(id)}/commit`, ImportSchema, json("POST", request));
}

/** Starts removing exactly the expenses the import created (202). */
export function undoImport(id: string): Promise<ImportJson> {
  return apiJson(importPath(id), ImportSchema, { method: "DELETE" });
}
