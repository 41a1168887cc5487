import type { z } from "zod";

/** A setting of this deployment is wrong: the operator's problem, so callers get a generic 500 and the log the reason. */
export class MisconfiguredDeployment extends Error {
  constructor(detail: string) {
    super(`This deployment is misconfigured: ${detail}`);
    this.name = "MisconfiguredDeployment";
  }
}

/**
 * Parses this deployment's environment. Not with `schema.parse`: a ZodError would reach the caller as a 422
 * naming the variable, as if the request were at fault.
 */
export function parseDeploymentEnv<Schema extends z.ZodType>(schema: Schema, env: NodeJS.ProcessEnv = process.env): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new MisconfiguredDeployment(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
}
