"use client";

import { Amplify } from "aws-amplify";
import { createContext, useContext, type ReactNode } from "react";
import type { PublicAuthConfig } from "@/server/public-config";

const AuthConfigContext = createContext<PublicAuthConfig | null>(null);
let configuredFor: string | null = null;

function configure(config: PublicAuthConfig): void {
  const key = JSON.stringify(config);
  if (configuredFor === key) return;
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.userPoolId,
        userPoolClientId: config.userPoolClientId,
        ...(config.userPoolEndpoint ? { userPoolEndpoint: config.userPoolEndpoint } : {}),
        loginWith: { email: true },
        signUpVerificationMethod: "code",
      },
    },
  });
  configuredFor = key;
}

/** Configures Amplify before any child renders, so hooks below can call Auth APIs at once. */
export function AuthProvider({ config, children }: { config: PublicAuthConfig; children: ReactNode }) {
  configure(config);
  return <AuthConfigContext.Provider value={config}>{children}</AuthConfigContext.Provider>;
}

export function useAuthConfig(): PublicAuthConfig {
  const config = useContext(AuthConfigContext);
  if (!config) throw new Error("useAuthConfig must be used inside <AuthProvider>");
  return config;
}

/** The local Cognito has no SRP; on AWS the password never leaves the browser (SRP). */
export function signInFlow(config: PublicAuthConfig): "USER_PASSWORD_AUTH" | "USER_SRP_AUTH" {
  return config.userPoolEndpoint ? "USER_PASSWORD_AUTH" : "USER_SRP_AUTH";
}
