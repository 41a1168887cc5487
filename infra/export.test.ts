import { describe, expect, inject, it } from "vitest";
import type { Evaluation, RecordedResource } from "./check/evaluation";
import { devRelayStatements, lambdaArn, tableLinkStatement, wildcards } from "./check/expected-iam";
import { mockAccount } from "./check/mock-cloud";
import { builtFunction, inlineStatements, objectAt, resource, resourcesOf, statementsOf, strings } from "./check/queries";
import { itIsAnIsolatedFunction } from "./check/deployed-function";

const { dev, production, sstDev } = inject("infra");

const LAMBDA = "aws:lambda/function:Function";
const FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";
const PERMISSION = "aws:lambda/permission:Permission";
const ROLE = "aws:iam/role:Role";
const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

/** The sst.aws.Function's name: its functionID, and the prefix of what it creates (ExportFunction, ExportRole, …). */
const EXPORT = "Export";
const LINKS = ["Expenses", "UserPool", "UserPoolClient"];

const scenarios = [
  ["dev", dev],
  ["production", production],
  ["sst dev", sstDev],
] as const;
const deployed = scenarios.filter(([, e]) => e.mode === "deploy");

const exportFunction = (e: Evaluation): RecordedResource => resource(e, LAMBDA, `${EXPORT}Function`);
const exportRole = (e: Evaluation): RecordedResource => resource(e, ROLE, `${EXPORT}Role`);
const variables = (e: Evaluation) => objectAt(objectAt(exportFunction(e).inputs.environment).variables);
const routeEntry = (e: Evaluation) => resource(e, DYNAMIC, `${EXPORT}RoutesUpdate.sst.aws.KvRoutesUpdate`).inputs;
const routeKeys = (e: Evaluation) => resource(e, DYNAMIC, `${EXPORT}RouteKey.sst.aws.KvKeys`).inputs;
const routeMetadata = (e: Evaluation) =>
  JSON.parse(String(objectAt(routeKeys(e).entries).metadata)) as { host: string; origin: { timeouts?: Record<string, number> } };

describe("export function", () => {
  it("is built from functions/export.ts, linked to exactly the table, the user pool and its client", () => {
    expect(builtFunction(dev, EXPORT)).toMatchObject({ functionID: EXPORT, handler: "functions/export.handler", bundle: null, dev: false });
    expect(builtFunction(dev, EXPORT).links).toEqual(LINKS);
    expect(builtFunction(production, EXPORT).links).toEqual(LINKS);
  });

  it.each(deployed)("runs on nodejs24.x with 1024 MB and 10 minutes for a long download (%s)", (_, e) => {
    expect(exportFunction(e).inputs).toMatchObject({
      handler: "functions/export.handler",
      runtime: "nodejs24.x",
      memorySize: 1024,
      timeout: 600,
      packageType: "Zip",
    });
  });

  it.each(scenarios)("streams through a function URL that takes no IAM auth and sends no CORS headers (%s)", (_, e) => {
    const urls = resourcesOf(e, FUNCTION_URL).filter((u) => u.inputs.functionName === exportFunction(e).inputs.name);
    // RESPONSE_STREAM is what lets awslambda.streamifyResponse send bytes before the handler returns.
    expect(urls.map((u) => u.inputs)).toEqual([
      { functionName: exportFunction(e).inputs.name, authorizationType: "NONE", invokeMode: "RESPONSE_STREAM" },
    ]);
  });

  it.each(scenarios)("is public at its function URL only, so the handler verifies the Cognito token itself (%s)", (_, e) => {
    const name = exportFunction(e).inputs.name;
    const permissions = resourcesOf(e, PERMISSION).filter((p) => p.inputs.function === name);
    expect(permissions.map((p) => p.inputs)).toEqual([
      { action: "lambda:InvokeFunctionUrl", function: name, principal: "*", functionUrlAuthType: "NONE" },
      { action: "lambda:InvokeFunction", function: name, principal: "*", invokedViaFunctionUrl: true },
    ]);
  });

  it.each(scenarios)("is routed by the Router at /api/export (%s)", (_, e) => {
    const kvStore = resource(e, "aws:cloudfront/keyValueStore:KeyValueStore", "RouterKvStore");
    const store = `arn:aws:cloudfront:us-east-1:${mockAccount}:${kvStore.name}`;
    // "<type>,<namespace>,<host pattern>,<path prefix>": a function URL, any host, /api/export (longest prefix wins).
    expect(String(routeEntry(e).entry)).toBe(`url,${String(routeKeys(e).namespace)},,/api/export`);
    expect(routeEntry(e)).toMatchObject({ key: "routes", store });
    expect(routeKeys(e).store).toBe(store);
    // The route's origin is the function URL's host.
    const url = resource(e, FUNCTION_URL, `${EXPORT}Url`);
    expect(routeMetadata(e).host).toBe(`${url.name.toLowerCase()}.lambda-url.us-east-1.on.aws`);
    expect(resourcesOf(e, "aws:cloudfront/distribution:Distribution").map((d) => d.name)).toEqual(["RouterCdnDistribution"]);
  });

  it.each(deployed)("shares the Router's route list with the site at / (%s)", (_, e) => {
    const site = resource(e, DYNAMIC, "WebRoutesUpdate.sst.aws.KvRoutesUpdate").inputs;
    expect(String(site.entry)).toMatch(/^site,[a-z0-9]+,,$/);
    expect(routeEntry(e)).toMatchObject({ key: site.key, store: site.store, namespace: site.namespace });
  });

  it.each(scenarios)("lets CloudFront wait 60 s (its maximum) for the first byte and between bytes (%s)", (_, e) => {
    expect(routeMetadata(e).origin).toEqual({ timeouts: { readTimeout: 60 } });
  });

  it.each(scenarios)("gives Resource.Export.url as the Router's /api/export, not the raw function URL (%s)", (_, e) => {
    expect(e.outputs.export).toBe(`${String(e.outputs.url)}/api/export`);
    expect(resource(e, "sst:aws:Function", EXPORT).outputs._hint).toBe(e.outputs.export);
  });

  it.each(deployed)("may only read and write items of the Expenses table and its indexes (%s)", (_, e) => {
    const statements = inlineStatements(exportRole(e));
    expect(statements).toEqual([tableLinkStatement(e)]);
    expect(wildcards(statements)).toEqual([]);
    const actions = statements.flatMap((s) => s.actions);
    // No bucket, and no Cognito API: tokens are checked against the pool's public JWKS.
    expect(actions.filter((a) => a.startsWith("s3:") || a.startsWith("cognito-idp:"))).toEqual([]);
    expect(actions).not.toContain("dynamodb:Scan");
  });

  itIsAnIsolatedFunction({ functionOf: exportFunction, roleOf: exportRole, scenarios });
});

