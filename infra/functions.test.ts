import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { repoRoot } from "./check/evaluate";
import type { Evaluation, RecordedResource } from "./check/evaluation";
import { bucketLinkStatements, deployedNames, devRelayStatements, lambdaArn, tableLinkStatement } from "./check/expected-iam";
import { mockAccount, mockRegion } from "./check/mock-cloud";
import { arrayAt, builtFunction, inlineStatements, objectAt, resource, resourcesOf, statementsOf, strings } from "./check/queries";
import { itIsAnIsolatedFunction } from "./check/deployed-function";

const { dev, production, sstDev } = inject("infra");

const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
const LAMBDA = "aws:lambda/function:Function";
const PERMISSION = "aws:lambda/permission:Permission";
const ROLE = "aws:iam/role:Role";

/** SST names a `notify` subscriber <bucket>Notifications + Notification + <its name>. */
const RECEIPT = "FilesNotificationsNotificationReceiptUploaded";

const scenarios = [
  ["dev", dev],
  ["production", production],
  ["sst dev", sstDev],
] as const;
const deployed = scenarios.filter(([, e]) => e.mode === "deploy");

const INVOKE_CONFIG = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";
const RECEIPT_FAILED = "ReceiptFailed";

const receiptFunction = (e: Evaluation): RecordedResource => resource(e, LAMBDA, `${RECEIPT}Function`);
const receiptFailedFunction = (e: Evaluation): RecordedResource => resource(e, LAMBDA, `${RECEIPT_FAILED}Function`);
const receiptFailedRole = (e: Evaluation): RecordedResource => resource(e, ROLE, `${RECEIPT_FAILED}Role`);
const invokeReceiptFailed = (e: Evaluation) => ({ effect: "Allow", actions: ["lambda:InvokeFunction"], resources: [lambdaArn(receiptFailedFunction(e))] });
const receiptArn = (e: Evaluation) => lambdaArn(receiptFunction(e));
const importArn = (e: Evaluation) => lambdaArn(resource(e, LAMBDA, "ImportFunction"));
const receiptRole = (e: Evaluation): RecordedResource => resource(e, ROLE, `${RECEIPT}Role`);
const variables = (e: Evaluation) => objectAt(objectAt(receiptFunction(e).inputs.environment).variables);

/** The narrowed link permissions of infra/links.ts, as the receipt function's role must carry them. */
const linkStatements = (e: Evaluation) => [tableLinkStatement(e), ...bucketLinkStatements(e)];

describe("Files bucket notifications", () => {
  it.each(scenarios)("are one notification resource for the bucket, from one notify() call (%s)", (_, e) => {
    const { bucket } = deployedNames(e);
    expect(resourcesOf(e, NOTIFICATION).filter((n) => n.inputs.bucket === bucket).map((n) => n.name)).toEqual([
      "FilesNotificationsNotification",
    ]);
    expect(resourcesOf(e, "sst:aws:BucketNotification").map((n) => n.name)).toEqual(["FilesNotifications"]);
  });

  it.each(scenarios)("notify the receipt function of browser uploads under receipts/, the import function under imports/ (%s)", (_, e) => {
    const notification = resource(e, NOTIFICATION, "FilesNotificationsNotification").inputs;
    // Only POST: the receipt function's own PutObjects (cleaned file, thumbnail) under receipts/ must not notify it
    // again. The import function (infra/imports.ts) is named by its ARN; infra/imports.test.ts checks it further.
    expect(arrayAt(notification.lambdaFunctions)).toEqual([
      { id: "ReceiptUploaded", events: ["s3:ObjectCreated:Post"], filterPrefix: "receipts/", lambdaFunctionArn: receiptArn(e) },
      { id: "ImportUploaded", events: ["s3:ObjectCreated:Post"], filterPrefix: "imports/", lambdaFunctionArn: importArn(e) },
    ]);
    expect(arrayAt(notification.queues)).toEqual([]);
    expect(arrayAt(notification.topics)).toEqual([]);
  });

  it.each(scenarios)("let S3 invoke the receipt function from the Files bucket only (%s)", (_, e) => {
    const permissions = resourcesOf(e, PERMISSION).filter((p) => p.inputs.function === receiptArn(e));
    expect(permissions.map((p) => p.inputs)).toEqual([
      {
        action: "lambda:InvokeFunction",
        function: receiptArn(e),
        principal: "s3.amazonaws.com",
        sourceArn: `arn:aws:s3:::${deployedNames(e).bucket}`,
      },
    ]);
  });
});

