"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, apiJson } from "@/client/api/api-fetch";
import { BudgetListSchema, MeSchema, SettingsSchema, type BudgetList, type Settings } from "@/lib/schemas";

export type SettingsChange = { defaultCurrency?: string; locale?: string | null; theme?: "light" | "dark" | "system" | null };
export type BudgetEntry = { category: string; currency: string; limit: string };

export function useMe() {
  return useQuery({ queryKey: ["me"], queryFn: () => apiJson("/api/me", MeSchema), staleTime: Infinity });
}

export function useSettings() {
  return useQuery({ queryKey: ["settings"], queryFn: () => apiJson("/api/settings", SettingsSchema) });
}

/** The cached settings with `change` applied as the server will apply it (null clears a setting). */
function withChange(settings: Settings, change: SettingsChange): Settings {
  const next: Settings = { ...settings };
  if (change.defaultCurrency !== undefined) next.defaultCurrency = change.defaultCurrency;
  if (change.locale === null) delete next.locale;
  else if (change.locale !== undefined) next.locale = change.locale;
  if (change.theme === null) delete next.theme;
  else if (change.theme !== undefined) next.theme = change.theme;
  return next;
}

/**
 * Saves the given settings; the answer (every setting) replaces the cached ones. A settings read still in
 * flight is cancelled first: it left before this change, and landing after it would undo it on screen
 * (ThemeSync would switch the theme back).
 */
export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: SettingsChange) =>
      apiJson("/api/settings", SettingsSchema, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(change) }),
    onMutate: async (change: SettingsChange) => {
      await client.cancelQueries({ queryKey: ["settings"] });
      const previous = client.getQueryData<Settings>(["settings"]);
      if (previous) client.setQueryData(["settings"], withChange(previous, change));
      return { previous };
    },
    onError: (_error, _change, context) => {
      if (context?.previous) client.setQueryData(["settings"], context.previous);
    },
    onSuccess: (settings: Settings) => client.setQueryData(["settings"], settings),
    // A first read cancelled above left nothing cached: read again.
    onSettled: () => (client.getQueryData(["settings"]) === undefined ? client.invalidateQueries({ queryKey: ["settings"] }) : undefined),
  });
}

export function useBudgets() {
  return useQuery({ queryKey: ["budgets"], queryFn: () => apiJson("/api/budgets", BudgetListSchema) });
}

/** Replaces every monthly limit (an entry left out, or "0", is removed). */
export function useSaveBudgets() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (budgets: BudgetEntry[]) =>
      apiJson("/api/budgets", BudgetListSchema, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ budgets }) }),
    onSuccess: (list: BudgetList) => client.setQueryData(["budgets"], list),
  });
}

/** Deletes every item, file and the sign-in of the user; `confirmEmail` must be their email. */
export async function deleteAccount(confirmEmail: string): Promise<void> {
  await apiFetch("/api/account", { method: "DELETE", headers: { "content-type": "application/json" }, body: JSON.stringify({ confirmEmail }) });
}
