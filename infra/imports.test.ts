import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { repoRoot } from "./check/evaluate";
import type { Evaluation, RecordedResource } from "./check/evaluation";
import { bucketLinkStatements, deployedNames, devRelayStatements, lambdaArn, tableLinkStatement, wildcards } from "./check/expected-iam";
import { mockAccount } from "./check/mock-cloud";
import { arrayAt, builtFunction, inlineStatements, objectAt, resource, resourcesOf, statementsOf, strings } from "./check/queries";
import { itIsAnIsolatedFunction } from "./check/deployed-function";

const { dev, production, sstDev } = inject("infra");

const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
const LAMBDA = "aws:lambda/function:Function";
const PERMISSION = "aws:lambda/permission:Permission";
const INVOKE_CONFIG = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";
const FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";
const ROLE = "aws:iam/role:Role";

/** The sst.aws.Function's name: its functionID, and the prefix of what it creates (ImportFunction, ImportRole, …). */
const IMPORT = "Import";
const LINKS = ["Expenses", "Files"];

const scenarios = [
  ["dev", dev],
  ["production", production],
  ["sst dev", sstDev],
] as const;
const deployed = scenarios.filter(([, e]) => e.mode === "deploy");

/** The site's server role: the deployed OpenNext server's, or the `next dev` placeholder's under `sst dev`. */
const siteRoleName = (e: Evaluation) => (e.mode === "dev" ? "WebDevServerRole" : "WebServerUseast1Role");

const importFunction = (e: Evaluation): RecordedResource => resource(e, LAMBDA, `${IMPORT}Function`);
const importArn = (e: Evaluation) => lambdaArn(importFunction(e));
const importRole = (e: Evaluation): RecordedResource => resource(e, ROLE, `${IMPORT}Role`);
const variables = (e: Evaluation) => objectAt(objectAt(importFunction(e).inputs.environment).variables);
const lambdaConfigs = (e: Evaluation) => arrayAt(resource(e, NOTIFICATION, "FilesNotificationsNotification").inputs.lambdaFunctions).map(objectAt);

/** Does a statement's resource cover the import function (its ARN, or a wildcard that would)? */
const coversImport = (e: Evaluation, r: string) =>
  r === importArn(e) || r.startsWith(`${importArn(e)}:`) || r === "*" || (r.includes("*") && r.startsWith("arn:aws:lambda"));

describe("import function's notification", () => {
  it.each(scenarios)("is the imports/ entry of the bucket's one notification: browser POSTs only, to this function (%s)", (_, e) => {
    const configs = lambdaConfigs(e);
    expect(configs.filter((c) => c.lambdaFunctionArn === importArn(e))).toEqual([
      { id: "ImportUploaded", events: ["s3:ObjectCreated:Post"], filterPrefix: "imports/", lambdaFunctionArn: importArn(e) },
    ]);
    // No other entry reaches imports/ (S3 refuses overlapping prefixes for the same event anyway).
    const others = configs.filter((c) => c.lambdaFunctionArn !== importArn(e)).map((c) => String(c.filterPrefix ?? ""));
    expect(others.filter((prefix) => "imports/".startsWith(prefix) || prefix.startsWith("imports/"))).toEqual([]);
  });

  it.each(scenarios)("lets S3 invoke it from the Files bucket only (%s)", (_, e) => {
    const onImport = [importArn(e), importFunction(e).inputs.name];
    const permissions = resourcesOf(e, PERMISSION).filter((p) => onImport.includes(p.inputs.function ?? null));
    expect(permissions.map((p) => [p.name, p.inputs])).toEqual([
      [
        "FilesNotificationsNotificationImportUploadedPermission",
        {
          action: "lambda:InvokeFunction",
          function: importArn(e),
          principal: "s3.amazonaws.com",
          sourceArn: `arn:aws:s3:::${deployedNames(e).bucket}`,
        },
      ],
    ]);
  });

  it.each(scenarios)("has no function URL: it is reached by S3 and by the site's Invoke only (%s)", (_, e) => {
    expect(resourcesOf(e, FUNCTION_URL).filter((u) => u.inputs.functionName === importFunction(e).inputs.name)).toEqual([]);
  });
});

