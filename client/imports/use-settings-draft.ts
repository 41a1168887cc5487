"use client";

import { useEffect, useRef, useState } from "react";
import { describeApiError } from "@/client/api/describe-api-error";
import { fieldErrors, sentence } from "@/client/api/field-errors";
import { ImportSettingsSchema, type ImportSettings } from "@/lib/csv/import";
import { useSaveImportSettings } from "./use-import";

/** Waits this long after the last change before reading the preview again (a select changes once, typing often). */
const DEBOUNCE_MS = 350;

/** The 422's paths are body paths ("settings.columns.amount"); the form knows settings paths. */
function withoutPrefix(errors: Record<string, string> | null): Record<string, string> {
  return Object.fromEntries(Object.entries(errors ?? {}).map(([path, message]) => [path.replace(/^settings\./, ""), message]));
}

/**
 * The settings as the user is editing them. Each change is checked with the same schema the API uses (so
 * nonsense is named at once, without a request) and, once it reads, saved after a short pause; the saved
 * import's preview replaces the cached one.
 */
export function useSettingsDraft(importId: string, initial: ImportSettings) {
  const save = useSaveImportSettings(importId);
  const [draft, setDraft] = useState(initial);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [isWaiting, setIsWaiting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const change = (next: ImportSettings) => {
    setDraft(next);
    clearTimeout(timer.current);
    const parsed = ImportSettingsSchema.safeParse(next);
    if (!parsed.success) {
      const byPath: Record<string, string> = {};
      for (const issue of parsed.error.issues) byPath[issue.path.map(String).join(".")] ??= sentence(issue.message);
      setLocalErrors(byPath);
      setIsWaiting(false);
      return;
    }
    setLocalErrors({});
    setIsWaiting(true);
    timer.current = setTimeout(() => {
      setIsWaiting(false);
      save.mutate(parsed.data);
    }, DEBOUNCE_MS);
  };

  const serverErrors = withoutPrefix(fieldErrors(save.error));
  const errors = { ...serverErrors, ...localErrors };
  const failure = save.isError && Object.keys(serverErrors).length === 0 ? describeApiError(save.error, "reading the file with these settings") : null;
  return {
    draft,
    change,
    errors,
    failure,
    isUpdating: isWaiting || save.isPending,
    isValid: Object.keys(errors).length === 0,
  };
}
