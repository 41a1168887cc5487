import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "@/lib/dynamo-client";
import { expenseBody } from "@/lib/expenses/test-support";
import { localStackEnv, tableNameFrom } from "@/local/test-stack";
import { createS3Client } from "@/lib/s3-client";
import type { BudgetList, ExpenseJson, ExpenseList, Problem, Settings } from "@/lib/schemas";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "@/local/stack";
import { createTestUser, type TestUser } from "@/local/test-users";
import { apiAs, type Api } from "../expenses/test-client";

let env: Record<string, string>;
let s3: S3Client;
let bucket: string;

beforeAll(() => {
  env = localStackEnv();
  s3 = createS3Client(env, { endpoint: env.AWS_ENDPOINT_URL_S3 });
  bucket = (JSON.parse(env.SST_RESOURCE_Files ?? "{}") as { name: string }).name;
});

/** Every item of a partition (keys only), straight from the table. */
async function partition(userId: string): Promise<string[]> {
  const client = createDocumentClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
  const keys: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableNameFrom(env),
        KeyConditionExpression: "userId = :pk",
        ExpressionAttributeValues: { ":pk": userId },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    keys.push(...(page.Items ?? []).map((item) => String(item.sk)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  client.destroy();
  return keys;
}

async function objectsUnder(prefix: string): Promise<string[]> {
  const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return Contents.map((object) => object.Key ?? "");
}

const userObjects = async (userId: string) => [...(await objectsUnder(`receipts/${userId}/`)), ...(await objectsUnder(`imports/${userId}/`))];

function signIn(user: TestUser) {
  const cognito = new CognitoIdentityProviderClient({ endpoint: env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const clientId = (JSON.parse(env.SST_RESOURCE_UserPoolClient ?? "{}") as { id: string }).id;
  return cognito
    .send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: user.email, PASSWORD: user.password } }))
    .finally(() => cognito.destroy());
}

/** A user with everything a user can have: expenses (and so aggregates), an idempotency record, budgets, settings, a receipt and an import file. */
async function userWithData(): Promise<{ user: TestUser; api: Api; expenses: ExpenseJson[] }> {
  const user = await createTestUser();
  const api = apiAs(user.accessToken);
  const expenses: ExpenseJson[] = [];
  for (const [i, date] of ["2025-01-15", "2025-02-03", "2025-02-28", "2025-03-10"].entries()) {
    const res = await api.post<ExpenseJson>("/api/expenses", expenseBody({ date, amount: `${i + 1}.50`, category: i % 2 ? "Travel" : "Food" }), {
      headers: i === 0 ? { "idempotency-key": ulid() } : {},
    });
    expect(res.status).toBe(201);
    expenses.push(res.body);
  }
  expect((await api.put("/api/budgets", { budgets: [{ category: "Food", currency: "EUR", limit: "300" }] })).status).toBe(200);
  expect((await api.put("/api/settings", { defaultCurrency: "JPY", theme: "dark" })).status).toBe(200);
  const receiptKey = `receipts/${user.userId}/${expenses[0]?.id ?? ""}/${ulid()}`;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: receiptKey, Body: Buffer.from("%PDF-1.4 receipt"), ContentType: "application/pdf" }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `imports/${user.userId}/${ulid()}.csv`, Body: "date,amount\n2025-01-01,1.00\n", ContentType: "text/csv" }));
  return { user, api, expenses };
}

