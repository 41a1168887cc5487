"use client";

import { useEffect, useState } from "react";
import { apiJson, ApiError } from "@/lib/client/api-fetch";
import { AppHeader } from "../app-header";
import { FormMessage } from "../ui/field";

type Me = { userId: string; email: string | null };

export function TrackerHome() {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    apiJson<Me>("/api/me")
      .then(setMe)
      .catch((err: unknown) => setError(err instanceof ApiError ? (err.detail ?? err.title) : "Could not load your account."));
  }, []);

  return (
    <>
      <AppHeader email={me?.email ?? null} />
      <main className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Expenses</h1>
          <p className="mt-1 text-sm text-slate-600" aria-live="polite">
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
        <section className="flex flex-col items-center gap-3 rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-14 text-center">
          <svg viewBox="0 0 48 48" className="size-12 text-emerald-700" aria-hidden>
            <rect x="8" y="6" width="32" height="36" rx="4" fill="none" stroke="currentColor" strokeWidth="2.5" />
            <path d="M15 16h18M15 23h18M15 30h10" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
          </svg>
          <h2 className="text-lg font-semibold">No expenses yet</h2>
          <p className="max-w-sm text-sm text-slate-600">
            Your expenses will appear here, newest first, with totals by month and category.
          </p>
        </section>
      </main>
    </>
  );
}
