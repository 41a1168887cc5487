/**
 * The checks every standalone function's role and environment must pass, registered inside the caller's
 * `describe`: a role only Lambda assumes once deployed, no secret in the environment (links travel in SST's
 * encrypted bundle), and nothing else in it. Test support for infra/*.test.ts.
 */
import { expect, it } from "vitest";
import type { Evaluation, RecordedResource } from "./evaluation";
import { objectAt, statementsOf } from "./queries";
import { cursorSecretValue } from "./scenarios";

type Scenario = readonly [string, Evaluation];

export function itIsAnIsolatedFunction(parts: {
  functionOf: (e: Evaluation) => RecordedResource;
  roleOf: (e: Evaluation) => RecordedResource;
  scenarios: readonly Scenario[];
}): void {
  const deployed = parts.scenarios.filter(([, e]) => e.mode === "deploy");
  const variables = (e: Evaluation) => objectAt(objectAt(parts.functionOf(e).inputs.environment).variables);

  it.each(deployed)("has a role only Lambda can assume once deployed (%s)", (_, e) => {
    const trust = statementsOf(parts.roleOf(e).inputs.assumeRolePolicy);
    expect(trust.map((s) => s.principals)).toEqual([{ Service: "lambda.amazonaws.com" }]);
  });

  it.each(parts.scenarios)("carries no secret in its environment: the cursor secret is not linked (%s)", (_, e) => {
    expect(JSON.stringify(parts.functionOf(e).inputs)).not.toContain(cursorSecretValue);
    expect(Object.keys(variables(e)).filter((k) => k.startsWith("SST_RESOURCE_"))).toEqual(["SST_RESOURCE_App"]);
  });

  it.each(deployed)("reads its links from the encrypted bundle: nothing else in its environment (%s)", (_, e) => {
    expect(Object.keys(variables(e)).sort()).toEqual(["SST_KEY", "SST_KEY_FILE", "SST_RESOURCE_App"]);
  });
}
