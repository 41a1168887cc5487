import { describe, expect, inject, it } from "vitest";
import type { RecordedResource } from "./check/evaluation";
import { builtFunction, inlineStatements, objectAt, resource, resourcesOf, statementsOf, strings } from "./check/queries";
import { cursorSecretValue } from "./check/scenarios";

const { dev, production, sstDev, productionWithoutSecret } = inject("infra");

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const ROLE = "aws:iam/role:Role";

function arnName(arn: string): string {
  return arn.split(/[:/]/).slice(5).join("/");
}

describe("the whole app", () => {
  it.each(["dev", "production", "sstDev"] as const)("evaluates cleanly (%s)", (name) => {
    const e = inject("infra")[name];
    expect(e.errors).toEqual([]);
    expect(e.unknownRpc).toEqual([]);
  });

  it("is protected and retained in production, removable elsewhere", () => {
    expect(production.app).toMatchObject({ name: "ledgerline", removal: "retain", protect: true, home: "aws" });
    expect(dev.app).toMatchObject({ name: "ledgerline", removal: "remove", protect: false, home: "aws" });
    expect(production.outputs._protect).toBe(true);
  });

  it("refuses to deploy until the cursor-signing secret is set", () => {
    expect(productionWithoutSecret.errors.join("\n")).toContain("Set a value for CursorSecret");
  });

  it.each(["dev", "production", "sstDev"] as const)("points no function or server at an emulator: no AWS_ENDPOINT_URL_* anywhere (%s)", (name) => {
    const e = inject("infra")[name];
    const functions = resourcesOf(e, "aws:lambda/function:Function");
    // The API server plus the receipt, export, import and analytics functions at least.
    expect(functions.length).toBeGreaterThanOrEqual(5);
    const environments = [
      ...functions.map((fn) => objectAt(objectAt(fn.inputs.environment).variables)),
      ...resourcesOf(e, "command:local:Command").map((command) => objectAt(command.inputs.environment)),
    ];
    expect(environments.flatMap((variables) => Object.keys(variables)).filter((key) => key.startsWith("AWS_ENDPOINT_URL"))).toEqual([]);
    expect(JSON.stringify(functions.map((fn) => fn.inputs))).not.toMatch(/AWS_ENDPOINT_URL|127\.0\.0\.1|localhost:/);
  });

  it("never puts the cursor secret in a Lambda's environment", () => {
    for (const fn of [...resourcesOf(dev, "aws:lambda/function:Function"), ...resourcesOf(sstDev, "aws:lambda/function:Function")]) {
      expect(JSON.stringify(fn.inputs)).not.toContain(cursorSecretValue);
    }
  });
});

describe("router", () => {
  it("is the only CloudFront distribution; the site is routed through it", () => {
    expect(resourcesOf(dev, DISTRIBUTION).map((d) => d.name)).toEqual(["RouterCdnDistribution"]);
    expect(resourcesOf(dev, "pulumi-nodejs:dynamic:Resource").map((r) => r.name)).toContain("WebRoutesUpdate.sst.aws.KvRoutesUpdate");
    expect(dev.outputs.site).toBe(dev.outputs.url);
  });

  it("serves the site at / through the Router's key-value routes", () => {
    const route = resource(dev, "pulumi-nodejs:dynamic:Resource", "WebRoutesUpdate.sst.aws.KvRoutesUpdate").inputs;
    const store = resource(dev, "aws:cloudfront/keyValueStore:KeyValueStore", "RouterKvStore");
    // "<type>,<namespace>,<host pattern>,<path prefix>": any host, the root path.
    expect(String(route.entry)).toMatch(/^site,[a-z0-9]+,,$/);
    expect(route.store).toBe(`arn:aws:cloudfront:us-east-1:123456789012:${store.name}`);
    const keys = resource(dev, "pulumi-nodejs:dynamic:Resource", "WebKvKeys.sst.aws.KvKeys").inputs;
    const metadata = JSON.parse(String(objectAt(keys.entries).metadata)) as { servers: [string, number, number][] };
    expect(metadata.servers.map(([host]) => host)).toEqual(["webserveruseast1url.lambda-url.us-east-1.on.aws"]);
  });

  it("redirects HTTP to HTTPS", () => {
    const distribution = resource(dev, DISTRIBUTION, "RouterCdnDistribution").inputs;
    expect(objectAt(distribution.defaultCacheBehavior).viewerProtocolPolicy).toBe("redirect-to-https");
  });
});

describe("Next.js site", () => {
  it("links exactly the table, bucket, pool, client, cursor secret, the export function (for its URL) and the import function (to invoke it)", () => {
    const expected = ["CursorSecret", "Expenses", "Export", "Files", "Import", "UserPool", "UserPoolClient"];
    expect(builtFunction(dev, "WebServer").links).toEqual(expected);
    expect(builtFunction(sstDev, "WebDevServer").links).toEqual(expected);
  });

  it("builds with the pool, client and region as public NEXT_PUBLIC_* values", () => {
    const env = objectAt(resource(dev, "command:local:Command", "WebBuilder").inputs.environment);
    expect(env).toMatchObject({
      NEXT_PUBLIC_USER_POOL_ID: dev.outputs.userPool,
      NEXT_PUBLIC_USER_POOL_CLIENT_ID: dev.outputs.userPoolClient,
      NEXT_PUBLIC_AWS_REGION: "us-east-1",
    });
    expect(resource(dev, "command:local:Command", "WebBuilder").inputs.create).toBe("npx --no-install open-next build");
  });

  it("runs `next dev` against the live resources under `sst dev`", () => {
    const web = resource(sstDev, "sst:aws:Nextjs", "Web");
    const devBlock = objectAt(web.outputs._dev);
    expect(devBlock.command).toBe("npx --no-install next dev --port 3000");
    expect(devBlock.links).toEqual(["Expenses", "Files", "UserPool", "UserPoolClient", "CursorSecret", "Export", "Import"]);
    expect(objectAt(devBlock.environment)).toMatchObject({ NEXT_PUBLIC_USER_POOL_ID: sstDev.outputs.userPool });
    expect(resourcesOf(sstDev, "command:local:Command")).toEqual([]);
  });
});

