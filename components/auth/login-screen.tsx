"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Brand } from "../brand";
import { LoginPanel } from "./login-panel";
import { useSession } from "./use-session";

/** /login: someone already signed in goes straight to the tracker. */
export function LoginScreen() {
  const session = useSession();
  const router = useRouter();
  useEffect(() => {
    if (session.status === "signed-in") router.replace("/tracker");
  }, [session.status, router]);

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-8 px-4 py-10">
      <Brand />
      {session.status === "signed-out" ? (
        <LoginPanel />
      ) : (
        <p role="status" className="text-sm text-slate-500 dark:text-slate-400">
          Checking your session…
        </p>
      )}
    </main>
  );
}
