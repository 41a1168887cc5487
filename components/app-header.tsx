"use client";

import { signOut } from "aws-amplify/auth";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Brand } from "./brand";
import { ThemeSync } from "./theme-sync";

const NAV = [
  { href: "/tracker", label: "Expenses" },
  { href: "/insights", label: "Insights" },
  { href: "/import", label: "Import" },
  { href: "/settings", label: "Settings" },
] as const;

/** Signs out, forgets every cached answer of this user, and goes to /login. */
export function useSignOut() {
  const router = useRouter();
  const client = useQueryClient();
  return async () => {
    try {
      await signOut();
    } finally {
      client.clear();
      router.replace("/login");
    }
  };
}

const signOutClass =
  "h-9 shrink-0 rounded-lg border border-slate-300 px-3 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-emerald-700 disabled:opacity-60 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800";

/** The phone's account menu: the signed-in email and "Sign out" behind one button. */
function AccountMenu({ email, busy, onSignOut }: { email: string | null; busy: boolean; onSignOut: () => void }) {
  const [isOpen, setIsOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!isOpen) return;
    const close = (event: MouseEvent) => {
      if (!panelRef.current?.contains(event.target as Node) && !buttonRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    document.addEventListener("click", close);
    return () => document.removeEventListener("click", close);
  }, [isOpen]);
  return (
    <div className="relative sm:hidden" onKeyDown={(event) => event.key === "Escape" && (setIsOpen(false), buttonRef.current?.focus())}>
      <button ref={buttonRef} type="button" aria-expanded={isOpen} aria-controls="account-menu" onClick={() => setIsOpen((open) => !open)} className={signOutClass}>
        Account
      </button>
      {isOpen ? (
        <div
          ref={panelRef}
          id="account-menu"
          className="absolute right-0 z-20 mt-2 flex w-64 flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Signed in as <span className="block truncate font-medium text-slate-900 dark:text-slate-100">{email ?? "…"}</span>
          </p>
          <button type="button" onClick={onSignOut} disabled={busy} className={signOutClass}>
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function AppHeader({ email }: { email: string | null }) {
  const pathname = usePathname();
  const doSignOut = useSignOut();
  const [busy, setBusy] = useState(false);
  const onSignOut = () => {
    setBusy(true);
    void doSignOut();
  };
  const nav = (className: string) => (
    <nav aria-label="Main" className={className}>
      <ul className="flex items-center gap-1">
        {NAV.map(({ href, label }) => {
          const isCurrent = pathname === href;
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={isCurrent ? "page" : undefined}
                className={`inline-flex h-9 items-center rounded-lg px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-emerald-700 ${
                  isCurrent
                    ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
                    : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
                }`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-3 px-4">
        <div className="flex items-center gap-4">
          <Brand />
          {nav("hidden sm:block")}
        </div>
        <div className="flex min-w-0 items-center gap-3">
          <span className="hidden truncate text-sm text-slate-600 sm:inline dark:text-slate-300" data-testid="user-email">
            {email ?? ""}
          </span>
          <button type="button" onClick={onSignOut} disabled={busy} className={`hidden sm:inline-flex sm:items-center ${signOutClass}`}>
            Sign out
          </button>
          <AccountMenu email={email} busy={busy} onSignOut={onSignOut} />
        </div>
      </div>
      {nav("border-t border-slate-100 px-2 py-1 sm:hidden dark:border-slate-800")}
      <ThemeSync />
    </header>
  );
}
