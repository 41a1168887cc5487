/**
 * The one decision on whether this process talks to the embedded local AWS. Its overrides — the SDK's
 * `AWS_ENDPOINT_URL_*` endpoints, the plain-http JWKS verifier, USER_PASSWORD_AUTH in the browser — apply only in
 * the local stage and only towards loopback. cognito-local signs tokens with a private key published in its npm
 * package, so trusting its issuer anywhere else would let anyone sign in as anyone.
 */
const LOCAL_STAGE = "local";

export type LocalMode =
  | { kind: "local"; cognitoEndpoint?: string }
  | { kind: "deployed"; stage: string }
  | { kind: "refused"; reason: string };

const ENDPOINT_VARIABLE = /^AWS_ENDPOINT_URL(_|$)/;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function isLoopback(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

/** The endpoint overrides set in `env`, by variable name (empty values are the same as unset). */
function endpointOverrides(env: Readonly<Record<string, string | undefined>>): [string, string][] {
  return Object.entries(env).flatMap(([name, value]) => (ENDPOINT_VARIABLE.test(name) && value ? [[name, value] as [string, string]] : []));
}

/** `stage` is `Resource.App.stage` (undefined when the app is not linked to a stage: that is refused too). */
export function resolveLocalMode(stage: string | undefined, env: Readonly<Record<string, string | undefined>>): LocalMode {
  const overrides = endpointOverrides(env);
  if (stage === undefined) return { kind: "refused", reason: "Ledgerline does not know its stage: SST's App resource is not linked to this process." };
  if (stage !== LOCAL_STAGE) {
    if (overrides.length === 0) return { kind: "deployed", stage };
    const names = overrides.map(([name]) => name).join(", ");
    return { kind: "refused", reason: `${names} point${overrides.length === 1 ? "s" : ""} the AWS SDK at an emulator, which only the "${LOCAL_STAGE}" stage may do; this is stage "${stage}". Remove the variable from this environment.` };
  }
  const remote = overrides.filter(([, value]) => !isLoopback(value));
  if (remote.length > 0) {
    const listed = remote.map(([name, value]) => `${name}=${value}`).join(", ");
    return { kind: "refused", reason: `The local stage talks only to emulators on this machine (localhost, 127.0.0.1 or [::1]); ${listed} is not one.` };
  }
  const cognitoEndpoint = env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER || undefined;
  return { kind: "local", ...(cognitoEndpoint ? { cognitoEndpoint } : {}) };
}

export class LocalModeRefused extends Error {
  constructor(reason: string) {
    super(`Ledgerline refuses to start: ${reason}`);
    this.name = "LocalModeRefused";
  }
}

/** The mode, or a LocalModeRefused naming what to fix. */
export function requireAllowedMode(mode: LocalMode): Exclude<LocalMode, { kind: "refused" }> {
  if (mode.kind === "refused") throw new LocalModeRefused(mode.reason);
  return mode;
}
