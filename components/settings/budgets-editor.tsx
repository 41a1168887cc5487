"use client";

import { useState } from "react";
import { describeApiError } from "@/client/api/describe-api-error";
import { fieldErrors, sentence } from "@/client/api/field-errors";
import { CURRENCY_OPTIONS } from "@/client/expenses/expense-form-options";
import { useCategoryOptions } from "@/client/expenses/use-category-options";
import { useSaveBudgets, type BudgetEntry } from "@/client/settings/use-settings";
import { BudgetsPutSchema, type Budget } from "@/lib/schemas";
import { Button } from "../ui/button";
import { Field, FormMessage, SubmitButton } from "../ui/field";
import { SelectField } from "../ui/select-field";

type Row = BudgetEntry & { key: number };

let nextKey = 0;
const row = (entry: BudgetEntry): Row => ({ ...entry, key: nextKey++ });

const NO_EXPENSES: readonly [] = [];

/**
 * Monthly limits per category and currency; checked with the API's own schema before saving. A category is
 * one of the defaults, one the user has used lately, or one a budget already names.
 */
export function BudgetsEditor({ budgets, defaultCurrency }: { budgets: readonly Budget[]; defaultCurrency: string }) {
  const [rows, setRows] = useState<Row[]>(() => budgets.map(row));
  const categories = useCategoryOptions(NO_EXPENSES, budgets.map((budget) => budget.category));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const save = useSaveBudgets();

  const update = (key: number, change: Partial<BudgetEntry>) => setRows((prev) => prev.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const onSave = async () => {
    const body = rows.map(({ category, currency, limit }) => ({ category, currency, limit: limit.trim() }));
    const checked = BudgetsPutSchema.safeParse({ budgets: body });
    if (!checked.success) {
      const byPath: Record<string, string> = {};
      for (const issue of checked.error.issues) byPath[issue.path.join(".")] ??= sentence(issue.message);
      setErrors(byPath);
      setMessage({ tone: "error", text: "Check the highlighted budgets." });
      return;
    }
    setErrors({});
    try {
      const saved = await save.mutateAsync(body);
      setRows(saved.budgets.map(row));
      setMessage({ tone: "info", text: "Budgets saved." });
    } catch (error) {
      const byField = fieldErrors(error);
      if (byField) setErrors(byField);
      setMessage({ tone: "error", text: byField ? "Check the highlighted budgets." : describeApiError(error, "saving your budgets") });
    }
  };

  return (
    <form
      aria-labelledby="budgets-heading"
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSave();
      }}
    >
      {rows.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No budgets yet. Add one to see how much of it a month has used.</p> : null}
      <ul className="flex flex-col gap-3">
        {rows.map((r, i) => (
          <li key={r.key} className="grid grid-cols-2 items-start gap-3 sm:grid-cols-[1fr_8rem_10rem_auto]" data-testid="budget-row">
            <SelectField
              id={`budget-${r.key}-category`}
              label="Budget category"
              options={categories.includes(r.category) ? categories : [r.category, ...categories]}
              value={r.category}
              error={errors[`budgets.${i}`] ?? errors[`budgets.${i}.category`]}
              onChange={(event) => update(r.key, { category: event.target.value })}
            />
            <SelectField
              id={`budget-${r.key}-currency`}
              label="Budget currency"
              options={CURRENCY_OPTIONS}
              value={r.currency}
              error={errors[`budgets.${i}.currency`]}
              onChange={(event) => update(r.key, { currency: event.target.value })}
            />
            <Field
              id={`budget-${r.key}-limit`}
              label="Monthly limit"
              inputMode="decimal"
              autoComplete="off"
              value={r.limit}
              error={errors[`budgets.${i}.limit`]}
              onChange={(event) => update(r.key, { limit: event.target.value })}
            />
            <Button variant="quiet" className="sm:mt-[1.625rem]" onClick={() => setRows((prev) => prev.filter((x) => x.key !== r.key))}>
              Remove<span className="sr-only"> the {r.category} budget in {r.currency}</span>
            </Button>
          </li>
        ))}
      </ul>
      {message ? <FormMessage tone={message.tone}>{message.text}</FormMessage> : null}
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => setRows((prev) => [...prev, row({ category: "Food", currency: defaultCurrency, limit: "" })])}>Add budget</Button>
        <SubmitButton busy={save.isPending}>Save budgets</SubmitButton>
      </div>
    </form>
  );
}
