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

/** Saves the given settings; the answer (every setting) replaces the cached ones. */
export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: SettingsChange) =>
      apiJson("/api/settings", SettingsSchema, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(change) }),
    onSuccess: (settings: Settings) => client.setQueryData(["settings"], settings),
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
