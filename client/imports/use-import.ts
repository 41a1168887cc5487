"use client";

import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { refreshAfterWrite } from "@/client/expenses/expense-cache";
import type { ImportSettings } from "@/lib/csv/import";
import type { ImportJson, ImportStatus } from "@/lib/imports/import-schemas";
import { commitImport, fetchImport, fetchImports, undoImport, updateImportSettings } from "./imports-api";

export const importKeys = {
  all: ["imports"] as const,
  list: ["imports", "list"] as const,
  one: (id: string) => ["imports", "one", id] as const,
};

/** The import function works on these; the page polls until it moves on. */
export const RUNNING_STATUSES: readonly ImportStatus[] = ["uploading", "detecting", "committing", "undoing"];
export const isRunning = (status: ImportStatus) => RUNNING_STATUSES.includes(status);

/** How often a running import is asked for (detection usually takes under 2 s). */
const POLL_MS = 700;

/** Keeps the cached import and the list in step with an answer of the API. */
function remember(client: QueryClient, value: ImportJson): void {
  client.setQueryData(importKeys.one(value.id), value);
  void client.invalidateQueries({ queryKey: importKeys.list });
}

/** One import, polled while the import function works on it; expenses are refreshed once it has written. */
export function useImport(id: string | null) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: importKeys.one(id ?? ""),
    queryFn: ({ signal }) => fetchImport(id ?? "", signal),
    enabled: id !== null,
    staleTime: Infinity,
    refetchInterval: (q) => (q.state.data && isRunning(q.state.data.status) ? POLL_MS : false),
  });
  const status = query.data?.status;
  const seen = useRef<ImportStatus | undefined>(undefined);
  useEffect(() => {
    const before = seen.current;
    seen.current = status;
    if (before === undefined || before === status) return;
    // Done or undone: the expense list, the summary and the list of imports all changed.
    if (status === "done" || status === "undone" || status === "failed") {
      void refreshAfterWrite(client);
      void client.invalidateQueries({ queryKey: importKeys.list });
    }
  }, [status, client]);
  return query;
}

/** The latest imports, polled while one of them is running (an undo started from the list). */
export function useImportList() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: importKeys.list,
    queryFn: ({ signal }) => fetchImports(signal),
    refetchInterval: (q) => (q.state.data?.some((item) => isRunning(item.status)) ? POLL_MS * 2 : false),
  });
  const running = (query.data ?? []).filter((item) => isRunning(item.status)).map((item) => item.id).join(" ");
  const seen = useRef("");
  useEffect(() => {
    const finished = seen.current.split(" ").some((id) => id !== "" && !running.includes(id));
    seen.current = running;
    if (finished) void refreshAfterWrite(client);
  }, [running, client]);
  return query;
}

/**
 * Saves settings and puts the re-read preview in the cache. The saves of one import share a scope, so they
 * run one after another and the last change's preview is the one that stays.
 */
export function useSaveImportSettings(id: string) {
  const client = useQueryClient();
  return useMutation({
    scope: { id: `import-settings-${id}` },
    mutationFn: (settings: ImportSettings) => updateImportSettings(id, settings),
    onSuccess: (value) => remember(client, value),
  });
}

/** Commits the preview, or (`includeLines`) stores the chosen possible duplicates of a done import. */
export function useCommitImport(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (includeLines?: number[]) => commitImport(id, includeLines ? { includeLines } : {}),
    onSuccess: (value) => remember(client, value),
  });
}

/** Undoes any import by id (from the report or from the list). */
export function useUndoImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => undoImport(id),
    onSuccess: (value) => {
      // Only an import already cached is polled; one undone from the list shows through the list's polling.
      if (client.getQueryData(importKeys.one(value.id))) remember(client, value);
      else void client.invalidateQueries({ queryKey: importKeys.list });
    },
  });
}
