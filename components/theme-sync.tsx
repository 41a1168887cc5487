"use client";

import { useTheme } from "next-themes";
import { useEffect, useRef } from "react";
import { useSettings } from "@/client/settings/use-settings";

/** Applies the theme saved on the account when it arrives (or changes on another device). */
export function ThemeSync() {
  const saved = useSettings().data?.theme;
  const { setTheme } = useTheme();
  // Only a newly arrived saved value is applied; a choice made here since (awaiting its save) is not undone.
  const applied = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (saved && saved !== applied.current) {
      applied.current = saved;
      setTheme(saved);
    }
  }, [saved, setTheme]);
  return null;
}
