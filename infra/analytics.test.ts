import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { aggregateKey, expenseKey, idempotencyItemKey } from "../lib/expenses/items";
import { importBatchKey, importKey, occurrenceItemKey } from "../lib/imports/import-item";
import { repoRoot } from "./check/evaluate";
import type { Evaluation, Json, RecordedResource } from "./check/evaluation";
import {
  bucketLinkStatements,
  devRelayStatements,
  lambdaArn,
  streamArn,
  streamReadStatement,
  tableLinkStatement,
  wildcards,
} from "./check/expected-iam";
import { mockAccount } from "./check/mock-cloud";
import { arrayAt, builtFunction, inlineStatements, objectAt, resource, resourcesOf, statementsOf, strings } from "./check/queries";
import { itIsAnIsolatedFunction } from "./check/deployed-function";

const { dev, production, sstDev } = inject("infra");

const LAMBDA = "aws:lambda/function:Function";
const MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
const ROLE = "aws:iam/role:Role";

/** SST names a `subscribe` subscriber <table>Subscriber<its name>; its function is that + "Function". */
const SUBSCRIBER = "ExpensesSubscriberAnalytics";
const ANALYTICS = `${SUBSCRIBER}Function`;
const LINKS = ["Expenses", "Files"];

const scenarios = [
  ["dev", dev],
  ["production", production],
  ["sst dev", sstDev],
] as const;
const deployed = scenarios.filter(([, e]) => e.mode === "deploy");

const analyticsFunction = (e: Evaluation): RecordedResource => resource(e, LAMBDA, `${ANALYTICS}Function`);
const analyticsRole = (e: Evaluation): RecordedResource => resource(e, ROLE, `${ANALYTICS}Role`);
const variables = (e: Evaluation) => objectAt(objectAt(analyticsFunction(e).inputs.environment).variables);
const mapping = (e: Evaluation) => resource(e, MAPPING, `${SUBSCRIBER}EventSourceMapping`).inputs;
const filterPatterns = (e: Evaluation): Json[] =>
  arrayAt(objectAt(mapping(e).filterCriteria).filters).map((f) => JSON.parse(String(objectAt(f).pattern)) as Json);

/** Lambda's event filtering for the one rule shape used here: `{ dynamodb: { Keys: { sk: { S: [{ prefix }] } } } }`. */
function sortKeyPassesFilter(pattern: Json, sk: string): boolean {
  const rules = arrayAt(objectAt(objectAt(objectAt(objectAt(pattern).dynamodb).Keys).sk).S);
  return rules.some((rule) => {
    const prefix = objectAt(rule).prefix;
    return typeof prefix === "string" && sk.startsWith(prefix);
  });
}

/** What the stream delivers the function: the Lambda record shape, `dynamodb.Keys` in attribute-value form. */
const passes = (e: Evaluation, sk: string) => filterPatterns(e).some((p) => sortKeyPassesFilter(p, sk));

describe("analytics subscription", () => {
  it.each(scenarios)("is the only consumer of the table's stream, and it invokes the analytics function (%s)", (_, e) => {
    const onStream = resourcesOf(e, MAPPING).filter((m) => m.inputs.eventSourceArn === streamArn(e));
    expect(onStream.map((m) => m.name)).toEqual([`${SUBSCRIBER}EventSourceMapping`]);
    expect(mapping(e)).toMatchObject({ eventSourceArn: streamArn(e), functionName: lambdaArn(analyticsFunction(e)) });
  });

  it.each(scenarios)("filters on expense items only: sort key prefix EXP# (%s)", (_, e) => {
    expect(filterPatterns(e)).toEqual([{ dynamodb: { Keys: { sk: { S: [{ prefix: "EXP#" }] } } } }]);
    // The key layout lib/expenses/items.ts writes: expenses pass, their aggregates and idempotency records do not.
    expect(passes(e, expenseKey("u1", "01JBZ5R3V8W9X0Y1Z2A3B4C5D6").sk)).toBe(true);
    expect(passes(e, aggregateKey("u1", "2026-01", "Food").sk)).toBe(false);
    expect(passes(e, idempotencyItemKey("u1", "k").sk)).toBe(false);
    // Nor the import's own items (lib/imports/import-item.ts), written in the same transactions as its expenses.
    expect(passes(e, importKey("u1", "imp1").sk)).toBe(false);
    expect(passes(e, importBatchKey("u1", "imp1", 1).sk)).toBe(false);
    expect(passes(e, occurrenceItemKey("u1", "occ").sk)).toBe(false);
  });

  it.each(scenarios)("retries a failing batch twice, halving it each time, then moves on (%s)", (_, e) => {
    expect(mapping(e)).toMatchObject({ maximumRetryAttempts: 2, bisectBatchOnFunctionError: true });
  });

  it.each(scenarios)("batches up to 100 records over at most 5 s, from the stream's LATEST position (%s)", (_, e) => {
    expect(mapping(e)).toMatchObject({ batchSize: 100, maximumBatchingWindowInSeconds: 5, startingPosition: "LATEST" });
  });
});

