/**
 * An environment for a child process started as a deployment would start it: this process's, without the local
 * stack's links and emulator endpoints (SST_RESOURCE_*, AWS_ENDPOINT_URL*), plus `env`. Tests only.
 */
export function envWithoutStack(env: Record<string, string>): NodeJS.ProcessEnv {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const key of Object.keys(childEnv)) if (/^(AWS_ENDPOINT_URL|SST_RESOURCE_)/.test(key) && !(key in env)) delete childEnv[key];
  return childEnv;
}
