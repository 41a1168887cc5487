import { beforeAll, describe, expect, it } from "vitest";
import { expenseBody } from "@/lib/expenses/test-support";
import { localStackEnv } from "@/local/test-stack";
import type { ExpenseJson, ExpenseList, Problem, Summary } from "@/lib/schemas";
import { createTestUser } from "@/local/test-users";
import { apiAs, type Api } from "./test-client";

const WRITE_LIMIT = 150;
let alice: Api;
let bob: Api;
let anonymous: Api;

beforeAll(async () => {
  localStackEnv();
  process.env.LEDGERLINE_WRITE_LIMIT = String(WRITE_LIMIT);
  // One window for the whole file: a burst can never straddle a window's start, so the 429 is certain.
  process.env.LEDGERLINE_WRITE_WINDOW_SECONDS = String(365 * 24 * 60 * 60);
  const [a, b] = await Promise.all([createTestUser(), createTestUser()]);
  alice = apiAs(a.accessToken);
  bob = apiAs(b.accessToken);
  anonymous = apiAs(null);
});

async function newUserApi(): Promise<Api> {
  return apiAs((await createTestUser()).accessToken);
}

async function created(api: Api, overrides: Record<string, unknown> = {}): Promise<ExpenseJson> {
  const res = await api.post<ExpenseJson>("/api/expenses", expenseBody(overrides));
  expect(res.status).toBe(201);
  return res.body;
}

describe("expenses API: round trip", () => {
  it("creates, reads, patches and deletes an expense with ETags, Location and exact amounts", async () => {
    const api = await newUserApi();
    const post = await api.post<ExpenseJson>("/api/expenses", expenseBody({ amount: "1234.5", currency: "KWD", merchant: "Souq" }));
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({ amount: "1234.500", currency: "KWD", merchant: "Souq", version: 1 });
    expect(post.headers.get("location")).toBe(`/api/expenses/${post.body.id}`);
    expect(post.headers.get("etag")).toBe('"1"');
    expect(post.headers.get("cache-control")).toBe("private, no-store");

    const get = await api.get<ExpenseJson>(`/api/expenses/${post.body.id}`);
    expect(get).toMatchObject({ status: 200, body: post.body });
    expect(get.headers.get("etag")).toBe('"1"');

    const patch = await api.patch<ExpenseJson>(`/api/expenses/${post.body.id}`, { amount: "0.001", description: "Tea" }, { headers: { "if-match": '"1"' } });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ amount: "0.001", description: "Tea", version: 2 });
    expect(patch.headers.get("etag")).toBe('"2"');

    const stale = await api.patch<Problem>(`/api/expenses/${post.body.id}`, { description: "Coffee" }, { headers: { "if-match": '"1"' } });
    expect(stale.status).toBe(412);
    const missing = await api.patch<Problem>(`/api/expenses/${post.body.id}`, { description: "Coffee" });
    expect(missing.status).toBe(428);

    expect((await api.delete(`/api/expenses/${post.body.id}`)).status).toBe(204);
    expect((await api.get(`/api/expenses/${post.body.id}`)).status).toBe(404);
    expect((await api.delete(`/api/expenses/${post.body.id}`)).status).toBe(404);
  });

  it("lists newest first and summarises from the aggregates", async () => {
    const api = await newUserApi();
    const older = await created(api, { date: "2025-01-02", amount: "10.10" });
    const newer = await created(api, { date: "2025-02-03", amount: "5", category: "transport" });
    const list = await api.get<ExpenseList>("/api/expenses?limit=1");
    expect(list.body.items.map((e) => e.id)).toEqual([newer.id]);
    const next = await api.get<ExpenseList>(`/api/expenses?limit=1&cursor=${encodeURIComponent(list.body.nextCursor ?? "")}`);
    expect(next.body).toEqual({ items: [older], nextCursor: null });
    const summary = await api.get<Summary>("/api/summary?from=2025-01-01&to=2025-12-31");
    expect(summary.body.totals).toEqual([
      { month: "2025-01", currency: "EUR", category: "Food", amount: "10.10", count: 1 },
      { month: "2025-02", currency: "EUR", category: "Transport", amount: "5.00", count: 1 },
    ]);
  });

  it("serves its OpenAPI document", async () => {
    const res = await anonymous.get<{ openapi: string }>("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
  });
});

