"use client";

import { useState } from "react";
import { describeApiError } from "@/client/api/describe-api-error";
import { useCommitImport } from "@/client/imports/use-import";
import type { ReportLine } from "@/lib/imports/import-schemas";
import { Button } from "../ui/button";
import { FormMessage } from "../ui/field";

/** Rows that look like expenses typed by hand: left out, unless the user ticks them and imports them anyway. */
export function PossibleDuplicates({ importId, lines }: { importId: string; lines: readonly ReportLine[] }) {
  const commit = useCommitImport(importId);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (line: number, isOn: boolean) =>
    setChosen((before) => {
      const next = new Set(before);
      if (isOn) next.add(line);
      else next.delete(line);
      return next;
    });
  return (
    <form
      className="flex flex-col gap-3"
      aria-labelledby="import-possible-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen.size > 0) commit.mutate([...chosen].sort((a, b) => a - b));
      }}
    >
      <div>
        <h3 id="import-possible-heading" className="font-semibold">
          Possible duplicates ({lines.length})
        </h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          These look like expenses you already typed in, so they were left out. Tick the ones that are really new.
        </p>
      </div>
      <ul className="flex flex-col gap-1">
        {lines.map((line) => (
          <li key={line.line}>
            <label className="flex cursor-pointer items-start gap-3 rounded-lg px-2 py-2 hover:bg-slate-50 dark:hover:bg-slate-800">
              <input
                type="checkbox"
                className="mt-0.5 size-5 shrink-0 accent-emerald-700"
                checked={chosen.has(line.line)}
                onChange={(event) => toggle(line.line, event.target.checked)}
              />
              <span className="text-sm">
                <span className="font-medium tabular-nums">Line {line.line}</span>: {line.reason}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {commit.isError ? <FormMessage tone="error">{describeApiError(commit.error, "importing these rows")}</FormMessage> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={commit.isPending} disabled={chosen.size === 0}>
          Import these anyway
        </Button>
        {lines.length > 1 ? (
          <Button variant="quiet" onClick={() => setChosen(chosen.size === lines.length ? new Set() : new Set(lines.map((line) => line.line)))}>
            {chosen.size === lines.length ? "Untick all" : "Tick all"}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
