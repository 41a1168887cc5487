import { formatCalendarDate, formatMoney } from "@/client/expenses/format-expense";
import type { ImportJson } from "@/lib/imports/import-schemas";

type PreviewRow = NonNullable<ImportJson["preview"]>[number];

const cell = "px-3 py-2 align-top";

function RowProblem({ row }: { row: Exclude<PreviewRow, { kind: "expense" }> }) {
  const isRejected = row.kind === "rejected";
  return (
    <td colSpan={5} className={cell}>
      <span
        className={`mr-2 inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${
          isRejected ? "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-50" : "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"
        }`}
      >
        {isRejected ? "Can’t be read" : "Skipped"}
      </span>
      <span className={isRejected ? "text-red-800 dark:text-red-200" : "text-slate-600 dark:text-slate-300"}>{row.reason}</span>
    </td>
  );
}

/** The first rows as they would be stored; the table scrolls inside its box, never the page. */
export function PreviewTable({ rows, rowCount, isUpdating }: { rows: readonly PreviewRow[]; rowCount: number; isUpdating: boolean }) {
  const caption = rowCount > rows.length ? `The first ${rows.length} of ${rowCount} rows, as they would be saved` : `All ${rows.length} rows, as they would be saved`;
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <div className="flex items-baseline justify-between gap-3">
        <h3 id="import-preview-heading" className="text-base font-semibold">
          Preview
        </h3>
        <p role="status" className="text-sm text-slate-500 dark:text-slate-400">
          {isUpdating ? "Updating the preview…" : ""}
        </p>
      </div>
      <div
        role="region"
        aria-labelledby="import-preview-heading"
        aria-busy={isUpdating || undefined}
        // Focusable so keyboard users can scroll it sideways on a phone.
        tabIndex={0}
        className={`max-h-[32rem] overflow-auto rounded-lg border border-slate-200 focus-visible:outline-2 focus-visible:outline-emerald-700 dark:border-slate-700 ${isUpdating ? "opacity-60" : ""}`}
      >
        <table className="w-full min-w-[40rem] border-collapse text-sm" data-testid="import-preview">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th scope="col" className={cell}>
                Line
              </th>
              <th scope="col" className={cell}>
                Date
              </th>
              <th scope="col" className={cell}>
                Description
              </th>
              <th scope="col" className={cell}>
                Merchant
              </th>
              <th scope="col" className={cell}>
                Category
              </th>
              <th scope="col" className={`${cell} text-right`}>
                Amount
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((row) => (
              <tr key={row.line} data-testid="import-preview-row" className={row.kind === "rejected" ? "bg-red-50/60 dark:bg-red-950/40" : undefined}>
                <td className={`${cell} tabular-nums text-slate-500 dark:text-slate-400`}>{row.line}</td>
                {row.kind === "expense" ? (
                  <>
                    <td className={`${cell} whitespace-nowrap`}>
                      <time dateTime={row.expense.date}>{formatCalendarDate(row.expense.date)}</time>
                    </td>
                    <td className={cell}>{row.expense.description}</td>
                    <td className={cell}>{row.expense.merchant ?? ""}</td>
                    <td className={cell}>{row.expense.category}</td>
                    <td className={`${cell} whitespace-nowrap text-right tabular-nums`}>{formatMoney(row.expense.amount, row.expense.currency)}</td>
                  </>
                ) : (
                  <RowProblem row={row} />
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">{caption}. Line numbers are the file’s, as a text editor counts them.</p>
    </div>
  );
}