describe("DELETE /api/account", () => {
  it("removes every item, every file and the sign-in of the user, and nothing of another user", async () => {
    const [alice, bob] = await Promise.all([userWithData(), userWithData()]);
    const aliceItems = await partition(alice.user.userId);
    expect(aliceItems).toEqual(expect.arrayContaining(["SET", "BUD#Food", "AGG#2025-01#Food", "AGG#2025-02#Travel", `EXP#${alice.expenses[0]?.id ?? ""}`]));
    expect(aliceItems.some((sk) => sk.startsWith("IDEM#"))).toBe(true);
    expect(await userObjects(alice.user.userId)).toHaveLength(2);
    const bobBefore = { items: await partition(bob.user.userId), objects: await userObjects(bob.user.userId) };

    const res = await alice.api.delete("/api/account", { json: { confirmEmail: alice.user.email.toUpperCase() } });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();

    // Only the marker that keeps the account closed stays (it expires long after her last token has).
    expect(await partition(alice.user.userId)).toEqual(["ACCOUNT#CLOSED"]);
    expect(await userObjects(alice.user.userId)).toEqual([]);
    await expect(signIn(alice.user)).rejects.toMatchObject({ name: expect.stringMatching(/^(UserNotFoundException|NotAuthorizedException)$/) });
    // Cognito no longer honours her token: a repeated request is unauthenticated, not a second deletion.
    expect((await alice.api.delete<Problem>("/api/account", { json: { confirmEmail: alice.user.email } })).status).toBe(401);

    expect(await partition(bob.user.userId)).toEqual(bobBefore.items);
    expect(await userObjects(bob.user.userId)).toEqual(bobBefore.objects);
    await expect(signIn(bob.user)).resolves.toMatchObject({ AuthenticationResult: expect.anything() });
    expect((await bob.api.get<ExpenseList>("/api/expenses")).body.items).toHaveLength(4);
    expect((await bob.api.get<BudgetList>("/api/budgets")).body.budgets).toHaveLength(1);
    expect((await bob.api.get<Settings>("/api/settings")).body).toEqual({ defaultCurrency: "JPY", theme: "dark" });
  });

  it("refuses every write made afterwards with a token that still verifies (401), and stores nothing", async () => {
    const alice = await userWithData();
    expect((await alice.api.delete("/api/account", { json: { confirmEmail: alice.user.email } })).status).toBe(204);
    const [first] = alice.expenses;
    const writes = [
      () => alice.api.post("/api/expenses", expenseBody()),
      () => alice.api.post("/api/expenses", expenseBody(), { headers: { "idempotency-key": ulid() } }),
      () => alice.api.put("/api/settings", { defaultCurrency: "USD", theme: "light" }),
      () => alice.api.put("/api/budgets", { budgets: [{ category: "Rent", currency: "EUR", limit: "900" }] }),
      () => alice.api.post("/api/scans", { contentType: "image/jpeg", size: 1000, today: "2025-03-14", currency: "EUR" }),
      () => alice.api.post("/api/imports", { fileName: "bank.csv", size: 100, contentType: "text/csv" }),
    ];
    for (const write of writes) {
      const res = await write();
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ type: "https://ledgerline.dev/problems/account-closed", status: 401, detail: "This account has been deleted. Sign up again to keep using Ledgerline." });
    }
    // What she had is gone, so it cannot be changed either; reads find nothing.
    expect((await alice.api.patch(`/api/expenses/${first?.id ?? ""}`, { description: "x" }, { headers: { "if-match": `"${first?.version ?? 1}"` } })).status).toBe(404);
    expect((await alice.api.get<ExpenseList>("/api/expenses")).body.items).toEqual([]);
    // The request counters (RATE#, expiring after two windows) are all a refused request leaves.
    expect((await partition(alice.user.userId)).filter((sk) => !sk.startsWith("RATE#"))).toEqual(["ACCOUNT#CLOSED"]);
    expect(await userObjects(alice.user.userId)).toEqual([]);
  });

  it("refuses another email with a 422 naming confirmEmail and deletes nothing — also another user's email", async () => {
    const [alice, bob] = await Promise.all([userWithData(), createTestUser()]);
    const before = await partition(alice.user.userId);
    for (const confirmEmail of ["someone@example.com", bob.email, alice.user.email.replace("@", "@x")]) {
      const res = await alice.api.delete<Problem>("/api/account", { json: { confirmEmail } });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: "confirmEmail", message: "is not the email you sign in with" }]);
    }
    // Bob's token with Alice's email: the account deleted is always the token's, and the email must be its own.
    const asBob = await apiAs(bob.accessToken).delete<Problem>("/api/account", { json: { confirmEmail: alice.user.email } });
    expect(asBob.status).toBe(422);
    expect(await partition(alice.user.userId)).toEqual(before);
    expect(await userObjects(alice.user.userId)).toHaveLength(2);
    await expect(signIn(alice.user)).resolves.toMatchObject({ AuthenticationResult: expect.anything() });
    await expect(signIn(bob)).resolves.toMatchObject({ AuthenticationResult: expect.anything() });
  });

  it.each([
    [{}, "confirmEmail", 422],
    [{ confirmEmail: "" }, "confirmEmail", 422],
    [{ confirmEmail: "a@b.c", userId: "x" }, "userId", 422],
  ])("refuses the body %j (%s)", async (json, path, status) => {
    const user = await createTestUser();
    const res = await apiAs(user.accessToken).delete<Problem>("/api/account", { json });
    expect(res.status).toBe(status);
    expect(res.body.errors?.map((e) => e.path)).toContain(path);
    await expect(signIn(user)).resolves.toMatchObject({ AuthenticationResult: expect.anything() });
  });

  it("refuses a missing body (415) and an unsigned request (401)", async () => {
    const user = await createTestUser();
    expect((await apiAs(user.accessToken).delete("/api/account")).status).toBe(415);
    expect((await apiAs(null).delete("/api/account", { json: { confirmEmail: user.email } })).status).toBe(401);
    await expect(signIn(user)).resolves.toMatchObject({ AuthenticationResult: expect.anything() });
  });
});
