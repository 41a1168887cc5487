/** Small lookups over an Evaluation for the infra tests. */
import type { Evaluation, Json, JsonObject, RecordedResource } from "./evaluation";

export function resourcesOf(evaluation: Evaluation, type: string): RecordedResource[] {
  return evaluation.resources.filter((r) => r.type === type);
}

/** The one resource of `type` named `name`; throws (listing what exists) when there is none. */
export function resource(evaluation: Evaluation, type: string, name: string): RecordedResource {
  const found = evaluation.resources.find((r) => r.type === type && r.name === name);
  if (!found) {
    const names = resourcesOf(evaluation, type).map((r) => r.name);
    throw new Error(`No ${type} named ${name}; found: ${names.join(", ") || "none"}`);
  }
  return found;
}

export function objectAt(value: Json | undefined): JsonObject {
  return value !== null && value !== undefined && typeof value === "object" && !Array.isArray(value) ? value : {};
}

export function arrayAt(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

export function strings(value: Json | undefined): string[] {
  if (typeof value === "string") return [value];
  return arrayAt(value).filter((v): v is string => typeof v === "string");
}

export type Statement = { effect: string; actions: string[]; resources: string[]; principals: JsonObject };

/** IAM statements of a policy document given as JSON text or as an object. */
export function statementsOf(document: Json | undefined): Statement[] {
  const parsed = typeof document === "string" ? (JSON.parse(document) as Json) : (document ?? null);
  return arrayAt(objectAt(parsed).Statement).map((item) => {
    const s = objectAt(item);
    return {
      effect: typeof s.Effect === "string" ? s.Effect : "",
      actions: strings(s.Action),
      resources: strings(s.Resource),
      principals: objectAt(s.Principal),
    };
  });
}

/** All statements of an IAM role's inline policies. */
export function inlineStatements(role: RecordedResource): Statement[] {
  return arrayAt(role.inputs.inlinePolicies).flatMap((p) => statementsOf(objectAt(p).policy));
}

/** The function SST was asked to build whose id starts with `prefix` (e.g. "WebServer"). */
export function builtFunction(evaluation: Evaluation, prefix: string) {
  const found = evaluation.builds.find((b) => b.functionID.startsWith(prefix));
  if (!found) throw new Error(`No function ${prefix}*; built: ${evaluation.builds.map((b) => b.functionID).join(", ")}`);
  return found;
}
