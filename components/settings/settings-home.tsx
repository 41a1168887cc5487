"use client";

import { useTheme } from "next-themes";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { signOut } from "aws-amplify/auth";
import { useQueryClient } from "@tanstack/react-query";
import { describeApiError } from "@/client/api/describe-api-error";
import { CURRENCY_OPTIONS } from "@/client/expenses/expense-form-options";
import { deleteAccount, useBudgets, useMe, useSaveSettings, useSettings } from "@/client/settings/use-settings";
import { AppHeader, useSignOut } from "../app-header";
import { Button } from "../ui/button";
import { Field, FormMessage } from "../ui/field";
import { SelectField } from "../ui/select-field";
import { BudgetsEditor } from "./budgets-editor";

const THEMES = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "system", label: "System" },
] as const;

const card = "flex flex-col gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-700 dark:bg-slate-900";

/** True once hydrated: the theme is only known in the browser (next-themes reads localStorage). */
const useIsClient = () => useSyncExternalStore(() => () => undefined, () => true, () => false);

function ThemePicker() {
  const { theme, setTheme } = useTheme();
  const save = useSaveSettings();
  const isClient = useIsClient();
  const current = isClient ? (theme ?? "system") : null;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">Theme</legend>
      <div className="flex flex-wrap gap-2">
        {THEMES.map(({ value, label }) => (
          <label
            key={value}
            className="inline-flex h-11 cursor-pointer items-center gap-2 rounded-lg border border-slate-300 px-4 text-sm font-medium has-checked:border-emerald-700 has-checked:bg-emerald-50 has-focus-visible:outline-2 has-focus-visible:outline-emerald-700 dark:border-slate-600 dark:has-checked:border-emerald-400 dark:has-checked:bg-emerald-950"
          >
            <input
              type="radio"
              name="theme"
              value={value}
              checked={current === value}
              onChange={() => {
                setTheme(value);
                save.mutate({ theme: value });
              }}
              className="accent-emerald-700"
            />
            {label}
          </label>
        ))}
      </div>
      {save.isError ? <FormMessage tone="error">{describeApiError(save.error, "saving the theme")}</FormMessage> : null}
    </fieldset>
  );
}

function CurrencyPicker({ value }: { value: string }) {
  const save = useSaveSettings();
  return (
    <div className="flex flex-col gap-2 sm:max-w-xs">
      <SelectField
        label="Default currency"
        options={CURRENCY_OPTIONS}
        value={value}
        onChange={(event) => save.mutate({ defaultCurrency: event.target.value })}
        aria-describedby="default-currency-hint"
      />
      <p id="default-currency-hint" className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
        {save.isPending ? "Saving…" : save.isSuccess ? "Saved. New expenses start in this currency." : "New expenses start in this currency."}
      </p>
      {save.isError ? <FormMessage tone="error">{describeApiError(save.error, "saving the currency")}</FormMessage> : null}
    </div>
  );
}

function DeleteAccount({ email }: { email: string }) {
  const router = useRouter();
  const client = useQueryClient();
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed.trim().toLowerCase() === email.toLowerCase();
  const onDelete = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteAccount(typed.trim());
    } catch (err) {
      setError(describeApiError(err, "deleting your account"));
      setBusy(false);
      return;
    }
    // The user no longer exists: signing out only clears this browser's tokens.
    await signOut().catch(() => undefined);
    client.clear();
    router.replace("/login");
  };
  return (
    <form
      className="flex flex-col gap-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (matches) void onDelete();
      }}
    >
      <p className="text-sm text-slate-700 dark:text-slate-300">
        This removes every expense, receipt, budget and setting of your account, then the account itself. It cannot be undone.
      </p>
      <div className="sm:max-w-sm">
        <Field label="Type your email to confirm" type="email" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} hint={email} />
      </div>
      {error ? <FormMessage tone="error">{error}</FormMessage> : null}
      <div>
        <Button type="submit" variant="danger" busy={busy} disabled={!matches}>
          Delete my account
        </Button>
      </div>
    </form>
  );
}

export function SettingsHome() {
  const me = useMe();
  const settings = useSettings();
  const budgets = useBudgets();
  const doSignOut = useSignOut();
  const defaultCurrency = settings.data?.defaultCurrency ?? "EUR";
  return (
    <>
      <AppHeader email={me.data?.email ?? null} />
      <main className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-6">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <section aria-labelledby="prefs-heading" className={card}>
          <h2 id="prefs-heading" className="text-lg font-semibold">
            Preferences
          </h2>
          {settings.isError ? <FormMessage tone="error">{describeApiError(settings.error, "loading your settings")}</FormMessage> : null}
          {settings.data ? <CurrencyPicker value={defaultCurrency} /> : <div className="h-16 animate-pulse rounded-lg bg-slate-100 sm:max-w-xs dark:bg-slate-800" />}
          <ThemePicker />
        </section>
        <section aria-labelledby="budgets-heading" className={card}>
          <div>
            <h2 id="budgets-heading" className="text-lg font-semibold">
              Monthly budgets
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">A limit per category and currency; progress shows on Expenses (this month) and Insights.</p>
          </div>
          {budgets.data && settings.data ? (
            <BudgetsEditor budgets={budgets.data.budgets} defaultCurrency={defaultCurrency} />
          ) : budgets.isError ? (
            <FormMessage tone="error">{describeApiError(budgets.error, "loading your budgets")}</FormMessage>
          ) : (
            <div className="h-24 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />
          )}
        </section>
        <section aria-labelledby="account-heading" className={card}>
          <h2 id="account-heading" className="text-lg font-semibold">
            Account
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Signed in as <span className="font-medium text-slate-900 dark:text-slate-100">{me.data?.email ?? "…"}</span>
          </p>
          <div>
            <Button onClick={() => void doSignOut()}>Sign out of Ledgerline</Button>
          </div>
        </section>
        <section aria-labelledby="danger-heading" className={`${card} border-red-200 dark:border-red-900`}>
          <h2 id="danger-heading" className="text-lg font-semibold text-red-800 dark:text-red-300">
            Delete my account
          </h2>
          {me.data ? <DeleteAccount email={me.data.email} /> : null}
        </section>
      </main>
    </>
  );
}