describe("Next.js server IAM (least privilege)", () => {
  const scenarios = [
    ["dev", dev, "WebServerUseast1Role"],
    ["production", production, "WebServerUseast1Role"],
    ["sst dev", sstDev, "WebDevServerRole"],
  ] as const;

  const names = (e: typeof dev) => ({
    table: String(resource(e, "aws:dynamodb/table:Table", "ExpensesTable").inputs.name),
    bucket: String(resource(e, "aws:s3/bucket:Bucket", "FilesBucket").inputs.bucket),
  });

  /** SST's own per-site resources the OpenNext server needs: its ISR cache bucket, tag table and queue. */
  const siteInternal = (e: typeof dev): string[] => [
    ...resourcesOf(e, "aws:s3/bucket:Bucket").filter((b) => b.name === "WebAssetsBucket").map((b) => String(b.inputs.bucket)),
    ...resourcesOf(e, "aws:dynamodb/table:Table").filter((t) => t.name === "WebRevalidationTable").map((t) => String(t.inputs.name)),
    ...resourcesOf(e, "aws:sqs/queue:Queue").map((q) => String(q.inputs.name ?? "")),
  ];

  const role = (e: typeof dev, name: string): RecordedResource => resource(e, ROLE, name);

  it.each(scenarios)("grants no wildcard action (%s)", (_, e, roleName) => {
    for (const s of inlineStatements(role(e, roleName))) {
      for (const action of s.actions) expect(action, JSON.stringify(s)).not.toMatch(/\*/);
    }
  });

  it.each(scenarios)("reaches DynamoDB only on the Expenses table and its indexes (%s)", (_, e, roleName) => {
    const { table } = names(e);
    const internal = siteInternal(e);
    const dynamo = inlineStatements(role(e, roleName)).filter((s) => s.actions.some((a) => a.startsWith("dynamodb:")));
    const onExpenses = dynamo.filter((s) => s.resources.some((r) => arnName(r).startsWith(`table/${table}`)));
    expect(onExpenses).toHaveLength(1);
    expect(onExpenses[0]?.resources).toEqual([
      `arn:aws:dynamodb:us-east-1:123456789012:table/${table}`,
      `arn:aws:dynamodb:us-east-1:123456789012:table/${table}/index/*`,
    ]);
    expect(onExpenses[0]?.actions).not.toContain("dynamodb:Scan");
    for (const s of dynamo) {
      for (const r of s.resources) {
        const tableName = arnName(r).split("/")[1] ?? "";
        expect([table, ...internal], r).toContain(tableName);
      }
    }
  });

  it.each(scenarios)("reaches S3 only in the Files bucket (%s)", (_, e, roleName) => {
    const { bucket } = names(e);
    const internal = siteInternal(e);
    const s3 = inlineStatements(role(e, roleName)).filter((s) => s.actions.some((a) => a.startsWith("s3:")));
    const onFiles = s3.filter((s) => s.resources.some((r) => r.startsWith(`arn:aws:s3:::${bucket}`)));
    expect(onFiles.flatMap((s) => s.resources).sort()).toEqual([`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`]);
    // Signing a receipt's presigned POST with its `tagging` field needs PutObjectTagging besides PutObject.
    expect(onFiles.map((s) => [s.resources, s.actions])).toEqual([
      [[`arn:aws:s3:::${bucket}/*`], ["s3:GetObject", "s3:PutObject", "s3:PutObjectTagging", "s3:DeleteObject"]],
      [[`arn:aws:s3:::${bucket}`], ["s3:ListBucket"]],
    ]);
    for (const s of s3) {
      for (const r of s.resources) expect([bucket, ...internal], r).toContain(r.replace("arn:aws:s3:::", "").split("/")[0]);
    }
  });

  it.each(scenarios)("has no Cognito permission: tokens are verified with the public JWKS (%s)", (_, e, roleName) => {
    const actions = inlineStatements(role(e, roleName)).flatMap((s) => s.actions);
    expect(actions.filter((a) => a.startsWith("cognito-idp:"))).toEqual([]);
    const services = new Set(actions.map((a) => a.split(":")[0]));
    // lambda: the Export and Import links' InvokeFunction, each on its one function (infra/export.test.ts, imports.test.ts).
    expect([...services].sort()).toEqual(e === sstDev ? ["dynamodb", "lambda", "s3"] : ["cloudfront", "dynamodb", "lambda", "s3", "sqs"]);
  });

  it("is assumable by Lambda only once deployed (SST's default also trusts the account root)", () => {
    for (const e of [dev, production]) {
      const trust = statementsOf(role(e, "WebServerUseast1Role").inputs.assumeRolePolicy);
      expect(trust.map((s) => s.principals)).toEqual([{ Service: "lambda.amazonaws.com" }]);
    }
    // `sst dev` runs `next dev` with the DevServer role's credentials, so the account must be able to assume it.
    const devTrust = statementsOf(role(sstDev, "WebDevServerRole").inputs.assumeRolePolicy);
    expect(strings(devTrust[0]?.principals.AWS)).toEqual(["arn:aws:iam::123456789012:root"]);
  });
});