describe("expenses API: idempotency", () => {
  it("replays the first response for the same key and body, and refuses the key with another body", async () => {
    const api = await newUserApi();
    const headers = { "idempotency-key": "a8d9f1e0-key" };
    const first = await api.post<ExpenseJson>("/api/expenses", expenseBody(), { headers });
    const retry = await api.post<ExpenseJson>("/api/expenses", expenseBody(), { headers });
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("location")).toBe(first.headers.get("location"));
    const other = await api.post<Problem>("/api/expenses", expenseBody({ amount: "99.00" }), { headers });
    expect(other.status).toBe(422);
    expect(other.body.errors).toEqual([{ path: "Idempotency-Key", message: expect.any(String) }]);
    expect((await api.get<ExpenseList>("/api/expenses")).body.items).toHaveLength(1);
  });

  it("refuses a malformed key", async () => {
    const res = await alice.post<Problem>("/api/expenses", expenseBody(), { headers: { "idempotency-key": "has spaces" } });
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.path).toBe("Idempotency-Key");
  });
});

describe("expenses API: per-user data", () => {
  it("answers 404 on every route with another user's token and leaves the owner's data unchanged", async () => {
    const mine = await created(alice, { date: "2025-04-01", description: "Alice's" });
    const before = {
      item: await alice.get(`/api/expenses/${mine.id}`),
      list: await alice.get("/api/expenses?from=2025-04-01&to=2025-04-01"),
      summary: await alice.get("/api/summary?from=2025-04-01&to=2025-04-30"),
    };
    const url = `/api/expenses/${mine.id}`;
    expect((await bob.get(url)).status).toBe(404);
    expect((await bob.patch(url, { amount: "1.00" }, { headers: { "if-match": '"1"' } })).status).toBe(404);
    expect((await bob.delete(url)).status).toBe(404);
    expect((await bob.delete(url, { headers: { "if-match": '"1"' } })).status).toBe(404);
    expect((await bob.get<ExpenseList>("/api/expenses?from=2025-04-01&to=2025-04-01")).body.items).toEqual([]);
    expect((await bob.get<Summary>("/api/summary?from=2025-04-01&to=2025-04-30")).body.totals).toEqual([]);

    expect((await alice.get(`/api/expenses/${mine.id}`)).body).toEqual(before.item.body);
    expect((await alice.get(`/api/expenses/${mine.id}`)).headers.get("etag")).toBe('"1"');
    expect((await alice.get("/api/expenses?from=2025-04-01&to=2025-04-01")).body).toEqual(before.list.body);
    expect((await alice.get("/api/summary?from=2025-04-01&to=2025-04-30")).body).toEqual(before.summary.body);
  });

  it("ignores a userId smuggled into the body", async () => {
    const res = await bob.post<Problem>("/api/expenses", expenseBody({ userId: "someone" }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: "userId", message: "is not a known field" }]);
  });

  it("rejects another user's cursor with 400", async () => {
    for (let i = 0; i < 3; i++) await created(alice, { date: "2025-05-01" });
    const page = await alice.get<ExpenseList>("/api/expenses?limit=2");
    const res = await bob.get<Problem>(`/api/expenses?limit=2&cursor=${page.body.nextCursor ?? ""}`);
    expect(res.status).toBe(400);
  });

  it.each([
    ["GET", "/api/expenses"],
    ["POST", "/api/expenses"],
    ["GET", "/api/expenses/01JQ3Z8K4M5N6P7Q8R9S0T1V2W"],
    ["PATCH", "/api/expenses/01JQ3Z8K4M5N6P7Q8R9S0T1V2W"],
    ["DELETE", "/api/expenses/01JQ3Z8K4M5N6P7Q8R9S0T1V2W"],
    ["GET", "/api/summary?from=2025-01-01&to=2025-02-28"],
  ])("asks to sign in on %s %s without a token", async (method, url) => {
    const res = await anonymous.request<Problem>(method, url, method === "POST" || method === "PATCH" ? { json: expenseBody() } : {});
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("expenses API: malformed requests", () => {
  it("refuses a body over 64 KB with 413", async () => {
    const res = await alice.post<Problem>("/api/expenses", expenseBody({ description: "x".repeat(70_000) }));
    expect(res.status).toBe(413);
  });

  it("refuses a form post with 415", async () => {
    const res = await alice.request<Problem>("POST", "/api/expenses", { body: "amount=12", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(415);
  });

  it("refuses broken JSON with 400", async () => {
    const res = await alice.request<Problem>("POST", "/api/expenses", { body: '{"amount": "1', headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
  });

  it("names every invalid field in a 422", async () => {
    const res = await alice.post<Problem>("/api/expenses", expenseBody({ amount: 12.5, currency: "EURO", date: "2025-02-30" }));
    expect(res.status).toBe(422);
    expect(res.body.errors?.map((e) => e.path).sort()).toEqual(["amount", "currency", "date"]);
  });

  it("refuses a tampered cursor with 400", async () => {
    const res = await alice.get<Problem>("/api/expenses?cursor=eyJ1c2VySWQiOiJ4In0.AAAA");
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: "cursor", message: expect.any(String) }]);
  });

  it("answers 404 for an id that is not an expense id", async () => {
    expect((await alice.get("/api/expenses/not-an-id")).status).toBe(404);
  });
});

describe("expenses API: write rate limit", () => {
  it("answers 429 with Retry-After once a user exceeds the limit, without affecting others", async () => {
    const api = await newUserApi();
    const results = [];
    for (let i = 0; i < WRITE_LIMIT + 1; i += 30) {
      const batch = Array.from({ length: Math.min(30, WRITE_LIMIT + 1 - i) }, () => api.post("/api/expenses", expenseBody()));
      results.push(...(await Promise.all(batch)));
    }
    const limited = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 201)).toHaveLength(WRITE_LIMIT);
    expect(limited).toHaveLength(1);
    expect(Number(limited[0]?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await api.post("/api/expenses", expenseBody())).status).toBe(429);
    expect((await alice.post("/api/expenses", expenseBody())).status).toBe(201);
  });

  it("does not charge a replay with the same Idempotency-Key, and still answers one past the limit", async () => {
    const api = await newUserApi();
    const body = expenseBody({ description: "Paid once" });
    const key = { headers: { "idempotency-key": `replay-${Date.now()}` } };
    const first = await api.post<ExpenseJson>("/api/expenses", body, key);
    expect(first.status).toBe(201);
    for (let i = 0; i < 20; i++) {
      const replay = await api.post<ExpenseJson>("/api/expenses", body, key);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expect(replay.body.id).toBe(first.body.id);
    }
    // The first create was the only write charged: exactly WRITE_LIMIT - 1 more are accepted.
    let accepted = 0;
    for (;;) {
      const batch = await Promise.all(Array.from({ length: 25 }, () => api.post("/api/expenses", expenseBody())));
      accepted += batch.filter((r) => r.status === 201).length;
      if (batch.some((r) => r.status === 429)) break;
    }
    expect(accepted).toBe(WRITE_LIMIT - 1);
    const late = await api.post<ExpenseJson>("/api/expenses", body, key);
    expect(late.status).toBe(201);
    expect(late.body.id).toBe(first.body.id);
    expect((await api.post("/api/expenses", expenseBody(), { headers: { "idempotency-key": `new-${Date.now()}` } })).status).toBe(429);
  });
});
