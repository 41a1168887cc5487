"use client";

import { useCallback, useEffect, useState } from "react";
import { ApiError } from "@/client/api/api-fetch";
import { describeApiError } from "@/client/api/describe-api-error";
import type { ReceiptView } from "@/lib/schemas";
import { fetchReceiptView } from "./receipts-api";

/** Links this close to expiry are fetched again before they are shown in the viewer. */
const EXPIRY_MARGIN_MS = 60_000;

type Result = { key: string; nonce: number } & ({ view: ReceiptView; error?: undefined } | { view?: undefined; error: string });

export type ReceiptViewState = {
  view: ReceiptView | null;
  error: string | null;
  isLoading: boolean;
  /** An <img> or link failed (most likely an expired link): fetch fresh links, once per receipt version. */
  linkFailed: () => void;
  /** Fetches fresh links if the current ones are about to expire. */
  refreshIfExpiring: () => void;
  /** Asks again after a failed load ("Try again"). */
  reload: () => void;
};

/**
 * The presigned links of a ready receipt. `key` names the receipt version (null: nothing to load), so a
 * replaced receipt loads its new links and an old answer is never shown for it.
 */
export function useReceiptView(expenseId: string, key: string | null): ReceiptViewState {
  const [nonce, setNonce] = useState(0);
  const [result, setResult] = useState<Result | null>(null);
  const [retriedKey, setRetriedKey] = useState<string | null>(null);
  const [brokenKey, setBrokenKey] = useState<string | null>(null);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    fetchReceiptView(expenseId, controller.signal)
      .then((view) => setResult({ key, nonce, view }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const message =
          error instanceof ApiError && error.status === 404 ? "This receipt is no longer there." : describeApiError(error, "loading the receipt");
        setResult({ key, nonce, error: message });
      });
    return () => controller.abort();
  }, [expenseId, key, nonce]);

  const current = result !== null && result.key === key && result.nonce === nonce ? result : null;

  const linkFailed = useCallback(() => {
    if (key === null) return;
    if (retriedKey === key) {
      setBrokenKey(key);
      return;
    }
    setRetriedKey(key);
    setNonce((n) => n + 1);
  }, [key, retriedKey]);

  const expiresAt = current?.view?.original?.expiresAt ?? current?.view?.thumbnail?.expiresAt;
  const refreshIfExpiring = useCallback(() => {
    if (expiresAt && Date.parse(expiresAt) - Date.now() < EXPIRY_MARGIN_MS) setNonce((n) => n + 1);
  }, [expiresAt]);

  const reload = useCallback(() => {
    setBrokenKey(null);
    setNonce((n) => n + 1);
  }, []);

  if (key === null) return { view: null, error: null, isLoading: false, linkFailed, refreshIfExpiring, reload };
  const error = brokenKey === key ? "The receipt could not be loaded. Try again in a moment." : (current?.error ?? null);
  return { view: error ? null : (current?.view ?? null), error, isLoading: current === null && error === null, linkFailed, refreshIfExpiring, reload };
}
