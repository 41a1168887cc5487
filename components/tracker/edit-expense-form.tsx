"use client";

import { useEffect, useState, type FormEvent } from "react";
import { expenseFormValues, expensePatch, type ExpenseFormValues } from "@/lib/client/expense-patch";
import { useEditExpense } from "@/lib/client/use-edit-expense";
import type { ExpenseJson } from "@/lib/schemas";
import { Button } from "../ui/button";
import { FormMessage, SubmitButton } from "../ui/field";
import { EXPENSE_FIELDS, ExpenseFields, unplacedErrorsText } from "./expense-fields";
import { StaleExpense } from "./stale-expense";

type Props = {
  expense: ExpenseJson;
  title: string;
  onSaved: (expense: ExpenseJson) => void;
  onCancel: () => void;
  onReload: () => void;
};

/** Edits one expense in place of its row; saves only what changed, against the version it was opened with. */
export function EditExpenseForm({ expense, title, onSaved, onCancel, onReload }: Props) {
  const { save, isSaving } = useEditExpense(expense);
  const [values, setValues] = useState<ExpenseFormValues>(() => expenseFormValues(expense));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isStale, setIsStale] = useState(false);
  const idPrefix = `edit-${expense.id}`;

  useEffect(() => document.getElementById(`${idPrefix}-date`)?.focus(), [idPrefix]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const patch = expensePatch(expense, values);
    if (Object.keys(patch).length === 0) return onCancel();
    const result = await save(patch);
    if (!result) return;
    if (result.status === "saved") return onSaved(result.expense);
    if (result.status === "stale") return setIsStale(true);
    setErrors(result.fieldErrors);
    setMessage(result.message ?? unplacedErrorsText(result.fieldErrors));
    const firstInvalid = EXPENSE_FIELDS.find((name) => result.fieldErrors[name]);
    if (firstInvalid) document.getElementById(`${idPrefix}-${firstInvalid}`)?.focus();
  };

  return (
    <form
      aria-label={`Edit ${title}`}
      className="grid grid-cols-2 gap-4 lg:grid-cols-12"
      onSubmit={(event) => void onSubmit(event)}
      onKeyDown={(event) => event.key === "Escape" && !isSaving && onCancel()}
      noValidate
    >
      <ExpenseFields idPrefix={idPrefix} values={values} errors={errors} onChange={(name, value) => setValues((prev) => ({ ...prev, [name]: value }))} />
      {isStale ? (
        <StaleExpense onReload={onReload} />
      ) : message ? (
        <div className="col-span-2 lg:order-last lg:col-span-12">
          <FormMessage tone="error">{message}</FormMessage>
        </div>
      ) : null}
      <div className="col-span-2 flex gap-2 lg:col-span-12 lg:justify-end">
        <SubmitButton busy={isSaving}>Save changes</SubmitButton>
        <Button disabled={isSaving} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
