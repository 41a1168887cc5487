"use client";

import { describeApiError } from "@/client/api/describe-api-error";
import { useImport } from "@/client/imports/use-import";
import { Button } from "../ui/button";
import { FormMessage } from "../ui/field";
import { ImportReport } from "./import-report";
import { PreviewStep } from "./preview-step";
import { ProgressBar } from "./progress-bar";

function Working({ children, progress }: { children: string; progress?: { label: string; done: number; total: number } }) {
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-slate-50 p-4 dark:border-slate-700 dark:bg-slate-800/50">
      <p role="status" className="flex items-center gap-2 text-sm font-medium">
        <span className="size-4 animate-spin rounded-full border-2 border-emerald-700/30 border-t-emerald-700" aria-hidden />
        {children}
      </p>
      {progress ? <ProgressBar label={progress.label} done={progress.done} total={progress.total} /> : null}
    </div>
  );
}

/** One import through its life: read, preview, committing, report, undo. */
export function ImportPanel({ importId, onAnother }: { importId: string; onAnother: () => void }) {
  const query = useImport(importId);
  const value = query.data;
  if (!value) {
    if (query.isError) {
      return (
        <div className="flex flex-col gap-3">
          <FormMessage tone="error">{describeApiError(query.error, "loading the import")}</FormMessage>
          <div>
            <Button onClick={onAnother}>Choose another file</Button>
          </div>
        </div>
      );
    }
    return <Working>Reading the file…</Working>;
  }
  switch (value.status) {
    case "uploading":
    case "detecting":
      return <Working>{`Reading ${value.fileName}…`}</Working>;
    case "failed":
      return (
        <div className="flex flex-col gap-3">
          <FormMessage tone="error">
            We could not read {value.fileName}: {value.error ?? "the file is not a CSV we understand."}
          </FormMessage>
          <div>
            <Button onClick={onAnother}>Choose another file</Button>
          </div>
        </div>
      );
    case "preview":
      return value.settings ? (
        // Keyed by the import: a new file starts from its own detected settings.
        <PreviewStep key={value.id} value={value} settings={value.settings} onCancel={onAnother} />
      ) : (
        <Working>Reading the file…</Working>
      );
    case "committing": {
      const progress = value.progress ?? { done: 0, total: value.rowCount ?? 0 };
      return (
        <Working progress={{ label: `Importing ${value.fileName}`, ...progress }}>
          {`Importing… ${progress.done} of ${progress.total} rows`}
        </Working>
      );
    }
    case "done":
      return <ImportReport value={value} onAnother={onAnother} />;
    case "undoing":
      return <Working>{`Undoing the import of ${value.fileName}…`}</Working>;
    case "undone":
      return (
        <div className="flex flex-col gap-3">
          <FormMessage tone="info">The import of {value.fileName} was undone: the expenses it added are gone.</FormMessage>
          <div>
            <Button onClick={onAnother}>Import a file</Button>
          </div>
        </div>
      );
  }
}
