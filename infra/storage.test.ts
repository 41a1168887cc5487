import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { repoRoot } from "./check/evaluate";
import type { JsonObject } from "./check/evaluation";
import { arrayAt, objectAt, resource, statementsOf } from "./check/queries";

const { dev, production, sstDev } = inject("infra");

const TABLE = "aws:dynamodb/table:Table";
const BUCKET = "aws:s3/bucket:Bucket";
const table = (e = dev) => resource(e, TABLE, "ExpensesTable").inputs;

describe("Expenses table", () => {
  it("keys items by userId and sk, both strings, billed per request", () => {
    const t = table();
    expect(t.hashKey).toBe("userId");
    expect(t.rangeKey).toBe("sk");
    expect(t.billingMode).toBe("PAY_PER_REQUEST");
    expect(t.attributes).toEqual(
      expect.arrayContaining([
        { name: "userId", type: "S" },
        { name: "sk", type: "S" },
        { name: "dateKey", type: "S" },
        { name: "catKey", type: "S" },
      ]),
    );
    expect(arrayAt(t.attributes)).toHaveLength(4);
  });

  it("has the byDate LSI and the byCategory GSI, projecting all attributes", () => {
    expect(table().localSecondaryIndexes).toEqual([{ name: "byDate", rangeKey: "dateKey", projectionType: "ALL" }]);
    expect(table().globalSecondaryIndexes).toEqual([
      { name: "byCategory", hashKey: "catKey", rangeKey: "dateKey", projectionType: "ALL" },
    ]);
  });

  it("streams new and old images, expires idempotency records by `ttl`, keeps point-in-time recovery", () => {
    const t = table();
    expect(t.streamEnabled).toBe(true);
    expect(t.streamViewType).toBe("NEW_AND_OLD_IMAGES");
    expect(t.ttl).toEqual({ attributeName: "ttl", enabled: true });
    expect(t.pointInTimeRecovery).toEqual({ enabled: true });
  });

  it("is deletion-protected and retained on removal in production only", () => {
    expect(table(production).deletionProtectionEnabled).toBe(true);
    expect(resource(production, TABLE, "ExpensesTable").retainOnDelete).toBe(true);
    expect(table(dev).deletionProtectionEnabled).toBe(false);
    expect(resource(dev, TABLE, "ExpensesTable").retainOnDelete).toBe(false);
  });

  const localTable = path.join(repoRoot, "local", "table.ts");
  it("matches the local emulator's expensesTableDefinition (local/table.ts)", async () => {
    const local = (await import(/* @vite-ignore */ localTable)) as {
      expensesTableDefinition: unknown;
      EXPENSES_TTL_ATTRIBUTE?: unknown;
    };
    const definition =
      typeof local.expensesTableDefinition === "function"
        ? (local.expensesTableDefinition as (tableName: string) => unknown)("Expenses")
        : local.expensesTableDefinition;
    expect(normaliseLocal(definition)).toEqual(normaliseDeployed(table()));
    if (local.EXPENSES_TTL_ATTRIBUTE !== undefined) {
      expect(table().ttl).toEqual({ attributeName: local.EXPENSES_TTL_ATTRIBUTE, enabled: true });
    }
  });
});

