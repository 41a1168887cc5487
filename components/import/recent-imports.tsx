"use client";

import { describeApiError } from "@/client/api/describe-api-error";
import { useImportList } from "@/client/imports/use-import";
import type { ImportListItem } from "@/client/imports/imports-api";
import type { ImportStatus } from "@/lib/imports/import-schemas";
import { FormMessage } from "../ui/field";
import { UndoImportButton } from "./undo-import-button";

const STATUS_LABELS: Record<ImportStatus, string> = {
  uploading: "Uploading",
  detecting: "Reading",
  preview: "Waiting for you to import",
  failed: "Could not be read",
  committing: "Importing",
  done: "Imported",
  undoing: "Undoing",
  undone: "Undone",
};

const when = (at: string) => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(at));

function summary(item: ImportListItem): string {
  if (item.status === "done" && item.counts) return `${item.counts.accepted} added`;
  if (item.status === "failed" && item.error) return item.error;
  return "";
}

/** The latest imports, newest first; a done one can be undone from here. */
export function RecentImports({ onOpen }: { onOpen: (id: string) => void }) {
  const list = useImportList();
  if (list.isError) return <FormMessage tone="error">{describeApiError(list.error, "loading your imports")}</FormMessage>;
  if (!list.data) return <div className="h-16 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />;
  if (list.data.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No imports yet.</p>;
  return (
    <ul className="flex flex-col divide-y divide-slate-100 dark:divide-slate-800" aria-label="Recent imports">
      {list.data.map((item) => (
        <li key={item.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="recent-import">
          <div className="min-w-0">
            <button
              type="button"
              onClick={() => onOpen(item.id)}
              className="break-all text-left font-medium text-emerald-800 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-emerald-700 dark:text-emerald-300"
            >
              {item.fileName}
            </button>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              <span className="font-medium text-slate-800 dark:text-slate-200">{STATUS_LABELS[item.status]}</span>
              {summary(item) ? ` · ${summary(item)}` : ""} · {when(item.createdAt)}
            </p>
          </div>
          {item.status === "done" && (item.counts?.accepted ?? 0) > 0 ? (
            <div className="self-start sm:self-auto">
              <UndoImportButton importId={item.id} fileName={item.fileName} accepted={item.counts?.accepted ?? 0} size="sm" />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
