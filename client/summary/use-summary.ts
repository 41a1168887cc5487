"use client";

import { useQuery } from "@tanstack/react-query";
import { apiJson } from "@/client/api/api-fetch";
import { SummarySchema, type Summary } from "@/lib/schemas";

/** Exact totals per month x category x currency of an inclusive date range (GET /api/summary). */
export function fetchSummary(from: string, to: string): Promise<Summary> {
  return apiJson(`/api/summary?${new URLSearchParams({ from, to }).toString()}`, SummarySchema);
}

export function useSummary(range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: ["summary", range?.from, range?.to],
    queryFn: () => fetchSummary(range?.from ?? "", range?.to ?? ""),
    enabled: range !== null,
  });
}
