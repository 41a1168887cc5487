import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "@/lib/dynamo-client";
import { localStackEnv, tableNameFrom } from "@/local/test-stack";
import type { BudgetList, Problem } from "@/lib/schemas";
import { createTestUser, type TestUser } from "@/local/test-users";
import { apiAs, type Api } from "../expenses/test-client";

/** Low enough to reach in a test; each other test stays well below it with its own user. */
const WRITE_LIMIT = 20;
const previousLimit = process.env.LEDGERLINE_WRITE_LIMIT;
let anonymous: Api;
let env: Record<string, string>;
const client = () => createDocumentClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });

beforeAll(() => {
  env = localStackEnv();
  process.env.LEDGERLINE_WRITE_LIMIT = String(WRITE_LIMIT);
  anonymous = apiAs(null);
});
afterAll(() => {
  // process.env outlives this file in its worker: leave the limit as other files expect it.
  if (previousLimit === undefined) delete process.env.LEDGERLINE_WRITE_LIMIT;
  else process.env.LEDGERLINE_WRITE_LIMIT = previousLimit;
});

async function newUser(): Promise<{ user: TestUser; api: Api }> {
  const user = await createTestUser();
  return { user, api: apiAs(user.accessToken) };
}

/** The user's budget items as stored (keys and update times), read straight from the table. */
async function budgetItems(userId: string) {
  const { Items = [] } = await client().send(
    new QueryCommand({
      TableName: tableNameFrom(env),
      KeyConditionExpression: "userId = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": userId, ":prefix": "BUD#" },
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => ({ sk: item.sk as string, updatedAt: item.updatedAt as string, limits: item.limits as Record<string, number> }));
}

const budget = (category: string, currency: string, limit: string) => ({ category, currency, limit });

describe("budgets API", () => {
  it("starts empty, stores a full list and answers it by category then currency with exact decimals", async () => {
    const { user, api } = await newUser();
    expect((await api.get<BudgetList>("/api/budgets")).body).toEqual({ budgets: [] });
    const put = await api.put<BudgetList>("/api/budgets", {
      budgets: [budget("travel", "JPY", "50000"), budget("Food", "EUR", "400.5"), budget("Food", "KWD", "1.234"), budget("Dog food", "EUR", "25")],
    });
    const expected = {
      budgets: [budget("Dog food", "EUR", "25.00"), budget("Food", "EUR", "400.50"), budget("Food", "KWD", "1.234"), budget("Travel", "JPY", "50000")],
    };
    expect(put).toMatchObject({ status: 200, body: expected });
    expect(put.headers.get("cache-control")).toBe("private, no-store");
    expect((await api.get<BudgetList>("/api/budgets")).body).toEqual(expected);
    expect((await budgetItems(user.userId)).map((item) => [item.sk, item.limits])).toEqual([
      ["BUD#Dog food", { EUR: 2500 }],
      ["BUD#Food", { EUR: 40050, KWD: 1234 }],
      ["BUD#Travel", { JPY: 50000 }],
    ]);
  });

  it("replaces: a repeated PUT writes nothing, an absent entry or a 0 limit removes it", async () => {
    const { user, api } = await newUser();
    const body = { budgets: [budget("Food", "EUR", "100"), budget("Food", "USD", "50"), budget("Travel", "EUR", "300"), budget("Health", "EUR", "20")] };
    await api.put("/api/budgets", body);
    const stored = await budgetItems(user.userId);
    expect((await api.put<BudgetList>("/api/budgets", body)).status).toBe(200);
    expect(await budgetItems(user.userId)).toEqual(stored);

    const next = await api.put<BudgetList>("/api/budgets", { budgets: [budget("Food", "EUR", "100"), budget("Food", "USD", "0"), budget("Travel", "EUR", "0.00")] });
    expect(next.body).toEqual({ budgets: [budget("Food", "EUR", "100.00")] });
    expect((await api.get<BudgetList>("/api/budgets")).body).toEqual(next.body);
    expect((await budgetItems(user.userId)).map((item) => item.sk)).toEqual(["BUD#Food"]);

    expect((await api.put<BudgetList>("/api/budgets", { budgets: [] })).body).toEqual({ budgets: [] });
    expect(await budgetItems(user.userId)).toEqual([]);
  });

  it("replaces 100 categories with 100 others (more than one transaction holds)", async () => {
    const { user, api } = await newUser();
    const many = (prefix: string) => Array.from({ length: 100 }, (_, i) => budget(`${prefix} ${String(i).padStart(3, "0")}`, "EUR", `${i + 1}`));
    await api.put("/api/budgets", { budgets: many("Old") });
    const res = await api.put<BudgetList>("/api/budgets", { budgets: many("New") });
    expect(res.status).toBe(200);
    expect(res.body.budgets).toHaveLength(100);
    const items = await budgetItems(user.userId);
    expect(items).toHaveLength(100);
    expect(items.every((item) => item.sk.startsWith("BUD#New "))).toBe(true);
  });

  it.each([
    [{ budgets: [budget("Food", "EUR", "1"), budget("Travel", "EUR", "2"), budget("food", "EUR", "3")] }, "budgets.2"],
    [{ budgets: [budget("Food", "EUR", "1.234")] }, "budgets.0.limit"],
    [{ budgets: [budget("Food", "EUR", "-1")] }, "budgets.0.limit"],
    [{ budgets: [{ category: "Food", currency: "EUR", limit: 10 }] }, "budgets.0.limit"],
    [{ budgets: [budget("Food", "EURO", "1")] }, "budgets.0.currency"],
    [{ budgets: [budget(" ", "EUR", "1")] }, "budgets.0.category"],
    [{ budgets: Array.from({ length: 101 }, (_, i) => budget(`C${i}`, "EUR", "1")) }, "budgets"],
    [{ budgets: [], userId: "someone" }, "userId"],
  ])("refuses %j with a 422 naming %s and changes nothing", async (body, path) => {
    const { api } = await newUser();
    await api.put("/api/budgets", { budgets: [budget("Food", "EUR", "9")] });
    const res = await api.put<Problem>("/api/budgets", body);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.errors?.map((e) => e.path)).toContain(path);
    expect((await api.get<BudgetList>("/api/budgets")).body).toEqual({ budgets: [budget("Food", "EUR", "9.00")] });
  });

  it("refuses a body that is not JSON (400), not sent as JSON (415) or over 64 KB (413)", async () => {
    const { api } = await newUser();
    expect((await api.request("PUT", "/api/budgets", { body: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await api.request("PUT", "/api/budgets", { body: "{}", headers: { "content-type": "text/plain" } })).status).toBe(415);
    const huge = { budgets: [budget("x".repeat(70_000), "EUR", "1")] };
    expect((await api.put("/api/budgets", huge)).status).toBe(413);
  });

  it("keeps each user's budgets their own", async () => {
    const [alice, bob] = await Promise.all([newUser(), newUser()]);
    await alice.api.put("/api/budgets", { budgets: [budget("Food", "EUR", "100")] });
    expect((await bob.api.get<BudgetList>("/api/budgets")).body).toEqual({ budgets: [] });
    await bob.api.put("/api/budgets", { budgets: [] });
    expect((await alice.api.get<BudgetList>("/api/budgets")).body).toEqual({ budgets: [budget("Food", "EUR", "100.00")] });
  });

  it("counts every PUT as a write: past the limit it is a 429 with Retry-After", async () => {
    const { api } = await newUser();
    // The limit counts per fixed 60 s window: start early in one, so the window cannot roll over mid-test.
    const intoWindow = (Date.now() / 1000) % 60;
    if (intoWindow > 45) await new Promise((resolve) => setTimeout(resolve, (61 - intoWindow) * 1000));
    const statuses: number[] = [];
    for (let i = 0; i < WRITE_LIMIT + 2; i++) statuses.push((await api.put("/api/budgets", { budgets: [budget("Food", "EUR", `${i + 1}`)] })).status);
    expect(statuses.slice(0, WRITE_LIMIT).every((status) => status === 200)).toBe(true);
    const refused = await api.put<Problem>("/api/budgets", { budgets: [] });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await api.get<BudgetList>("/api/budgets")).status).toBe(200);
  });

  it.each(["GET", "PUT"])("asks to sign in on %s without a token", async (method) => {
    const res = await anonymous.request<Problem>(method, "/api/budgets", method === "PUT" ? { json: { budgets: [] } } : {});
    expect(res.status).toBe(401);
  });
});
