import Link from "next/link";
import type { ImportCounts, ImportJson, ReportLine } from "@/lib/imports/import-schemas";
import { Button } from "../ui/button";
import { PossibleDuplicates } from "./possible-duplicates";
import { UndoImportButton } from "./undo-import-button";

const COUNT_LABELS: { key: keyof ImportCounts; label: string; hint: string }[] = [
  { key: "accepted", label: "Imported", hint: "new expenses" },
  { key: "duplicates", label: "Already imported", hint: "by an earlier import" },
  { key: "possibleDuplicates", label: "Possible duplicates", hint: "typed in by hand already?" },
  { key: "skipped", label: "Skipped", hint: "money in, balances, pending" },
  { key: "rejected", label: "Could not be read", hint: "rows with a problem" },
];

function LineList({ id, title, lines, tone }: { id: string; title: string; lines: readonly ReportLine[]; tone: "error" | "plain" }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2">
      <h3 id={id} className={`font-semibold ${tone === "error" ? "text-red-800 dark:text-red-300" : ""}`}>
        {title} ({lines.length})
      </h3>
      <ul className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-700">
        {lines.map((line) => (
          <li key={line.line} className="px-3 py-2 text-sm" data-testid={`import-line-${line.kind}`}>
            <span className="font-medium tabular-nums">Line {line.line}</span>: {line.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the import did: its numbers, the rows it could not read first, then the ones it left out. */
export function ImportReport({ value, onAnother }: { value: ImportJson; onAnother: () => void }) {
  const counts = value.counts ?? { accepted: 0, duplicates: 0, possibleDuplicates: 0, skipped: 0, rejected: 0 };
  const lines = value.lines ?? [];
  const byKind = (kind: ReportLine["kind"]) => lines.filter((line) => line.kind === kind);
  const rejected = byKind("rejected");
  const possible = byKind("possible-duplicate");
  const skipped = byKind("skipped");
  return (
    <section aria-labelledby="import-report-heading" className="flex min-w-0 flex-col gap-5">
      <div>
        <h2 id="import-report-heading" className="text-lg font-semibold">
          Imported <span className="break-all">{value.fileName}</span>
        </h2>
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {counts.accepted === 1 ? "1 expense was added." : `${counts.accepted} expenses were added.`}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Import counts">
        {COUNT_LABELS.map(({ key, label, hint }) => (
          <div key={key} className={`${key === "accepted" ? "col-span-2 sm:col-span-1" : ""} rounded-lg border border-slate-200 p-3 dark:border-slate-700`} data-testid={`import-count-${key}`}>
            <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{counts[key]}</dd>
            <dd className="text-xs text-slate-500 dark:text-slate-400">{hint}</dd>
          </div>
        ))}
      </dl>
      {rejected.length > 0 ? <LineList id="import-rejected-heading" title="Could not be read" lines={rejected} tone="error" /> : null}
      {possible.length > 0 ? <PossibleDuplicates importId={value.id} lines={possible} /> : null}
      {skipped.length > 0 ? (
        <details className="rounded-lg border border-slate-200 dark:border-slate-700">
          <summary className="cursor-pointer rounded-lg px-3 py-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-emerald-700">
            Skipped rows ({skipped.length})
          </summary>
          <ul className="flex flex-col divide-y divide-slate-100 border-t border-slate-200 dark:divide-slate-800 dark:border-slate-700">
            {skipped.map((line) => (
              <li key={line.line} className="px-3 py-2 text-sm" data-testid="import-line-skipped">
                <span className="font-medium tabular-nums">Line {line.line}</span>: {line.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="flex flex-wrap items-start gap-3">
        <Link
          href="/tracker"
          className="inline-flex h-11 items-center justify-center rounded-lg bg-emerald-700 px-4 font-semibold text-white shadow-sm hover:bg-emerald-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700"
        >
          See your expenses
        </Link>
        <Button onClick={onAnother}>Import another file</Button>
        {counts.accepted > 0 ? <UndoImportButton importId={value.id} fileName={value.fileName} accepted={counts.accepted} /> : null}
      </div>
    </section>
  );
}