describe("Files bucket notifications, as the local stack copies them", () => {
  const localFunctions = path.join(repoRoot, "local", "functions.ts");
  type LocalS3 = { functionName: string; eventNames: readonly string[]; prefix: string };
  /** The local runner's name for each notification's function. */
  const LOCAL_NAMES: Record<string, string> = { ReceiptUploaded: "receipt", ImportUploaded: "import" };

  it("has the same functions, events and prefixes in local/functions.ts", async () => {
    const local = (await import(/* @vite-ignore */ localFunctions)) as { S3_SUBSCRIPTIONS: readonly LocalS3[] };
    const configs = arrayAt(resource(dev, NOTIFICATION, "FilesNotificationsNotification").inputs.lambdaFunctions).map(objectAt);
    // S3 event records name the event without the "s3:" of the notification configuration.
    expect(local.S3_SUBSCRIPTIONS).toEqual(
      configs.map((c) => ({
        functionName: LOCAL_NAMES[String(c.id)],
        eventNames: strings(c.events).map((event) => event.replace(/^s3:/, "")),
        prefix: c.filterPrefix,
      })),
    );
  });
});

describe("receipt function", () => {
  it("is built from functions/receipt.ts, linked to the table and the bucket", () => {
    const build = builtFunction(dev, RECEIPT);
    expect(build).toMatchObject({ handler: "functions/receipt.handler", bundle: null, runtime: "nodejs24.x", dev: false });
    expect(build.links).toEqual(["Expenses", "Files", "ReceiptReader"]);
    expect(builtFunction(production, RECEIPT).links).toEqual(["Expenses", "Files", "ReceiptReader"]);
  });

  it("has SST install sharp's linux build, at the version package.json pins", () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    // The CLI resolves the version from `dependencies` (not devDependencies); unpinned it would install the latest.
    expect(pkg.dependencies.sharp).toMatch(/^\d+\.\d+\.\d+$/);
    expect(builtFunction(dev, RECEIPT).install).toEqual({ sharp: pkg.dependencies.sharp });
  });

  it.each(deployed)("runs on nodejs24.x (x86_64, sharp's build) with 1536 MB and 60 s (%s)", (_, e) => {
    expect(receiptFunction(e).inputs).toMatchObject({
      handler: "functions/receipt.handler",
      runtime: "nodejs24.x",
      architectures: ["x86_64"],
      memorySize: 1536,
      timeout: 60,
      packageType: "Zip",
    });
  });

  it.each(deployed)("may touch only the Expenses table, its indexes and the Files bucket, and call AnalyzeExpense (%s)", (_, e) => {
    const statements = inlineStatements(receiptRole(e));
    // AnalyzeExpense supports no resource-level permission: its one action is allowed on "*", nothing else is.
    const textract = { effect: "Allow", actions: ["textract:AnalyzeExpense"], resources: ["*"] };
    expect(statements).toEqual([expect.objectContaining(textract), expect.objectContaining(invokeReceiptFailed(e)), ...linkStatements(e)]);
    for (const s of statements) {
      for (const action of s.actions) expect(action, JSON.stringify(s)).not.toMatch(/\*/);
      if (!s.actions.includes("textract:AnalyzeExpense")) expect(s.resources, JSON.stringify(s)).not.toContain("*");
    }
    const services = new Set(statements.flatMap((s) => s.actions).map((a) => a.split(":")[0]));
    expect([...services].sort()).toEqual(["dynamodb", "lambda", "s3", "textract"]);
  });

  it.each(deployed)("is retried twice, then its event goes to the ReceiptFailed function (%s)", (_, e) => {
    const configs = resourcesOf(e, INVOKE_CONFIG).filter((c) => c.inputs.functionName === receiptFunction(e).inputs.name);
    expect(configs.map((c) => c.inputs)).toEqual([
      expect.objectContaining({ maximumRetryAttempts: 2, destinationConfig: { onFailure: { destination: lambdaArn(receiptFailedFunction(e)) } } }),
    ]);
  });

  it.each(scenarios)("reads scans with Textract: its ReceiptReader link says so (%s)", (_, e) => {
    // The local stack links tesseract instead; the handler only reads the link (server/receipt-reader.ts).
    expect(resource(e, "sst:sst:LinkRef", "ReceiptReaderLinkRef").outputs).toMatchObject({ properties: { kind: "textract" }, target: "ReceiptReader" });
  });

  itIsAnIsolatedFunction({ functionOf: receiptFunction, roleOf: receiptRole, scenarios });
});