describe("export function under `sst dev`", () => {
  it("is a live target: SST runs functions/export.ts on the laptop with the same links", () => {
    const target = sstDev.devTargets.find((t) => t.functionID === EXPORT);
    expect(target).toMatchObject({ handler: "functions/export.handler", dev: true, links: LINKS });
    expect(sstDev.builds.map((b) => b.functionID)).not.toContain(EXPORT);
    const component = resource(sstDev, "sst:aws:Function", EXPORT).outputs;
    expect(objectAt(component._metadata).dev).toBe(true);
    expect(objectAt(component._live)).toMatchObject({ functionID: EXPORT, handler: "functions/export.handler" });
  });

  it("is deployed as SST's bridge stub, told to relay a streamed response", () => {
    const stub = exportFunction(sstDev).inputs;
    expect(stub).toMatchObject({ handler: "bootstrap", runtime: "provided.al2023", memorySize: 1024, timeout: 600 });
    expect(variables(sstDev)).toMatchObject({ SST_FUNCTION_ID: EXPORT, SST_FUNCTION_STREAMING: "true" });
  });

  it("adds only SST's relay permissions to the role, which the account may assume (to run the handler locally)", () => {
    expect(inlineStatements(exportRole(sstDev))).toEqual([tableLinkStatement(sstDev), ...devRelayStatements()]);
    const trust = statementsOf(exportRole(sstDev).inputs.assumeRolePolicy);
    expect(strings(trust[0]?.principals.AWS)).toEqual([`arn:aws:iam::${mockAccount}:root`]);
  });
});

describe("the site's link to the export function", () => {
  const siteRoles = [
    ["dev", dev, "WebServerUseast1Role"],
    ["production", production, "WebServerUseast1Role"],
    ["sst dev", sstDev, "WebDevServerRole"],
  ] as const;

  it.each(siteRoles)("grants the site lambda:InvokeFunction on that one function, nothing wider (%s)", (_, e, roleName) => {
    const lambda = inlineStatements(resource(e, ROLE, roleName)).filter((s) => s.actions.some((a) => a.startsWith("lambda:")));
    const onExport = lambda.filter((s) => s.resources.some((r) => r === lambdaArn(exportFunction(e)) || r.includes("*")));
    expect(onExport.map((s) => [s.actions, s.resources])).toEqual([[["lambda:InvokeFunction"], [lambdaArn(exportFunction(e))]]]);
    // Its only other Lambda permission is the Import link's, on that function alone (infra/imports.test.ts).
    expect(lambda.filter((s) => !onExport.includes(s)).map((s) => [s.actions, s.resources])).toEqual([
      [["lambda:InvokeFunction"], [lambdaArn(resource(e, LAMBDA, "ImportFunction"))]],
    ]);
  });
});
