"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import { useState, type ReactNode } from "react";
import "@/client/zod-jitless";

function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A refused request (4xx) is not retried; a network blip or a 5xx is, once.
      queries: {
        staleTime: 30_000,
        retry: (count, error) => count < 1 && !(typeof error === "object" && error !== null && "status" in error && Number(error.status) < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Server state (TanStack Query) and the colour scheme (class on <html>, set before paint: no flash). */
export function Providers({ nonce, children }: { nonce?: string; children: ReactNode }) {
  const [client] = useState(newQueryClient);
  return (
    <ThemeProvider nonce={nonce} attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </ThemeProvider>
  );
}