describe("analytics subscription, as the local stack copies it", () => {
  const localFunctions = path.join(repoRoot, "local", "functions.ts");
  type LocalStream = { functionName: string; filters: readonly Json[]; batchSize: number };

  it("has the same filters and batch size in local/functions.ts", async () => {
    const local = (await import(/* @vite-ignore */ localFunctions)) as { DYNAMODB_STREAM_SUBSCRIPTIONS: readonly LocalStream[] };
    const subscriptions = local.DYNAMODB_STREAM_SUBSCRIPTIONS;
    expect(subscriptions.map(({ functionName, filters, batchSize }) => ({ functionName, filters, batchSize }))).toEqual([
      { functionName: "analytics", filters: filterPatterns(dev), batchSize: mapping(dev).batchSize },
    ]);
  });
});

describe("analytics function", () => {
  it("is built from functions/analytics.ts, linked to the table and the bucket", () => {
    expect(builtFunction(dev, ANALYTICS)).toMatchObject({ handler: "functions/analytics.handler", bundle: null, dev: false });
    expect(builtFunction(dev, ANALYTICS).links).toEqual(LINKS);
    expect(builtFunction(production, ANALYTICS).links).toEqual(LINKS);
  });

  it.each(deployed)("runs on nodejs24.x with 1024 MB and 60 s (%s)", (_, e) => {
    expect(analyticsFunction(e).inputs).toMatchObject({
      handler: "functions/analytics.handler",
      runtime: "nodejs24.x",
      memorySize: 1024,
      timeout: 60,
    });
  });

  it.each(deployed)("may read the stream, items of the table and its indexes, and objects of the Files bucket (%s)", (_, e) => {
    const statements = inlineStatements(analyticsRole(e));
    // The stream actions are SST's (for Lambda's poller), on this stream only; the rest are the narrowed links.
    expect(statements).toEqual([streamReadStatement(e), tableLinkStatement(e), ...bucketLinkStatements(e)]);
    expect(wildcards(statements)).toEqual([]);
    const services = new Set(statements.flatMap((s) => s.actions).map((a) => a.split(":")[0]));
    expect([...services].sort()).toEqual(["dynamodb", "s3"]);
  });

  itIsAnIsolatedFunction({ functionOf: analyticsFunction, roleOf: analyticsRole, scenarios });
});

describe("analytics function under `sst dev`", () => {
  it("is a live target: SST runs functions/analytics.ts on the laptop with the same links", () => {
    const target = sstDev.devTargets.find((t) => t.functionID === ANALYTICS);
    expect(target).toMatchObject({ handler: "functions/analytics.handler", dev: true, links: LINKS });
    expect(sstDev.builds.map((b) => b.functionID)).not.toContain(ANALYTICS);
    const component = resource(sstDev, "sst:aws:Function", ANALYTICS).outputs;
    expect(objectAt(component._metadata).dev).toBe(true);
    expect(objectAt(component._live)).toMatchObject({ functionID: ANALYTICS, handler: "functions/analytics.handler" });
  });

  it("is deployed as SST's bridge stub, still fed by the stream mapping", () => {
    expect(analyticsFunction(sstDev).inputs).toMatchObject({ handler: "bootstrap", runtime: "provided.al2023", timeout: 60 });
    expect(variables(sstDev)).toMatchObject({ SST_FUNCTION_ID: ANALYTICS });
    expect(mapping(sstDev).functionName).toBe(lambdaArn(analyticsFunction(sstDev)));
  });

  it("adds only SST's relay permissions to the role, which the account may assume (to run the handler locally)", () => {
    expect(inlineStatements(analyticsRole(sstDev))).toEqual([
      streamReadStatement(sstDev),
      tableLinkStatement(sstDev),
      ...bucketLinkStatements(sstDev),
      ...devRelayStatements(),
    ]);
    const trust = statementsOf(analyticsRole(sstDev).inputs.assumeRolePolicy);
    expect(strings(trust[0]?.principals.AWS)).toEqual([`arn:aws:iam::${mockAccount}:root`]);
  });
});