describe("import function", () => {
  it("is built from functions/import.ts, linked to exactly the table and the bucket", () => {
    expect(builtFunction(dev, IMPORT)).toMatchObject({ functionID: IMPORT, handler: "functions/import.handler", bundle: null, dev: false });
    expect(builtFunction(dev, IMPORT).links).toEqual(LINKS);
    expect(builtFunction(production, IMPORT).links).toEqual(LINKS);
  });

  it.each(deployed)("runs on nodejs24.x with 1024 MB and Lambda's 15-minute ceiling, for a 100k-row commit (%s)", (_, e) => {
    expect(importFunction(e).inputs).toMatchObject({
      handler: "functions/import.handler",
      runtime: "nodejs24.x",
      memorySize: 1024,
      timeout: 900,
      packageType: "Zip",
    });
  });

  it.each(scenarios)("is retried twice on an asynchronous failure, for up to an hour after the event (%s)", (_, e) => {
    const configs = resourcesOf(e, INVOKE_CONFIG).filter((c) => c.inputs.functionName === importFunction(e).inputs.name);
    // Both of its triggers are asynchronous (S3's notification and the site's InvocationType "Event"). Three
    // attempts of up to 15 minutes, with Lambda's back-off between them, start well within the hour.
    expect(configs.map((c) => [c.name, c.inputs])).toEqual([
      [`${IMPORT}EventInvokeConfig`, { functionName: importFunction(e).inputs.name, maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 }],
    ]);
  });

  it.each(deployed)("may touch only items of the Expenses table and its indexes, and objects of the Files bucket (%s)", (_, e) => {
    const statements = inlineStatements(importRole(e));
    expect(statements).toEqual([tableLinkStatement(e), ...bucketLinkStatements(e)]);
    expect(wildcards(statements)).toEqual([]);
    const actions = statements.flatMap((s) => s.actions);
    expect(actions).not.toContain("dynamodb:Scan");
    const services = new Set(actions.map((a) => a.split(":")[0]));
    expect([...services].sort()).toEqual(["dynamodb", "s3"]);
  });

  itIsAnIsolatedFunction({ functionOf: importFunction, roleOf: importRole, scenarios });
});

describe("import function under `sst dev`", () => {
  it("is a live target: SST runs functions/import.ts on the laptop with the same links", () => {
    const target = sstDev.devTargets.find((t) => t.functionID === IMPORT);
    expect(target).toMatchObject({ handler: "functions/import.handler", dev: true, links: LINKS });
    expect(sstDev.builds.map((b) => b.functionID)).not.toContain(IMPORT);
    const component = resource(sstDev, "sst:aws:Function", IMPORT).outputs;
    expect(objectAt(component._metadata).dev).toBe(true);
    expect(objectAt(component._live)).toMatchObject({ functionID: IMPORT, handler: "functions/import.handler" });
  });

  it("is deployed as SST's bridge stub, still the target of the imports/ notification", () => {
    expect(importFunction(sstDev).inputs).toMatchObject({ handler: "bootstrap", runtime: "provided.al2023", memorySize: 1024, timeout: 900 });
    expect(variables(sstDev)).toMatchObject({ SST_FUNCTION_ID: IMPORT });
    expect(lambdaConfigs(sstDev).find((c) => c.id === "ImportUploaded")?.lambdaFunctionArn).toBe(importArn(sstDev));
  });

  it("adds only SST's relay permissions to the role, which the account may assume (to run the handler locally)", () => {
    expect(inlineStatements(importRole(sstDev))).toEqual([tableLinkStatement(sstDev), ...bucketLinkStatements(sstDev), ...devRelayStatements()]);
    const trust = statementsOf(importRole(sstDev).inputs.assumeRolePolicy);
    expect(strings(trust[0]?.principals.AWS)).toEqual([`arn:aws:iam::${mockAccount}:root`]);
  });
});

describe("the site's link to the import function", () => {
  it.each(scenarios)("gives Resource.Import.name as the function's name, what server/imports.ts invokes (%s)", (_, e) => {
    const link = resource(e, "sst:sst:LinkRef", `${IMPORT}LinkRef`).inputs;
    expect(objectAt(link.properties)).toEqual({ name: importFunction(e).inputs.name });
  });

  it.each(scenarios)("grants the site lambda:InvokeFunction on that one function, nothing wider (%s)", (_, e) => {
    const lambda = inlineStatements(resource(e, ROLE, siteRoleName(e))).filter((s) => s.actions.some((a) => a.startsWith("lambda:")));
    expect(lambda.filter((s) => s.resources.some((r) => coversImport(e, r))).map((s) => [s.actions, s.resources])).toEqual([
      [["lambda:InvokeFunction"], [importArn(e)]],
    ]);
  });

  it.each(scenarios)("is the only role that may invoke the import function (%s)", (_, e) => {
    const invokes = (a: string) => a === "lambda:InvokeFunction" || a === "lambda:*" || a === "*";
    const invokers = resourcesOf(e, ROLE).filter((role) =>
      inlineStatements(role).some((s) => s.actions.some(invokes) && s.resources.some((r) => coversImport(e, r))),
    );
    expect(invokers.map((r) => r.name)).toEqual([siteRoleName(e)]);
  });
});

describe("import function, as the local stack copies it", () => {
  const localFunctions = path.join(repoRoot, "local", "functions.ts");
  type Invokable = { name: string; resource: string };

  it("is invoked by the name the site's link gives it (local/functions.ts)", async () => {
    const local = (await import(/* @vite-ignore */ localFunctions)) as { INVOKABLE_FUNCTIONS: readonly Invokable[] };
    expect(local.INVOKABLE_FUNCTIONS).toEqual([{ name: "import", resource: IMPORT }]);
    // Every function the app invokes by name is linked to the site, as it is here.
    for (const { resource: name } of local.INVOKABLE_FUNCTIONS) {
      expect(builtFunction(dev, "WebServer").links).toContain(name);
      expect(builtFunction(sstDev, "WebDevServer").links).toContain(name);
    }
  });
});
