/**
 * This process's mode (lib/local-mode.ts decides): the stage from SST's `Resource.App`, the overrides from the
 * environment. Read once; a refused mode throws here, so whatever asks first — the server's startup
 * (instrumentation.ts), a function's module load, the first request — stops with the reason.
 */
import { Resource } from "sst";
import { requireAllowedMode, resolveLocalMode, type LocalMode } from "@/lib/local-mode";

type AllowedMode = Exclude<LocalMode, { kind: "refused" }>;

let mode: AllowedMode | undefined;

function linkedStage(): string | undefined {
  try {
    return Resource.App.stage;
  } catch {
    return undefined;
  }
}

export function localMode(): AllowedMode {
  mode ??= requireAllowedMode(resolveLocalMode(linkedStage(), process.env));
  return mode;
}

/** The local Cognito's endpoint, in the local stage only. */
export function localCognitoEndpoint(): string | undefined {
  const current = localMode();
  return current.kind === "local" ? current.cognitoEndpoint : undefined;
}
