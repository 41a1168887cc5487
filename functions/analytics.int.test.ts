import { createHash } from "node:crypto";
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler } from "@/functions/analytics";
import { parseNdjson, type AnalyticsRow } from "@/lib/analytics/analytics-row";
import { backfillAnalytics } from "@/lib/analytics/backfill-analytics";
import { expenseKey } from "@/lib/expenses/items";
import { newExpenseInput, newUserId, type ExpenseBody } from "@/lib/expenses/test-support";
import { localRepository, localStackEnv } from "@/local/test-stack";
import { currencyExponent } from "@/lib/money";
import { createS3Client } from "@/lib/s3-client";
import { createDynamoDbStreamApi, startDynamoDbStreamPoller, type DynamoDbStreamPoller } from "@/local/dynamodb-stream-poller";
import { DYNAMODB_STREAM_SUBSCRIPTIONS } from "@/local/functions";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "@/local/stack";

/*
 * The analytics pipeline on the shared local stack: expense writes through the real repository -> DynamoDB
 * Local's stream -> the stack's poller -> functions/analytics.ts -> objects in the local S3. A checker reads every
 * object of a user back and compares it with what it computes from the table itself.
 */

let s3: S3Client;
let bucket: string;
let repo: ReturnType<typeof localRepository>;
/** A second reader of the stream (as a second event source mapping would be): the batches, to replay them. */
let capture: DynamoDbStreamPoller;
const captured: DynamoDBStreamEvent[] = [];
const capturedUsers = new Set<string>();
/**
 * Normally a second or two. The stack's one stream shard is shared by every test file running alongside, and a
 * bulk load elsewhere (20,000 rows over 12 months: 200 batches, 2,400 month rebuilds) queues ahead of ours, so
 * the waits are long and the tests' own timeouts longer still.
 */
const PIPELINE = { timeout: 300_000, interval: 200 };
const SLOW = { timeout: 900_000 };

beforeAll(async () => {
  const env = localStackEnv();
  s3 = createS3Client(env, { endpoint: env.AWS_ENDPOINT_URL_S3 });
  bucket = (JSON.parse(env.SST_RESOURCE_Files ?? "{}") as { name: string }).name;
  repo = localRepository();
  capture = await startDynamoDbStreamPoller({
    api: createDynamoDbStreamApi({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB ?? "", region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
    tableName: repo.tableName,
    filters: DYNAMODB_STREAM_SUBSCRIPTIONS[0]?.filters,
    deliver: async (event) => {
      const mine = event.Records.filter((r) => capturedUsers.has(r.dynamodb?.Keys?.userId?.S ?? ""));
      if (mine.length > 0) captured.push(structuredClone({ Records: mine }));
    },
  });
});

afterAll(async () => {
  await capture?.stop();
});

/** Computed here, not with lib/analytics: sha256 hex, first 32 digits. */
const hashOf = (userId: string) => createHash("sha256").update(userId).digest("hex").slice(0, 32);

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

const readText = async (key: string) => (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString() ?? "";

/**
 * An object's bytes, read until two reads agree. s3rver rewrites an object in place, so a GET that meets the
 * stack's own (identical) rewrite can see a torn file; S3 itself never shows one.
 */
async function textOf(key: string): Promise<string> {
  let previous = await readText(key);
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await readText(key);
    if (current === previous) return current;
    previous = current;
  }
  throw new Error(`${key} keeps changing`);
}

/** Every analytics object of a user, by key, with its bytes. */
async function objectsOf(userId: string): Promise<Map<string, string>> {
  const keys = (await keysUnder("analytics/")).filter((key) => key.endsWith(`/user=${hashOf(userId)}.ndjson`)).sort();
  return new Map(await Promise.all(keys.map(async (key) => [key, await textOf(key)] as const)));
}

type MonthView = { rows: AnalyticsRow[]; totals: Record<string, string> };

/** What the feed says: per user-month its rows and per-currency totals in minor units. */
async function feedView(userId: string): Promise<Record<string, MonthView>> {
  const view: Record<string, MonthView> = {};
  for (const [key, text] of await objectsOf(userId)) {
    const month = /month=(\d{4}-\d{2})\//.exec(key)?.[1] ?? "?";
    const rows = parseNdjson(text);
    const totals: Record<string, bigint> = {};
    for (const row of rows) totals[row.currency] = (totals[row.currency] ?? 0n) + BigInt(Math.round(row.amount * 10 ** currencyExponent(row.currency)));
    view[month] = { rows, totals: Object.fromEntries(Object.entries(totals).map(([c, t]) => [c, t.toString()])) };
  }
  return view;
}

/** What the table holds, read directly (the base table, not the feed's index query) and mapped independently. */
async function tableView(userId: string): Promise<Record<string, MonthView>> {
  const { Items = [] } = await repo.client.send(
    new QueryCommand({
      TableName: repo.tableName,
      KeyConditionExpression: "userId = :u AND begins_with(sk, :exp)",
      ExpressionAttributeValues: { ":u": userId, ":exp": "EXP#" },
      ConsistentRead: true,
    }),
  );
  const view: Record<string, { rows: AnalyticsRow[]; totals: Record<string, bigint> }> = {};
  for (const item of Items) {
    const month = String(item.date).slice(0, 7);
    const currency = String(item.currency);
    const minor = BigInt(item.amountMinor);
    const entry = (view[month] ??= { rows: [], totals: {} });
    entry.rows.push({
      id: String(item.id),
      user: hashOf(userId),
      date: String(item.date),
      amount: Number(minor) / 10 ** currencyExponent(currency),
      currency,
      category: String(item.category),
      merchant: typeof item.merchant === "string" ? item.merchant : null,
      hasReceipt: item.receipt?.status === "ready",
    });
    entry.totals[currency] = (entry.totals[currency] ?? 0n) + minor;
  }
  return Object.fromEntries(
    Object.entries(view).map(([month, { rows, totals }]) => [
      month,
      {
        rows: rows.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : 1)),
        totals: Object.fromEntries(Object.entries(totals).map(([c, t]) => [c, t.toString()])),
      },
    ]),
  );
}

