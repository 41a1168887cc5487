"use client";

import { useState } from "react";
import type { BankImportSettings } from "@/lib/csv/import";
import { Field } from "../ui/field";
import { ChoiceSelect } from "./choice-select";
import { parseDelimiter, parseEncoding } from "./parse-choice";
import { DELIMITER_CHOICES, ENCODING_CHOICES } from "./settings-options";

type Layout = Pick<BankImportSettings, "delimiter" | "encoding"> & { headerRow?: number | null };
type Props = { settings: Layout; errors: Readonly<Record<string, string>>; onChange: (patch: Partial<Layout>) => void };

/** The line of the header row, blank for none; what does not read as a line number is sent and refused. */
function HeaderRowField({ value, error, onChange }: { value: number | null; error?: string; onChange: (line: number | null) => void }) {
  const [text, setText] = useState(value === null ? "" : String(value));
  return (
    <Field
      label="Header line"
      inputMode="numeric"
      value={text}
      hint="The line with the column names; leave empty when the file has none"
      error={error}
      autoComplete="off"
      onChange={(event) => {
        setText(event.target.value);
        const trimmed = event.target.value.trim();
        onChange(trimmed === "" ? null : Number(trimmed));
      }}
    />
  );
}

/** How the file is laid out: rarely wrong, so folded away (open when one of them has a problem). */
export function FileLayoutFields({ settings, errors, onChange }: Props) {
  const hasError = ["delimiter", "encoding", "headerRow"].some((path) => errors[path]);
  return (
    <details className="group rounded-lg border border-slate-200 dark:border-slate-700" open={hasError || undefined}>
      <summary className="cursor-pointer rounded-lg px-3 py-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-emerald-700">
        File layout: separator, encoding, header line
      </summary>
      <div className="grid min-w-0 gap-4 border-t border-slate-200 p-3 sm:grid-cols-3 dark:border-slate-700">
        <ChoiceSelect
          label="Field separator"
          choices={DELIMITER_CHOICES}
          value={settings.delimiter}
          error={errors.delimiter}
          onChange={(value) => onChange({ delimiter: parseDelimiter(value, settings.delimiter) })}
        />
        <ChoiceSelect
          label="Text encoding"
          choices={ENCODING_CHOICES}
          value={settings.encoding}
          hint="Change it if letters like ä or é look wrong"
          error={errors.encoding}
          onChange={(value) => onChange({ encoding: parseEncoding(value, settings.encoding) })}
        />
        {settings.headerRow !== undefined ? (
          <HeaderRowField value={settings.headerRow} error={errors.headerRow} onChange={(headerRow) => onChange({ headerRow })} />
        ) : null}
      </div>
    </details>
  );
}
