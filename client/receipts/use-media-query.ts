"use client";

import { useCallback, useSyncExternalStore } from "react";

/** Whether a CSS media query matches now, following changes (rotation, a mouse plugged in); false on the server. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Phones and tablets: a camera to take the photo with, and no files to drag. */
export const TOUCH_FIRST_QUERY = "(pointer: coarse), (max-width: 639px)";