/** The ETags (MD5 of the bytes) of a user's objects, from the listing alone. */
async function etagsOf(userId: string): Promise<Record<string, string>> {
  const etags: Record<string, string> = {};
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "analytics/expenses/", ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key?.endsWith(`/user=${hashOf(userId)}.ndjson`)) etags[object.Key] = object.ETag ?? "";
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return etags;
}

/**
 * Waits for the asynchronous pipeline until the feed shows exactly what the table holds: first until the
 * listing's ETags are those of the expected bytes (one line per row, sorted, "\n" after each), polling the
 * listing rather than GETs that would race the function's writes; then reads every object and compares rows and
 * totals.
 */
async function settled(userId: string): Promise<Record<string, MonthView>> {
  const expected = await tableView(userId);
  const expectedEtags = Object.fromEntries(
    Object.entries(expected).map(([month, { rows }]) => [
      `analytics/expenses/month=${month}/user=${hashOf(userId)}.ndjson`,
      `"${createHash("md5").update(rows.map((row) => `${JSON.stringify(row)}\n`).join("")).digest("hex")}"`,
    ]),
  );
  await expect.poll(() => etagsOf(userId), PIPELINE).toEqual(expectedEtags);
  expect(await feedView(userId)).toEqual(expected);
  return expected;
}

function userWith() {
  const userId = newUserId();
  capturedUsers.add(userId);
  const expenses = repo.expensesOf(userId);
  const create = async (body: ExpenseBody) => (await expenses.create(newExpenseInput(body))).expense;
  return { userId, expenses, create };
}

