"use client";

import { useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { useSession } from "./use-session";

/** Renders its children only for a signed-in user; anyone else is sent to /login. */
export function SignedInOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  const router = useRouter();
  useEffect(() => {
    if (session.status === "signed-out") router.replace("/login");
  }, [session.status, router]);

  if (session.status !== "signed-in") {
    return (
      <main className="flex min-h-dvh items-center justify-center">
        <p role="status" className="text-sm text-slate-500 dark:text-slate-400">
          Loading…
        </p>
      </main>
    );
  }
  return <>{children}</>;
}
