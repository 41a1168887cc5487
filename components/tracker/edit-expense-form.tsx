"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { ExpenseFormSchema } from "@/client/expenses/expense-form-schema";
import { expenseFormValues, expensePatch, type ExpenseFormValues } from "@/client/expenses/expense-patch";
import { useEditExpense } from "@/client/expenses/use-edit-expense";
import type { ExpenseJson, NewExpense } from "@/lib/schemas";
import { Button } from "../ui/button";
import { FormMessage, SubmitButton } from "../ui/field";
import { EXPENSE_FIELDS, ExpenseFields, unplacedErrorsText } from "./expense-fields";
import { StaleExpense } from "./stale-expense";

type Props = {
  expense: ExpenseJson;
  title: string;
  categories: readonly string[];
  onSaved: (expense: ExpenseJson) => void;
  onCancel: () => void;
  onReload: () => void;
};

/** Edits one expense in place of its row; saves only what changed, against the version it was opened with. */
export function EditExpenseForm({ expense, title, categories, onSaved, onCancel, onReload }: Props) {
  const { save, isSaving } = useEditExpense(expense);
  const [message, setMessage] = useState<string | null>(null);
  const [isStale, setIsStale] = useState(false);
  const idPrefix = `edit-${expense.id}`;
  const { register, handleSubmit, formState, setError, getValues, setFocus } = useForm<ExpenseFormValues, unknown, NewExpense>({
    resolver: zodResolver(ExpenseFormSchema),
    defaultValues: expenseFormValues(expense),
  });
  const options = categories.includes(expense.category) ? categories : [expense.category, ...categories];

  useEffect(() => setFocus("date"), [setFocus]);

  const onValid = async () => {
    const patch = expensePatch(expense, getValues());
    if (Object.keys(patch).length === 0) return onCancel();
    const result = await save(patch);
    if (!result) return;
    if (result.status === "saved") return onSaved(result.expense);
    if (result.status === "stale") return setIsStale(true);
    for (const [path, text] of Object.entries(result.fieldErrors)) {
      if ((EXPENSE_FIELDS as readonly string[]).includes(path)) setError(path as keyof ExpenseFormValues, { type: "server", message: text });
    }
    setMessage(result.message ?? unplacedErrorsText(result.fieldErrors));
    const firstInvalid = EXPENSE_FIELDS.find((name) => result.fieldErrors[name]);
    if (firstInvalid) setFocus(firstInvalid);
  };

  return (
    <form
      aria-label={`Edit ${title}`}
      className="grid grid-cols-2 gap-4 lg:grid-cols-12"
      onSubmit={(event) => void handleSubmit(onValid)(event)}
      onKeyDown={(event) => event.key === "Escape" && !isSaving && onCancel()}
      noValidate
    >
      <ExpenseFields idPrefix={idPrefix} register={register} errors={formState.errors} categories={options} />
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