describe("the analytics feed follows the table", () => {
  it("after creates, edits (amount, month, category, receipt) and deletes, holds exactly the table's expenses", SLOW, async () => {
    const { userId, expenses, create } = userWith();
    const lunch = await create({ date: "2025-01-03", amount: "12.50", currency: "EUR", category: "Food", merchant: "Bakery" });
    const train = await create({ date: "2025-01-09", amount: "1200", currency: "JPY", category: "Travel" });
    await create({ date: "2025-01-09", amount: "1234.500", currency: "KWD", category: "Food" });
    const rent = await create({ date: "2025-02-01", amount: "800.00", currency: "EUR", category: "Rent" });
    const snack = await create({ date: "2025-02-14", amount: "3.10", currency: "EUR", category: "Food" });
    const book = await create({ date: "2025-03-20", amount: "25.00", currency: "USD", category: "Books", description: "secret-description-xyz", tags: ["private-tag"] });
    const created = await settled(userId);
    expect(Object.keys(created).sort()).toEqual(["2025-01", "2025-02", "2025-03"]);
    expect(created["2025-01"]?.totals).toEqual({ EUR: "1250", JPY: "1200", KWD: "1234500" });
    const text = [...(await objectsOf(userId)).values()].join("");
    expect(text).not.toContain(userId);
    expect(text).not.toContain("secret-description-xyz");
    expect(text).not.toContain("private-tag");

    await expenses.update(lunch.id, { amount: "13.75" }, lunch.version);
    await expenses.update(train.id, { date: "2025-03-05" }, train.version);
    await expenses.update(snack.id, { category: "Groceries" }, snack.version);
    await repo.client.send(
      new UpdateCommand({
        TableName: repo.tableName,
        Key: expenseKey(userId, book.id),
        UpdateExpression: "SET receipt = :receipt",
        ExpressionAttributeValues: { ":receipt": { status: "ready", key: `receipts/${userId}/${book.id}/R`, contentType: "image/jpeg", updatedAt: new Date().toISOString() } },
      }),
    );
    const edited = await settled(userId);
    expect(edited["2025-01"]?.totals).toEqual({ EUR: "1375", KWD: "1234500" });
    expect(edited["2025-03"]?.rows.map((r) => [r.currency, r.hasReceipt])).toEqual([["JPY", false], ["USD", true]]);
    expect(edited["2025-02"]?.rows.map((r) => r.category)).toEqual(["Rent", "Groceries"]);

    await expenses.remove(rent.id);
    await expenses.remove(snack.id);
    const deleted = await settled(userId);
    expect(Object.keys(deleted).sort()).toEqual(["2025-01", "2025-03"]);
    // The emptied month's object is deleted, not left empty.
    expect(await keysUnder(`analytics/expenses/month=2025-02/user=${hashOf(userId)}`)).toEqual([]);
  });

  it("keeps the QuickSight manifest", SLOW, async () => {
    const { userId, create } = userWith();
    await create({ date: "2025-06-01" });
    await settled(userId);
    expect(await textOf("analytics/quicksight-manifest.json")).toBe(
      `{"fileLocations":[{"URIPrefixes":["s3://${bucket}/analytics/expenses/"]}],"globalUploadSettings":{"format":"JSON"}}`,
    );
  });

  it("is not changed by replayed stream batches, in any order", SLOW, async () => {
    const { userId, expenses, create } = userWith();
    const a = await create({ date: "2025-07-01", amount: "5.00" });
    const b = await create({ date: "2025-07-02", amount: "600", currency: "JPY", category: "Travel" });
    const c = await create({ date: "2025-08-01", amount: "7.00" });
    await expenses.update(a.id, { date: "2025-08-15", amount: "5.50" }, a.version);
    await expenses.remove(c.id);
    await expenses.update(b.id, { category: "Transport" }, b.version);
    const mine = () => captured.flatMap((batch) => batch.Records).filter((r) => r.dynamodb?.Keys?.userId?.S === userId);
    await expect.poll(() => mine().length, PIPELINE).toBe(6);
    await settled(userId);
    const before = await objectsOf(userId);

    // Here the handler runs in this test's process: a Lambda instance of its own, which has written nothing yet.
    const batches = captured.filter((batch) => batch.Records.some((r) => r.dynamodb?.Keys?.userId?.S === userId));
    for (const batch of [...batches].reverse()) await handler(batch);
    expect(await objectsOf(userId)).toEqual(before);
    // Now it knows what it wrote: the whole history again is seen to change nothing, and nothing is rewritten.
    const outcomes = await handler({ Records: mine() });
    expect(outcomes.map((o) => [o.month, o.outcome])).toEqual([
      ["2025-07", "current"],
      ["2025-08", "current"],
    ]);
    expect(await objectsOf(userId)).toEqual(before);
    expect(await feedView(userId)).toEqual(await tableView(userId));
  });
});

describe("npm run analytics:backfill", () => {
  it("rebuilds the feed from scratch with identical bytes and deletes objects of months without expenses", SLOW, async () => {
    const { userId, expenses, create } = userWith();
    await create({ date: "2024-11-30", amount: "99.99", merchant: "Shop" });
    const moved = await create({ date: "2024-12-01", amount: "1.00", currency: "KWD" });
    await create({ date: "2024-12-31", amount: "150", currency: "JPY" });
    await expenses.update(moved.id, { amount: "1.250" }, moved.version);
    await settled(userId);
    const before = await objectsOf(userId);
    expect(before.size).toBe(2);

    const all = await keysUnder("analytics/");
    for (let i = 0; i < all.length; i += 1000) {
      await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: all.slice(i, i + 1000).map((Key) => ({ Key })) } }));
    }
    const stale = `analytics/expenses/month=2019-01/user=${hashOf(userId)}.ndjson`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: stale, Body: '{"id":"gone"}\n' }));
    // Older than the backfill by more than S3's one-second LastModified precision, so it counts as stale.
    await new Promise((resolve) => setTimeout(resolve, 1_200));

    const lines: string[] = [];
    const summary = await backfillAnalytics({ client: repo.client, tableName: repo.tableName, s3, bucket, log: (line) => lines.push(line) });

    expect(await objectsOf(userId)).toEqual(before);
    expect(await keysUnder(stale)).toEqual([]);
    expect(await textOf("analytics/quicksight-manifest.json")).toBe(
      `{"fileLocations":[{"URIPrefixes":["s3://${bucket}/analytics/expenses/"]}],"globalUploadSettings":{"format":"JSON"}}`,
    );
    expect(summary.deleted).toBeGreaterThanOrEqual(1);
    expect(summary.expenses).toBeGreaterThanOrEqual(3);
    expect(summary.written).toBeLessThanOrEqual(summary.userMonths);
    expect(lines.some((line) => /^rebuilt \d+\/\d+ user-months$/.test(line))).toBe(true);
  });
});
