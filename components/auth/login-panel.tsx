"use client";

import {
  confirmResetPassword,
  confirmSignUp,
  resendSignUpCode,
  resetPassword,
  signIn,
  signUp,
} from "aws-amplify/auth";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authErrorMessage } from "@/lib/auth-messages";
import { Field, FormMessage, LinkButton, SubmitButton } from "../ui/field";
import { signInFlow, useAuthConfig } from "./auth-provider";

type Mode = "sign-in" | "sign-up" | "confirm-sign-up" | "forgot" | "reset";

const HEADINGS: Record<Mode, { title: string; lead: string }> = {
  "sign-in": { title: "Welcome back", lead: "Sign in to see where your money goes." },
  "sign-up": { title: "Create your account", lead: "Track expenses in any currency, on any device." },
  "confirm-sign-up": { title: "Check your email", lead: "We sent you a code to confirm your address." },
  forgot: { title: "Reset your password", lead: "We'll email you a code to choose a new one." },
  reset: { title: "Choose a new password", lead: "Enter the code from the email and your new password." },
};

const PASSWORD_HINT = "At least 8 characters, with upper- and lower-case letters, a number and a symbol.";

export function LoginPanel() {
  const router = useRouter();
  const config = useAuthConfig();
  const [mode, setMode] = useState<Mode>("sign-in");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);

  const switchTo = (next: Mode, message: string | null = null) => {
    setMode(next);
    setError(null);
    setInfo(message);
    setCode("");
  };

  const signInAndGo = async () => {
    const result = await signIn({ username: email, password, options: { authFlowType: signInFlow(config) } });
    if (result.isSignedIn) router.replace("/tracker");
    else if (result.nextStep.signInStep === "CONFIRM_SIGN_UP") switchTo("confirm-sign-up");
    else setError("This account needs a step the app does not support yet.");
  };

  const run = (action: () => Promise<void>) => async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(authErrorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const actions: Record<Mode, () => Promise<void>> = {
    "sign-in": signInAndGo,
    "sign-up": async () => {
      const result = await signUp({ username: email, password, options: { userAttributes: { email } } });
      if (result.isSignUpComplete) await signInAndGo();
      else switchTo("confirm-sign-up");
    },
    "confirm-sign-up": async () => {
      await confirmSignUp({ username: email, confirmationCode: code.trim() });
      if (password) await signInAndGo();
      else switchTo("sign-in", "Email confirmed. Sign in with your password.");
    },
    forgot: async () => {
      await resetPassword({ username: email });
      switchTo("reset", `If ${email} has an account, a code is on its way.`);
      setPassword("");
    },
    reset: async () => {
      await confirmResetPassword({ username: email, confirmationCode: code.trim(), newPassword: password });
      await signInAndGo();
    },
  };

  const heading = HEADINGS[mode];
  return (
    <section className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-700 dark:bg-slate-900">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-100">{heading.title}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{heading.lead}</p>
      <form className="mt-6 flex flex-col gap-4" onSubmit={run(actions[mode])} noValidate>
        {info ? <FormMessage tone="info">{info}</FormMessage> : null}
        {mode === "sign-in" || mode === "sign-up" || mode === "forgot" ? (
          <Field
            label="Email"
            type="email"
            autoComplete="email"
            inputMode="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        ) : null}
        {mode === "confirm-sign-up" || mode === "reset" ? (
          <Field
            label="Code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
            hint={`Sent to ${email}.`}
          />
        ) : null}
        {mode === "sign-in" || mode === "sign-up" || mode === "reset" ? (
          <Field
            label={mode === "reset" ? "New password" : "Password"}
            type="password"
            autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            hint={mode === "sign-in" ? undefined : PASSWORD_HINT}
          />
        ) : null}
        {error ? <FormMessage tone="error">{error}</FormMessage> : null}
        <SubmitButton busy={busy}>
          {
            {
              "sign-in": "Sign in",
              "sign-up": "Create account",
              "confirm-sign-up": "Confirm email",
              forgot: "Send reset code",
              reset: "Set new password",
            }[mode]
          }
        </SubmitButton>
      </form>
      <div className="mt-6 flex flex-col items-start gap-2 border-t border-slate-100 pt-4 dark:border-slate-800">
        {mode === "sign-in" ? (
          <>
            <LinkButton onClick={() => switchTo("forgot")}>Forgot password?</LinkButton>
            <LinkButton onClick={() => switchTo("sign-up")}>New to Ledgerline? Create an account</LinkButton>
          </>
        ) : (
          <LinkButton onClick={() => switchTo("sign-in")}>Back to the sign-in page</LinkButton>
        )}
        {mode === "confirm-sign-up" ? (
          <LinkButton
            onClick={() =>
              void resendSignUpCode({ username: email })
                .then(() => setInfo("A new code is on its way."))
                .catch((err: unknown) => setError(authErrorMessage(err)))
            }
          >
            Send a new code
          </LinkButton>
        ) : null}
      </div>
    </section>
  );
}
