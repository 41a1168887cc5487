"use client";

import { useState } from "react";
import type { BankImportSettings, ColumnPreview } from "@/lib/csv/import";
import { Field } from "../ui/field";
import { ChoiceSelect } from "./choice-select";
import {
  amountColumns,
  COLUMN_LABELS,
  columnChoices,
  currencyChoices,
  DATE_FORMAT_CHOICES,
  DECIMAL_CHOICES,
  SIGN_CHOICES,
  THOUSANDS_CHOICES,
  type ColumnField,
} from "./settings-options";
import { FileLayoutFields } from "./file-layout-fields";
import { parseDateFormat, parseDecimal, parseSign, parseThousands } from "./parse-choice";

type Props = {
  settings: BankImportSettings;
  columns: readonly ColumnPreview[];
  /** Settings paths detection guessed ("dateFormat", "columns.amount"). */
  guessed: ReadonlySet<string>;
  /** Problems by settings path, from the schema or a 422. */
  errors: Readonly<Record<string, string>>;
  onChange: (next: BankImportSettings) => void;
};

const TEXT_COLUMNS: ColumnField[] = ["description", "merchant", "category", "currency"];
const columnFields = (settings: BankImportSettings): ColumnField[] => ["date", ...amountColumns(settings), ...TEXT_COLUMNS];

/** "S, D" -> ["S", "D"]: the marker values typed as a list; kept as typed until it reads. */
function MarkerValuesField({ values, error, onChange }: { values: readonly string[]; error?: string; onChange: (values: string[]) => void }) {
  const [text, setText] = useState(values.join(", "));
  return (
    <Field
      label="Markers that mean money out"
      value={text}
      hint="Separate them with commas, e.g. S, D, DR"
      error={error}
      autoComplete="off"
      onChange={(event) => {
        setText(event.target.value);
        onChange(event.target.value.split(",").map((value) => value.trim()).filter((value) => value !== ""));
      }}
    />
  );
}

/** Everything detection decided for a bank file, each one changeable; the preview follows every change. */
export function BankSettingsForm({ settings, columns, guessed, errors, onChange }: Props) {
  const set = (patch: Partial<BankImportSettings>) => onChange({ ...settings, ...patch });
  const setColumn = (field: ColumnField, value: string) => {
    const index = value === "" ? null : Number(value);
    if (field === "date") {
      if (index !== null) set({ columns: { ...settings.columns, date: index } });
      return;
    }
    set({ columns: { ...settings.columns, [field]: index } });
  };
  const columnSelect = (field: ColumnField) => (
    <ChoiceSelect
      key={field}
      label={COLUMN_LABELS[field]}
      choices={columnChoices(columns, field !== "date")}
      value={settings.columns[field] === null ? "" : String(settings.columns[field])}
      isGuessed={guessed.has(`columns.${field}`)}
      error={errors[`columns.${field}`]}
      onChange={(value) => setColumn(field, value)}
    />
  );
  return (
    <div className="flex flex-col gap-5">
      <fieldset className="grid min-w-0 gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">How the file writes dates and amounts</legend>
        <ChoiceSelect
          label="Date format"
          choices={DATE_FORMAT_CHOICES}
          value={settings.dateFormat}
          isGuessed={guessed.has("dateFormat")}
          error={errors.dateFormat}
          onChange={(value) => set({ dateFormat: parseDateFormat(value, settings.dateFormat) })}
        />
        <ChoiceSelect
          label="Money out is"
          choices={SIGN_CHOICES}
          value={settings.signConvention}
          isGuessed={guessed.has("signConvention")}
          error={errors.signConvention}
          onChange={(value) => set({ signConvention: parseSign(value, settings.signConvention) })}
        />
        <ChoiceSelect
          label="Decimal separator"
          choices={DECIMAL_CHOICES}
          value={settings.decimalSeparator}
          isGuessed={guessed.has("decimalSeparator")}
          error={errors.decimalSeparator}
          onChange={(value) => set({ decimalSeparator: parseDecimal(value, settings.decimalSeparator) })}
        />
        <ChoiceSelect
          label="Thousands separator"
          choices={THOUSANDS_CHOICES}
          value={settings.thousandsSeparator}
          error={errors.thousandsSeparator}
          onChange={(value) => set({ thousandsSeparator: parseThousands(value, settings.thousandsSeparator) })}
        />
        <ChoiceSelect
          label="Default currency"
          choices={currencyChoices(settings.defaultCurrency)}
          value={settings.defaultCurrency}
          hint="For rows that name no currency"
          isGuessed={guessed.has("defaultCurrency")}
          error={errors.defaultCurrency}
          onChange={(value) => set({ defaultCurrency: value })}
        />
        <div className="flex items-start gap-3 self-end rounded-lg border border-slate-200 p-3 dark:border-slate-700">
          <input
            id="import-skip-credits"
            type="checkbox"
            checked={settings.skipCredits}
            onChange={(event) => set({ skipCredits: event.target.checked })}
            aria-describedby="import-skip-credits-hint"
            className="mt-0.5 size-5 shrink-0 accent-emerald-700"
          />
          <div className="flex flex-col">
            <label htmlFor="import-skip-credits" className="text-sm font-medium">
              Skip money in
            </label>
            <p id="import-skip-credits-hint" className="text-xs text-slate-500 dark:text-slate-400">
              Salary, refunds and transfers in are left out; untick to import them as expenses of their size.
            </p>
          </div>
        </div>
        {settings.signConvention === "markerColumn" ? (
          <MarkerValuesField values={settings.markerDebitValues} error={errors.markerDebitValues} onChange={(values) => set({ markerDebitValues: values })} />
        ) : null}
      </fieldset>
      <fieldset className="grid min-w-0 gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Which column holds what</legend>
        {columnFields(settings).map(columnSelect)}
      </fieldset>
      <FileLayoutFields settings={settings} errors={errors} onChange={(layout) => set(layout)} />
    </div>
  );
}