describe("receipt function under `sst dev`", () => {
  it("is a live target: SST runs functions/receipt.ts on the laptop with the same links", () => {
    const target = sstDev.devTargets.find((t) => t.functionID === RECEIPT);
    expect(target).toMatchObject({ handler: "functions/receipt.handler", dev: true, links: ["Expenses", "Files", "ReceiptReader"] });
    expect(sstDev.builds.map((b) => b.functionID)).not.toContain(RECEIPT);
    const component = resource(sstDev, "sst:aws:Function", RECEIPT).outputs;
    expect(objectAt(component._metadata).dev).toBe(true);
    expect(objectAt(component._live)).toMatchObject({ functionID: RECEIPT, handler: "functions/receipt.handler" });
  });

  it("is deployed as SST's bridge stub, which relays invocations over AppSync", () => {
    const fn = receiptFunction(sstDev).inputs;
    expect(fn).toMatchObject({ handler: "bootstrap", runtime: "provided.al2023", memorySize: 1536, timeout: 60 });
    expect(String(fn.description)).toMatch(/\(live\)$/);
    expect(variables(sstDev)).toMatchObject({
      SST_FUNCTION_ID: RECEIPT,
      SST_REGION: mockRegion,
      SST_APPSYNC_HTTP: expect.stringContaining("appsync-api"),
      SST_APPSYNC_REALTIME: expect.stringContaining("appsync-realtime-api"),
    });
  });

  it("adds only SST's relay permissions to the role, which the account may assume (to run the handler locally)", () => {
    expect(inlineStatements(receiptRole(sstDev))).toEqual([
      expect.objectContaining({ actions: ["textract:AnalyzeExpense"], resources: ["*"] }),
      expect.objectContaining(invokeReceiptFailed(sstDev)),
      ...linkStatements(sstDev),
      ...devRelayStatements(),
    ]);
    const trust = statementsOf(receiptRole(sstDev).inputs.assumeRolePolicy);
    expect(strings(trust[0]?.principals.AWS)).toEqual([`arn:aws:iam::${mockAccount}:root`]);
  });
});

describe("receipt-failed function (the receipt function's on-failure destination)", () => {
  it("is built from functions/receipt-failed.ts, linked to the table and the bucket", () => {
    expect(builtFunction(dev, RECEIPT_FAILED)).toMatchObject({ handler: "functions/receipt-failed.handler", links: ["Expenses", "Files"] });
  });

  it.each(deployed)("may touch only the Expenses table, its indexes and the Files bucket (%s)", (_, e) => {
    expect(inlineStatements(receiptFailedRole(e))).toEqual(linkStatements(e));
  });

  it.each(scenarios)("is invoked by nothing but Lambda's destination: no trigger, no public URL (%s)", (_, e) => {
    const arn = lambdaArn(receiptFailedFunction(e));
    expect(resourcesOf(e, PERMISSION).filter((p) => p.inputs.function === arn)).toEqual([]);
    expect(resourcesOf(e, "aws:lambda/functionUrl:FunctionUrl").filter((u) => u.inputs.functionName === receiptFailedFunction(e).inputs.name)).toEqual([]);
  });

  itIsAnIsolatedFunction({ functionOf: receiptFailedFunction, roleOf: receiptFailedRole, scenarios });
});
