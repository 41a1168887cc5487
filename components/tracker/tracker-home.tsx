"use client";

import { useEffect, useState } from "react";
import { apiJson } from "@/lib/client/api-fetch";
import { describeApiError } from "@/lib/client/describe-api-error";
import { useExpenses } from "@/lib/client/use-expenses";
import { MeSchema, type Me } from "@/lib/schemas";
import { AppHeader } from "../app-header";
import { FormMessage } from "../ui/field";
import { AddExpenseForm } from "./add-expense-form";
import { ExpenseList } from "./expense-list";

export function TrackerHome() {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const expenses = useExpenses();

  useEffect(() => {
    apiJson("/api/me", MeSchema)
      .then(setMe)
      .catch((err: unknown) => setError(describeApiError(err, "loading your account")));
  }, []);

  return (
    <>
      <AppHeader email={me?.email ?? null} />
      <main className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Expenses</h1>
          <p className="mt-1 truncate text-sm text-slate-600" aria-live="polite">
            {me ? (
              <>
                Signed in as <span className="font-medium text-slate-900">{me.email}</span>
              </>
            ) : error ? null : (
              "Loading your account…"
            )}
          </p>
        </div>
        {error ? <FormMessage tone="error">{error}</FormMessage> : null}
        <AddExpenseForm onAdded={expenses.added} />
        <section aria-labelledby="expense-list-heading" className="flex min-w-0 flex-col gap-3">
          <h2 id="expense-list-heading" className="text-lg font-semibold">
            Your expenses
          </h2>
          <ExpenseList
            state={expenses.state}
            more={expenses.more}
            onRetry={expenses.reload}
            onLoadMore={expenses.loadMore}
            onDelete={expenses.remove}
            onUpdated={expenses.updated}
          />
        </section>
      </main>
    </>
  );
}