describe("Files bucket", () => {
  const bucketParts = (e = dev) => ({
    bucket: resource(e, BUCKET, "FilesBucket"),
    block: resource(e, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "FilesPublicAccessBlock").inputs,
    policy: resource(e, "aws:s3/bucketPolicy:BucketPolicy", "FilesPolicy").inputs,
    cors: resource(e, "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "FilesCors").inputs,
    lifecycle: resource(e, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "FilesLifecycle").inputs,
  });

  it("is private: every public-access block on, and a policy that only denies plain HTTP", () => {
    const { block, policy } = bucketParts();
    expect(block).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    const statements = statementsOf(policy.policy);
    expect(statements.filter((s) => s.effect === "Allow")).toEqual([]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ effect: "Deny", actions: ["s3:*"] });
  });

  it("allows CORS from the site's origin only, for presigned POST uploads and reads", () => {
    const rules = arrayAt(bucketParts().cors.corsRules).map(objectAt);
    expect(rules).toHaveLength(1);
    const rule = rules[0] ?? {};
    expect(rule.allowedOrigins).toEqual([dev.outputs.url]);
    expect(String(dev.outputs.url)).toMatch(/^https:\/\/[a-z0-9]+\.cloudfront\.net$/);
    expect(rule.allowedMethods).toEqual(["POST", "GET", "HEAD"]);
    expect(rule.allowedHeaders).not.toContain("*");
  });

  it("under `sst dev` also allows the local `next dev` origin", () => {
    const rule = objectAt(arrayAt(bucketParts(sstDev).cors.corsRules)[0]);
    expect(rule.allowedOrigins).toEqual([sstDev.outputs.url, "http://localhost:3000"]);
  });

  it("expires import uploads and aborts incomplete multipart uploads after a day", () => {
    const rules = arrayAt(bucketParts().lifecycle.rules).map(objectAt);
    const byId = (id: string): JsonObject => rules.find((r) => r.id === id) ?? {};
    expect(byId("expire-imports")).toMatchObject({ status: "Enabled", filter: { prefix: "imports/" }, expiration: { days: 7 } });
    expect(byId("abort-incomplete-uploads")).toMatchObject({
      status: "Enabled",
      filter: { prefix: "" },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
    });
    // Only imports/, unprocessed receipts and unsaved scans expire: receipts of expenses, thumbnails and analytics/ are kept.
    expect(rules.filter((r) => r.expiration !== undefined).map((r) => r.id)).toEqual(["expire-imports", "expire-unprocessed-receipts", "expire-unsaved-scans"]);
  });

  it("expires receipt uploads still tagged unprocessed after 2 days, and no other receipt", () => {
    const rules = arrayAt(bucketParts().lifecycle.rules).map(objectAt);
    const rule = rules.find((r) => r.id === "expire-unprocessed-receipts");
    // The tag the presigned POST sets (lib/receipts/receipt-keys.ts); the function's rewrite drops it.
    expect(rule).toEqual({
      id: "expire-unprocessed-receipts",
      status: "Enabled",
      filter: { and: { prefix: "receipts/", tags: { "ledgerline-receipt": "unprocessed" } } },
      expiration: { days: 2 },
    });
    const receiptRules = rules.filter((r) => JSON.stringify(r.filter).includes("receipts/"));
    expect(receiptRules.map((r) => r.id)).toEqual(["expire-unprocessed-receipts", "expire-unsaved-scans"]);
    expect(bucketParts(production).lifecycle.rules).toEqual(bucketParts().lifecycle.rules);
  });

  it("expires photos of scans never saved as an expense after 3 days (the scan itself lasts 2)", () => {
    const rules = arrayAt(bucketParts().lifecycle.rules).map(objectAt);
    // The tag the receipt function writes a scan's photo with; saving the expense removes it.
    expect(rules.find((r) => r.id === "expire-unsaved-scans")).toEqual({
      id: "expire-unsaved-scans",
      status: "Enabled",
      filter: { and: { prefix: "receipts/", tags: { "ledgerline-receipt": "unsaved-scan" } } },
      expiration: { days: 3 },
    });
  });

  it("is never emptied or removed in production; other stages are disposable", () => {
    expect(bucketParts(production).bucket.inputs.forceDestroy).toBe(false);
    expect(bucketParts(production).bucket.retainOnDelete).toBe(true);
    expect(bucketParts(dev).bucket.inputs.forceDestroy).toBe(true);
    expect(bucketParts(dev).bucket.retainOnDelete).toBe(false);
  });
});

type KeyShape = {
  billing: unknown;
  hashKey: unknown;
  rangeKey: unknown;
  attributes: string[];
  lsi: string[];
  gsi: string[];
  stream: unknown;
};

function normaliseDeployed(t: JsonObject): KeyShape {
  return {
    billing: t.billingMode,
    hashKey: t.hashKey,
    rangeKey: t.rangeKey,
    attributes: arrayAt(t.attributes).map((a) => `${String(objectAt(a).name)}:${String(objectAt(a).type)}`).sort(),
    lsi: arrayAt(t.localSecondaryIndexes).map((i) => {
      const o = objectAt(i);
      return `${String(o.name)}:${String(t.hashKey)}/${String(o.rangeKey)}:${String(o.projectionType)}`;
    }),
    gsi: arrayAt(t.globalSecondaryIndexes).map((i) => {
      const o = objectAt(i);
      return `${String(o.name)}:${String(o.hashKey)}/${String(o.rangeKey)}:${String(o.projectionType)}`;
    }),
    stream: t.streamViewType,
  };
}

type KeyElement = { AttributeName?: string; KeyType?: string };
type Index = { IndexName?: string; KeySchema?: KeyElement[]; Projection?: { ProjectionType?: string } };
type CreateTableShape = {
  BillingMode?: string;
  AttributeDefinitions?: { AttributeName?: string; AttributeType?: string }[];
  KeySchema?: KeyElement[];
  LocalSecondaryIndexes?: Index[];
  GlobalSecondaryIndexes?: Index[];
  StreamSpecification?: { StreamViewType?: string };
};

/** local/table.ts describes the table as DynamoDB's CreateTable input. */
function normaliseLocal(definition: unknown): KeyShape {
  const d = definition as CreateTableShape;
  const key = (schema: KeyElement[] | undefined, type: string) => schema?.find((k) => k.KeyType === type)?.AttributeName;
  const index = (i: Index) =>
    `${String(i.IndexName)}:${String(key(i.KeySchema, "HASH"))}/${String(key(i.KeySchema, "RANGE"))}:${String(i.Projection?.ProjectionType)}`;
  return {
    billing: d.BillingMode,
    hashKey: key(d.KeySchema, "HASH"),
    rangeKey: key(d.KeySchema, "RANGE"),
    attributes: (d.AttributeDefinitions ?? []).map((a) => `${String(a.AttributeName)}:${String(a.AttributeType)}`).sort(),
    lsi: (d.LocalSecondaryIndexes ?? []).map(index),
    gsi: (d.GlobalSecondaryIndexes ?? []).map(index),
    stream: d.StreamSpecification?.StreamViewType,
  };
}
