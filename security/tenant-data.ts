/**
 * A user with something of every kind a route can reach: an expense with a ready receipt, a scan, an import in
 * preview, budgets and settings. The security tests probe these ids as another user, or with bad tokens.
 * Tests only.
 */
import { createHash } from "node:crypto";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { expect } from "vitest";
import { apiAs, type Api } from "@/app/api/expenses/test-client";
import { createDocumentClient } from "@/lib/dynamo-client";
import { expenseBody } from "@/lib/expenses/test-support";
import type { ImportGrant, ImportJson } from "@/lib/imports/import-schemas";
import { png, uploadWithGrant } from "@/lib/receipts/test-files";
import type { ExpenseJson, ReceiptUpload, ScanStart } from "@/lib/schemas";
import { localBucket, localStackEnv, tableNameFrom } from "@/local/test-stack";
import { createTestUser, type TestUser } from "@/local/test-users";

export type OwnedData = {
  user: TestUser;
  api: Api;
  expense: ExpenseJson;
  importJson: ImportJson;
  scanId: string;
  /** Strings that appear only in this user's data: none may show up in another user's answers. */
  markers: string[];
};

/** Polls `read` until `isDone`: the functions run asynchronously, as on AWS. */
export async function until<T>(read: () => Promise<T>, isDone: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not settle`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Uploads a CSV as an import and waits for its preview (the import function reads it). */
export async function uploadImport(api: Api, csv: string | Buffer): Promise<ImportJson> {
  const file = Buffer.from(csv);
  const grant = await api.post<ImportGrant>("/api/imports", { fileName: "mine.csv", size: file.length, contentType: "text/csv" });
  expect(grant.status).toBe(201);
  expect((await uploadWithGrant(grant.body, file)).status).toBe(204);
  return until(async () => (await api.get<ImportJson>(`/api/imports/${grant.body.importId}`)).body, (i) => i.status !== "uploading", "the import");
}

/** Commits an import in preview and waits until the import function is done with it. */
export async function commitImport(api: Api, id: string): Promise<ImportJson> {
  expect((await api.post(`/api/imports/${id}/commit`, {})).status).toBe(202);
  return until(async () => (await api.get<ImportJson>(`/api/imports/${id}`)).body, (i) => i.status === "done" || i.status === "failed", "the commit");
}

/** A fresh user holding one of everything; the expense's merchant and description are unique markers. */
export async function createOwnedData(): Promise<OwnedData> {
  const user = await createTestUser();
  const api = apiAs(user.accessToken);
  const marker = `secret-${user.userId.slice(0, 8)}`;
  const created = await api.post<ExpenseJson>("/api/expenses", expenseBody({ merchant: `${marker}-shop`, description: `${marker} dinner`, tags: ["private"] }));
  expect(created.status).toBe(201);
  const grant = await api.post<ReceiptUpload>(`/api/expenses/${created.body.id}/receipt`, { contentType: "image/png", size: (await png(64, 64)).length });
  expect(grant.status).toBe(201);
  expect((await uploadWithGrant(grant.body, await png(64, 64))).status).toBe(204);
  const expense = await until(
    async () => (await api.get<ExpenseJson>(`/api/expenses/${created.body.id}`)).body,
    (e) => e.receipt?.status === "ready",
    "the receipt",
  );

  const importJson = await uploadImport(api, `date,amount,currency,category,merchant,description\r\n2025-02-01,9.99,EUR,Books,${marker}-books,Novel\r\n`);

  const scan = await api.post<ScanStart>("/api/scans", { contentType: "image/jpeg", size: 1000, today: "2025-06-30", currency: "EUR" });
  expect(scan.status).toBe(201);
  expect((await api.put("/api/budgets", { budgets: [{ category: "Food", currency: "EUR", limit: "321.00" }] })).status).toBe(200);
  expect((await api.put("/api/settings", { defaultCurrency: "CHF", locale: "de-CH" })).status).toBe(200);
  return { user, api, expense, importJson, scanId: scan.body.id, markers: [marker, user.userId, user.email, expense.id, importJson.id, scan.body.id] };
}

/**
 * A light target for requests that are not about another user: a fresh user with one real expense; the
 * import and scan ids are nobody's, and the email is not theirs, so a DELETE /api/account aimed at it fails.
 */
export async function createTarget(): Promise<OwnedData> {
  const user = await createTestUser();
  const api = apiAs(user.accessToken);
  const created = await api.post<ExpenseJson>("/api/expenses", expenseBody({ description: "Target" }));
  expect(created.status).toBe(201);
  const now = new Date().toISOString();
  const importJson: ImportJson = { id: ulid(), fileName: "x.csv", status: "preview", createdAt: now, updatedAt: now };
  return { user: { ...user, email: "someone-else@example.com" }, api, expense: created.body, importJson, scanId: ulid(), markers: [] };
}

/**
 * Everything of the user's, byte for byte: their table partition and their objects. Their read and export
 * counters are left out (reading the state back as the user spends them); `isOwnRequests`: the user made the
 * requests themselves, whose attempts count against their own write limit too (every RATE# item).
 */
export async function storedState(userId: string, { isOwnRequests = false } = {}): Promise<{ items: string; objects: Record<string, string> }> {
  const env = localStackEnv();
  const client = createDocumentClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({ TableName: tableNameFrom(env), KeyConditionExpression: "userId = :u", ExpressionAttributeValues: { ":u": userId }, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []).filter((item) => !String(item.sk).startsWith(isOwnRequests ? "RATE#" : "RATE#read#") && !String(item.sk).startsWith("RATE#export#")));
    start = page.LastEvaluatedKey;
  } while (start);
  const { s3, bucket } = localBucket();
  const objects: Record<string, string> = {};
  for (const prefix of [`receipts/${userId}/`, `imports/${userId}/`]) {
    const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    for (const { Key } of Contents) {
      if (!Key) continue;
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
      objects[Key] = createHash("sha256").update((await object.Body?.transformToByteArray()) ?? new Uint8Array()).digest("hex");
    }
  }
  return { items: JSON.stringify(items), objects };
}
