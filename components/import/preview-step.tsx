"use client";

import { useCommitImport } from "@/client/imports/use-import";
import { useSettingsDraft } from "@/client/imports/use-settings-draft";
import { describeApiError } from "@/client/api/describe-api-error";
import type { Ambiguity, BankImportSettings, ImportSettings, LedgerlineImportSettings } from "@/lib/csv/import";
import type { ImportJson } from "@/lib/imports/import-schemas";
import { Button } from "../ui/button";
import { FormMessage, SubmitButton } from "../ui/field";
import { currentOption } from "./ambiguity-choice";
import { AmbiguityNotes } from "./ambiguity-notes";
import { BankSettingsForm } from "./bank-settings-form";
import { FileLayoutFields } from "./file-layout-fields";
import { PreviewTable } from "./preview-table";

type Props = { value: ImportJson; settings: ImportSettings; onCancel: () => void };

/** Our own export needs no questions; only its layout could (rarely) need a change. */
function LedgerlineLayout({ settings, errors, onChange }: { settings: LedgerlineImportSettings; errors: Readonly<Record<string, string>>; onChange: (next: ImportSettings) => void }) {
  return (
    <FileLayoutFields
      settings={settings}
      errors={errors}
      onChange={({ delimiter = settings.delimiter, encoding = settings.encoding }) => onChange({ kind: "ledgerline", delimiter, encoding })}
    />
  );
}

/** The settings detection guessed and the user has not changed yet. */
function stillGuessed(ambiguities: readonly Ambiguity[], settings: BankImportSettings): ReadonlySet<string> {
  return new Set(ambiguities.filter((ambiguity) => currentOption(settings, ambiguity.field) === ambiguity.options[0]).map((ambiguity) => ambiguity.field));
}

const rowsWord = (n: number) => `${n} ${n === 1 ? "row" : "rows"}`;

/** Detection's settings to check and change, the preview they give, and the button that imports. */
export function PreviewStep({ value, settings, onCancel }: Props) {
  const draft = useSettingsDraft(value.id, settings);
  const commit = useCommitImport(value.id);
  const columns = value.columns ?? [];
  const rowCount = value.rowCount ?? 0;
  const canCommit = draft.isValid && !draft.isUpdating && rowCount > 0;
  return (
    <section aria-labelledby="import-check-heading" className="flex min-w-0 flex-col gap-5">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 id="import-check-heading" className="text-lg font-semibold">
            Check how <span className="break-all">{value.fileName}</span> is read
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {rowsWord(rowCount)} found. Nothing is saved until you import; change any setting and the preview follows.
          </p>
        </div>
        <div className="self-start">
          <Button size="sm" onClick={onCancel}>
            Choose another file
          </Button>
        </div>
      </div>
      {draft.draft.kind === "bank" ? (
        <AmbiguityNotes ambiguities={value.ambiguities ?? []} settings={draft.draft} columns={columns} onChange={draft.change} />
      ) : (
        <FormMessage tone="info">This is a Ledgerline export: its columns are read as they are, nothing to set.</FormMessage>
      )}
      {draft.failure ? <FormMessage tone="error">{draft.failure}</FormMessage> : null}
      <PreviewTable rows={value.preview ?? []} rowCount={rowCount} isUpdating={draft.isUpdating} />
      <div className="flex flex-col gap-3 border-t border-slate-200 pt-5 dark:border-slate-700">
        <h3 className="text-base font-semibold">Something read wrong? Change how the file is read</h3>
        {draft.draft.kind === "bank" ? (
          <BankSettingsForm
            settings={draft.draft}
            columns={columns}
            guessed={stillGuessed(value.ambiguities ?? [], draft.draft)}
            errors={draft.errors}
            onChange={draft.change}
          />
        ) : (
          <LedgerlineLayout settings={draft.draft} errors={draft.errors} onChange={draft.change} />
        )}
      </div>
      {/* Stays in view while the settings are scrolled through (on a phone they are long). */}
      <form
        aria-label="Import"
        className="sticky bottom-0 z-[5] -mx-4 -mb-4 flex flex-col gap-2 rounded-b-2xl border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:-mx-5 sm:-mb-5 sm:px-5 dark:border-slate-700 dark:bg-slate-900/95"
        onSubmit={(event) => {
          event.preventDefault();
          if (canCommit) commit.mutate(undefined);
        }}
      >
        {commit.isError ? <FormMessage tone="error">{describeApiError(commit.error, "starting the import")}</FormMessage> : null}
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <SubmitButton busy={commit.isPending}>Import {rowsWord(rowCount)}</SubmitButton>
          <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {!draft.isValid ? <span className="text-red-700 dark:text-red-300">Fix the settings marked above first.</span> : draft.isUpdating ? "Wait for the preview to update…" : ""}
          </p>
        </div>
      </form>
    </section>
  );
}
